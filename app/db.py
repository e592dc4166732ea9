"""Session discipline: short reads, and write transactions that are serialised and immediate.

Every change is committed before it is acknowledged or broadcast (``write_transaction``).
On SQLite the database runs in WAL mode; a write transaction starts with ``BEGIN IMMEDIATE`` so
that it takes the write lock up front instead of failing half-way, and writers inside one process
queue on a (gevent-aware, once patched) lock rather than on SQLite's busy timeout, which would
block the whole event loop.

Under gevent the SQLite calls run on the event loop itself. Handing the commit to a thread was
measured to be far worse: the committing greenlet is woken through the back of the hub's callback
queue, which during a 1,000-person fan-out holds about 100 ms of deliveries, so each write took
~150 ms, writers queued behind one another for seconds, and a note reached everyone up to 4.7 s
late (``python -m bench --scenario 2``, docs/performance.md). A write that does not yield also
never makes another writer wait for ``_write_lock``.

The commit's fsync policy is ``PAJAPOHJA_SQLITE_SYNCHRONOUS``: ``normal`` (the default) writes
each commit to the WAL file without waiting for the disk, so every acknowledged change survives a
crash or SIGKILL of Pajapohja and only a power cut or operating-system crash can undo the last
ones; ``full`` waits for the disk at every commit, which on the event loop tripled scenario 1's
latency with 300 participants (docs/performance.md).
"""

import logging
import sqlite3
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db, socketio

logger = logging.getLogger("pajapohja.db")

_write_lock = threading.RLock()
_local = threading.local()
# Set by ``start_background_checkpoints``: connections then leave checkpoints to it.
_checkpoints_in_background = False
CHECKPOINT_SECONDS = 1.0


def utcnow() -> datetime:
    """Naive UTC, the form every timestamp column stores."""
    return datetime.now(UTC).replace(tzinfo=None)


def configure_engine(engine: Engine, synchronous: str = "normal") -> None:
    if engine.dialect.name != "sqlite":
        return
    synchronous = {"normal": "NORMAL", "full": "FULL"}[synchronous]

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # transactions are begun by _on_begin below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        # Deleted rows and replaced values are overwritten with zeros, not left in free space:
        # a deleted note's text must not be readable from the file (docs/reliability.md).
        cursor.execute("PRAGMA secure_delete=ON")
        if _checkpoints_in_background:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        immediate = getattr(_local, "writing", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def start_background_checkpoints() -> None:
    """Under gevent, on SQLite: copy the WAL into the database from a thread, every second.

    SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages,
    about every hundredth note, and waits for fsync there: with the event loop blocked, that
    note took ~18 ms instead of ~4 (handler times measured in ``python -m bench --scenario
    3``). A passive checkpoint in a thread lets writers go on meanwhile."""
    global _checkpoints_in_background
    engine = db.engine
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return
    from gevent import get_hub

    _checkpoints_in_background = True
    engine.dispose()  # connections opened from now on take wal_autocheckpoint=0
    path = engine.url.database
    state = {}

    def checkpoint() -> None:
        if "connection" not in state:
            # No busy wait: a checkpoint that would have to wait is simply tried again later.
            state["connection"] = sqlite3.connect(path, timeout=0, check_same_thread=False)
        checkpoint_wal(state["connection"])

    def run() -> None:
        while True:
            socketio.sleep(CHECKPOINT_SECONDS)
            try:
                get_hub().threadpool.apply(checkpoint)
            except sqlite3.Error:
                logger.exception("WAL checkpoint failed (SQLite will try again)")

    socketio.start_background_task(run)


_wal_to_forget = threading.Event()


def forget_wal() -> None:
    """Text was deleted or replaced in this transaction: the WAL still holds the old pages, so
    the next background checkpoint truncates it (``checkpoint_wal``)."""
    _wal_to_forget.set()


def checkpoint_wal(connection: sqlite3.Connection) -> None:
    """What the background checkpoint does every second: copy the WAL into the database
    without waiting for anyone (PASSIVE). After text was deleted or replaced, and once every
    frame is copied, it also truncates the WAL to zero bytes: SQLite otherwise reuses the file
    from its start, leaving the old page images, deleted notes included, readable behind the
    new ones. The truncation does not wait either; when a reader or writer is in the way it is
    tried again the next second."""
    busy, frames, copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    if not _wal_to_forget.is_set() or busy or frames != copied:
        return
    _wal_to_forget.clear()  # before: a deletion committed meanwhile sets it again
    truncated = False
    try:
        truncated = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    finally:
        if not truncated:
            _wal_to_forget.set()


def forget_wal_now() -> None:
    """``forget_wal`` where no background checkpoint runs: a command such as ``pajapohja
    purge``, perhaps beside a running server (whose checkpoint does not know of this process's
    deletions). Copies the WAL into the database and truncates it at once, waiting for readers
    and writers up to the busy timeout; if they stay in the way, a warning says so."""
    engine = db.engine
    if _checkpoints_in_background:
        forget_wal()
        return
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return
    connection = sqlite3.connect(engine.url.database, timeout=10)
    try:
        busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        connection.close()
    if busy:
        logger.warning("the WAL could not be truncated now; deleted text stays in it until then")


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
