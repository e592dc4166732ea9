"""The theme-suggestion engine (app/suggest) as a facilitator meets it: inflected and
compound forms find their theme, candidates name what recurs, notes that belong nowhere stay
unassigned, small groups keep to their own themes, duplicates are grouped. Finnish runs with
Voikko and with the fallback analyser (constructed directly, as where Voikko is missing)."""

import pytest

from app.suggest import NoteText, ThemeText, suggest
from app.suggest.analysers import analyser
from app.suggest.engine import suggest as engine_suggest
from app.suggest.fallback import SimplemmaAnalyser
from app.suggest.voikko import VoikkoAnalyser
from bench.themes import load, right_share

ANALYSERS = [True, False]  # Voikko, and the fallback analyser


def notes_of(*texts, theme_id=None, group_id=None, start=1):
    return [NoteText(start + i, t, theme_id, group_id) for i, t in enumerate(texts)]


def theme_of(result, note_id):
    return next(a["theme_id"] for a in result.assignments if a["note_id"] == note_id)


@pytest.mark.parametrize("voikko", ANALYSERS)
def test_inflected_and_compound_forms_find_their_theme(voikko):
    notes = notes_of(
        "Tietoturvakoulutusta kaikille",
        "tietoturvaohjeista ei kerrottu",
        "Perehdytykseen selkeä runko",
        "Uusien työntekijöiden perehdyttäminen",
        "Kirjaamiseen menee liikaa aikaa",
    )
    themes = [
        ThemeText(10, "Tietoturva"),
        ThemeText(11, "Perehdytys"),
        ThemeText(12, "Kirjaaminen"),
    ]
    result = engine_suggest(notes, themes, "fi", use_voikko=voikko)
    assert [theme_of(result, i) for i in range(1, 6)] == [10, 10, 11, 11, 12]
    assert all(0 < a["score"] <= 1 for a in result.assignments)


@pytest.mark.parametrize("voikko", ANALYSERS)
def test_tietoturva_is_a_candidate_from_compound_notes(voikko):
    notes = notes_of(
        "Tietoturvakoulutus kaikille",
        "Tietoturvaohjeet ajan tasalle",
        "Tietoturvapoikkeamien ilmoittaminen",
        "Perehdytys jää kiireen jalkoihin",
        "Kahvia taukotilaan",
        "Vuorolistat aikaisemmin",
    )
    candidates = engine_suggest(notes, [], "fi", use_voikko=voikko).candidates
    titles = [c["title"] for c in candidates]
    assert {"title": "tietoturva", "note_ids": [1, 2, 3]} in candidates
    assert "tieto" not in titles and "turva" not in titles
    assert all(len(c["note_ids"]) >= 2 for c in candidates)


def test_no_candidate_repeats_an_existing_theme_or_a_stop_word():
    notes = notes_of(
        "Tietoturvakoulutus on hyvä asia",
        "Tietoturvaohjeet on hyvä asia",
        "Perehdytys on hyvä asia",
        "Perehdytyskansio on hyvä asia",
    )
    themes = [ThemeText(10, "Tietoturva")]
    titles = [c["title"] for c in suggest(notes, themes, "fi").candidates]
    assert "perehdytys" in titles
    assert not {"tietoturva", "tieto", "turva", "hyvä", "asia", "olla"} & set(titles)


@pytest.mark.parametrize("voikko", ANALYSERS)
def test_a_note_that_belongs_nowhere_is_left_unassigned(voikko):
    notes = notes_of("Tietoturvakoulutusta kaikille", "Parkkipaikat henkilökunnalle!!")
    result = engine_suggest(notes, [ThemeText(10, "Tietoturva")], "fi", use_voikko=voikko)
    assert result.assignments[1] == {"note_id": 2, "theme_id": None, "score": 0.0}


