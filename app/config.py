"""Configuration from environment variables, with safe defaults for a single small server."""

import os
import secrets
from pathlib import Path

ASYNC_MODES = ("gevent", "threading")


def _secret_key(data_dir: Path) -> str:
    """The key from the environment, else one generated once and kept in the data directory."""
    if os.environ.get("PAJAPOHJA_SECRET_KEY"):
        return os.environ["PAJAPOHJA_SECRET_KEY"]
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def load_config(overrides: dict | None = None) -> dict:
    overrides = dict(overrides or {})
    data_dir = Path(
        overrides.pop("DATA_DIR", None) or os.environ.get("PAJAPOHJA_DATA_DIR", "instance")
    ).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    database_url = (
        os.environ.get("PAJAPOHJA_DATABASE_URL") or f"sqlite:///{data_dir / 'pajapohja.db'}"
    )
    canvas_dirs = [p for p in os.environ.get("PAJAPOHJA_CANVASES", "").split(":") if p]
    config = {
        "DATA_DIR": data_dir,
        "SECRET_KEY": _secret_key(data_dir),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MESSAGE_QUEUE": os.environ.get("PAJAPOHJA_MESSAGE_QUEUE") or None,
        "CANVAS_DIRS": canvas_dirs,
        "ASYNC_MODE": os.environ.get("PAJAPOHJA_ASYNC_MODE", "threading"),
        "PUBLIC_URL": os.environ.get("PAJAPOHJA_PUBLIC_URL", ""),
        # How many reverse proxies (nginx) stand in front: their X-Forwarded-For/-Proto are
        # trusted for the client address (rate limits) and the scheme.
        # Closed workshops are deleted this many days after closing (None: kept until deleted).
        "RETENTION_DAYS": int(os.environ["PAJAPOHJA_RETENTION_DAYS"])
        if os.environ.get("PAJAPOHJA_RETENTION_DAYS")
        else None,
        "PROXY_COUNT": int(os.environ.get("PAJAPOHJA_PROXY_COUNT", "0")),
        # SQLite's fsync policy in WAL mode: "normal" keeps every acknowledged change through a
        # crash or kill of Pajapohja; "full" also through a power cut, at a latency cost with
        # hundreds of participants (docs/performance.md).
        "SQLITE_SYNCHRONOUS": os.environ.get("PAJAPOHJA_SQLITE_SYNCHRONOUS", "normal").lower(),
        # A connection with more than this many bytes of output waiting unsent (its client does
        # not read) is cut off when anything more is sent to it (app/backpressure.py).
        "SOCKET_BACKLOG_BYTES": int(os.environ.get("PAJAPOHJA_SOCKET_BACKLOG_BYTES", 1024 * 1024)),
        # Full snapshots answered to ``resync`` (app/snapshot_budget.py): a few per connection,
        # refilled one per SNAPSHOT_CONNECTION_INTERVAL s; per workshop a room's worth at once,
        # refilled SNAPSHOT_WORKSHOP_RATE a second.
        "SNAPSHOT_CONNECTION_BURST": 3,
        "SNAPSHOT_CONNECTION_INTERVAL": 20,
        "SNAPSHOT_WORKSHOP_BURST": int(os.environ.get("PAJAPOHJA_SNAPSHOT_WORKSHOP_BURST", 300)),
        "SNAPSHOT_WORKSHOP_RATE": float(os.environ.get("PAJAPOHJA_SNAPSHOT_WORKSHOP_RATE", 10)),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Secure cookies whenever the public address is HTTPS (or when asked explicitly).
        "SESSION_COOKIE_SECURE": os.environ.get("PAJAPOHJA_SECURE_COOKIES", "") == "1"
        or os.environ.get("PAJAPOHJA_PUBLIC_URL", "").startswith("https://"),
        "MAX_CONTENT_LENGTH": 60 * 1024 * 1024,
        "MAX_IMPORT_BYTES": 20 * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "fi",
        "WTF_CSRF_TIME_LIMIT": None,
        "JSON_SORT_KEYS": False,
    }
    config.update(overrides)
    if config["ASYNC_MODE"] not in ASYNC_MODES:
        raise ValueError(f"PAJAPOHJA_ASYNC_MODE must be one of {', '.join(ASYNC_MODES)}")
    if config["SQLITE_SYNCHRONOUS"] not in ("normal", "full"):
        raise ValueError("PAJAPOHJA_SQLITE_SYNCHRONOUS must be normal or full")
    return config
