"""Building export files for a workshop or a series: load the documents, call the pure
builders and writers, name the file."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

from flask import current_app
from flask_babel import gettext as _

from ..core import log
from ..core.workshop_models import Series, Workshop
from ..errors import AppError
from ..workshops.document import document
from .csv_out import export_json, notes_csv
from .docx_out import to_docx
from .escape import clean
from .language import document_language
from .markdown_out import html_page, page_policy, to_html, to_markdown
from .plan import training_plan
from .summary import summary
from .xlsx_out import notes_xlsx

WORKSHOP_FILES = (
    "summary.md",
    "summary.html",
    "summary.docx",
    "notes.csv",
    "notes.xlsx",
    "export.json",
)
PLAN_FILES = ("training-plan.md", "training-plan.docx")
MIMETYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class ExportFile:
    filename: str
    mimetype: str
    body: bytes
    # Set for the standalone HTML page: its own, stricter policy (the app's would block the
    # page's inline style sheet).
    policy: str | None = None

    @property
    def disposition(self) -> str:
        return content_disposition(self.filename)


def content_disposition(filename: str) -> str:
    """An attachment named after a title: an ASCII fallback and the real name (RFC 6266/5987)."""
    name = re.sub(r'[\\/"]+', "-", clean(filename)) or "export"
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._]+", "-", ascii_name).strip("-.") or "export"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def print_css() -> str:
    return (Path(current_app.static_folder) / "css" / "print.css").read_text(encoding="utf-8")


def workshop_document(workshop: Workshop) -> dict:
    """The whole workshop as its owner sees it."""
    viewer = log.Viewer(workshop.id, "facilitator", facilitator_id=workshop.owner_id)
    return document(workshop, viewer)


def facilitator_name(workshop: Workshop) -> str | None:
    owner = workshop.owner
    return (owner.name or None) if owner is not None else None


def _unknown() -> AppError:
    return AppError("unknown_format", _("No such download."), 404)


def workshop_file(workshop: Workshop, name: str) -> ExportFile:
    if name not in WORKSHOP_FILES:
        raise _unknown()
    return build_workshop_file(workshop_source(workshop), name)


def workshop_source(workshop: Workshop) -> dict:
    """What a workshop's files are made of, read from the database (in the request)."""
    return {
        "doc": workshop_document(workshop),
        "facilitator": facilitator_name(workshop),
        "css": print_css(),
    }


def build_workshop_file(source: dict, name: str) -> ExportFile:
    """A workshop's file from its ``workshop_source``: no database, so that it can be built in
    a worker thread or process (app/exports/cache.py); an app context for Flask-Babel, which
    writes it in the workshop's language."""
    doc = source["doc"]
    workshop = SimpleNamespace(**doc["workshop"])
    with document_language(workshop.language):
        base = f"{workshop.title} - {_('summary')}"
    extension = name.rsplit(".", 1)[1]
    if name == "notes.csv":
        return ExportFile(f"{workshop.title}.csv", MIMETYPES["csv"], notes_csv(doc))
    if name == "notes.xlsx":
        return ExportFile(f"{workshop.title}.xlsx", MIMETYPES["xlsx"], notes_xlsx(doc))
    if name == "export.json":
        return ExportFile(f"{workshop.title}.json", MIMETYPES["json"], export_json(doc))
    blocks = summary(doc, source["facilitator"])
    title = blocks[0].text
    if extension == "docx":
        body = to_docx(blocks, title=title, language=workshop.language)
    else:
        text = to_markdown(blocks)
        if extension == "html":
            css = source["css"]
            page = html_page(title, workshop.language, to_html(text), css)
            policy = page_policy(css) + "; frame-ancestors 'none'"
            return ExportFile(f"{base}.html", MIMETYPES["html"], page.encode("utf-8"), policy)
        body = text.encode("utf-8")
    return ExportFile(f"{base}.{extension}", MIMETYPES[extension], body)


def series_documents(series: Series) -> list[dict]:
    return [workshop_document(workshop) for workshop in series.workshops]


def plan_source(series: Series, today: date | None = None) -> dict:
    """What a series' plan is made of, read from the database (in the request)."""
    facts = {
        "title": series.title,
        "topic": series.topic,
        "organisation": series.organisation,
        "language": series.language,
    }
    return {"facts": facts, "docs": series_documents(series), "today": today or date.today()}


def build_plan_file(source: dict, name: str) -> ExportFile:
    """The plan from its ``plan_source``: no database (see build_workshop_file)."""
    facts = source["facts"]
    series = SimpleNamespace(**facts)
    blocks = training_plan(facts, source["docs"], source["today"])
    extension = name.rsplit(".", 1)[1]
    with document_language(series.language):
        filename = f"{series.title} - {_('training-plan draft')}.{extension}"
    if extension == "docx":
        body = to_docx(blocks, title=blocks[0].text, language=series.language)
    else:
        body = to_markdown(blocks).encode("utf-8")
    return ExportFile(filename, MIMETYPES[extension], body)