def test_a_note_matches_only_the_themes_of_its_own_small_group():
    notes = [
        NoteText(1, "Tietoturvakoulutusta kaikille", group_id=1),
        NoteText(2, "Tietoturvaohjeet ajan tasalle", group_id=2),
        NoteText(3, "tietoturva kuntoon"),
    ]
    themes = [ThemeText(10, "Tietoturva", group_id=2), ThemeText(11, "Tietoturva")]
    result = suggest(notes, themes, "fi")
    assert [theme_of(result, i) for i in (1, 2, 3)] == [None, 10, 11]


def test_every_unthemed_note_is_covered_in_order_and_themed_notes_are_not():
    notes = [
        NoteText(5, "Tietoturvakoulutusta"),
        NoteText(3, "Salasanat vaihtoon", theme_id=10),
        NoteText(9, "En osaa sanoa"),
        NoteText(1, "Perehdytys"),
    ]
    result = suggest(notes, [ThemeText(10, "Tietoturva")], "fi")
    assert [a["note_id"] for a in result.assignments] == [5, 9, 1]


def test_notes_already_in_a_theme_tell_what_it_is_about():
    """A theme named by a word no note uses still draws notes like the ones already in it."""
    themed = notes_of("Vuorolistat julki aiemmin", "Vuorolistojen vaihtopyynnöt", theme_id=10)
    open_notes = notes_of("vuorolistojen toiveet huomioon", "Kahvia lisää", start=3)
    result = suggest(themed + open_notes, [ThemeText(10, "Arjen sujuvuus")], "fi")
    assert [theme_of(result, 3), theme_of(result, 4)] == [10, None]


def test_likely_duplicates_are_grouped_and_unrelated_notes_are_not():
    notes = notes_of(
        "Tietoturvakoulutusta kaikille työntekijöille",
        "Perehdytykseen selkeä runko ja tarkistuslista",
        "tietoturvakoulutus kaikille työntekijöille!",
        "Kahvia lisää taukotilaan",
        "Perehdytykseen selkeä runko ja tarkistuslista.",
        "Tietoturvaohjeet ajan tasalle",
    )
    similar = suggest(notes, [], "fi").similar
    assert sorted(similar) == [[1, 3], [2, 5]]


def test_swedish_compounds_find_their_theme_and_name_a_candidate():
    notes = notes_of(
        "Informationssäkerhetsutbildning för alla",
        "informationssäkerheten brister i pausrummet",
        "Anvisningar om informationssäkerhet saknas",
        "Introduktionen av nyanställda behöver en checklista",
        "mer kaffe",
    )
    themes = [ThemeText(10, "Informationssäkerhet"), ThemeText(11, "Introduktion")]
    result = suggest(notes, themes, "sv")
    assert [theme_of(result, i) for i in range(1, 6)] == [10, 10, 10, 11, None]
    titles = [c["title"] for c in suggest(notes, [], "sv").candidates]
    assert titles[0] == "informationssäkerhet"


def test_swedish_compound_parts_with_a_linking_s():
    word = analyser("sv").word("informationssäkerhetsutbildningen")
    assert word.base == "informationssäkerhetsutbildning"
    assert [base for _, base in word.parts] == ["information", "säkerhet", "utbildning"]


def test_the_fallback_analyser_splits_finnish_compounds_without_voikko():
    fallback = SimplemmaAnalyser("fi")
    word = fallback.word("tietoturvaohjeita")
    assert word.base == "tietoturvaohje"
    assert "tietoturva" in word.spans()
    assert fallback.word("perehdytykseen").base == "perehdytys"
    assert not fallback.word("ja").content


def test_voikko_is_used_for_finnish_where_the_system_has_it():
    assert isinstance(analyser("fi"), VoikkoAnalyser)
    assert isinstance(analyser("sv"), SimplemmaAnalyser)
    assert analyser("fi").word("tietoturvan").base == "tietoturva"


