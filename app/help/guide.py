"""The facilitator guide: Markdown in the repository's ``docs/``, shipped in the wheel as
``app/shipped_docs`` (see pyproject), rendered to HTML with headings that carry GitHub's
anchors so that one link works both on GitHub and in the app."""

import importlib.resources
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import markdown

GUIDE_LANGUAGES = ("fi", "sv", "en")
_NOT_IN_SLUG = re.compile(r"[^\w\- ]", re.UNICODE)


def docs_dir() -> Path:
    """The installed copy of ``docs/`` if there is one, else the checkout's."""
    installed = Path(str(importlib.resources.files("app") / "shipped_docs"))
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "docs"


def github_slug(text: str, _separator: str = "-") -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped (letters of any
    alphabet, digits, ``_`` and ``-`` stay), each space a hyphen."""
    text = unicodedata.normalize("NFC", text).strip().lower()
    return _NOT_IN_SLUG.sub("", text).replace(" ", "-")


def guide_language(language: str) -> str:
    """The guide is written in Finnish, Swedish and English; any other language gets English."""
    return language if language in GUIDE_LANGUAGES else "en"


@lru_cache(maxsize=len(GUIDE_LANGUAGES))
def guide_html(language: str) -> str:
    source = (docs_dir() / f"guide.{guide_language(language)}.md").read_text(encoding="utf-8")
    return markdown.markdown(
        source,
        extensions=["tables", "toc"],
        extension_configs={"toc": {"slugify": github_slug}},
        output_format="html",
    )
