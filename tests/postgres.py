"""A throwaway PostgreSQL database for a test: created on the running server (127.0.0.1:5432,
trust auth, or ``PAJAPOHJA_TEST_POSTGRES``), dropped afterwards. A test that needs it fails,
never skips, when PostgreSQL cannot be reached."""

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest

POSTGRES = os.environ.get("PAJAPOHJA_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@contextmanager
def fresh_database() -> Iterator[str]:
    """The SQLAlchemy URL of a new, empty database, dropped (with any open connections) when the
    block ends."""
    name = f"pajapohja_test_{secrets.token_hex(6)}"
    try:
        admin = psycopg.connect(POSTGRES, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES}: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        base = POSTGRES.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        try:
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
