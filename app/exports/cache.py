"""Export files kept until their workshop changes, built once however many ask at the same time,
and built beside the event loop rather than on it (issue 16: a 2,000-note summary.docx took
seconds, and every socket of the process waited for it).

- **Key.** A workshop's file is keyed by the workshop's row (its id, random join code and
  ``seq`` among its columns: every change to the board moves ``seq``; a title, date or closing
  text edited on the row changes the key by itself), its owner's name, who is in it (joining
  does not move ``seq``, and export.json lists participants) and the file's name. A series' plan
  by the series' row, the keys of all its workshops, today's date and the file's name.
- **Memory.** Least recently used files go first once the files kept pass
  ``EXPORT_CACHE_BYTES`` (``PAJAPOHJA_EXPORT_CACHE_MB``, default 64), per process. A file
  larger than the budget is built and sent, not kept.
- **Once.** Requests for a file that is being built wait for that build.
- **Off the loop.** Under gevent (``pajapohja serve``) one worker process reads the workshop
  from the database and builds the file (``workers.Builders``, ``PAJAPOHJA_EXPORT_WORKERS``;
  measured with ``python -m bench --scenario 7``); the request computes only the key. Under the
  threading server the request's own thread reads and builds.
"""

import os
import threading
from collections import OrderedDict
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from ..core.workshop_models import Participant, Series, Workshop
from ..extensions import db
from ..workers import Builders
from . import service
from .markdown_out import to_html

DEFAULT_CACHE_MB = 64
DEFAULT_POOL_SIZE = 1
ENTRY_OVERHEAD = 512  # bytes counted per file besides its body and name


class _Flight:
    """One build that others are waiting for."""

    def __init__(self):
        self.finished = threading.Event()
        self.value = None
        self.error: BaseException | None = None

    def wait(self):
        self.finished.wait()
        if self.error is not None:
            raise self.error
        return self.value


class FileCache:
    """Least recently used export files up to ``budget`` bytes; thread- and greenlet-safe."""

    def __init__(self, budget: int):
        self.budget = budget
        self.size = 0
        self.entries: OrderedDict = OrderedDict()
        self.flights: dict = {}
        self.lock = threading.Lock()
        self.builds = 0  # files built (misses), for tests and the curious
        self.hits = 0

    def get(self, key, build):
        """The file under ``key``, made by ``build()`` if it is not kept (once, for everyone
        asking meanwhile)."""
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                self.hits += 1
                return self.entries[key]
            flight = self.flights.get(key)
            leading = flight is None
            if leading:
                flight = self.flights[key] = _Flight()
                self.builds += 1
        if not leading:
            return flight.wait()
        try:
            flight.value = build()
        except BaseException as error:
            flight.error = error
            raise
        finally:
            with self.lock:
                if flight.error is None:
                    self._keep(key, flight.value)
                del self.flights[key]
            flight.finished.set()
        return flight.value

    def _keep(self, key, export: service.ExportFile) -> None:
        size = len(export.body) + len(export.filename) + ENTRY_OVERHEAD
        if size > self.budget:
            return
        self.entries[key] = export
        self.entries.move_to_end(key)
        self.size += size
        while self.size > self.budget:
            _key, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body) + len(dropped.filename) + ENTRY_OVERHEAD


def init_app(app, factory) -> None:
    """``factory`` made ``app`` (``create_app``): a worker process makes its own app with it."""
    config = app.config
    megabytes = float(os.environ.get("PAJAPOHJA_EXPORT_CACHE_MB", DEFAULT_CACHE_MB))
    config.setdefault("EXPORT_CACHE_BYTES", int(megabytes * 1024 * 1024))
    # Under gevent (``pajapohja serve``) one worker process at a lower priority, reading the
    # database itself: measured with ``python -m bench --scenario 7``, it keeps the room's
    # acknowledgements level while documents are built, where OS threads did not (the GIL) and
    # two processes took both cores. The threading server builds in the request's own thread.
    default_kind = "process" if config["ASYNC_MODE"] == "gevent" else "thread"
    config.setdefault("EXPORT_WORKERS", os.environ.get("PAJAPOHJA_EXPORT_WORKERS", default_kind))
    config.setdefault(
        "EXPORT_POOL_SIZE", int(os.environ.get("PAJAPOHJA_EXPORT_POOL_SIZE", DEFAULT_POOL_SIZE))
    )
    app.extensions["pajapohja.exports"] = FileCache(config["EXPORT_CACHE_BYTES"])
    app.extensions["pajapohja.app_factory"] = factory
    app.extensions["pajapohja.builders"] = Builders(
        config["EXPORT_WORKERS"], config["EXPORT_POOL_SIZE"], config["ASYNC_MODE"] == "gevent"
    )


