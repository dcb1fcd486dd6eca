"""A Redis cache that degrades to "no cache" when Redis is unreachable, except for login
throttling, which falls back to counting in this process.

Redis is an accelerator here, not a source of truth: when it is down every page must still
answer (issue 8), so a failed cache call is logged and treated as a miss instead of raising.

Login throttling (django-allauth's rate limits, issue 8 / ASVS L2) is the exception: treated
as misses its counts would never grow and the limits would switch off exactly when someone may
be trying passwords. So a rate-limit key (``RATE_LIMIT_KEY_PREFIX``) that Redis cannot hold
goes to an in-memory cache of this process instead, where allauth's lock (``add``) and counts
(``get``/``set``) keep working and logins keep working too.

Why per process, and what that costs: with Redis down, a store shared by all processes would
have to be the database (a cache table, and a write on every login attempt, which an attacker
drives); for what should be a short outage the per-process count is the simpler trade. Every
web process (each gunicorn worker, on every machine) counts on its own and the load balancer
spreads one attacker's attempts over them, so with N processes a limit such as "5 failed logins
per account in 5 minutes" (or "10 per address a minute") allows up to N times as many while
Redis is down. The counts also start from zero when Redis goes down, and the ones made during
the outage are forgotten when it is back. Still a limit; failing open was none.

Only rate-limit keys get this: for any other key a per-process copy would make processes
disagree (documents/cache.py's library generation would let each process serve its own,
possibly stale, pages), so they keep missing.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# After a failure this process leaves Redis alone for RETRY_SECONDS and answers at once as if
# it had failed again: a Redis that hangs instead of refusing would otherwise cost every
# cache call its timeout, and a page or a login makes a dozen of them.
RETRY_SECONDS = 5
_resting_until = {}  # Redis location -> time.monotonic() until which it is not asked


class RedisResting(RedisError):
    """Not asked: it failed a moment ago."""

# allauth's rate-limit keys ("allauth:rl:<app>:<action>:<rate>:<ip|user|key hash>", and the
# same with ":lock" for the lock around them), see allauth/core/internal/ratelimit.py. They are
# the only throttling in the portal.
RATE_LIMIT_KEY_PREFIX = "allauth:rl:"

# Enough for the attempt counts of thousands of addresses and accounts (a few hundred bytes
# each); when it is full the least recently used counts go first.
RATE_LIMIT_FALLBACK_MAX_ENTRIES = 10_000


def _is_rate_limit_key(key):
    return isinstance(key, str) and key.startswith(RATE_LIMIT_KEY_PREFIX)


def _tolerant(method, miss=None):
    """``method``, but when Redis fails: the in-process cache for a rate-limit key, else the
    answer ``miss(*args, **kwargs)`` (None without ``miss``)."""

    def wrapper(self, *args, **kwargs):
        try:
            if time.monotonic() < _resting_until.get(self._location, 0):
                raise RedisResting
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as exc:
            resting = isinstance(exc, RedisResting)
            if not resting:
                _resting_until[self._location] = time.monotonic() + RETRY_SECONDS
            log = logger.debug if resting else logger.warning
            key = args[0] if args else kwargs.get("key")
            if _is_rate_limit_key(key):
                log("cache %s failed, counting the rate limit in this process: %s",
                    method.__name__, exc.__class__.__name__)
                return getattr(self._rate_limit_fallback, method.__name__)(*args, **kwargs)
            log("cache %s failed, carrying on without cache: %s", method.__name__,
                exc.__class__.__name__)
            return miss(*args, **kwargs) if miss else None

    wrapper.__name__ = method.__name__
    return wrapper


def _answer(make):
    return lambda *args, **kwargs: make()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = str(server)
        # Django makes one cache object per thread; LocMemCache objects of the same name share
        # one store (and lock), so the fallback counts per process, not per thread.
        same = {k: params[k] for k in ("TIMEOUT", "VERSION") if k in params}
        self._rate_limit_fallback = LocMemCache(
            f"{__name__}.rate-limits:{server}",
            {**same, "OPTIONS": {"MAX_ENTRIES": RATE_LIMIT_FALLBACK_MAX_ENTRIES}},
        )

    # A miss must still honour the caller's default.
    get = _tolerant(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _tolerant(RedisCache.get_many, _answer(dict))
    set = _tolerant(RedisCache.set)
    set_many = _tolerant(RedisCache.set_many, _answer(list))
    # "Added" when Redis is down (rate-limit locks aside, which the in-process cache takes for
    # real): a lock that can never be taken would block whoever waits for it.
    add = _tolerant(RedisCache.add, _answer(lambda: True))
    touch = _tolerant(RedisCache.touch, _answer(lambda: False))
    delete = _tolerant(RedisCache.delete, _answer(lambda: False))
    delete_many = _tolerant(RedisCache.delete_many)
    has_key = _tolerant(RedisCache.has_key, _answer(lambda: False))
    incr = _tolerant(RedisCache.incr, _answer(lambda: 0))
    _clear = _tolerant(RedisCache.clear)

    def clear(self):
        self._rate_limit_fallback.clear()
        return self._clear()
