"""Rate limits: login and join-code guessing per client address (shared through Redis when the
app runs as several processes), and a token bucket per Socket.IO connection that answers
"too fast" instead of dropping anything silently."""

import logging
import time

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

LOGIN_LIMIT = "10 per minute"
# Wrong join codes tolerated from one address: a room behind one NAT typing the right code is
# never limited, a script walking the code space is.
JOIN_FAILURES = parse("60 per minute")

logger = logging.getLogger("pajapohja.ratelimit")

limiter = Limiter(key_func=get_remote_address, default_limits=[], strategy="moving-window")


class FailureCounter:
    """Wrong join codes per address, counted in the shared storage (Redis with several
    processes). While that storage is unreachable, a Redis restart say, each process counts in
    its own memory: joining must never depend on Redis being up."""

    def __init__(self, uri: str):
        self.shared_storage = storage_from_string(uri, **storage_options(uri))
        self.shared = MovingWindowRateLimiter(self.shared_storage)
        self.local = MovingWindowRateLimiter(storage_from_string("memory://"))

    def _ask(self, method: str, address: str) -> bool:
        try:
            return getattr(self.shared, method)(JOIN_FAILURES, "join-failure", address or "?")
        except self.shared_storage.base_exceptions as error:
            logger.warning("rate-limit storage unreachable, counting in memory: %s", error)
            return getattr(self.local, method)(JOIN_FAILURES, "join-failure", address or "?")

    def blocked(self, address: str) -> bool:
        return not self._ask("test", address)

    def failed(self, address: str) -> None:
        self._ask("hit", address)


_failures: FailureCounter | None = None


def storage_uri(app) -> str:
    return app.config.get("RATELIMIT_STORAGE_URI") or app.config["MESSAGE_QUEUE"] or "memory://"


def storage_options(uri: str) -> dict:
    """Give up on an unreachable Redis within a second instead of the system's TCP timeout."""
    if uri.startswith(("redis://", "rediss://")):
        return {"socket_connect_timeout": 1, "socket_timeout": 1}
    return {}


def init_app(app) -> None:
    global _failures
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage_uri(app))
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # Logins likewise: Flask-Limiter counts in memory while the shared storage is down.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault(
        "RATELIMIT_STORAGE_OPTIONS", storage_options(app.config["RATELIMIT_STORAGE_URI"])
    )
    limiter.init_app(app)
    _failures = FailureCounter(app.config["RATELIMIT_STORAGE_URI"])


def join_blocked(address: str) -> bool:
    return _failures.blocked(address)


def join_failed(address: str) -> None:
    _failures.failed(address)


class TokenBucket:
    """``capacity`` events at once, refilled at ``rate`` per second."""

    def __init__(self, capacity: float, rate: float):
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.stamp = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


def connection_bucket() -> TokenBucket:
    config = current_app.config
    return TokenBucket(config.get("SOCKET_BURST", 40), config.get("SOCKET_RATE", 10))
