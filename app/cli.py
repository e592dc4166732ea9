"""The ``pajapohja`` command. Only the standard library and click load before ``main`` has
decided whether to patch for gevent."""

import ctypes
import ctypes.util
import gc
import os
import sys

import click

DEFAULT_SERVE_MODE = "gevent"
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number


def _app(**overrides):
    """The app, or the reason it cannot start on stderr and exit status 1 (no traceback)."""
    from . import create_app
    from .config import StartupError

    try:
        return create_app(overrides or None)
    except StartupError as refusal:
        _fail(str(refusal))


def _fail(message: str) -> None:
    click.echo(f"pajapohja: {message}", err=True)
    sys.exit(1)


@click.group()
def cli():
    """Pajapohja: structured online workshops."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int):
    """Start the server (the production server of the configured async mode)."""
    from .accounts import service as accounts
    from .db import start_background_checkpoints, write_transaction
    from .extensions import socketio

    app = _app()
    shown_host = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    base = app.config["PUBLIC_URL"] or f"http://{shown_host}:{port}"
    with app.app_context():
        if accounts.facilitator_count() == 0:
            with write_transaction():
                token = accounts.create_setup_token()
            click.echo(f"No facilitator yet. Create the first account here: {base}/setup/{token}")
    click.echo(
        f"Pajapohja is running at {base}/  (async mode {app.config['ASYNC_MODE']})", err=False
    )
    from .suggest.analysers import finnish_analyser

    # docs/deploy.md: theme suggestions read Finnish best with Voikko (libvoikko1, voikko-fi).
    click.echo(f"Theme suggestions read Finnish notes with {finnish_analyser()}")
    sys.stdout.flush()
    from .privacy.service import start_retention

    start_retention(app)
    _return_large_buffers()
    _collect_garbage_less_often()
    from .accounts.sessions import start_checks

    start_checks(app)  # sockets of disabled facilitators and revoked tokens are cut off
    from .facilitation.suggestions import warm_up

    warm_up(app)  # the theme suggestions' worker starts now, not at the first click
    if app.config["ASYNC_MODE"] == "gevent":
        from .serving import run

        with app.app_context():
            start_background_checkpoints()
        run(app, host, port)  # socketio.run's server, with time limits and quiet errors
        return
    socketio.run(
        app, host=host, port=port, log_output=False, use_reloader=False, allow_unsafe_werkzeug=False
    )


def _return_large_buffers() -> None:
    """Give freed large buffers straight back to the operating system. A join snapshot of a big
    board is about 1 MB, one per joining participant; glibc's sliding mmap threshold moves such
    buffers onto the heap, which kept 1.7 MB per participant after a join storm into a 2,000-note
    board even once everyone had received a newer note; with a fixed threshold, about 0.3 MB."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 128 * 1024)
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass


def _collect_garbage_less_often() -> None:
    """Everything loaded so far lives as long as the process: ``gc.freeze`` keeps the collector
    from walking it again and again. The young generation is collected every 10,000 allocations
    instead of 700: with the defaults, young collections of 1-10 ms ran about four times a
    second while notes were posted and made the slowest handlers three times the median; after
    this, two pauses in ten seconds (``python -m bench --scenario 3``, docs/performance.md)."""
    gc.freeze()
    gc.set_threshold(10_000, 20, 100)


@cli.group()
def facilitator():
    """Facilitator accounts."""


@facilitator.command("add")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@click.option("--name", default="", help="Display name.")
def facilitator_add(email: str, password_stdin: bool, name: str):
    """Create a facilitator account."""
    from .accounts import service as accounts
    from .db import write_transaction
    from .errors import AppError

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    app = _app()
    with app.app_context():
        try:
            with write_transaction():
                created = accounts.create_facilitator(email, password, name)
        except AppError as refusal:
            _fail(refusal.message)
        click.echo(f"Facilitator {created.email} created.")


def _set_disabled(email: str, disabled: bool) -> None:
    from .accounts import service as accounts
    from .db import write_transaction
    from .errors import AppError

    app = _app()
    with app.app_context():
        try:
            with write_transaction():
                account = accounts.facilitator_by_email(email)
                accounts.set_disabled(account, disabled)
        except AppError as refusal:
            _fail(refusal.message)
    state = "disabled" if disabled else "enabled"
    click.echo(f"Facilitator {account.email} {state}.")


@facilitator.command("disable")
@click.argument("email")
def facilitator_disable(email: str):
    """Stop a facilitator from logging in or using API tokens; open sessions and sockets end."""
    _set_disabled(email, True)


@facilitator.command("enable")
@click.argument("email")
def facilitator_enable(email: str):
    """Let a disabled facilitator log in again (API tokens revoked meanwhile stay revoked)."""
    _set_disabled(email, False)


@cli.group()
def token():
    """API tokens."""


@token.command("create")
@click.argument("email")
def token_create(email: str):
    """Print a new API token for the facilitator on one line."""
    from .accounts import service as accounts
    from .db import write_transaction
    from .errors import AppError

    app = _app()
    with app.app_context():
        try:
            with write_transaction():
                new_token = accounts.create_api_token(accounts.facilitator_by_email(email))
        except AppError as refusal:
            _fail(refusal.message)
    click.echo(new_token)


