"""Rate limits: wrong join codes and wrong passwords per client address (and per account),
new participants per address and workshop (shared through Redis when the app runs as several
processes), and a token bucket per Socket.IO connection that answers "too fast" instead of
dropping anything silently.

Only failures are counted, and a blocked address is never blocked for what it has already
shown it knows: a join code or an account that worked from that address before is still let in
(a hospital's NAT stays usable while someone behind it guesses). What a blocked address has not
shown it knows is refused without being checked, so the refusal says nothing about the code or
password; wrong guesses therefore stay bounded by the limits below."""

import logging
import math
import os
import time

from flask import current_app
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

# Wrong join codes tolerated from one address (the join page, its QR code and the socket's
# ``join`` together): a room behind one NAT typing the right code is never limited, a script
# walking the code space gets 60 guesses a minute (31**8 codes: centuries per open workshop).
JOIN_FAILURES = parse("60 per minute")
# Wrong passwords: 10 a minute for one account from one address (no exception: this is the
# limit on guessing one account); 60 a minute from one address over all accounts, and 100 an
# hour for one account over all addresses, both waived for an account that has logged in from
# that address before, so neither a busy NAT nor a distributed attack locks its owner out.
LOGIN_FAILURES_ACCOUNT_ADDRESS = parse("10 per minute")
LOGIN_FAILURES_ADDRESS = parse("60 per minute")
LOGIN_FAILURES_ACCOUNT = parse("100 per hour")
# How long a code or an account that worked from an address stays known there.
KNOWN = parse("1 per day")
# New participants one address may create in one workshop. A class of 300 behind one NAT all
# pressing "join" in the same second is in within three minutes (arrivals spread over a few
# minutes are not slowed at all); 500 an hour leaves room for that class plus people joining
# again on another device. A script gets 120 a minute, not 2,000 in ten seconds. Rejoining
# with a participant token never counts. PAJAPOHJA_JOINS_PER_ADDRESS changes it.
DEFAULT_NEW_PARTICIPANTS = "120 per minute; 500 per hour"
# Downloads of documents (built once per change and kept, app/exports/cache.py, but a link that
# needs no login must not be a tap anyone can hold open): per organiser share link, per address
# over all links, per facilitator over the console and the API. Each is a setting, e.g.
# PAJAPOHJA_DOWNLOADS_PER_LINK="30 per minute".
DOWNLOAD_LIMITS = {
    "DOWNLOADS_PER_LINK": "30 per minute",
    "DOWNLOADS_PER_ADDRESS": "20 per minute",
    "DOWNLOADS_PER_FACILITATOR": "60 per minute",
}

logger = logging.getLogger("pajapohja.ratelimit")

limiter = Limiter(key_func=get_remote_address, default_limits=[], strategy="moving-window")


class SharedCounters:
    """Moving-window counters in the shared storage (Redis with several processes). While that
    storage is unreachable, a Redis restart say, each process counts in its own memory: joining
    and logging in must never depend on Redis being up."""

    def __init__(self, uri: str):
        self.shared_storage = storage_from_string(uri, **storage_options(uri))
        self.shared = MovingWindowRateLimiter(self.shared_storage)
        self.local = MovingWindowRateLimiter(storage_from_string("memory://"))

    def _ask(self, method: str, limit, *keys) -> bool:
        keys = tuple(str(key) if key is not None else "?" for key in keys)
        try:
            return getattr(self.shared, method)(limit, *keys)
        except self.shared_storage.base_exceptions as error:
            logger.warning("rate-limit storage unreachable, counting in memory: %s", error)
            return getattr(self.local, method)(limit, *keys)

    def exhausted(self, limit, *keys) -> bool:
        return not self._ask("test", limit, *keys)

    def hit(self, limit, *keys) -> bool:
        return self._ask("hit", limit, *keys)

    def seconds_left(self, limit, *keys) -> int:
        """Whole seconds until ``limit`` lets one more through for these keys (at least 1)."""
        stats = self._ask("get_window_stats", limit, *keys)
        return max(1, math.ceil(stats.reset_time - time.time()))


_counters: SharedCounters | None = None


