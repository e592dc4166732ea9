"""A throwaway PostgreSQL database for a test: created on the running server (127.0.0.1:5432,
trust auth, or ``PAJAPOHJA_TEST_POSTGRES``), dropped afterwards. A test that needs it fails,
never skips, when PostgreSQL cannot be reached.

The app does not upgrade a PostgreSQL schema on start: like a deployment, the fixture runs the
upgrade of ``pajapohja db upgrade`` once, before any server uses the database."""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

POSTGRES = os.environ.get("PAJAPOHJA_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def upgrade(url: str, revision: str = "head") -> None:
    """What ``pajapohja db upgrade [REVISION]`` does, on the database at ``url``."""
    from sqlalchemy import create_engine

    from app.migrations import upgrade_to_head

    engine = create_engine(url)
    try:
        upgrade_to_head(revision, engine=engine)
    finally:
        engine.dispose()


@contextmanager
def fresh_database(schema: str | None = "head") -> Iterator[str]:
    """The SQLAlchemy URL of a new database, upgraded to the revision ``schema`` (None: empty),
    dropped (with any open connections) when the block ends."""
    name = f"pajapohja_test_{secrets.token_hex(6)}"
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES}: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        try:
            if schema is not None:
                upgrade(f"{base}/{name}", schema)
            yield f"{base}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(backend: str, data_dir) -> Iterator[str]:
    """``PAJAPOHJA_DATABASE_URL`` for a fresh database of ``backend`` (SQLite in
    ``data_dir``)."""
    if backend == "postgresql":
        with fresh_database() as url:
            yield url
    else:
        yield f"sqlite:///{data_dir / 'pajapohja.db'}"
