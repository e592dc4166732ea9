"""Words to terms: a note's words in their base forms, with the parts of compounds, so that
"tietoturvaohjeita", "tietoturvakoulutukseen" and "tietosuoja-asiat" meet on "tietoturva" and
"tieto", and "informationssäkerhetsutbildningen" on "säkerhet" and "utbildning".

Finnish goes through Voikko (libvoikko with Debian's voikko-fi) where the system has it: it
gives the base form, the word class and the compound parts. Where it is missing, and always for
Swedish and English, simplemma's lemma dictionaries (inside the package, nothing downloaded)
lemmatise, and compounds are split against the same dictionary. Each analysis is cached per
process; Voikko is loaded once."""

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import concept_of
from .stopwords import STOPWORDS

TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
MINEN = re.compile(r"^(.*mi)(?:nen|s\w*)$")
WORDBASE = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")
# Voikko's word classes that carry meaning; pronouns, conjunctions, adverbs and the like do not.
CONTENT_CLASSES = {"nimisana", "laatusana", "nimisana_laatusana", "teonsana", "lyhenne", "nimi"}
NOUN_CLASSES = {"nimisana", "nimisana_laatusana", "lyhenne", "nimi"}
MIN_PART = 3  # compound parts shorter than this are not terms ("etä" is, "ja" is not)
# Without Voikko, a first part of three letters is trusted only from these lists: the
# dictionary knows many short words ("per") that would split "perehdytys" wrongly.
SHORT_HEADS = {
    "fi": {
        "työ",
        "tie",
        "maa",
        "puu",
        "osa",
        "esi",
        "etä",
        "ala",
        "ylä",
        "etu",
        "yli",
        "ali",
        "yö",
    },
    "sv": {"tid", "hem", "liv", "dag", "rum", "mat", "arb", "ny", "barn"},
}
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
        return {"~" + word[:STEM] for word in (self.base, head) if len(word) > STEM}

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
        """The thesaurus concepts (lexicon.py) of the word: of its base form, or else of its
        head part fully and of its other parts by half."""
        if not self.thesaurus:
            return []
        whole = concept_of(self.base)
        if whole:
            return [("#" + whole, CONCEPT)]
        out: dict[str, float] = {}
        last = len(self.parts) - 1
        for i, (_, part) in enumerate(self.parts if len(self.parts) > 1 else ()):
            concept = concept_of(part) if len(part) >= MIN_PART else None
            if concept:
                weight = CONCEPT if i == last else MODIFIER_CONCEPT
                out["#" + concept] = max(out.get("#" + concept, 0.0), weight)
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


class VoikkoAnalyser(Cached):
    """Finnish through Voikko: base form, class and compound parts from WORDBASES."""

    language = "fi"

    def __init__(self, voikko, thesaurus: bool = True):
        self.voikko = voikko
        self.lock = threading.Lock()  # a Voikko handle is not for two threads at once
        self.thesaurus = thesaurus
        self.stop = STOPWORDS["fi"]
        self._cache()

    def _word(self, token: str) -> Word:
        with self.lock:
            analyses = self.voikko.analyze(token)
        if not analyses:
            content = self._content(token, None)
            return Word(token, ((token, token),), content, thesaurus=self.thesaurus)
        first = max(analyses, key=lambda a: plausibility(a, token))
        base = (first.get("BASEFORM") or token).lower()
        parts, breaks = parse_wordbases(first.get("WORDBASES", ""), base)
        word_class = first.get("CLASS")
        minen = MINEN.match(token)
        if first.get("MOOD") == "MINEN-infinitive" and minen:
            # Voikko gives a verbal noun's verb ("kirjaamiseen" → "kirjata"); a theme is
            # named by the noun: "kirjaaminen".
            noun = minen.group(1) + "nen"
            prefix = "".join(s for s, _ in parts[:-1])
            if noun.startswith(prefix) and len(noun) > len(prefix):
                tail = noun[len(prefix) :]
                parts = (*parts[:-1], (tail, tail)) if len(parts) > 1 else ((noun, noun),)
                base, word_class = noun, "nimisana"
        return Word(
            base,
            parts,
            self._content(base, word_class),
            word_class in NOUN_CLASSES,
            breaks,
            self.thesaurus,
        )

    def _content(self, base: str, word_class) -> bool:
        if len(base) < MIN_PART or base in self.stop:
            return False
        return word_class is None or word_class in CONTENT_CLASSES


def common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def plausibility(analysis: dict, token: str) -> tuple[int, int]:
    """Voikko lists every reading; the likeliest keeps most of the written word in its base
    form and its parts ("tietoturvan" is "tietoturva", not "tietoturpa"). Ties: Voikko's
    order (max keeps the first)."""
    base = (analysis.get("BASEFORM") or "").lower()
    parts = WORDBASE.findall(analysis.get("WORDBASES", "").lower())
    return common_prefix(base, token), sum(common_prefix(s, b) for s, b in parts if b)


def parse_wordbases(wordbases: str, base: str) -> tuple[tuple[tuple[str, str], ...], tuple]:
    """'+tieto(tieto)+turva(turva)+koulut(kouluttaa)+us(+us)' → (tieto, tieto), (turva,
    turva), (koulutus, koulutus): a derivational ending joins the part before it."""
    parts: list[list[str]] = []
    breaks = []
    for surface, part_base in WORDBASE.findall(wordbases.lower()):
        if surface == "-":
            breaks.append(len(parts))
            continue
        derivational = part_base.startswith("+") or (not part_base and len(surface) <= 3)
        if derivational and parts:
            parts[-1][0] += surface
            parts[-1][1] = parts[-1][0]
            continue
        if not part_base or "=" in part_base or part_base.startswith("+"):
            part_base = surface
        parts.append([surface, part_base])
    if len(parts) < 2:
        return ((base, base),), ()
    return tuple((s, b) for s, b in parts), tuple(breaks)


