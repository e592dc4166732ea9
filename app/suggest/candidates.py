"""Candidate theme names: the terms (base forms, compound parts and runs of parts) that recur
across the notes not yet in a theme, most notes first; not stop words, not words on most notes
(in a training workshop "koulutus" says nothing), not a theme there already, and not two
candidates for nearly the same notes. A compound's first parts count half ("tieto" in
"tietoturva" is less what the note is about than "turva"), and a part gives way to a compound
of it that covers most of its notes ("tietoturva" rather than "tieto")."""

from collections import defaultdict

from .data import NoteText, ThemeText
from .words import STEM, tokens

MAX_CANDIDATES = 12
MIN_NOTES = 2
GENERIC_SHARE = 0.5  # a term on more than this share of the notes is too general to name one
SAME_NOTES = 0.75  # candidates whose notes overlap this much (Jaccard) are one candidate
GIVES_WAY = 0.5  # a part whose notes a longer candidate covers this much gives way to it
MODIFIER = 0.5  # weight of a note where the term is only a compound's first part
MODIFIER_RUN = 0.75  # ... a run of first parts ("tietoturva" in "tietoturvakoulutus")
FAMILY = 6  # terms that begin alike this long are one word's family ("dokumentera", "-tion")
VERB = 0.7  # a recurring verb names a theme less well than a recurring noun


def note_terms(text: str, analyse) -> dict[str, float]:
    """The note's candidate terms, each with how much the note is about it (0..1)."""
    out: dict[str, float] = {}
    for token in tokens(text):
        word = analyse.word(token)
        if not word.content:
            continue
        found = {word.base: 1.0 if word.noun else VERB}
        last = len(word.parts) - 1
        head = "".join(s for s, _ in word.parts[:last]) if last else ""
        for span in word.spans():
            if span in analyse.stop or len(span) <= 3:
                continue
            # A span that ends the word is its head; one that does not is a modifier.
            ends = span.endswith(word.parts[-1][1]) and not head.endswith(span)
            modifier = MODIFIER if span in {b for _, b in word.parts} else MODIFIER_RUN
            found[span] = max(found.get(span, 0.0), 1.0 if ends else modifier)
        for term, weight in found.items():
            out[term] = max(out.get(term, 0.0), weight)
    return out


def theme_words(themes: list[ThemeText], analyse) -> set[str]:
    """What the existing themes are already called: their names, their words' base forms and
    compound parts."""
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
    weights: dict[str, dict[int, float]] = defaultdict(dict)
    for note in notes:
        for term, weight in note_terms(note.text, analyse).items():
            weights[term][note.id] = weight
    n = len(notes)
    taken = theme_words(themes, analyse)
    weights = families(weights)
    covered = {
        term: set(by_note)
        for term, by_note in weights.items()
        if len(by_note) >= MIN_NOTES
        and not (n >= 6 and len(by_note) > GENERIC_SHARE * n)
        and term not in taken
    }
    ranked = sorted(covered, key=lambda t: (-sum(weights[t].values()), -len(covered[t]), t))
    chosen: list[tuple[str, set[int]]] = []
    for term in ranked:
        ids = covered[term]
        if gives_way(term, ids, covered):
            continue
        if any(near(term, ids, other, other_ids) for other, other_ids in chosen):
            continue
        chosen.append((term, ids))
        if len(chosen) == MAX_CANDIDATES:
            break
    return [{"title": term, "note_ids": sorted(ids)} for term, ids in chosen]


def families(weights: dict[str, dict[int, float]]) -> dict[str, dict[int, float]]:
    """One candidate for a word's family: "dokumentation" for its notes and "dokumentera"'s,
    named by the member on the most notes."""
    by_key = defaultdict(list)
    for term in weights:
        if len(term) > FAMILY:
            by_key[term[:FAMILY]].append(term)
    out = dict(weights)
    for members in by_key.values():
        if len(members) < 2 or any(a != b and a in b for a in members for b in members):
            continue
        name = max(members, key=lambda t: (sum(weights[t].values()), -len(t), t))
        merged: dict[int, float] = {}
        for term in members:
            for note_id, weight in weights[term].items():
                merged[note_id] = max(merged.get(note_id, 0.0), weight)
            del out[term]
        out[name] = merged
    return out


def near(term: str, ids: set[int], other: str, other_ids: set[int]) -> bool:
    """Nearly the same notes, or two forms of one word ("dokumentation", "dokumentera")
    for overlapping notes."""
    if len(ids & other_ids) / len(ids | other_ids) >= SAME_NOTES:
        return True
    return term[:STEM] == other[:STEM] and len(term) > STEM and bool(ids & other_ids)


def gives_way(term: str, ids: set[int], covered: dict[str, set[int]]) -> bool:
    """A compound part yields to a longer candidate containing it that covers most of its
    notes: "tieto" to "tietoturva"."""
    return any(
        other != term and term in other and len(ids & other_ids) >= GIVES_WAY * len(ids)
        for other, other_ids in covered.items()
    )
