"""Fixtures for the login and session tests."""

import itertools
import os

import pytest
from django.core.cache import cache
from django.test import Client

from normen_portal import session_limits

_ADDRESSES = itertools.count(1)


def new_client(**kwargs):
    """A test client with an address of its own: logins are throttled per client address, and
    the counts live in the cache that every test shares."""
    n = next(_ADDRESSES)
    return Client(REMOTE_ADDR=f"10.{os.getpid() % 250}.{n // 250 % 250}.{n % 250 + 1}",
                  **kwargs)


def clear_rate_limits():
    """Forget allauth's attempt counts. They live in the cache, which is Redis in the tests and
    outlives a test (and a test run): a test that runs again within the limit's window would
    otherwise find itself throttled by its previous run."""
    backend = getattr(cache, "_cache", None)
    if backend is not None and hasattr(backend, "get_client"):
        redis = backend.get_client(write=True)
        keys = list(redis.scan_iter(match="*allauth:rl:*"))
        if keys:
            redis.delete(*keys)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    clear_rate_limits()


@pytest.fixture
def client():
    return new_client()


class Clock:
    """The session limits' clock, moved by the test."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, *, minutes=0, hours=0, seconds=0):
        self.now += seconds + 60 * minutes + 3600 * hours


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(session_limits.now())
    monkeypatch.setattr(session_limits, "now", clock)
    return clock
