"""The engine: notes and themes as weighted bags of terms (base forms, compound parts, prefix
stems; words.py), weighted by how rare each term is on the step (inverse document frequency),
and compared by cosine similarity.

Sorting into themes is nearest-profile with a threshold, in a few rounds: a theme's profile
starts from its name, its description and the notes already in it; notes that fit a theme
clearly then join its profile, so that a theme also draws notes that share no word with its
name but share words with its notes. Only clear fits extend a profile, and only a little, so
that a profile cannot drift towards notes that belong nowhere."""

import math
from collections import Counter, defaultdict

from .candidates import candidates
from .data import NoteText, Suggestions, ThemeText
from .similar import similar_groups
from .words import analyser, tokens

Vector = dict[str, float]

ASSIGN_AT = 0.12  # a note fits a theme from this cosine similarity up
EXTEND_AT = 0.25  # a note this close (and clearly closer than to the next) extends the profile
MARGIN = 0.05
ROUNDS = 3
# The profile's parts: the name weighs most, then the notes already there, the description,
# and the notes the engine itself placed there (least: they are guesses).
NAME, MEMBERS, DESCRIPTION, PLACED = 1.0, 0.8, 0.6, 0.35


def bag(text: str, analyse) -> Counter:
    """A text's terms with their summed weights."""
    out: Counter = Counter()
    for token in tokens(text):
        for term, weight in analyse.word(token).terms(analyse.stop):
            out[term] = max(out[term], weight) if term.startswith("~") else out[term] + weight
    return out


def idf_weights(bags: list[Counter]) -> dict[str, float]:
    df = Counter(term for b in bags for term in b)
    n = len(bags)
    return {term: math.log(1 + n / count) for term, count in df.items()}


def weigh(b: Counter, idf: dict[str, float]) -> Vector:
    vector = {t: w * idf.get(t, 1.0) for t, w in b.items()}
    return normalise(vector)


def normalise(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def mix(parts: list[tuple[Vector, float]]) -> Vector:
    out: dict[str, float] = defaultdict(float)
    for vector, weight in parts:
        for t, w in vector.items():
            out[t] += w * weight
    return normalise(out)


def centroid(vectors: list[Vector]) -> Vector:
    return mix([(v, 1.0) for v in vectors]) if vectors else {}


def suggest(
    notes: list[NoteText], themes: list[ThemeText], language: str, *, use_voikko: bool = True
) -> Suggestions:
    analyse = analyser(language, use_voikko)
    note_bags = [bag(note.text, analyse) for note in notes]
    idf = idf_weights(note_bags)
    vectors = {note.id: weigh(b, idf) for note, b in zip(notes, note_bags, strict=True)}
    unthemed = [note for note in notes if note.theme_id is None]
    return Suggestions(
        candidates(unthemed, note_bags_of(notes, note_bags, unthemed), themes, analyse),
        assign(notes, themes, vectors, idf, analyse),
        similar_groups(unthemed, vectors),
    )


def note_bags_of(notes, note_bags, subset) -> dict[int, Counter]:
    by_id = {note.id: b for note, b in zip(notes, note_bags, strict=True)}
    return {note.id: by_id[note.id] for note in subset}


def assign(notes, themes, vectors, idf, analyse) -> list[dict]:
    """Every note in no theme, with the theme of its own small group it fits best, or None."""
    seeds = {}
    for theme in themes:
        members = [vectors[n.id] for n in notes if n.theme_id == theme.id and n.id in vectors]
        seeds[theme.id] = [
            (weigh(bag(theme.title, analyse), idf), NAME),
            (weigh(bag(theme.description, analyse), idf), DESCRIPTION),
            (centroid(members), MEMBERS),
        ]
    open_notes = [note for note in notes if note.theme_id is None]
    by_group = defaultdict(list)
    for theme in themes:
        by_group[theme.group_id].append(theme.id)
    placed: dict[int, list[Vector]] = {}
    best: dict[int, tuple[int | None, float]] = {}
    for _ in range(ROUNDS):
        profiles = {
            theme_id: mix(parts + [(centroid(placed.get(theme_id, [])), PLACED)])
            for theme_id, parts in seeds.items()
        }
        best, placed = {}, defaultdict(list)
        for note in open_notes:
            scores = sorted(
                ((cosine(vectors[note.id], profiles[t]), -i, t) for i, t in
                 enumerate(by_group.get(note.group_id, []))),
                reverse=True,
            )
            top = scores[0] if scores else (0.0, 0, None)
            second = scores[1][0] if len(scores) > 1 else 0.0
            best[note.id] = (top[2], top[0])
            if top[0] >= EXTEND_AT and top[0] - second >= MARGIN:
                placed[top[2]].append(vectors[note.id])
    out = []
    for note in open_notes:
        theme_id, score = best.get(note.id, (None, 0.0))
        fits = theme_id is not None and score >= ASSIGN_AT
        out.append(
            {
                "note_id": note.id,
                "theme_id": theme_id if fits else None,
                "score": round(min(1.0, score), 2) if fits else 0.0,
            }
        )
    return out
