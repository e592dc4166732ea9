"""Rate limits: login and join-code guessing per client address (shared through Redis when the
app runs as several processes), and a token bucket per Socket.IO connection that answers
"too fast" instead of dropping anything silently."""

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

limiter = Limiter(key_func=get_remote_address, default_limits=[], strategy="moving-window")
_failures: MovingWindowRateLimiter | None = None


def storage_uri(app) -> str:
    return app.config.get("RATELIMIT_STORAGE_URI") or app.config["MESSAGE_QUEUE"] or "memory://"


def init_app(app) -> None:
    global _failures
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage_uri(app))
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter.init_app(app)
    _failures = MovingWindowRateLimiter(storage_from_string(app.config["RATELIMIT_STORAGE_URI"]))


def join_blocked(address: str) -> bool:
    return not _failures.test(JOIN_FAILURES, "join-failure", address or "?")


def join_failed(address: str) -> None:
    _failures.hit(JOIN_FAILURES, "join-failure", address or "?")


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
