"""``pajapohja backup FILE``: a consistent copy of the live SQLite database.

SQLite's online backup API copies the database page by page inside a read transaction, so the
copy is one committed state even while the server keeps writing (WAL mode lets the writers go
on meanwhile). The copy is written next to the target and renamed into place, so that an
interrupted backup never leaves a half-written file under the target's name."""

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    pass


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "postgresql":
        raise BackupError("the database is PostgreSQL: back it up with pg_dump (docs/deploy.md)")
    if backend != "sqlite":
        raise BackupError(f"backup copies SQLite databases only; back up {backend} with its tools")
    if not url.database or url.database == ":memory:":
        raise BackupError("the database is in memory: there is no file to back up")
    return Path(url.database)


def backup(database_url: str, target: Path) -> int:
    """Copy the database to ``target``; returns the copy's size in bytes."""
    source_path = sqlite_path(database_url)
    if not source_path.exists():
        raise BackupError(f"no database at {source_path}")
    target = target.resolve()
    if target == source_path.resolve():
        raise BackupError("the backup must not overwrite the database itself")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    # A copy of the database is as private as the database: owner-only before SQLite writes.
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    source = sqlite3.connect(source_path, timeout=30)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            (check,) = copy.execute("PRAGMA integrity_check").fetchone()
        finally:
            copy.close()
    finally:
        source.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the copy failed its integrity check: {check}")
    with open(partial, "rb") as written:
        os.fsync(written.fileno())
    partial.replace(target)
    return target.stat().st_size
