"""The trivial baseline the quality benchmark compares with: a note goes to the theme whose name
or description shares the most exact (lower-cased) words with it; candidates are the words that
recur in two or more notes. No base forms, no compound parts."""

import re
from collections import Counter

from app.suggest.data import Suggestions

WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def suggest(notes, themes, language):
    bags = {note.id: words(note.text) for note in notes}
    counts = Counter(word for bag in bags.values() for word in bag)
    candidates = [
        {"title": word, "note_ids": sorted(i for i, bag in bags.items() if word in bag)}
        for word, n in counts.most_common(10)
        if n >= 2
    ]
    theme_words = {theme.id: words(f"{theme.title} {theme.description}") for theme in themes}
    assignments = []
    for note in notes:
        if note.theme_id is not None:
            continue
        best, score = None, 0
        for theme_id, bag in theme_words.items():
            shared = len(bags[note.id] & bag)
            if shared > score:
                best, score = theme_id, shared
        assignments.append({"note_id": note.id, "theme_id": best, "score": float(min(score, 1))})
    return Suggestions(candidates, assignments, [])
