"""``pajapohja export``: a workshop's documents from the shell. Only click loads at import
time (see ``app.cli``)."""

import sys

import click

FORMATS = {
    "md": "summary.md",
    "html": "summary.html",
    "docx": "summary.docx",
    "csv": "notes.csv",
    "xlsx": "notes.xlsx",
    "json": "export.json",
}


@click.command("export")
@click.argument("workshop_id", type=int)
@click.option("--format", "format_", type=click.Choice(list(FORMATS)), required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write to this file instead of standard output.",
)
def export_command(workshop_id: int, format_: str, output: str | None):
    """Write a workshop's summary (md, html, docx), notes (csv, xlsx) or whole data (json)."""
    from . import create_app
    from .config import StartupError
    from .core.workshop_models import Workshop
    from .exports.service import workshop_file
    from .extensions import db
    from .validation import database_id

    try:
        app = create_app()
    except StartupError as refusal:  # e.g. a shared database not yet upgraded
        click.echo(f"pajapohja: {refusal}", err=True)
        sys.exit(1)
    with app.app_context():
        workshop = db.session.get(Workshop, database_id(workshop_id))
        if workshop is None:
            click.echo(f"pajapohja: no workshop with id {workshop_id}", err=True)
            sys.exit(1)
        body = workshop_file(workshop, FORMATS[format_]).body
    if output:
        with open(output, "wb") as target:
            target.write(body)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.buffer.flush()
