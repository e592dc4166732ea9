"""Words to terms: a note's words in their base forms, with the parts of compounds, so that
"tietoturvaohjeita", "tietoturvakoulutukseen" and "tietosuoja-asiat" meet on "tietoturva" and
"tieto", and "informationssäkerhetsutbildningen" on "säkerhet" and "utbildning". The analysers
(voikko.py for Finnish where the system has Voikko, fallback.py otherwise; analysers.py picks)
turn a written word into a Word; a Word gives the weighted terms notes are compared by."""

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import concept_of

TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
MIN_PART = 3  # compound parts shorter than this are not terms ("etä" is, "ja" is not)
STEM = 5  # prefix stems tie derivations and typos together ("perehdytys", "perehdyttää")

# How much a word's terms count when notes are compared: the whole word most, a compound's
# head part and inner spans less, a prefix stem least.
WHOLE, SPAN, PART, STEM_WEIGHT = 1.0, 0.6, 0.5, 0.3
CONCEPT, MODIFIER_CONCEPT = 0.8, 0.3


@dataclass(frozen=True)
class Word:
    """One analysed word: its base form, its compound parts (surface form as in the base form
    and the part's own base form; one part for a simple word) and whether it carries meaning."""

    base: str
    parts: tuple[tuple[str, str], ...]
    content: bool
    noun: bool = True
    # Indexes of parts that begin after a hyphen: spans do not cross them.
    breaks: tuple[int, ...] = ()
    thesaurus: bool = True  # False: no concepts (the benchmark measures the engine without)
    # The word the last part is derived from, where the analyser knows ("kuunnella" for
    # "kuuntelu", "kuunteleminen"): a derivational family beyond a shared prefix.
    root: str = ""

    def spans(self) -> list[str]:
        """The compound's parts and every run of adjacent parts, each in base form:
        tieto+turva+koulutus gives tieto, turva, koulutus, tietoturva, turvakoulutus."""
        out = []
        n = len(self.parts)
        for i in range(n):
            for j in range(i, n):
                if any(i < b <= j for b in self.breaks):
                    break
                if i == 0 and j == n - 1:
                    continue
                text = "".join(s for s, _ in self.parts[i:j]) + self.parts[j][1]
                if len(text) >= MIN_PART:
                    out.append(text)
        return out

    def terms(self, stop: frozenset) -> list[tuple[str, float]]:
        """The weighted terms this word adds to a note (empty for a function word)."""
        if not self.content:
            return []
        terms = [(self.base, WHOLE)]
        for span in self.spans():
            if span not in stop and span != self.base:
                terms.append((span, PART if span in {b for _, b in self.parts} else SPAN))
        for stem in self.stems():
            terms.append((stem, STEM_WEIGHT))
        terms.extend(self.concepts())
        return terms

    def stems(self) -> set[str]:
        head = self.parts[-1][1] if self.parts else self.base
        out = {"~" + word[:STEM] for word in (self.base, head) if len(word) > STEM}
        if self.root and len(self.root) > STEM:
            out.add("~" + self.root[:STEM])
        return out

    def content_parts(self, stop: frozenset) -> list[tuple[str, float]]:
        """The compound's parts that carry meaning, the head (last) part weighing double."""
        if len(self.parts) < 2:
            return []
        last = len(self.parts) - 1
        return [
            (b, 2.0 if i == last else 1.0)
            for i, (_, b) in enumerate(self.parts)
            if len(b) >= MIN_PART and b not in stop
        ]

    def concepts(self) -> list[tuple[str, float]]:
        """The thesaurus concepts (lexicon.py) of the word: of its base form, or else of the
        longest run of its last parts ("handledare" in "studie+hand+ledare") fully and of its
        other parts by a little."""
        if not self.thesaurus:
            return []
        whole = concept_of(self.base) or (concept_of(self.root) if self.root else None)
        if whole:
            return [("#" + whole, CONCEPT)]
        out: dict[str, float] = {}
        n = len(self.parts)
        head_from = n
        for i in range(1, n):
            run = "".join(s for s, _ in self.parts[i:-1]) + self.parts[-1][1]
            concept = concept_of(run) if len(run) >= MIN_PART else None
            if concept:
                out["#" + concept] = CONCEPT
                head_from = i
                break
        i = 0
        while i < head_from and n > 1:  # the other parts, longest run first
            for j in range(head_from - 1, i - 1, -1):
                run = "".join(s for s, _ in self.parts[i:j]) + self.parts[j][1]
                concept = concept_of(run) if len(run) >= MIN_PART else None
                if concept:
                    out.setdefault("#" + concept, MODIFIER_CONCEPT)
                    break
            i = j + 1 if concept else i + 1
        return list(out.items())


def tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text)]


class Cached:
    """Both analysers: a token's Word and its weighted terms, each worked out once."""

    stop: frozenset

    def _cache(self) -> None:
        self.word = lru_cache(maxsize=50_000)(self._word)
        self.terms = lru_cache(maxsize=50_000)(self._terms)

    def _word(self, token: str) -> Word:
        raise NotImplementedError

    def _terms(self, token: str) -> tuple[tuple[str, float], ...]:
        return tuple(self.word(token).terms(self.stop))
