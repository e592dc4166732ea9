"""The quality benchmark of the theme suggestions (issue #18): ``python -m bench.themes``.

For each hand-labelled set in bench/theme_sets/ — fi_sote and sv_sote, on which the engine
was tuned; fi_oppilaitos and sv_skola, held out from tuning (but their themes' topics were
named in the brief that the glossary, app/suggest/lexicon.py, was written from); fi_kunta and
sv_region, written blind to the engine (their topics, too, were in that brief); fi_blind and
sv_blind, written after the engine was final by someone who chose their settings and themes
and never saw the engine or the glossary — each method (the engine with Voikko, with its
fallback analyser only, with Voikko but without the glossary, and the exact-words baseline)
and each input (theme names only; names and descriptions; names with two notes of each theme
already put into it by hand, "+2 notes") it prints:

- right: the share of notes sorted into their labelled theme, all notes starting in none (an
  unassigned note is wrong unless it belongs nowhere; a nowhere-note is right only when
  unassigned); with "+2 notes", over the notes not put in by hand; "moved right": with theme
  names only, of the notes given a theme, the share given the right one (how many in brackets);
- candidates (asked with no themes given): how many labelled themes are found, by name (the
  candidate's base form is the theme name's base form or one of its compound parts) and by
  notes (a candidate's notes match the theme's notes with F1 >= 0.5);
- similar: labelled duplicate pairs found in one group, how many groups were proposed, and how
  many of those surely hold no duplicate (their notes lie in different labelled themes, or one
  belongs nowhere): a lower bound on the false groups a facilitator reads;
- the time of one suggest() on 300 notes: the first call in a fresh process (loading Voikko
  or simplemma's dictionary) and warm.
"""

import argparse
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.suggest import NoteText, ThemeText, engine
from app.suggest.analysers import analyser
from app.suggest.words import tokens

from . import theme_baseline as baseline

SETS = Path(__file__).parent / "theme_sets"
HELD_OUT = {"fi_oppilaitos", "sv_skola", "fi_kunta", "sv_region", "fi_blind", "sv_blind"}
# The engine with Voikko, with its fallback analyser only, with Voikko but without the
# thesaurus (lexicon.py: what words and compound parts alone achieve), and the baseline.
METHODS = ("voikko", "fallback", "no-thesaurus", "baseline")
SEEDED = 2  # notes per theme put into it by hand before sorting (the "+2 notes" column)


@dataclass
class LabelledSet:
    name: str
    language: str
    notes: list[NoteText]
    themes: list[ThemeText]
    truth: dict[int, int | None]  # note id → theme id (None: belongs nowhere)
    similar: list[tuple[int, int]]


def load(name: str) -> LabelledSet:
    data = yaml.safe_load((SETS / f"{name}.yaml").read_text(encoding="utf-8"))
    notes, themes, truth, by_text = [], [], {}, {}
    for t, theme in enumerate(data["themes"], start=1):
        themes.append(ThemeText(t, theme["title"], theme.get("description", "")))
        for text in theme["notes"]:
            notes.append(NoteText(len(notes) + 1, text))
            truth[len(notes)] = t
            by_text[text] = len(notes)
    for text in data.get("nowhere", []):
        notes.append(NoteText(len(notes) + 1, text))
        truth[len(notes)] = None
        by_text[text] = len(notes)
    similar = [(by_text[a], by_text[b]) for a, b in data.get("similar", [])]
    return LabelledSet(name, data["language"], notes, themes, truth, similar)


def run(method: str, notes, themes, language):
    if method == "baseline":
        return baseline.suggest(notes, themes, language)
    return engine.suggest(
        notes,
        themes,
        language,
        use_voikko=method != "fallback",
        thesaurus=method != "no-thesaurus",
    )


def names_only(themes: list[ThemeText]) -> list[ThemeText]:
    return [ThemeText(t.id, t.title, "", t.group_id) for t in themes]


def right_share(labelled: LabelledSet, method: str, describe: bool) -> float:
    themes = labelled.themes if describe else names_only(labelled.themes)
    got = run(method, labelled.notes, themes, labelled.language).assignments
    right = sum(1 for a in got if a["theme_id"] == labelled.truth[a["note_id"]])
    return right / len(labelled.notes)


def proposal_precision(labelled: LabelledSet, method: str) -> str:
    """Theme names only: of the notes given a theme, the share given the right one ("a wrong
    move" is what costs a facilitator most; a note left in none is simply placed by hand)."""
    got = run(method, labelled.notes, names_only(labelled.themes), labelled.language).assignments
    proposed = [a for a in got if a["theme_id"] is not None]
    right = sum(1 for a in proposed if a["theme_id"] == labelled.truth[a["note_id"]])
    return f"{right / max(1, len(proposed)):.2f} ({len(proposed)})"


