"""Finnish through Voikko (libvoikko with Debian's voikko-fi): the base form, the word class
and the compound parts from each reading's WORDBASES."""

import re
import threading

from .stopwords import STOPWORDS
from .words import MIN_PART, Cached, Word

MINEN = re.compile(r"^(.*mi)(?:nen|s\w*)$")
WORDBASE = re.compile(r"\+([^+(]*)(?:\(([^)]*)\))?")
# Voikko's word classes that carry meaning; pronouns, conjunctions, adverbs and the like do not.
CONTENT_CLASSES = {"nimisana", "laatusana", "nimisana_laatusana", "teonsana", "lyhenne", "nimi"}
NOUN_CLASSES = {"nimisana", "nimisana_laatusana", "lyhenne", "nimi"}


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
        if not analyses and "-" in token.strip("-"):
            return self._hyphenated(token)
        if not analyses:
            content = self._content(token, None)
            return Word(token, ((token, token),), content, thesaurus=self.thesaurus)
        first = max(analyses, key=lambda a: plausibility(a, token))
        base = (first.get("BASEFORM") or token).lower()
        parts, breaks, root = read_wordbases(first.get("WORDBASES", ""), base)
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
                root = base if base != noun else root
                base, word_class = noun, "nimisana"
        return Word(
            base,
            parts,
            self._content(base, word_class),
            word_class in NOUN_CLASSES,
            breaks,
            self.thesaurus,
            root,
        )

    def _hyphenated(self, token: str) -> Word:
        """A hyphenated word Voikko does not know as a whole ("sbar-raportointi",
        "tki-hankkeet"): its pieces analysed one by one, a break between them."""
        written = [piece for piece in token.split("-") if piece]
        pieces = [self.word(piece) for piece in written]
        parts: list[tuple[str, str]] = []
        breaks = []
        for word in pieces:
            if parts:
                breaks.append(len(parts))
            parts.extend(word.parts)
        base = "-".join([*written[:-1], pieces[-1].base])
        return Word(
            base,
            tuple(parts),
            any(word.content for word in pieces),
            pieces[-1].noun,
            tuple(breaks),
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


def plausibility(analysis: dict, token: str) -> tuple[int, int, int]:
    """Voikko lists every reading; the likeliest keeps most of the written word in its base
    form and its parts ("tietoturvan" is "tietoturva", not "tietoturpa"), and a base form
    no longer than the word before one that is ("uusi" is "uusi", not the verb "uusia").
    Ties: Voikko's order (max keeps the first)."""
    base = (analysis.get("BASEFORM") or "").lower()
    parts = WORDBASE.findall(analysis.get("WORDBASES", "").lower())
    longer = max(0, len(base) - len(token))
    return (
        common_prefix(base, token),
        -longer if base.startswith(token) else 0,
        sum(common_prefix(s, b) for s, b in parts if b),
    )


def parse_wordbases(wordbases: str, base: str) -> tuple[tuple[tuple[str, str], ...], tuple]:
    """'+tieto(tieto)+turva(turva)+koulut(kouluttaa)+us(+us)' → (tieto, tieto), (turva,
    turva), (koulutus, koulutus): a derivational ending joins the part before it."""
    parts, breaks, _ = read_wordbases(wordbases, base)
    return parts, breaks


def read_wordbases(wordbases: str, base: str) -> tuple[tuple, tuple, str]:
    """parse_wordbases, and the root the last part is derived from ("kouluttaa" for
    "koulutus", "kuunnella" for "kuuntelu"; "" for an underived last part)."""
    parts: list[list[str]] = []
    breaks = []
    root, derived_from = "", ""
    for surface, part_base in WORDBASE.findall(wordbases.lower()):
        if surface == "-":
            breaks.append(len(parts))
            continue
        derivational = part_base.startswith("+") or (not part_base and len(surface) <= 3)
        if derivational and parts:
            root = derived_from or root
            parts[-1][0] += surface
            parts[-1][1] = parts[-1][0]
            continue
        derived_from = part_base if part_base and not part_base.startswith("+") else ""
        root = ""
        if not part_base or "=" in part_base or part_base.startswith("+"):
            part_base = surface
        parts.append([surface, part_base])
    if len(parts) < 2:
        return ((base, base),), (), root if root != base else ""
    return tuple((s, b) for s, b in parts), tuple(breaks), root if root != base else ""
