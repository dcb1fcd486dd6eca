"""Login timing does not tell whether an account exists (issue 11, finding 3).

An outside test found that a wrong password for an existing e-mail address took about 750 ms
and one for an unknown address about 510 ms: allauth's backend checked the password of a
known address twice (once taking the typed text as a username that may be an address, once as
the address), while an unknown address cost one dummy hash. The portal now hands the backends
the typed text once, so every attempt costs the same number of password hashes.

The test suite hashes with MD5 to be quick, which would hide exactly this difference, so these
tests hash with PBKDF2 as production does (with fewer iterations, so 80 logins take seconds,
not minutes: the hash still dominates the cost of a login).

What is timed is the CPU time the request costs the thread that answers it (the test client
runs the portal in this thread): that is the work an attacker's stopwatch measures, without
the noise of other processes on a shared test machine, which made wall-clock medians differ
by up to 20 % either way with identical work. The queries are the same for both kinds of
account; the hash count is checked exactly by the first test.
"""

import statistics
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.factories import UserFactory

from .conftest import clear_rate_limits, new_client

WRONG = "Brukernavnet eller passordet er feil."
WRONG_EMAIL = "E-postadressen eller passordet er feil."
TRIES = 20
WRONG_PASSWORD = "feil-passord-123"  # noqa: S105


class CountingPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Production's PBKDF2, a tenth of its iterations, counting how often it hashes."""

    iterations = PBKDF2PasswordHasher.iterations // 10
    calls = 0

    def encode(self, password, salt, iterations=None):
        type(self).calls += 1
        return super().encode(password, salt, iterations)


HASHER = f"{__name__}.CountingPBKDF2PasswordHasher"


@pytest.fixture
def pbkdf2(settings):
    settings.PASSWORD_HASHERS = [HASHER]


@pytest.fixture
def known(pbkdf2, db):
    # Made after the hasher is switched, so the stored hash is PBKDF2 as in production.
    user = UserFactory(username="kjent-bruker", email="kjent@helse.example")
    assert user.password.startswith("pbkdf2_sha256$")
    return user


def attempt(login, password=WRONG_PASSWORD):
    """One login attempt from an address of its own, with the attempt counts forgotten: it is
    the cost of checking a password that is measured here, never a throttled answer."""
    clear_rate_limits()
    client = new_client()
    # The test client answers in this thread: its CPU time is the request's own work, and
    # threads other tests left running in the process (a live server, an SMTP server) do
    # not count, as they did with process_time().
    started = time.thread_time()
    response = client.post("/konto/login/", {"login": login, "password": password})
    elapsed = time.thread_time() - started
    return elapsed, response.content.decode()


def hashes_for(login, password=WRONG_PASSWORD):
    CountingPBKDF2PasswordHasher.calls = 0
    attempt(login, password)
    return CountingPBKDF2PasswordHasher.calls


CASES = [
    pytest.param("kjent@helse.example", "ukjent@helse.example", WRONG_EMAIL, id="e-mail"),
    pytest.param("kjent-bruker", "ukjent-bruker", WRONG, id="username"),
]


@pytest.mark.parametrize(("existing", "unknown", "message"), CASES)
def test_a_wrong_password_costs_as_many_hashes_for_an_unknown_account(known, existing,
                                                                     unknown, message):
    assert hashes_for(existing) == hashes_for(unknown) >= 1
    # In other case, too.
    assert hashes_for(existing.upper()) == hashes_for(unknown.upper())


@pytest.mark.parametrize(("existing", "unknown", "message"), CASES)
def test_login_timing_does_not_tell_whether_the_account_exists(known, existing, unknown,
                                                               message):
    attempt(existing)  # warm up: templates, connections
    times = {existing: [], unknown: []}
    for _ in range(TRIES):
        # Interleaved, so that a slower moment of the machine hits both alike.
        for login in (existing, unknown):
            elapsed, page = attempt(login)
            assert message in page
            times[login].append(elapsed)

    known_median = statistics.median(times[existing])
    unknown_median = statistics.median(times[unknown])
    assert abs(known_median - unknown_median) < 0.10 * min(known_median, unknown_median), (
        f"existing {known_median * 1000:.0f} ms, unknown {unknown_median * 1000:.0f} ms")