def seeded_share(labelled: LabelledSet, method: str, per_theme: int = SEEDED) -> float:
    """Theme names only, with the first ``per_theme`` notes of each theme already put into it
    by hand (as a facilitator drags a couple of obvious notes before sorting the rest); the
    share right over the other notes."""
    seeded, seen = {}, {}
    for note in labelled.notes:
        theme = labelled.truth[note.id]
        if theme is not None and seen.get(theme, 0) < per_theme:
            seen[theme] = seen.get(theme, 0) + 1
            seeded[note.id] = theme
    notes = [NoteText(n.id, n.text, seeded.get(n.id)) for n in labelled.notes]
    got = run(method, notes, names_only(labelled.themes), labelled.language).assignments
    right = sum(1 for a in got if a["theme_id"] == labelled.truth[a["note_id"]])
    return right / (len(labelled.notes) - len(seeded))


def base_terms(text: str, language: str) -> set[str]:
    """A theme name's base forms and compound parts, as the Voikko (or fallback) analyser
    gives them."""
    analyse = analyser(language, True)
    out = {text.strip().lower()}
    for token in tokens(text):
        word = analyse.word(token)
        out.add(word.base)
        out.update(b for _, b in word.parts)
    return out


def candidate_hits(labelled: LabelledSet, method: str) -> tuple[int, int, int]:
    got = run(method, labelled.notes, [], labelled.language).candidates
    by_name = by_notes = 0
    for theme in labelled.themes:
        names = base_terms(theme.title, labelled.language)
        mine = {i for i, t in labelled.truth.items() if t == theme.id}
        if any(base_terms(c["title"], labelled.language) & names for c in got):
            by_name += 1
        if any(f1(set(c["note_ids"]), mine) >= 0.5 for c in got):
            by_notes += 1
    return by_name, by_notes, len(got)


def f1(found: set, wanted: set) -> float:
    both = len(found & wanted)
    return 2 * both / (len(found) + len(wanted)) if both else 0.0


def similar_hits(labelled: LabelledSet, method: str) -> tuple[int, int, int]:
    """Labelled pairs found, groups proposed, groups across labelled themes."""
    groups = run(method, labelled.notes, [], labelled.language).similar
    group_of = {i: g for g, ids in enumerate(groups) for i in ids}
    found = sum(
        1 for a, b in labelled.similar if a in group_of and group_of.get(a) == group_of.get(b)
    )
    across = sum(
        1
        for ids in groups
        if None in {labelled.truth[i] for i in ids} or len({labelled.truth[i] for i in ids}) > 1
    )
    return found, len(groups), across


def three_hundred(labelled: LabelledSet) -> tuple[list[NoteText], list[ThemeText]]:
    """300 notes from the set's, repeated with a word of difference and distinct ids."""
    notes = []
    while len(notes) < 300:
        for note in labelled.notes:
            if len(notes) == 300:
                break
            round_ = len(notes) // len(labelled.notes)
            text = note.text if round_ == 0 else f"{note.text} ({round_})"
            notes.append(NoteText(len(notes) + 1, text))
    return notes, names_only(labelled.themes)


def warm_ms(labelled: LabelledSet, method: str) -> float:
    notes, themes = three_hundred(labelled)
    run(method, notes, themes, labelled.language)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        run(method, notes, themes, labelled.language)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def first_ms(name: str, method: str) -> float:
    """One call in a fresh process: what the first suggestion after a restart costs."""
    code = (
        "import time; from bench.themes import load, three_hundred, run;"
        f"s = load({name!r}); n, t = three_hundred(s); a = time.perf_counter();"
        f"run({method!r}, n, t, s.language); print((time.perf_counter() - a) * 1000)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def report(names: list[str], timing: bool) -> None:
    header = (
        f"{'set':<25}{'method':<13}{'right names':>12}{'right +desc':>12}{'+2 notes':>9}"
        f"{'moved right (n)':>16}"
        f"{'cand name/notes/of':>20}{'similar pairs':>14}{'groups':>7}{'across':>7}"
    )
    if timing:
        header += f"{'300: first ms':>14}{'warm ms':>9}"
    print(header)
    for name in names:
        labelled = load(name)
        label = name + (" (held out)" if name in HELD_OUT else "")
        for method in METHODS:
            by_name, by_notes, count = candidate_hits(labelled, method)
            found, groups, across = similar_hits(labelled, method)
            line = (
                f"{label if method == 'voikko' else '':<25}{method:<13}"
                f"{right_share(labelled, method, False):>12.2f}"
                f"{right_share(labelled, method, True):>12.2f}"
                f"{seeded_share(labelled, method):>9.2f}"
                f"{proposal_precision(labelled, method):>16}"
                f"{f'{by_name}/{by_notes}/{len(labelled.themes)} ({count})':>20}"
                f"{f'{found}/{len(labelled.similar)}':>14}{groups:>7}{across:>7}"
            )
            if timing:
                line += f"{first_ms(name, method):>14.0f}{warm_ms(labelled, method):>9.1f}"
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set names (default: all in bench/theme_sets)")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    names = args.sets or sorted(p.stem for p in SETS.glob("*.yaml"))
    report(names, not args.no_timing)


if __name__ == "__main__":
    main()
