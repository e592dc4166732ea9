"""Every UI string exists in Finnish, Swedish and English, and the compiled catalogues are the
ones the app ships."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "app" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
LANGUAGES = ("fi", "sv", "en")
# Every way the code marks a message: plain, plural, with a context (the documents' words that
# read otherwise in the UI), lazy (module-level names read in the document's language), and
# the plural forms handed to the browser.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "_l": None,
    "N_": None,  # app/canvases/schema.py: marked there, translated where it is used
    "lazy_gettext": None,
    "plural_forms": (1, 2),  # app/i18n.py: a count's forms for the browser
}


def catalogue(language: str):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle)


def _hashable(string):
    """A compiled plural message's ids and forms come as lists, the source's as tuples."""
    return tuple(string) if isinstance(string, list) else string


def message_id(message) -> str:
    """The source text (the singular of a plural message)."""
    return message.id[0] if message.pluralizable else message.id


def source_messages() -> set[str]:
    method_map = [("app/**.py", "python"), ("app/templates/**.html", "jinja2")]
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, keywords=KEYWORDS
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_catalogues_cover_every_string_in_the_source():
    wanted = source_messages()
    for language in LANGUAGES:
        known = {message_id(message) for message in catalogue(language) if message.id}
        missing = wanted - known
        assert not missing, f"{language}: run scripts/i18n.sh update; missing {sorted(missing)[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language):
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if message.pluralizable else (message.id,)
        forms = message.string if message.pluralizable else (message.string,)
        assert all(forms), f"{language}: no translation for {message.id!r}"
        assert "fuzzy" not in message.flags, f"{language}: fuzzy {message.id!r}"
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) == wanted, (
                f"{language}: placeholders differ in {message.id!r}"
            )


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    mo_path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo"
    with open(mo_path, "rb") as handle:
        compiled = {
            (m.context, _hashable(m.id)): _hashable(m.string) for m in read_mo(handle) if m.id
        }
    source = {(m.context, m.id): m.string for m in catalogue(language) if m.id}
    assert compiled == source, "run scripts/i18n.sh compile"


def test_finnish_and_swedish_are_not_the_english_source():
    for language in ("fi", "sv"):
        same = [m.id for m in catalogue(language) if m.id and m.string == m.id and len(m.id) > 12]
        assert len(same) < 3, f"{language} looks untranslated: {same[:5]}"