def storage_uri(app) -> str:
    return app.config.get("RATELIMIT_STORAGE_URI") or app.config["MESSAGE_QUEUE"] or "memory://"


def storage_options(uri: str) -> dict:
    """Give up on an unreachable Redis within a second instead of the system's TCP timeout."""
    if uri.startswith(("redis://", "rediss://")):
        return {"socket_connect_timeout": 1, "socket_timeout": 1}
    return {}


def init_app(app) -> None:
    global _counters
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage_uri(app))
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    # Flask-Limiter (for any route limit) likewise counts in memory while the storage is down.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault(
        "RATELIMIT_STORAGE_OPTIONS", storage_options(app.config["RATELIMIT_STORAGE_URI"])
    )
    limiter.init_app(app)
    app.config.setdefault(
        "JOINS_PER_ADDRESS",
        os.environ.get("PAJAPOHJA_JOINS_PER_ADDRESS") or DEFAULT_NEW_PARTICIPANTS,
    )
    parse_many(app.config["JOINS_PER_ADDRESS"])  # a typo fails at start, not at the first join
    for setting, default in DOWNLOAD_LIMITS.items():
        app.config.setdefault(setting, os.environ.get(f"PAJAPOHJA_{setting}") or default)
        parse_many(app.config[setting])
    _counters = SharedCounters(app.config["RATELIMIT_STORAGE_URI"])


def code_key(code) -> str:
    return "".join(ch for ch in str(code).upper() if ch.isalnum())[:32]


def join_allowed(address: str, code) -> bool:
    """Whether a join code from this address may be looked up at all."""
    return not _counters.exhausted(JOIN_FAILURES, "join-failure", address) or _counters.exhausted(
        KNOWN, "join-ok", address, code_key(code)
    )


def join_failed(address: str) -> None:
    _counters.hit(JOIN_FAILURES, "join-failure", address)


def join_succeeded(address: str, code: str) -> None:
    _counters.hit(KNOWN, "join-ok", address, code_key(code))


def new_participant_allowed(address: str, workshop_id: int) -> bool:
    """Count one new participant from this address in this workshop; False (and nothing
    counted) when the address has made as many as it may."""
    limits = parse_many(current_app.config["JOINS_PER_ADDRESS"])
    keys = ("new-participant", address, workshop_id)
    if any(_counters.exhausted(limit, *keys) for limit in limits):
        return False
    for limit in limits:
        _counters.hit(limit, *keys)
    return True


def download_wait(*scopes: tuple) -> int | None:
    """Count one download in every scope, ``(setting, key, ...)`` (e.g. ``("DOWNLOADS_PER_LINK",
    digest)``). None when allowed; else the seconds to wait, and nothing counted."""
    checks = [
        (limit, (setting, *keys))
        for setting, *keys in scopes
        for limit in parse_many(current_app.config[setting])
    ]
    for limit, keys in checks:
        if _counters.exhausted(limit, *keys):
            return _counters.seconds_left(limit, *keys)
    for limit, keys in checks:
        _counters.hit(limit, *keys)
    return None


def login_allowed(address: str, email: str) -> bool:
    """Whether a password for this account from this address may be checked at all."""
    if _counters.exhausted(LOGIN_FAILURES_ACCOUNT_ADDRESS, "login-failure", email, address):
        return False
    if _counters.exhausted(KNOWN, "login-ok", email, address):
        return True
    return not (
        _counters.exhausted(LOGIN_FAILURES_ADDRESS, "login-failure-address", address)
        or _counters.exhausted(LOGIN_FAILURES_ACCOUNT, "login-failure-account", email)
    )


def login_failed(address: str, email: str) -> None:
    _counters.hit(LOGIN_FAILURES_ACCOUNT_ADDRESS, "login-failure", email, address)
    _counters.hit(LOGIN_FAILURES_ADDRESS, "login-failure-address", address)
    _counters.hit(LOGIN_FAILURES_ACCOUNT, "login-failure-account", email)


def login_succeeded(address: str, email: str) -> None:
    _counters.hit(KNOWN, "login-ok", email, address)


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
