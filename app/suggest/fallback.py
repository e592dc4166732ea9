"""The analyser where Voikko is missing, and for Swedish and English always: simplemma's lemma
dictionaries (inside the package; nothing is downloaded) lemmatise, and compounds are split
against the same dictionary, longest known first part first."""

from functools import lru_cache

from .stopwords import STOPWORDS
from .words import MIN_PART, TOKEN, Cached, Word

# A first part of three letters is trusted only from these lists: the dictionary knows many
# short words ("per") that would split "perehdytys" wrongly.
SHORT_HEADS = {
    "fi": set("työ tie maa puu osa esi etä ala ylä etu yli ali yö".split()),
    "sv": set("tid hem liv dag rum mat arb ny barn".split()),
}
VERBAL_NOUN = ("ande", "ende")  # Swedish: "bemöt+ande" is one word, not "bemöt" + "ande"


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
        (the suppletive verbs it misses, "är", "is", are stop words anyway). A Swedish verbal
        noun in -ande/-ende is a base form ("bemötande", "mående"), not its verb's, and so is
        a noun that is its verb's stem ("stress", not "stressa")."""
        if self.language == "sv" and word.endswith(VERBAL_NOUN) and len(word) > 5:
            return word
        lemma = self.simplemma.lemmatize(word, lang=self.language).lower()
        if self.language == "sv" and lemma == word + "a":
            return word  # a noun, not its verb: "stress", "tolk", "prov" (not "stressa")
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
            split = self.split(lemma, True) if known else self.split(piece, False)
            if split:
                return list(split)
        return [(lemma, lemma)]

    def _split(self, s: str, base_form: bool) -> tuple[tuple[str, str], ...] | None:
        """Longest known head first; the tail must be a known word or split further, and in
        a base form (``base_form``) a base form itself: "stresshantering" is not
        "stresshante" + "ring" (a form of "ringa"), "kompetens" not "kompe" + "tens"."""
        if not 7 <= len(s) <= 40:  # no compound is longer; a run of letters is not split
            return None
        for i in range(len(s) - 4, MIN_PART - 1, -1):
            tail = s[i:]
            tail_known = self.known(tail)
            tail_parts = self.split(tail, base_form)
            if not tail_parts and tail_known and tail not in VERBAL_NOUN:
                # simplemma's own reading: "ring" is a form of "ringa" there
                if base_form and self.simplemma.lemmatize(tail, lang=self.language) != tail:
                    continue
                tail_parts = ((tail, self.lemma(tail)),)
            if not tail_parts:
                continue
            for head, head_base in self._heads(s[:i]):
                head_parts = self.split(head, False) or ((head, head_base),)
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