def test_english_workshops_are_served():
    notes = notes_of("Password hygiene training", "passwords and phishing", "more coffee")
    result = suggest(notes, [ThemeText(10, "Security")], "en")
    assert [a["theme_id"] for a in result.assignments] == [10, 10, None]


def test_the_same_input_gives_the_same_output():
    labelled = load("fi_sote")
    first = suggest(labelled.notes, labelled.themes, "fi")
    assert suggest(list(labelled.notes), list(labelled.themes), "fi") == first


def test_the_benchmark_sorts_most_fi_sote_notes_by_theme_names_alone():
    """Regression guard on the quality benchmark (python -m bench.themes)."""
    assert right_share(load("fi_sote"), "voikko", describe=False) >= 0.7


def test_words_of_one_derivational_family_find_their_theme():
    """Voikko's derivational roots: "ohjaaminen" and "Ohjaus" are both from "ohjata"."""
    notes = notes_of("Opiskelijoiden ohjaaminen verkossa", "Kahvia lisää")
    result = engine_suggest(notes, [ThemeText(10, "Ohjaus")], "fi", thesaurus=False)
    assert [theme_of(result, 1), theme_of(result, 2)] == [10, None]


@pytest.mark.parametrize("voikko", ANALYSERS)
def test_a_hyphenated_word_with_an_unknown_abbreviation_finds_its_theme(voikko):
    notes = notes_of("ISBAR-raportointi vuoronvaihtoon", "Perehdytyskansio ajan tasalle")
    themes = [ThemeText(10, "Raportointi"), ThemeText(11, "Perehdytys")]
    result = engine_suggest(notes, themes, "fi", use_voikko=voikko)
    assert [theme_of(result, 1), theme_of(result, 2)] == [10, 11]


def test_a_note_with_a_hint_only_in_a_compound_part_stays_unassigned():
    """ "taukotila" hints at wellbeing once; the theme's name and its description do not
    both count that one hint."""
    themes = [ThemeText(10, "Työhyvinvointi", "Jaksaminen, kuormitus ja hyvinvointi")]
    notes = notes_of("kahvia lisää taukotilaan", "Jaksaminen vuorotyössä")
    result = suggest(notes, themes, "fi")
    assert [theme_of(result, 1), theme_of(result, 2)] == [None, 10]


@pytest.mark.parametrize("voikko", ANALYSERS)
def test_a_word_the_themes_notes_share_draws_a_note_with_no_other_tie(voikko):
    """The board's own associations: "taulukkolaskenta" is on two notes that clearly belong
    to "Digitaidot", so a third note with it goes there too."""
    notes = notes_of(
        "Digitaidot: taulukkolaskenta haltuun",
        "digitaitojen koulutus, taulukkolaskenta",
        "taulukkolaskenta kuntoon",
        "vuorolistat aiemmin",
    )
    themes = [ThemeText(10, "Digitaidot"), ThemeText(11, "Tietoturva")]
    result = engine_suggest(notes, themes, "fi", use_voikko=voikko, thesaurus=False)
    assert [theme_of(result, i) for i in range(1, 5)] == [10, 10, 10, None]


def test_swedish_verbal_nouns_and_compounds_keep_their_words():
    sv = analyser("sv")
    assert [b for _, b in sv.word("klientbemötandet").parts] == ["klient", "bemötande"]
    assert [b for _, b in sv.word("stresshantering").parts] == ["stress", "hantering"]
    assert sv.word("kompetens").base == "kompetens"


def test_paraphrased_duplicates_are_grouped_and_a_shared_topic_alone_is_not():
    notes = notes_of(
        "Miten puhua omaisille, jotka ovat pettyneitä hoitoon",
        "Keskustelu vihaisten omaisten kanssa on vaikeaa",
        "Kirjaamisen kertaus kaikille",
        "Kirjaamiseen menee liikaa aikaa",
        "Tietoturvaohjeet ajan tasalle",
        "Kahvia lisää taukotilaan",
    )
    assert suggest(notes, [], "fi").similar == [[1, 2]]
