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


def test_database_with_data_from_the_first_revision_upgrades_intact(tmp_path):
    from sqlalchemy import text

    app = bare_app(f"sqlite:///{tmp_path / 'old.db'}")
    with app.app_context():
        upgrade_to_head("0001")
        with db.engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO facilitators (id, email, name, password_hash, created_at) "
                    "VALUES (1, 'f@example.fi', 'F', 'x', '2025-03-01 09:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO workshops (id, owner_id, series_index, title, template, language, "
                    "topic, organisation, join_code, status, seq, created_at) VALUES (1, 1, 1, "
                    "'Työpaja 1', 'hyvanmitta-training-plan', 'fi', 'osallisuus', '', 'ABCDEFGH', "
                    "'open', 2, '2025-03-01 09:00:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO steps (id, workshop_id, position, canvas_id, kind, definition) "
                    "VALUES (1, 1, 1, 'need', 'need', '{\"prompts\": [{\"id\": \"needed\"}]}')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO participants (id, workshop_id, token_hash, name, created_at, "
                    "removed) VALUES (1, 1, 'h', 'Maija', '2025-03-01 09:01:00', 0)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO notes (id, workshop_id, step_id, prompt_id, op_id, "
                    "participant_id, text, fields, version, created_at, updated_at) "
                    "VALUES (1, 1, 1, 'needed', "
                    "'00000000-0000-4000-8000-000000000001', 1, 'Kuuntelemisen taito', '{}', 1, "
                    "'2025-03-01 09:02:00', '2025-03-01 09:02:00')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO events (workshop_id, seq, type, data, created_at) VALUES "
                    "(1, 1, 'participant.joined', '{}', '2025-03-01 09:01:00'), "
                    "(1, 2, 'note.added', '{}', '2025-03-01 09:02:00')"
                )
            )
        upgrade_to_head()
        with db.engine.connect() as connection:
            note = connection.execute(
                text("SELECT text, participant_id, moderated, theme_id FROM notes")
            ).one()
            step = connection.execute(
                text("SELECT hidden, locked, vision_text, vision_version FROM steps")
            ).one()
            seqs = connection.execute(text("SELECT seq FROM events ORDER BY seq")).scalars().all()
            follow = connection.execute(text("SELECT follow_me, seq FROM workshops")).one()
        assert tuple(note) == ("Kuuntelemisen taito", 1, 0, None)
        assert tuple(step) == (0, 0, "", 0)
        assert seqs == [1, 2]
        assert tuple(follow) == (0, 2)
        db.engine.dispose()
