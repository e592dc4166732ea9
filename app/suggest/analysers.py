"""The analyser for a workshop's language, one of each per process: Voikko for Finnish where
the system has it (loaded once), simplemma otherwise."""

from functools import lru_cache

from .fallback import SimplemmaAnalyser
from .voikko import VoikkoAnalyser


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
    """Load what the languages' analysers need now (at a worker's start), not on the first
    suggestion: Voikko takes ~0.1 s, simplemma's Swedish dictionary ~1 s, its Finnish one
    (used only where Voikko is missing) several seconds."""
    for language in languages:
        analyse = analyser(language)
        analyse.word("koulutus")
        if isinstance(analyse, SimplemmaAnalyser):
            analyse.known("koulutus")


def finnish_analyser() -> str:
    """What reads Finnish notes in this process: "Voikko", or "simplemma" where it is missing."""
    return "Voikko" if _voikko() is not None else "simplemma (Voikko not found)"
