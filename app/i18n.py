"""Language choice: an explicit switch (remembered in a cookie) wins, then the workshop's own
language on participant pages, then the browser's preference, then Finnish."""

from flask import g, has_request_context, request
from flask_babel import get_locale, ngettext

LANGUAGES = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}
COOKIE = "pajapohja_lang"


def select_locale() -> str:
    if not has_request_context():
        return "en"  # the command line speaks English, like its documentation
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        return chosen
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    page_language = getattr(g, "page_language", None)
    if page_language in LANGUAGES:
        return page_language
    return request.accept_languages.best_match(LANGUAGES) or "fi"


def current_language() -> str:
    return str(get_locale())


# A number of each CLDR plural category, for the languages the app speaks and a few more.
_SAMPLES = (1, 2, 0, 3, 5, 11, 21, 22, 25, 101, 1.5)


def plural_forms(singular: str, plural: str, **variables) -> dict[str, str]:
    """A count's text for the browser, where the count is known only there: one gettext form
    per plural category of the page's language ("one", "other"…), with "{n}" for the number
    (``plural`` in static/js/lib/dom.js picks the form with ``Intl.PluralRules``). The
    messages take the number as ``%(n)s``."""
    locale = get_locale()
    forms: dict[str, str] = {}
    for sample in _SAMPLES:
        category = locale.plural_form(sample)
        if category not in forms:
            forms[category] = ngettext(singular, plural, sample, n="{n}", **variables)
    return forms


def init_app(app) -> None:
    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in LANGUAGES and request.cookies.get(COOKIE) != chosen:
            response.set_cookie(
                COOKIE,
                chosen,
                max_age=365 * 24 * 3600,
                samesite="Lax",
                httponly=True,
                secure=app.config["SESSION_COOKIE_SECURE"],
            )
        return response

    @app.context_processor
    def language_context():
        return {
            "current_language": current_language(),
            "language_names": LANGUAGE_NAMES,
            "languages": LANGUAGES,
            "plural_forms": plural_forms,
        }
