"""The language a document is written in: its workshop's (or series') language, whoever
downloads it. Its words are ordinary gettext messages (app/translations); a builder runs under
``document_language``, which forces that locale with Flask-Babel for the time of the build, and
dates and numbers are written by Babel in that locale.

Documents are written for Finland: Finnish and Swedish as in Finland ("12.3.2025", "kl. 9.30",
"4,3"), English as in Britain with the month spelled out, so that no reader takes 12/03 for
December ("12 March 2025", "09:30", "4.3")."""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from babel.numbers import get_decimal_symbol
from flask import has_app_context
from flask_babel import force_locale, format_date, format_decimal, format_time, get_locale
from flask_babel import gettext as _

LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
DEFAULT = "fi"
# Babel's date format per language: the short one is numeric ("12.3.2025"), the long one
# spells the month out ("12 March 2025").
_DATE_FORMATS = {"fi": "short", "sv": "short", "en": "long"}
# What a build has translated once: each gettext call finds the locale through Flask's context
# (~15 µs), and a 2,000-note summary asks for "3 ääntä" hundreds of times.
_REMEMBERED: ContextVar[dict | None] = ContextVar("pajapohja_document_words", default=None)


def _language(language: str | None) -> str:
    return language if language in LOCALES else DEFAULT


@contextmanager
def document_language(language: str | None) -> Iterator[None]:
    """Write what follows in ``language`` (fi, sv, en; anything else Finnish). Needs an app
    context: without one Flask-Babel would quietly write English."""
    if not has_app_context():
        raise RuntimeError("a document is built inside an app context (Flask-Babel)")
    with force_locale(LOCALES[_language(language)]):
        token = _REMEMBERED.set({})
        try:
            yield
        finally:
            _REMEMBERED.reset(token)


def remembered(key: Hashable, make: Callable[[], str]) -> str:
    """``make()``, made once per document build for ``key`` (for a text asked per note)."""
    kept = _REMEMBERED.get()
    if kept is None:
        return make()
    if key not in kept:
        kept[key] = make()
    return kept[key]


def language_tag(language: str | None) -> str:
    """The document's language as an IETF tag: "fi-FI", "sv-FI", "en-GB"."""
    return LOCALES[_language(language)].replace("_", "-")


def decimal_sign(language: str | None) -> str:
    """The decimal sign of the document's locale: "," in fi and sv, "." in en."""
    return get_decimal_symbol(LOCALES[_language(language)])


def _current() -> str:
    return get_locale().language


def local_date(moment: date | datetime) -> str:
    """A date (or a datetime already in the workshop's time zone): "12.3.2025" in fi and sv,
    "12 March 2025" in en."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return format_date(day, _DATE_FORMATS[_language(_current())], rebase=False)


def local_date_time(moment: datetime) -> str:
    """A local date and time: "12.3.2025 klo 9.30", "12.3.2025 kl. 9.30",
    "12 March 2025, 09:30" (see ``content.local_time`` for the conversion)."""
    time = format_time(moment.replace(tzinfo=None), "short", rebase=False)
    return _("%(date)s, %(time)s", date=local_date(moment), time=time)


def one_decimal(value: float) -> str:
    """A number with one decimal: "4,3" in fi and sv, "4.3" in en."""
    return format_decimal(value, "0.0")
