"""Alembic, driven from the application: the schema is upgraded to head on start
(``pajapohja serve``) and by ``pajapohja db upgrade``."""

from pathlib import Path

from alembic import command
from alembic.config import Config

HERE = Path(__file__).resolve().parent


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


def upgrade_to_head(revision: str = "head") -> None:
    """Run inside an app context."""
    from ..extensions import db

    with db.engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current_revision() -> str | None:
    from alembic.runtime.migration import MigrationContext

    from ..extensions import db

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
