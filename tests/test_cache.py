"""With Redis unreachable the cache degrades to misses; it never breaks a page."""

from django.core.cache.backends.redis import RedisCache

from normen_portal.cache import ResilientRedisCache


def dead_cache():
    return ResilientRedisCache("redis://127.0.0.1:1/0",
                               {"OPTIONS": {"socket_connect_timeout": 0.2}})


def test_unreachable_redis_is_a_cache_miss():
    cache = dead_cache()
    assert cache.get("x") is None
    assert cache.get("x", "standard") == "standard"
    assert cache.set("x", 1) is None
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("y", 1) is True  # fails open: a lock that can never be taken blocks all
    assert cache.delete("x") is False


def test_plain_backend_would_raise():
    import pytest
    from redis.exceptions import ConnectionError as RedisConnectionError

    cache = RedisCache("redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}})
    with pytest.raises(RedisConnectionError):
        cache.get("x")


def test_reachable_redis_still_caches():
    cache = ResilientRedisCache("redis://127.0.0.1:6379/9", {"KEY_PREFIX": "cache-test"})
    cache.set("answer", 42, 10)
    assert cache.get("answer") == 42
    cache.delete("answer")
