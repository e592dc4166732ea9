"""SQLite's durability setting: WAL with NORMAL by default, FULL on request, nothing else."""

import pytest
from sqlalchemy import text

from app import create_app
from app.extensions import db

NORMAL, FULL = 1, 2  # what PRAGMA synchronous answers


def _pragmas(monkeypatch, tmp_path, setting: str | None) -> tuple[str, int]:
    monkeypatch.delenv("PAJAPOHJA_DATABASE_URL", raising=False)
    monkeypatch.setenv("PAJAPOHJA_DATA_DIR", str(tmp_path))
    if setting is None:
        monkeypatch.delenv("PAJAPOHJA_SQLITE_SYNCHRONOUS", raising=False)
    else:
        monkeypatch.setenv("PAJAPOHJA_SQLITE_SYNCHRONOUS", setting)
    application = create_app({"TESTING": True})
    with application.app_context():
        try:
            with db.engine.connect() as connection:
                journal = connection.execute(text("PRAGMA journal_mode")).scalar()
                synchronous = connection.execute(text("PRAGMA synchronous")).scalar()
        finally:
            db.engine.dispose()
    return journal, synchronous


def test_default_is_wal_with_normal_sync(monkeypatch, tmp_path):
    assert _pragmas(monkeypatch, tmp_path, None) == ("wal", NORMAL)


def test_full_sync_on_request(monkeypatch, tmp_path):
    assert _pragmas(monkeypatch, tmp_path, "FULL") == ("wal", FULL)


def test_an_unknown_setting_is_refused(monkeypatch, tmp_path):
    with pytest.raises(ValueError, match="PAJAPOHJA_SQLITE_SYNCHRONOUS must be normal or full"):
        _pragmas(monkeypatch, tmp_path, "off")
