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
import os
import sqlite3
import threading
from contextlib import contextmanager
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy import event, text
from sqlalchemy.engine import Engine

from .errors import AppError
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


def iso(moment) -> str | None:
    """A stored (naive UTC) timestamp as the wire and documents write it."""
    return moment.isoformat() + "Z" if moment else None


# Owner only: the database holds every note, name and password hash.
PRIVATE_FILE_MODE = 0o600
SQLITE_FILES = ("", "-wal", "-shm", "-journal")


def private_file(path) -> None:
    """Create ``path`` empty and readable by its owner only, unless it exists already."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        pass


def private_sqlite_files(path: str) -> None:
    """The database file is created owner-only before SQLite opens it (an empty file is an
    empty database), and SQLite gives its -wal and -shm files the database file's mode. Files
    of an older installation, created under the usual umask as world-readable, are narrowed."""
    private_file(path)
    for suffix in SQLITE_FILES:
        try:
            os.chmod(path + suffix, PRIVATE_FILE_MODE)
        except FileNotFoundError:
            pass
        except PermissionError:  # not ours (a copy opened read-only): leave it as it is
            logger.warning("cannot make %s%s private to its owner", path, suffix)


SQLITE_FULL = 13  # "database or disk is full"
POSTGRESQL_DISK_FULL = "53100"  # SQLSTATE disk_full


def storage_full(error: BaseException) -> bool:
    """True when ``error`` (SQLAlchemy's or the driver's) says the disk or the database is
    full: SQLite's SQLITE_FULL, PostgreSQL's SQLSTATE 53100."""
    original = getattr(error, "orig", None) or error
    if isinstance(original, sqlite3.Error):
        return getattr(original, "sqlite_errorcode", None) == SQLITE_FULL or (
            "database or disk is full" in str(original)
        )
    return getattr(original, "sqlstate", None) == POSTGRESQL_DISK_FULL


def driver_message(error: BaseException) -> str:
    """The database's own words, without the statement and its parameters (a note's text)."""
    return str(getattr(error, "orig", None) or error)


def storage_full_error() -> AppError:
    """The refusal a client gets while nothing can be saved; the message is for the
    facilitator (who can tell the server's administrator) and says nothing is lost."""
    return AppError(
        "storage_full",
        _(
            "The server's storage is full, so changes cannot be saved now. Unsent changes wait "
            "on this device and are sent again later. Tell the server's administrator."
        ),
        507,
    )


def configure_engine(engine: Engine, synchronous: str = "normal") -> None:
    if engine.dialect.name != "sqlite":
        return
    if engine.url.database and engine.url.database != ":memory:":
        private_sqlite_files(engine.url.database)
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


# A change to a workshop first takes its row's lock, so that what the change reads (a version, a
# vote budget, whether groups exist) is still true when it commits. NO KEY UPDATE is the lock the
# ``seq`` update in ``log.append`` takes anyway, and it does not block the foreign-key checks of
# writers that insert rows pointing at the workshop.
_LOCK_WORKSHOP = text("SELECT id FROM workshops WHERE id = :workshop_id FOR NO KEY UPDATE")


def lock_workshop(workshop_id: int, connection=None) -> None:
    """Inside a write transaction: wait for, then hold until commit, the right to change this
    workshop (for a transaction that learns which workshop only as it goes). On SQLite the
    transaction is already the only writer (``BEGIN IMMEDIATE``)."""
    connection = connection or db.session.connection()
    if connection.dialect.name != "sqlite":
        connection.execute(_LOCK_WORKSHOP, {"workshop_id": workshop_id})


def workshop_being_written() -> int | None:
    """The workshop that the write transaction now beginning on this thread will change, if
    any: a check that must see what the writers before it committed (``core.membership``)
    takes the workshop's lock before it reads."""
    return getattr(_local, "workshop_id", None) if getattr(_local, "writing", False) else None


@contextmanager
def write_transaction(workshop_id: int | None = None, *, lock: bool = True):
    """Run the block as one committed transaction; roll back everything if it raises.

    With ``workshop_id`` the transaction changes that workshop: it starts by locking the
    workshop's row, so on PostgreSQL the writers of one workshop run one after another, as every
    writer does on SQLite, and each reads what the one before it committed (READ COMMITTED reads
    the newest data at every statement; objects this session loaded earlier are expired). Other
    workshops' writers go on in parallel. ``lock=False``: the block's first statement takes the
    same lock itself (``notes.operations.change``, saving a round trip on every change)."""
    session = db.session()  # the scoped session's current Session
    if getattr(_local, "writing", False):  # nested: part of the outer transaction
        if workshop_id is not None and lock:
            lock_workshop(workshop_id)
        yield session
        return
    if session.in_transaction():
        session.commit()  # end a read snapshot so the write starts from the newest data
    if workshop_id is not None and session.identity_map:
        session.expire_all()  # loaded before the lock: read again once it is held
    sqlite = db.engine.dialect.name == "sqlite"
    if sqlite:
        _write_lock.acquire()
    _local.writing = True
    _local.workshop_id = workshop_id
    try:
        session.begin()
        try:
            if workshop_id is not None and lock:
                lock_workshop(workshop_id)
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
    finally:
        _local.writing = False
        _local.workshop_id = None
        if sqlite:
            _write_lock.release()
