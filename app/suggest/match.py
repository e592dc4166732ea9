"""How well a note fits a theme's name or description, word by word: a name word found in the
note as a word or inside a compound fits fully; its compound parts, its thesaurus concept
(lexicon.py) or its prefix stem fit partly."""

from collections import Counter

from .words import Word, tokens

EXACT = 1.0
PARTS = 0.8  # times the (head-weighted) share of the name word's parts found in the note
CONCEPT = 0.75  # a shared thesaurus concept, times both sides' strengths
STEM = 0.45  # a shared prefix stem: a derivation ("perehtyminen" for "perehdytys") or a typo


def content_words(text: str, analyse) -> list[Word]:
    seen, out = set(), []
    for token in tokens(text):
        word = analyse.word(token)
        if word.content and word.base not in seen:
            seen.add(word.base)
            out.append(word)
    return out


def word_fit(word: Word, note: Counter, stop: frozenset) -> float:
    """How well one name (or description) word is present in a note's bag of terms."""
    return word_match(word, note, stop)[0]


def word_match(word: Word, note: Counter, stop: frozenset) -> tuple[float, set[str]]:
    """word_fit, and the note's terms that made the fit."""
    if note.get(word.base, 0.0) >= 0.5:
        return EXACT, {word.base}
    best, used = 0.0, set()
    parts = word.content_parts(stop)
    if parts:
        found = [(b, w) for b, w in parts if b in note]
        if found:
            best = PARTS * sum(w for _, w in found) / sum(w for _, w in parts)
            used = {b for b, _ in found}
    for concept, strength in word.concepts():
        if concept in note:
            fit = CONCEPT * (strength / 0.8) * min(1.0, note[concept] / 0.8)
            if fit > best:
                best, used = fit, {concept}
    stems = [stem for stem in word.stems() if stem in note]
    if stems and STEM > best:
        best, used = STEM, set(stems)
    return best, used


def name_fit(words: list[Word], rarity: dict[str, float], note: Counter, stop) -> float:
    """A name's fit: half its best word's, half the rarity-weighted mean of its words', so
    that "Digital kompetens" is about "digital" more than about "kompetens"."""
    return name_match(words, rarity, note, stop)[0]


def name_match(words: list[Word], rarity: dict[str, float], note: Counter, stop):
    """name_fit, and the note's terms that made it."""
    if not words:
        return 0.0, set()
    matches = [word_match(w, note, stop) for w in words]
    fits = [fit for fit, _ in matches]
    weights = [rarity.get(w.base, 1.0) for w in words]
    mean = sum(f * w for f, w in zip(fits, weights, strict=True)) / sum(weights)
    return 0.5 * max(fits) + 0.5 * mean, set().union(*(used for _, used in matches))


def description_fit(words: list[Word], rarity: dict[str, float], note: Counter, stop) -> float:
    """A description lists what belongs: one rare word of it present is evidence."""
    return max((word_fit(w, note, stop) * rarity.get(w.base, 1.0) for w in words), default=0.0)