@token.command("revoke")
@click.argument("token_or_email")
def token_revoke(token_or_email: str):
    """Revoke one API token, or with an e-mail address every token of that facilitator.
    Sockets opened with a revoked token are disconnected within seconds."""
    from .accounts import service as accounts
    from .db import write_transaction
    from .errors import AppError

    app = _app()
    with app.app_context():
        try:
            with write_transaction():
                if "@" in token_or_email:
                    account = accounts.facilitator_by_email(token_or_email)
                    count = accounts.revoke_tokens(account)
                    message = f"Revoked {count} API token(s) of {account.email}."
                else:
                    account = accounts.revoke_token(token_or_email)
                    message = f"Revoked an API token of {account.email}."
        except AppError as refusal:
            _fail(refusal.message)
    click.echo(message)


@cli.command()
@click.option("--language", type=click.Choice(["fi", "sv", "en"]), default="fi", show_default=True)
@click.option(
    "--email",
    default=None,
    help="The facilitator who owns the example (default: the first facilitator).",
)
def demo(language: str, email: str | None):
    """Create an example series of three finished workshops; print their addresses."""
    from .demo.service import create_example, example_owner
    from .errors import AppError

    app = _app()
    with app.app_context():
        try:
            owner = example_owner(email)
        except AppError as refusal:
            _fail(refusal.message)
        if owner is None:
            _fail("no facilitator yet: create one with `pajapohja facilitator add EMAIL`")
        series = create_example(owner, language)
        base = (app.config["PUBLIC_URL"] or "http://localhost:8000").rstrip("/")
        click.echo(f"Example series created for {owner.email}: {series.title}")
        for workshop in sorted(series.workshops, key=lambda w: w.series_index):
            click.echo(
                f"  {workshop.title}: {base}/w/{workshop.id}  "
                f"(participants: {base}/j/{workshop.join_code})"
            )


@cli.group()
def canvases():
    """The canvas library."""


@canvases.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
def canvases_check(paths):
    """Validate canvas and template files; each problem as file:line: field: message."""
    from .canvases import check_paths

    problems = check_paths(list(paths))
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(1)
    click.echo("All canvas files are valid.")


@cli.command()
@click.option(
    "--days",
    type=int,
    default=None,
    help="Delete workshops closed more than this many days ago "
    "(default: PAJAPOHJA_RETENTION_DAYS).",
)
def purge(days):
    """Delete closed workshops past their retention time, for good."""
    from .privacy.service import purge as purge_closed

    app = _app()
    days = days if days is not None else app.config["RETENTION_DAYS"]
    if days is None or days < 0:
        _fail("give --days N or set PAJAPOHJA_RETENTION_DAYS")
    with app.app_context():
        count = purge_closed(days)
    click.echo(f"Deleted {count} workshop(s) closed more than {days} days ago.")


@cli.group()
def db():
    """The database schema."""


@db.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str):
    """Upgrade the schema. The embedded SQLite database is also upgraded by every start; with
    PAJAPOHJA_DATABASE_URL, run this once before starting the server processes."""
    from .migrations import current_revision, upgrade_to_head

    app = _app(CREATE_SCHEMA=False)
    with app.app_context():
        upgrade_to_head(revision)
        click.echo(f"Database at revision {current_revision()}.")


from .export_cli import export_command  # noqa: E402  (imports only click)

cli.add_command(export_command)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
def backup(file: str):
    """Write a consistent copy of the live SQLite database to FILE (safe while serving)."""
    import sqlite3
    from pathlib import Path

    from .backup import BackupError
    from .backup import backup as copy_database
    from .config import load_config

    try:
        size = copy_database(load_config()["SQLALCHEMY_DATABASE_URI"], Path(file))
    except BackupError as refusal:
        _fail(str(refusal))
    except (OSError, sqlite3.Error) as error:
        _fail(f"backup failed: {error}")
    click.echo(f"Backup written to {file} ({size} bytes).")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        os.environ.setdefault("PAJAPOHJA_ASYNC_MODE", DEFAULT_SERVE_MODE)
        if os.environ["PAJAPOHJA_ASYNC_MODE"] == "gevent":
            from gevent import monkey

            _postgresql_on_the_event_loop()
            monkey.patch_all()
    cli.main(args=argv, prog_name="pajapohja")


def _postgresql_on_the_event_loop() -> None:
    """Under gevent, PostgreSQL statements wait for their answer on the event loop, as SQLite
    writes do (app/db.py): a handler that gives the loop away at each of a change's round trips
    is resumed only after every delivery queued meanwhile, so with 300 people a note waited
    hundreds of ms for its own transaction (scale-out p99 2.8x the single SQLite process in
    ``python -m bench --scenario 6``; 0.86x waiting on the loop, docs/performance.md). psycopg
    reads the choice from ``PSYCOPG_WAIT_FUNC`` when it is first imported; an operator whose
    database is far away sets ``PSYCOPG_WAIT_FUNC=wait_poll`` to yield instead."""
    from importlib.util import find_spec

    if find_spec("psycopg_binary") is not None or find_spec("psycopg_c") is not None:
        os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_c")
