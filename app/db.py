"""Session discipline: short reads, and write transactions that are serialised and immediate.

Every change is committed before it is acknowledged or broadcast (``write_transaction``).
On SQLite the database runs in WAL mode; a write transaction starts with ``BEGIN IMMEDIATE`` so
that it takes the write lock up front instead of failing half-way, and writers inside one process
queue on a (gevent-aware, once patched) lock rather than on SQLite's busy timeout, which would
block the whole event loop.
"""

import sys
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db

_write_lock = threading.RLock()
_local = threading.local()


def utcnow() -> datetime:
    """Naive UTC, the form every timestamp column stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # transactions are begun by _on_begin below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = getattr(_local, "writing", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    if _gevent_patched():
        engine.dialect.do_commit = _commit_off_the_loop


def _gevent_patched() -> bool:
    monkey = sys.modules.get("gevent.monkey")
    return bool(monkey and monkey.is_module_patched("threading"))


def _commit_off_the_loop(dbapi_connection) -> None:
    """A SQLite commit waits for fsync (synchronous=FULL), a few milliseconds in which a gevent
    server would deliver nothing to anyone (measured by bench/, docs/performance.md). A real
    thread waits instead and only the committing greenlet waits for it; the connection still has
    one user at a time (the greenlet holding it, writers serialised by ``_write_lock``)."""
    from gevent import get_hub

    get_hub().threadpool.apply(dbapi_connection.commit)


@contextmanager
def write_transaction():
    """Run the block as one committed transaction; roll back everything if it raises."""
    session = db.session()  # the scoped session's current Session
    if getattr(_local, "writing", False):  # nested: part of the outer transaction
        yield session
        return
    if session.in_transaction():
        session.commit()  # end a read snapshot so the write starts from the newest data
    sqlite = db.engine.dialect.name == "sqlite"
    if sqlite:
        _write_lock.acquire()
    _local.writing = True
    try:
        session.begin()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
    finally:
        _local.writing = False
        if sqlite:
            _write_lock.release()