def file_cache() -> FileCache:
    return current_app.extensions["pajapohja.exports"]


def _builders() -> Builders:
    return current_app.extensions["pajapohja.builders"]


def _row(record, *leave_out: str) -> tuple:
    """Every column of a loaded row, as a hashable tuple."""
    return tuple(
        repr(getattr(record, column.key))
        for column in record.__table__.columns
        if column.key not in leave_out
    )


def workshop_key(workshop: Workshop) -> tuple:
    """What a workshop's files depend on and ``seq`` does not cover."""
    people = db.session.execute(
        select(func.count(Participant.id), func.max(Participant.id)).where(
            Participant.workshop_id == workshop.id, Participant.removed.is_(False)
        )
    ).one()
    series = db.session.get(Series, workshop.series_id) if workshop.series_id else None
    return (
        _row(workshop),
        service.facilitator_name(workshop),
        tuple(people),
        _row(series, "share_token_hash") if series is not None else None,
    )


def _in_app(app, function, source: dict, name: str) -> service.ExportFile:
    """In a builder thread: the app's context, for Flask-Babel (a document is written in its
    workshop's language, ``language.document_language``)."""
    with app.app_context():
        return function(source, name)


def _build(function, source: dict, name: str) -> service.ExportFile:
    app = current_app._get_current_object()
    return _builders().run(_in_app, app, function, source, name)


# Process workers read the database themselves: then the server's loop does not even read the
# workshop document (2,000 notes: tens of ms, which every socket of the process would wait for).
_worker_app = None


def _worker_config() -> dict:
    """What a worker process needs to open the same database as this server."""
    config = current_app.config
    keys = ("DATA_DIR", "SQLALCHEMY_DATABASE_URI", "CANVAS_DIRS", "SECRET_KEY")
    return {key: config[key] for key in keys if key in config}


def _worker_context(factory, config: dict):
    """In a worker process: an app context on the server's database (the app made once, by the
    server's own factory, which the pipe carries by name)."""
    global _worker_app
    if _worker_app is None:
        _worker_app = factory(
            {
                **config,
                "ASYNC_MODE": "threading",
                "MESSAGE_QUEUE": None,
                "CREATE_SCHEMA": False,
                "EXPORT_WORKERS": "inline",
            }
        )
    return _worker_app.app_context()


def read_and_build(factory, config: dict, what: str, ident: int, name: str, today: date | None):
    """In a worker process: read a workshop (``what`` "workshop" or "preview") or a series
    ("plan") and build its file."""
    with _worker_context(factory, config):
        if what == "plan":
            series = db.session.get(Series, ident)
            return service.build_plan_file(service.plan_source(series, today), name)
        source = service.workshop_source(db.session.get(Workshop, ident))
        if what == "preview":
            return build_preview(source, name)
        return service.build_workshop_file(source, name)


def _made(what: str, record, name: str, today: date | None = None) -> service.ExportFile:
    builders = _builders()
    if builders.kind == "process":
        factory = current_app.extensions["pajapohja.app_factory"]
        return builders.run(read_and_build, factory, _worker_config(), what, record.id, name, today)
    if what == "plan":
        return _build(service.build_plan_file, service.plan_source(record, today), name)
    function = build_preview if what == "preview" else service.build_workshop_file
    return _build(function, service.workshop_source(record), name)


def workshop_file(workshop: Workshop, name: str) -> service.ExportFile:
    """``service.workshop_file``, kept (``name`` is one of ``service.WORKSHOP_FILES``)."""
    return file_cache().get(
        ("workshop", workshop_key(workshop), name), lambda: _made("workshop", workshop, name)
    )


def plan_file(series: Series, name: str, today: date | None = None) -> service.ExportFile:
    """A series' training-plan file, kept (``name`` is one of ``service.PLAN_FILES``)."""
    today = today or date.today()
    key = (
        "plan",
        _row(series, "share_token_hash"),
        tuple(workshop_key(workshop) for workshop in series.workshops),
        today,
        name,
    )
    return file_cache().get(key, lambda: _made("plan", series, name, today))


def build_preview(source: dict, _name: str) -> service.ExportFile:
    """The console's live preview: summary.md as an HTML fragment (pure, like the files)."""
    markdown = service.build_workshop_file(source, "summary.md").body.decode("utf-8")
    return service.ExportFile("preview.html", "text/html", to_html(markdown).encode("utf-8"))


def summary_preview(workshop: Workshop) -> str:
    """The preview's HTML fragment, kept like the files (each open console asks every 15 s)."""
    preview = file_cache().get(
        ("preview", workshop_key(workshop)), lambda: _made("preview", workshop, "preview")
    )
    return preview.body.decode("utf-8")
