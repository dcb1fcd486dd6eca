"""Login throttling stays on while Redis is down (issue 8, ASVS L2).

The attempt counts live in Redis; when it does not answer, each web process counts on its own
(normen_portal.cache), so repeated wrong passwords are still refused, and a person who types
the right one before the limit still gets in. The portal runs under gunicorn (one worker), as
deployed, with the real login form.
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from ..worker import RedisServer
from .processes import LOGIN_PATH, NoRedirect, Portal
from .test_redis_down import DEAD

THROTTLED = "For mange mislykkede innloggingsforsøk. Vent noen minutter og prøv igjen."
WRONG = "Brukernavnet eller passordet er feil."
# Not the account the other reliability tests log in with: its counts are spent here.
ACCOUNT = "observator"
LIMIT = 5  # failed logins per account in five minutes (ACCOUNT_RATE_LIMITS["login_failed"])


# The public name every process is reached by behind the load balancer. allauth's per-account
# count is per site, and without django.contrib.sites the site is the Host header (with the port
# each test portal has of its own).
HOST = "localhost"


def attempt(portal, password, username=ACCOUNT):
    """One try at the login form, as a browser would: (logged in?, the page answered)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def answer(path, data=None):
        request = urllib.request.Request(  # noqa: S310 - our own http:// address
            portal.url + path, data=data,
            headers={"Host": HOST, "Referer": portal.url + LOGIN_PATH})
        try:
            with opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace")

    status, page = answer(LOGIN_PATH)
    assert status == 200, page[-3000:]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    status, page = answer(LOGIN_PATH, urllib.parse.urlencode({
        "csrfmiddlewaretoken": token, "login": username, "password": password}).encode())
    logged_in = status == 302 and "Logg ut" in answer("/start/")[1]
    return logged_in, page


def fail(portal, times):
    for _ in range(times):
        logged_in, page = attempt(portal, "feil-passord")
        assert not logged_in
        assert WRONG in page, page[-3000:]


def assert_throttled(portal, password):
    logged_in, page = attempt(portal, password)
    assert not logged_in
    assert THROTTLED in page, page[-3000:]


@pytest.mark.worker
@pytest.mark.django_db
def test_wrong_passwords_are_throttled_while_redis_is_unreachable(demo_site, tmp_path):
    with Portal(demo_site.url, demo_site.media, DEAD, tmp_path / "gunicorn.log") as portal:
        fail(portal, LIMIT - 1)
        # Before the limit the right password still gets in (and does not count as a failure).
        assert attempt(portal, demo_site.password)[0], portal.access_log()[-3000:]
        fail(portal, 1)
        # The limit is reached: even the right password is refused, in Norwegian.
        assert_throttled(portal, demo_site.password)
        assert_throttled(portal, "feil-passord")
        # Per account: somebody else still logs in from the same address.
        assert attempt(portal, demo_site.password, username=demo_site.member)[0]


@pytest.mark.worker
@pytest.mark.django_db
def test_counting_goes_on_when_redis_goes_down(demo_site, tmp_path):
    with RedisServer() as redis, Portal(demo_site.url, demo_site.media, redis.url,
                                        tmp_path / "gunicorn.log") as portal:
        assert attempt(portal, demo_site.password)[0]
        redis.stop()
        fail(portal, LIMIT)
        assert_throttled(portal, demo_site.password)


@pytest.mark.worker
@pytest.mark.django_db
def test_with_redis_up_the_count_is_shared_by_every_process(demo_site, tmp_path):
    # Two web processes behind the load balancer, both on the same Redis.
    with RedisServer() as redis, \
            Portal(demo_site.url, demo_site.media, redis.url, tmp_path / "one.log") as one, \
            Portal(demo_site.url, demo_site.media, redis.url, tmp_path / "two.log") as two:
        fail(one, LIMIT - 1)
        assert attempt(two, demo_site.password)[0]
        fail(two, 1)
        assert_throttled(one, demo_site.password)
        assert_throttled(two, demo_site.password)
