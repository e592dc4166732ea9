"""Likely duplicates: notes that say the same thing, by the cosine similarity of their term
vectors. A group grows only by a note close to every note already in it (complete linkage),
so that a chain of loosely similar notes does not become one group."""

from collections import defaultdict
from itertools import combinations

SIMILAR_AT = 0.6  # precise rather than plentiful: paraphrases are left to the facilitator


def similar_groups(notes, vectors) -> list[list[int]]:
    pairs = close_pairs([note.id for note in notes], vectors)
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
            if all(similarity(vectors[new], vectors[m]) >= SIMILAR_AT for m in members):
                members.append(new)
                group_of[new] = group
    groups.sort(key=lambda g: (-g["score"], min(g["ids"])))
    return [sorted(g["ids"]) for g in groups]


def close_pairs(ids: list[int], vectors) -> list[tuple[float, int, int]]:
    """Pairs at least SIMILAR_AT alike, strongest first; only notes sharing a term are
    compared (an inverted index keeps 300 notes cheap)."""
    index = defaultdict(list)
    for note_id in ids:
        for term in vectors[note_id]:
            if term[0] not in "~#":  # duplicates share words, not only a stem or a concept
                index[term].append(note_id)
    seen = set()
    out = []
    for posting in index.values():
        for a, b in combinations(posting, 2):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            score = similarity(vectors[a], vectors[b])
            if score >= SIMILAR_AT:
                out.append((score, a, b))
    out.sort(key=lambda p: (-p[0], p[1], p[2]))
    return out


def similarity(a, b) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
