"""Candidate theme names: the terms (base forms, compound parts and runs of parts) that recur
across the notes not yet in a theme, most notes first; not stop words, not words on most notes
(in a training workshop "koulutus" says nothing), not a theme there already, and not two
candidates for nearly the same notes."""

from collections import defaultdict

from .data import NoteText, ThemeText
from .words import tokens

MAX_CANDIDATES = 12
MIN_NOTES = 2
GENERIC_SHARE = 0.5  # a term on more than this share of the notes is too general to name one
SAME_NOTES = 0.75  # candidates whose notes overlap this much (Jaccard) are one candidate
# Preferred among candidates for the same notes: a word someone wrote, then a run of compound
# parts ("tietoturva"), then a single part ("tieto").
WHOLE, SPAN, PART = 0, 1, 2
VERB_WEIGHT = 0.7  # a recurring verb names a theme less well than a recurring noun


def note_terms(text: str, analyse) -> dict[str, tuple[int, bool]]:
    """The note's terms with their kind and whether a noun gave them."""
    out: dict[str, tuple[int, bool]] = {}
    for token in tokens(text):
        word = analyse.word(token)
        if not word.content:
            continue
        found = [(word.base, WHOLE)]
        part_bases = {b for _, b in word.parts}
        for span in word.spans():
            if span not in analyse.stop and len(span) > 3:
                found.append((span, PART if span in part_bases else SPAN))
        for term, kind in found:
            kind0, noun0 = out.get(term, (PART + 1, False))
            out[term] = (min(kind, kind0), noun0 or word.noun or kind != WHOLE)
    return out


def theme_words(themes: list[ThemeText], analyse) -> set[str]:
    """What the existing themes are already called: their names and their words' base forms."""
    out = set()
    for theme in themes:
        out.add(theme.title.strip().lower())
        for token in tokens(theme.title):
            word = analyse.word(token)
            if word.content:
                out.add(word.base)
                out.update(word.spans())
    return out


def candidates(notes: list[NoteText], themes: list[ThemeText], analyse) -> list[dict]:
    covered: dict[str, set[int]] = defaultdict(set)
    kinds: dict[str, int] = {}
    nouns: dict[str, bool] = {}
    for note in notes:
        for term, (kind, noun) in note_terms(note.text, analyse).items():
            covered[term].add(note.id)
            kinds[term] = min(kind, kinds.get(term, PART))
            nouns[term] = nouns.get(term, False) or noun
    n = len(notes)
    taken = theme_words(themes, analyse)
    ranked = sorted(
        (
            (-len(ids) * (1.0 if nouns[term] else VERB_WEIGHT), kinds[term], len(term), term)
            for term, ids in covered.items()
            if len(ids) >= MIN_NOTES
            and not (n >= 6 and len(ids) > GENERIC_SHARE * n)
            and term not in taken
        ),
    )
    chosen: list[tuple[str, set[int]]] = []
    for *_, term in ranked:
        ids = covered[term]
        if any(len(ids & other) / len(ids | other) >= SAME_NOTES for _, other in chosen):
            continue
        chosen.append((term, ids))
        if len(chosen) == MAX_CANDIDATES:
            break
    return [{"title": term, "note_ids": sorted(ids)} for term, ids in chosen]
