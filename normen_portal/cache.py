"""A Redis cache that degrades to "no cache" when Redis is unreachable.

Redis is an accelerator here, not a source of truth: when it is down every page must still
answer (issue 8), so a failed cache call is logged and treated as a miss instead of raising.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _tolerant(method, default=None):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError) as exc:
            logger.warning("cache %s failed, carrying on without cache: %s",
                           method.__name__, exc.__class__.__name__)
            if default is KeyError:
                raise KeyError from exc
            return default() if callable(default) else default

    wrapper.__name__ = method.__name__
    return wrapper


class ResilientRedisCache(RedisCache):
    _get = _tolerant(RedisCache.get, KeyError)

    def get(self, key, default=None, version=None):
        # A miss must still honour the caller's default.
        try:
            return self._get(key, default, version)
        except KeyError:
            return default

    get_many = _tolerant(RedisCache.get_many, dict)
    set = _tolerant(RedisCache.set)
    set_many = _tolerant(RedisCache.set_many, list)
    # "Added" when Redis is down: callers use add() as a lock (allauth's login rate limit), and
    # a lock that can never be taken would refuse every login. Failing open is the lesser harm.
    add = _tolerant(RedisCache.add, True)
    touch = _tolerant(RedisCache.touch, False)
    delete = _tolerant(RedisCache.delete, False)
    delete_many = _tolerant(RedisCache.delete_many)
    has_key = _tolerant(RedisCache.has_key, False)
    incr = _tolerant(RedisCache.incr, 0)
    clear = _tolerant(RedisCache.clear)
