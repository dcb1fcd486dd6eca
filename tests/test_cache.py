"""With Redis unreachable the cache degrades to misses; it never breaks a page. Login
throttling's keys are the exception: they are counted in the process instead (the logins
themselves are tested in tests/ops/test_throttle_without_redis.py)."""

import socket
import threading

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
    assert cache.add("y", 1) is True
    assert cache.delete("x") is False


def test_other_keys_are_never_kept_in_the_process():
    # A per-process copy of e.g. the library generation would let processes disagree.
    cache = dead_cache()
    cache.set("documents:library-generation", 1)
    assert cache.get("documents:library-generation") is None
    assert cache.has_key("documents:library-generation") is False


RL_KEY = "allauth:rl:allauth.account:login_failed:5/300/key:"


def test_rate_limit_counts_are_kept_in_the_process_while_redis_is_down():
    cache = dead_cache()
    key = RL_KEY + "kept-in-process"
    assert cache.get(key, []) == []
    cache.set(key, [3.0, 2.0, 1.0], 300)
    assert cache.get(key, []) == [3.0, 2.0, 1.0]
    cache.delete(key)
    assert cache.get(key, []) == []


def test_rate_limit_lock_is_a_real_lock_while_redis_is_down():
    cache = dead_cache()
    lock = RL_KEY + "locked:lock"
    assert cache.add(lock, True, 10) is True
    assert cache.add(lock, True, 10) is False  # taken: the count cannot be raced past
    assert cache.delete(lock) is True
    assert cache.add(lock, True, 10) is True
    cache.delete(lock)


def test_rate_limit_counts_are_shared_by_the_threads_of_a_process():
    # Django gives each thread a cache object of its own; the count must still be one.
    key = RL_KEY + "threads"
    dead_cache().set(key, [1.0], 300)
    seen = []
    thread = threading.Thread(target=lambda: seen.append(dead_cache().get(key, [])))
    thread.start()
    thread.join()
    assert seen == [[1.0]]
    dead_cache().delete(key)


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


def test_reachable_redis_holds_the_rate_limit_counts_itself():
    # Every process must see the same count while Redis is up: the count is in Redis.
    import redis

    cache = ResilientRedisCache("redis://127.0.0.1:6379/9", {"KEY_PREFIX": "cache-test"})
    key = RL_KEY + "in-redis"
    cache.set(key, [1.0], 10)
    try:
        assert redis.Redis.from_url("redis://127.0.0.1:6379/9").exists(cache.make_key(key))
        assert cache.get(key) == [1.0]
    finally:
        cache.delete(key)


class HangingRedis:
    """A server that takes connections and never answers, like a Redis that hangs."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.connections.append(self.server.accept()[0])
            except OSError:
                return

    def close(self):
        self.server.close()
        for connection in self.connections:
            connection.close()


def test_a_hanging_redis_is_waited_for_once_then_left_alone_for_a_while():
    hanging = HangingRedis()
    try:
        cache = ResilientRedisCache(f"redis://127.0.0.1:{hanging.port}/0", {"OPTIONS": {
            "socket_connect_timeout": 0.2, "socket_timeout": 0.2}})
        answers = [cache.get(f"side:{n}", "uten cache") for n in range(10)]
        assert answers == ["uten cache"] * 10
        assert cache.add("allauth:rl:login:lås", 1)  # throttling still counts in the process
        assert not cache.add("allauth:rl:login:lås", 1)
        # One call waited for the timeout; the other eleven did not ask.
        assert len(hanging.connections) == 1
    finally:
        hanging.close()
