"""Alembic: an empty database upgrades to head, and head matches the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import inspect

from app.extensions import db
from app.migrations import alembic_config, current_revision, upgrade_to_head


def bare_app(url: str) -> Flask:
    app = Flask("migration-test")
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    db.init_app(app)
    return app


def test_empty_database_upgrades_to_head_and_matches_models(tmp_path):
    app = bare_app(f"sqlite:///{tmp_path / 'empty.db'}")
    with app.app_context():
        upgrade_to_head()
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        assert current_revision() == head
        tables = set(inspect(db.engine).get_table_names())
        assert {"workshops", "notes", "events", "participants", "facilitators"} <= tables
        with db.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert diff == []
        db.engine.dispose()


def test_migration_files_have_timestamped_names():
    import re
    from pathlib import Path

    versions = Path(__file__).resolve().parents[1] / "app" / "migrations" / "versions"
    for path in versions.glob("*.py"):
        if path.name != "__init__.py":
            assert re.match(r"\d{8}_\d{4}_\w+\.py$", path.name), path.name
