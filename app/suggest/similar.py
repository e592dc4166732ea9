"""Likely duplicates: notes that say the same thing, often in other words ("Miten puhua
omaisille kun he ovat pettyneitä" and "Vihaisten omaisten kanssa keskustelu"). Two notes are
compared word by word: each content word of one is paired with at most one of the other, by the
same base form, a shared compound head or derivational stem ("kuormitus", "ylikuormittuminen")
or a shared thesaurus concept ("puhua", "keskustelu"); a pair counts by how rare its words are
on the board, so that the step's common words ("aika", "kiire") say little. Notes are alike
when at least two of their words pair up, one of them by its words rather than only by
concept, and the pairs cover enough of both notes. A group grows only by a note alike to
every note already in it (complete linkage), so that a chain of loosely similar notes does
not become one group."""

import math
from collections import defaultdict
from itertools import combinations

from .match import content_words
from .words import MIN_PART, Word

SIMILAR_AT = 0.3  # about a third of both notes' words pair up, weighted (see alike)
MIN_PAIRS = 2  # words that pair up: one shared word is a shared topic, not the same idea
SAME, RELATED, CONCEPT = 1.0, 0.8, 0.5  # how much a word pair counts, by kind
FAMILY = 7  # a word and its derivations share this many first letters (as in lexicon.py)


class Profile:
    """A note's content words, each with what it may pair up by."""

    def __init__(self, words: list[Word], stop: frozenset, rarity: dict[str, float]):
        self.words = words
        self.keys = [word_keys(w, stop) for w in words]
        self.rarity = [rarity.get(w.base, 1.0) for w in words]


def word_keys(word: Word, stop: frozenset) -> tuple[str, set[str], set[str]]:
    """The word's base form; its head part, the word it is derived from and derivational
    families (the first FAMILY letters of a longer word or head: "kuormit-"); its strong
    concepts."""
    heads = {word.base, word.root} - {""}
    if len(word.parts) > 1:
        head = word.parts[-1][1]
        if len(head) >= MIN_PART and head not in stop:
            heads.add(head)
    related = {h for h in heads if h != word.base}
    related.update("~" + h[:FAMILY] for h in heads if len(h) > FAMILY)
    concepts = {c for c, weight in word.concepts() if weight >= 0.8}
    return word.base, related, concepts


def pair_strength(a: tuple, b: tuple) -> tuple[float, bool]:
    """How much two words pair up, and whether by their words (not only a concept)."""
    if a[0] == b[0]:
        return SAME, True
    if a[1] & b[1] or a[0] in b[1] or b[0] in a[1]:
        return RELATED, True
    if a[2] & b[2]:
        return CONCEPT, False
    return 0.0, False


def concept_of_pair(a: tuple, b: tuple) -> str | None:
    shared = sorted(a[2] & b[2])
    return shared[0] if shared and not (a[0] == b[0] or a[1] & b[1]) else None


def alike(a: Profile, b: Profile) -> float:
    """0..1: the rarity-weighted share of both notes' words that pair up one to one; 0 when
    fewer than MIN_PAIRS pair up or none by its words."""
    options = []
    for i, ka in enumerate(a.keys):
        for j, kb in enumerate(b.keys):
            strength, worded = pair_strength(ka, kb)
            if strength:
                weight = strength * math.sqrt(a.rarity[i] * b.rarity[j])
                options.append((weight, worded, i, j, concept_of_pair(ka, kb)))
    options.sort(key=lambda o: (-o[0], o[2], o[3]))
    used_a, used_b, total, pairs, worded_any = set(), set(), 0.0, 0, False
    used_concepts = set()
    for weight, worded, i, j, concept in options:
        if i in used_a or j in used_b or concept in used_concepts:
            continue
        if concept:  # a topic's words pair up once: two notes on one topic are not alike
            used_concepts.add(concept)
        used_a.add(i)
        used_b.add(j)
        total += weight
        pairs += 1
        worded_any = worded_any or worded
    if pairs < MIN_PAIRS or not worded_any:
        return 0.0
    size_a = sum(a.rarity) or 1.0
    size_b = sum(b.rarity) or 1.0
    return total / math.sqrt(size_a * size_b)


def similar_groups(notes, analyse, idf: dict[str, float], n: int) -> list[list[int]]:
    top = math.log(1 + max(n, 1))
    profiles = {}
    for note in notes:
        words = content_words(note.text, analyse)
        rarity = {w.base: idf.get(w.base, top) / top for w in words}
        profiles[note.id] = Profile(words, analyse.stop, rarity)
    pairs = close_pairs([note.id for note in notes], profiles)
    group_of: dict[int, int] = {}
    groups: list[dict] = []
    for score, a, b in pairs:
        ga, gb = group_of.get(a), group_of.get(b)
        if ga is None and gb is None:
            group_of[a] = group_of[b] = len(groups)
            groups.append({"ids": [a, b], "score": score})
        elif (ga is None) != (gb is None):
            group, new = (ga, b) if ga is not None else (gb, a)
            members = groups[group]["ids"]
            if all(alike(profiles[new], profiles[m]) >= SIMILAR_AT for m in members):
                members.append(new)
                group_of[new] = group
    groups.sort(key=lambda g: (-g["score"], min(g["ids"])))
    return [sorted(g["ids"]) for g in groups]


def close_pairs(ids: list[int], profiles: dict[int, Profile]) -> list[tuple[float, int, int]]:
    """Pairs at least SIMILAR_AT alike and each other's closest, strongest first; only notes
    sharing a word, a head part or a stem are compared (an inverted index keeps 300 notes
    cheap)."""
    index = defaultdict(list)
    for note_id in ids:
        keys = set()
        for base, related, _ in profiles[note_id].keys:
            keys.add(base)
            keys.update(related)
        for key in keys:
            index[key].append(note_id)
    seen = set()
    scored = []
    for posting in index.values():
        for a, b in combinations(posting, 2):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            score = alike(profiles[a], profiles[b])
            if score > 0:
                scored.append((score, a, b))
    scored.sort(key=lambda p: (-p[0], p[1], p[2]))
    best: dict[int, float] = {}
    for score, a, b in scored:
        best.setdefault(a, score)
        best.setdefault(b, score)
    # Each note's closest: a note much like several others is on a common topic, not a
    # duplicate of one of them.
    return [
        (score, a, b)
        for score, a, b in scored
        if score >= SIMILAR_AT and score >= best[a] and score >= best[b]
    ]
