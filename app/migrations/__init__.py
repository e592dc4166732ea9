"""Alembic, driven from the application.

Who upgrades the schema depends on the database. The embedded SQLite default belongs to one
``pajapohja serve`` process, so every start upgrades it (the README's first command just
works). A server database (``PAJAPOHJA_DATABASE_URL``, PostgreSQL) is shared by several
processes that must not race to upgrade it on start: the deployment runs ``pajapohja db
upgrade`` once, before the processes (deploy/pajapohja-migrate.service), and a process refuses
to start on a schema that is not this version's (``SchemaNotCurrent``)."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ..config import StartupError

HERE = Path(__file__).resolve().parent


class SchemaNotCurrent(StartupError):
    """The shared database's schema is not the one this version of Pajapohja needs."""


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.set_main_option(
        "file_template",
        "%%(year)d%%(month).2d%%(day).2d_%%(hour).2d%%(minute).2d_%%(rev)s_%%(slug)s",
    )
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(revision: str = "head", engine=None) -> None:
    """Upgrade ``engine`` (default: the app's, inside an app context) to ``revision``."""
    if engine is None:
        from ..extensions import db

        engine = db.engine
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current_revision(engine=None) -> str | None:
    if engine is None:
        from ..extensions import db

        engine = db.engine
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def prepare_schema(engine) -> None:
    """On start: upgrade the embedded SQLite database; check that any other is current."""
    if engine.dialect.name == "sqlite":
        upgrade_to_head(engine=engine)
        return
    check_schema(engine)


def check_schema(engine) -> None:
    """Raise ``SchemaNotCurrent``, saying what to do, unless ``engine``'s schema is at head."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    upgrade = (
        "Run `pajapohja db upgrade` once (with the same PAJAPOHJA_DATABASE_URL), then start "
        "the server processes (docs/deploy.md)."
    )
    if current is None:
        raise SchemaNotCurrent(f"the database has no Pajapohja schema yet. {upgrade}")
    if current not in {script.revision for script in _scripts()}:
        raise SchemaNotCurrent(
            f"the database schema is at revision {current}, which this version of Pajapohja "
            f"does not know (it needs {head}): a newer version upgraded it. Run that version, "
            "or restore the database from before the upgrade."
        )
    raise SchemaNotCurrent(
        f"the database schema is at revision {current}, older than this version's {head}. {upgrade}"
    )


def _scripts():
    return ScriptDirectory.from_config(alembic_config()).walk_revisions()
