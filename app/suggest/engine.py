"""The engine: notes as weighted bags of terms (base forms, compound parts, prefix stems,
derivational roots and thesaurus concepts; words.py, lexicon.py), matched against each theme of
the note's small group by the theme's name and description (match.py) and by the notes already
in it.

Sorting is nearest theme with a threshold, in a few rounds: notes that fit a theme clearly
join its profile, so that a theme also draws notes that share no word with its name but share
words with its notes, both as a whole (the profile's centroid) and word by word (a rare word
on a few notes, most of them in the theme: association). Only clear fits extend a profile, and
they count less than the notes a person put there, so that a profile cannot drift towards
notes that belong nowhere. A description counts only for what the name did not already find,
so that one weak hint is not counted twice."""

import math
from collections import Counter, defaultdict

from .analysers import analyser
from .candidates import candidates
from .data import NoteText, Suggestions, ThemeText
from .match import content_words, description_fit, name_match
from .similar import similar_groups
from .words import tokens

Vector = dict[str, float]

ASSIGN_AT = 0.3  # a note fits a theme from this score up
EXTEND_AT = 0.55  # a note this close (and clearly closer than to the next) extends the profile
MARGIN = 0.15
ROUNDS = 3
# Evidence beyond the name: the description, the notes already in the theme and the notes the
# engine itself placed there (least: they are guesses). Combined as a noisy-or.
DESCRIPTION, MEMBERS, PLACED = 0.8, 0.9, 0.6
# The board's own word associations (see association): words on at most this share of the
# notes (and at least RARE_MIN notes' worth) tie notes together, each by up to ASSOCIATED.
ASSOCIATED, RARE_SHARE, RARE_MIN = 0.3, 0.1, 3


def bag(text: str, analyse) -> Counter:
    """A text's terms with their summed weights (a stem or concept counts once)."""
    out: Counter = Counter()
    for token in tokens(text):
        for term, weight in analyse.terms(token):
            if term[0] in "~#":
                out[term] = max(out[term], weight)
            else:
                out[term] += weight
    return out


def idf_weights(bags: list[Counter]) -> dict[str, float]:
    df = Counter(term for b in bags for term in b)
    n = len(bags)
    return {term: math.log(1 + n / count) for term, count in df.items()}


def weigh(b: Counter, idf: dict[str, float]) -> Vector:
    return normalise({t: w * idf.get(t, 1.0) for t, w in b.items()})