class SimplemmaAnalyser(Cached):
    """Any language through simplemma's dictionary: the lemma, and compounds split into
    known words (Swedish with its linking -s-: informations+säkerhets+utbildning)."""

    def __init__(self, language: str, thesaurus: bool = True):
        import simplemma

        self.thesaurus = thesaurus
        self.simplemma = simplemma
        self.language = language if language in STOPWORDS else "en"
        self.stop = STOPWORDS[self.language]
        self.decompound = self.language in {"fi", "sv"}
        self._cache()
        self.split = lru_cache(maxsize=50_000)(self._split)
        self.known = lru_cache(maxsize=100_000)(self._known)

    def _known(self, word: str) -> bool:
        return self.simplemma.is_known(word, lang=self.language)

    def lemma(self, word: str) -> str:
        """The dictionary's lemma, unless it begins with another letter: simplemma takes
        "työ" for the pronoun "sinä" ("to you"), and a base form keeps its first letter
        (the suppletive verbs it misses, "är", "is", are stop words anyway)."""
        lemma = self.simplemma.lemmatize(word, lang=self.language).lower()
        return lemma if lemma[:1] == word[:1] and TOKEN.fullmatch(lemma) else word

    def _word(self, token: str) -> Word:
        parts: list[tuple[str, str]] = []
        breaks = []
        for piece in token.split("-"):
            if len(piece) < 2:
                continue
            if parts:
                breaks.append(len(parts))
            parts.extend(self._parts(piece))
        if not parts:
            return Word(token, ((token, token),), False, thesaurus=self.thesaurus)
        last = len(parts) - 1
        # The base form: the parts as written, the last one in its own base form.
        base = "".join(("-" if i in breaks else "") + s for i, (s, _) in enumerate(parts[:last]))
        base += ("-" if last in breaks else "") + parts[last][1]
        if len(parts) == 1:
            parts = [(base, base)]
        content = len(base) >= MIN_PART and base not in self.stop
        # simplemma gives no word class; a Swedish -era verb at least is known by its ending.
        noun = not (self.language == "sv" and base.endswith("era"))
        return Word(base, tuple(parts), content, noun, tuple(breaks), self.thesaurus)

    def _parts(self, piece: str) -> list[tuple[str, str]]:
        """A hyphen-free piece as compound parts: its lemma split, or the inflected form
        split (the dictionary may know the parts but not the compound)."""
        lemma = self.lemma(piece)
        if self.decompound:
            known = lemma != piece or self.known(piece)
            split = self.split(lemma) if known else self.split(piece)
            if split:
                return list(split)
        return [(lemma, lemma)]

    def _split(self, s: str) -> tuple[tuple[str, str], ...] | None:
        """Longest known head first; the tail must be a known word or split further."""
        if len(s) < 7:
            return None
        for i in range(len(s) - 4, MIN_PART - 1, -1):
            tail = s[i:]
            tail_known = self.known(tail)
            tail_parts = self.split(tail)
            if not tail_parts and tail_known:
                tail_parts = ((tail, self.lemma(tail)),)
            if not tail_parts:
                continue
            for head, head_base in self._heads(s[:i]):
                head_parts = self.split(head) or ((head, head_base),)
                # The head's last part as written, with a linking -s- ("säkerhets").
                written = s[len("".join(p for p, _ in head_parts[:-1])) : i]
                return (*head_parts[:-1], (written, head_parts[-1][1]), *tail_parts)
        return None

    def _heads(self, head: str) -> list[tuple[str, str]]:
        """Known words the compound's first part may be, in its base form: the part itself,
        and in Swedish without a linking -s- or with a dropped final vowel (arbets → arbete)."""
        out = []
        options = [head]
        if self.language == "sv":
            # A linking -s- first: "säkerhets" is "säkerhet", not a form of "säker".
            if head.endswith("s") and len(head) > 4:
                options = [head[:-1], head[:-1] + "e", head[:-1] + "a", head]
            elif head.endswith("s") and len(head) > 3:
                options += [head[:-1], head[:-1] + "e", head[:-1] + "a"]
            if len(head) >= 4:
                options += [head + "a", head + "e"]
        short = SHORT_HEADS.get(self.language, set())
        for option in options:
            if (len(option) > MIN_PART or option in short) and self.known(option):
                # Finnish first parts may be genitives ("työn"); Swedish ones are stems.
                base = self.lemma(option) if self.language == "fi" else option
                if base not in self.stop:
                    out.append((option, base))
                    break
        return out


@lru_cache(maxsize=1)
def _voikko():
    """Voikko, loaded once per process; None where the binding, the library or the Finnish
    dictionary is missing (then simplemma serves Finnish too)."""
    try:
        import libvoikko
    except ImportError:
        return None
    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException):
        return None


@lru_cache(maxsize=16)
def analyser(language: str, use_voikko: bool = True, thesaurus: bool = True):
    """The analyser for a workshop's language: Voikko for Finnish where the system has it."""
    if language == "fi" and use_voikko:
        voikko = _voikko()
        if voikko is not None:
            return VoikkoAnalyser(voikko, thesaurus)
    return SimplemmaAnalyser(language, thesaurus)


def preload(languages=("fi", "sv", "en")) -> None:
    """Load Voikko and simplemma's dictionaries now (a worker's start), not on the first
    suggestion: simplemma's Finnish dictionary takes seconds to load."""
    for language in languages:
        analyse = analyser(language)
        analyse.word("a")
        if isinstance(analyse, VoikkoAnalyser):
            analyser(language, False).word("a")