def normalise(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def centroid(vectors: list[Vector]) -> Vector:
    out: dict[str, float] = defaultdict(float)
    for vector in vectors:
        for t, w in vector.items():
            out[t] += w
    return normalise(out)


def suggest(
    notes: list[NoteText],
    themes: list[ThemeText],
    language: str,
    *,
    use_voikko: bool = True,
    thesaurus: bool = True,
) -> Suggestions:
    """Candidates, assignments and likely duplicates (see app/suggest/__init__.py).
    ``use_voikko=False`` runs the fallback analyser, ``thesaurus=False`` leaves the concepts
    of lexicon.py out (the benchmark measures each)."""
    analyse = analyser(language, use_voikko, thesaurus)
    bags = {note.id: bag(note.text, analyse) for note in notes}
    idf = idf_weights(list(bags.values()))
    vectors = {note_id: weigh(b, idf) for note_id, b in bags.items()}
    unthemed = [note for note in notes if note.theme_id is None]
    return Suggestions(
        candidates(unthemed, themes, analyse),
        assign(notes, themes, bags, vectors, idf, analyse),
        similar_groups(unthemed, analyse, idf, len(notes)),
    )


def rarity(words, idf: dict[str, float], n: int) -> dict[str, float]:
    """0..1: how rare a name or description word is on the step's notes (absent: 1)."""
    top = math.log(1 + max(n, 1))
    return {w.base: idf.get(w.base, top) / top for w in words}


def word_postings(bags) -> dict[str, set[int]]:
    """Each word or compound part: the notes it is on."""
    out = defaultdict(set)
    for note_id, b in bags.items():
        for term in b:
            if term[0] not in "~#":
                out[term].add(note_id)
    return out


def association(words, members: set[int]) -> float:
    """0..1: how much the board ties a note to a theme through its rare words: a word on few
    notes, most of them in the theme (placed there by a person or clearly by the engine),
    says that the note belongs with them ("nolostuminen" on two digital-skills notes)."""
    if not members:
        return 0.0
    misses = 1.0
    for _, others in words:
        k = len(others & members)
        if k:
            misses *= 1 - ASSOCIATED * (k / len(others)) * min(1.0, k / 2)
    return 1 - misses


def assign(notes, themes, bags, vectors, idf, analyse) -> list[dict]:
    """Every note in no theme, with the theme of its own small group it fits best, or None."""
    stop, n = analyse.stop, len(notes)
    fixed: dict[int, list] = {}
    for theme in themes:
        names = content_words(theme.title, analyse)
        described = content_words(theme.description, analyse)
        members = centroid([vectors[x.id] for x in notes if x.theme_id == theme.id])
        fixed[theme.id] = (names, described, rarity(names + described, idf, n), members)
    by_group = defaultdict(list)
    for theme in themes:
        by_group[theme.group_id].append(theme.id)
    open_notes = [note for note in notes if note.theme_id is None]
    base_scores = {}
    for note in open_notes:
        for theme_id in by_group.get(note.group_id, []):
            names, described, rare, members = fixed[theme_id]
            fit, used = name_match(names, rare, bags[note.id], stop)
            # The description counts for what the name did not already find: "taukotila"
            # is one weak hint of wellbeing, not two.
            rest = Counter({t: w for t, w in bags[note.id].items() if t not in used})
            misses = (1 - fit) * (1 - DESCRIPTION * description_fit(described, rare, rest, stop))
            if members:
                misses *= 1 - MEMBERS * max(0.0, cosine(vectors[note.id], members))
            base_scores[note.id, theme_id] = misses
    postings = word_postings(bags)
    rare_at = max(RARE_MIN, RARE_SHARE * n)
    people = defaultdict(set)  # the notes a person put in each theme
    for note in notes:
        if note.theme_id is not None:
            people[note.theme_id].add(note.id)
    placed: dict[int, Vector] = {}
    member_ids = people
    for _ in range(ROUNDS):
        best, extend, extend_ids = {}, defaultdict(list), defaultdict(set)
        for note in open_notes:
            words = [(t, postings[t] - {note.id}) for t in bags[note.id] if t[0] not in "~#"]
            words = [(t, others) for t, others in words if 0 < len(others) <= rare_at]
            scores = sorted(
                (
                    (
                        1
                        - base_scores[note.id, t]
                        * (1 - PLACED * max(0.0, cosine(vectors[note.id], placed.get(t, {}))))
                        * (1 - association(words, member_ids.get(t, set()))),
                        -i,
                        t,
                    )
                    for i, t in enumerate(by_group.get(note.group_id, []))
                ),
                reverse=True,
            )
            top = scores[0] if scores else (0.0, 0, None)
            second = scores[1][0] if len(scores) > 1 else 0.0
            best[note.id] = (top[2], top[0])
            if top[0] >= EXTEND_AT and top[0] - second >= MARGIN:
                extend[top[2]].append(vectors[note.id])
                extend_ids[top[2]].add(note.id)
        placed = {t: centroid(vs) for t, vs in extend.items()}
        member_ids = {t: people[t] | extend_ids[t] for t in set(people) | set(extend_ids)}
    out = []
    for note in open_notes:
        theme_id, score = best.get(note.id, (None, 0.0)) if open_notes else (None, 0.0)
        fits = theme_id is not None and score >= ASSIGN_AT
        out.append(
            {
                "note_id": note.id,
                "theme_id": theme_id if fits else None,
                "score": round(min(1.0, score), 2) if fits else 0.0,
            }
        )
    return out
