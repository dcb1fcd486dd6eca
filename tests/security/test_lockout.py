"""Nobody can lock the owner out by failing to log in to her account (issue 11, finding 4).

Before: five wrong passwords or codes in five minutes, from any addresses, refused the right
password from everywhere, and ten failures a minute from one address stopped a whole office
behind one NAT address. Now (normen_portal.login_guard): a growing back-off per account and
client address, a per-address limit an office does not reach, an account-wide cap against
guessing from many addresses, and an e-mailed single-use link that lets the owner's browser
past that cap. The client address is REMOTE_ADDR, or the X-Forwarded-For hop the proxies
vouch for (ALLAUTH_TRUSTED_PROXY_COUNT).
"""

import itertools
import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from allauth.core.internal import ratelimit
from django.test import Client
from django.utils import timezone

from normen_portal.models import LoginUnlock
from tests.factories import PASSWORD, UserFactory, give_totp, totp_code

WRONG = "Brukernavnet eller passordet er feil."
WRONG_CODE = "Koden er feil eller utløpt."
THROTTLED = "For mange mislykkede innloggingsforsøk. Vent noen minutter og prøv igjen."
BAD_PASSWORD = "feil-passord"  # noqa: S105
LINK_OK = "Lenken fra e-posten er gyldig."
LINK_SPENT = "Lenken fra e-posten er utløpt eller allerede brukt."
ACCOUNT_CAP = 30  # ACCOUNT_RATE_LIMITS["login_failed_account"], per hour
BALANCER = "192.0.2.10"  # REMOTE_ADDR of every request behind the load balancer

_HOSTS = itertools.count(1)


def address():
    """A client address no other test uses (the counts live in the shared Redis)."""
    n = next(_HOSTS)
    return f"198.{18 + n // 62500 % 2}.{n // 250 % 250}.{n % 250 + 1}"


@pytest.fixture(params=["REMOTE_ADDR", "X-Forwarded-For"])
def browser(request, settings):
    """browser(address): a client that the portal sees at ``address``, either directly or
    behind the load balancer."""
    if request.param == "REMOTE_ADDR":
        return lambda ip: Client(REMOTE_ADDR=ip)
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    return lambda ip: Client(REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=ip)


def login(client, name, password=PASSWORD, **extra):
    response = client.post("/konto/login/", {"login": name, "password": password, **extra})
    return response, response.content.decode()


def logged_in(client):
    return client.session.get("_auth_user_id")


def fail(client, name="sara"):
    return login(client, name, BAD_PASSWORD)[1]


@pytest.fixture
def owner(db):
    return UserFactory(username="sara", email="sara@helse.example")


class Clock:
    """allauth's rate-limit clock, moved forward by the test (the counts' windows are
    minutes to a day)."""

    monotonic = staticmethod(time.monotonic)
    sleep = staticmethod(time.sleep)

    def __init__(self):
        self.offset = 0

    def time(self):
        return time.time() + self.offset

    def advance(self, *, minutes=0, hours=0):
        self.offset += 60 * minutes + 3600 * hours


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(ratelimit, "time", clock)
    return clock


def test_an_attacker_failing_from_his_address_does_not_stop_the_owner_at_hers(browser, owner):
    attacker = address()
    for _ in range(5):
        assert WRONG in fail(browser(attacker))
    # The attacker is stopped at his address, even if he now guessed right…
    response, page = login(browser(attacker), "sara")
    assert THROTTLED in page and response.status_code == 200
    assert THROTTLED in fail(browser(attacker), "sara@helse.example")

    # …and the owner, at another address, logs in.
    client = browser(address())
    response, page = login(client, "sara@helse.example")
    assert response.status_code == 302, page
    assert logged_in(client) == str(owner.pk)

    # The attacker keeps trying: still refused; the owner still gets in.
    for _ in range(3):
        assert THROTTLED in fail(browser(attacker))
    client = browser(address())
    assert login(client, "sara")[0].status_code == 302
    assert logged_in(client) == str(owner.pk)


def test_the_wait_grows_with_the_failures(owner, clock):
    """The attacker fails as often as he is let: after 5 failures he waits five minutes,
    after 10 about an hour, after 20 a day (before: five minutes, for ever)."""
    attacker = address()

    def fails(times):
        for _ in range(times):
            assert WRONG in fail(Client(REMOTE_ADDR=attacker))

    def refused():
        return THROTTLED in fail(Client(REMOTE_ADDR=attacker))

    fails(5)
    assert refused()
    clock.advance(minutes=4)
    assert refused()
    clock.advance(minutes=1)
    fails(5)  # 10 in the hour
    assert refused()
    clock.advance(minutes=5)
    assert refused()  # five minutes are no longer enough
    clock.advance(minutes=50)
    fails(5)  # 15: the first five have left the hour
    clock.advance(minutes=5)
    fails(5)  # 20 in the day
    clock.advance(hours=2)
    assert refused()
    clock.advance(hours=20)
    assert refused()
    clock.advance(hours=2)
    fails(1)  # a day after the first failures


def test_one_office_behind_one_address_is_not_stopped(db):
    """Fifty colleagues behind one NAT address each mistype their password within a minute;
    the next one still logs in. The limit per address is sixty failures a minute."""
    office = address()
    colleagues = [UserFactory(username=f"kollega{n}") for n in range(51)]
    for colleague in colleagues[:50]:
        assert WRONG in fail(Client(REMOTE_ADDR=office), colleague.username)

    client = Client(REMOTE_ADDR=office)
    assert login(client, "kollega50")[0].status_code == 302
    assert logged_in(client) == str(colleagues[50].pk)

    # Guessing at many accounts from one address is still limited.
    for n in range(10):
        assert WRONG in fail(Client(REMOTE_ADDR=office), f"ukjent{n}")
    assert THROTTLED in fail(Client(REMOTE_ADDR=office), "ukjent-igjen")


def botnet(times, name="sara"):
    """Wrong passwords for ``name`` from ``times`` addresses, one each."""
    return [fail(Client(REMOTE_ADDR=address()), name) for _ in range(times)]


def unlock_link(mail):
    """The path of the link in an unlock e-mail."""
    url = re.search(r"https?://\S+", mail.body).group(0)
    assert url.startswith("http://127.0.0.1:8000/konto/login/?unlock=")
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def hidden_token(page):
    return re.search(r'name="unlock" value="([^"]+)"', page).group(1)


def test_guessing_from_many_addresses_is_capped_and_the_owner_gets_a_link(
        owner, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert all(WRONG in page for page in botnet(ACCOUNT_CAP))
        # The cap is reached: now even the owner, at her own address, is refused…
        her_address = address()
        response, page = login(Client(REMOTE_ADDR=her_address), "sara")
        assert THROTTLED in page and logged_in(Client()) is None
        # …and told that a link is on its way, which the botnet's refusals do not repeat.
        assert "får du en e-post med en lenke" in page
        assert all(THROTTLED in page for page in botnet(5))

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["sara@helse.example"]
    assert mail.subject == "Mange mislykkede innloggingsforsøk på kontoen din"
    assert "Lenken virker én gang og i 60 minutter" in mail.body
    link = unlock_link(mail)

    # She opens the link (opening alone uses nothing: mail scanners open links too)…
    browser = Client(REMOTE_ADDR=her_address)
    page = browser.get(link).content.decode()
    assert LINK_OK in page
    assert browser.get(link).status_code == 200
    # …and logs in as usual on that page.
    response, page = login(browser, "sara@helse.example", unlock=hidden_token(page))
    assert response.status_code == 302, page
    assert logged_in(browser) == str(owner.pk)

    # The link worked once: in another browser it is spent, and the cap holds there.
    other = Client(REMOTE_ADDR=address())
    page = other.get(link).content.decode()
    assert LINK_SPENT in page
    response, page = login(other, "sara", unlock=hidden_token(page))
    assert THROTTLED in page and logged_in(other) is None
    # The botnet is still refused.
    assert all(THROTTLED in page for page in botnet(3))


def test_the_unlocked_browser_keeps_a_back_off_of_its_own(owner, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        botnet(ACCOUNT_CAP + 1)
    browser = Client(REMOTE_ADDR=address())
    token = hidden_token(browser.get(unlock_link(mailoutbox[0])).content.decode())

    # Mistyped first: the link is taken by this browser, which may try again…
    assert WRONG in login(browser, "sara", BAD_PASSWORD, unlock=token)[1]
    for _ in range(4):
        assert WRONG in fail(browser)
    # …but not for ever: five failures, and this browser waits too.
    assert THROTTLED in login(browser, "sara")[1]
    assert logged_in(browser) is None


def test_the_cap_does_not_stop_the_owner_who_is_logged_in_from_confirming_her_password(
        owner):
    client = Client(REMOTE_ADDR=address())
    assert login(client, "sara")[0].status_code == 302
    botnet(ACCOUNT_CAP + 1)
    assert THROTTLED in login(Client(REMOTE_ADDR=address()), "sara")[1]

    response = client.post("/konto/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def test_an_expired_or_forged_link_unlocks_nothing(owner, mailoutbox,
                                                  django_capture_on_commit_callbacks):
    other = UserFactory(username="olav", email="olav@helse.example")
    with django_capture_on_commit_callbacks(execute=True):
        botnet(ACCOUNT_CAP + 1)
        botnet(ACCOUNT_CAP + 1, "olav")
    sara_link, olav_link = (unlock_link(mail) for mail in mailoutbox)
    assert [mail.to for mail in mailoutbox] == [["sara@helse.example"], ["olav@helse.example"]]

    # Olav's link does not unlock Sara's account (and is not used up by trying).
    browser = Client(REMOTE_ADDR=address())
    token = hidden_token(browser.get(olav_link).content.decode())
    assert THROTTLED in login(browser, "sara", unlock=token)[1]
    # A forged token is refused.
    token = hidden_token(browser.get(sara_link).content.decode())
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    page = browser.get(f"/konto/login/?unlock={forged}").content.decode()
    assert LINK_SPENT in page
    assert THROTTLED in login(browser, "sara", unlock=forged)[1]
    # The link lives an hour: an expired one is refused.
    LoginUnlock.objects.filter(user=owner).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    assert LINK_SPENT in browser.get(sara_link).content.decode()
    assert THROTTLED in login(browser, "sara", unlock=token)[1]
    assert logged_in(browser) is None
    # Olav's own link still works for Olav.
    response, page = login(browser, "olav", unlock=hidden_token(
        browser.get(olav_link).content.decode()))
    assert response.status_code == 302, page
    assert logged_in(browser) == str(other.pk)


def test_an_unknown_name_is_answered_the_same_and_mails_nobody(
        db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pages = botnet(ACCOUNT_CAP + 3, "finnes.ikke@helse.example")
    assert all("E-postadressen eller passordet er feil." in page
               for page in pages[:ACCOUNT_CAP])
    assert all(THROTTLED in page and "får du en e-post med en lenke" in page
               for page in pages[ACCOUNT_CAP:])
    assert mailoutbox == []
    assert not LoginUnlock.objects.exists()


def test_wrong_codes_from_the_attackers_address_do_not_stop_the_owner(browser, owner):
    """An attacker who has the password, but not the phone, fails codes from his address."""
    give_totp(owner)
    attacker = browser(address())
    assert login(attacker, "sara")[0]["Location"] == "/konto/2fa/authenticate/"
    for _ in range(5):
        page = attacker.post("/konto/2fa/authenticate/", {"code": "000000"}).content.decode()
        assert WRONG_CODE in page
    page = attacker.post("/konto/2fa/authenticate/", {"code": totp_code(owner)})
    assert THROTTLED in page.content.decode()
    assert logged_in(attacker) is None

    client = browser(address())
    assert login(client, "sara")[0]["Location"] == "/konto/2fa/authenticate/"
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(owner)})
    assert response.status_code == 302
    assert logged_in(client) == str(owner.pk)


def test_the_link_gets_the_owner_past_the_cap_at_the_code_step_too(
        owner, mailoutbox, django_capture_on_commit_callbacks):
    give_totp(owner)
    with django_capture_on_commit_callbacks(execute=True):
        botnet(ACCOUNT_CAP + 1)
    browser = Client(REMOTE_ADDR=address())
    token = hidden_token(browser.get(unlock_link(mailoutbox[0])).content.decode())

    response, page = login(browser, "sara", unlock=token)
    assert response["Location"] == "/konto/2fa/authenticate/", page
    response = browser.post("/konto/2fa/authenticate/", {"code": totp_code(owner)})
    assert response.status_code == 302
    assert logged_in(browser) == str(owner.pk)


def test_reset_mails_to_one_address_are_a_few_an_hour(owner, mailoutbox, clock):
    """Before, five a minute: about 300 an hour. Now three an hour, from any addresses."""
    answers = []
    for _ in range(60):  # one request a minute for an hour, each from another address
        response = Client(REMOTE_ADDR=address()).post("/konto/password/reset/",
                                                      {"email": "sara@helse.example"})
        answers.append(response.status_code)
        clock.advance(minutes=1)

    assert len(mailoutbox) == 3
    assert answers[:3] == [302] * 3 and set(answers[3:]) == {429}
    clock.advance(minutes=1)
    Client(REMOTE_ADDR=address()).post("/konto/password/reset/", {"email": "sara@helse.example"})
    assert len(mailoutbox) == 4  # the next hour's first

    # An unknown address gets the same answers (and no mail).
    answers = [Client(REMOTE_ADDR=address()).post(
        "/konto/password/reset/", {"email": "ukjent@helse.example"}).status_code
        for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    assert len(mailoutbox) == 4


DEAD_REDIS = {"default": {
    "BACKEND": "normen_portal.cache.ResilientRedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    "KEY_PREFIX": "normen",
}}


def test_with_redis_down_the_back_off_and_the_one_mail_hold(
        settings, owner, mailoutbox, django_capture_on_commit_callbacks):
    settings.CACHES = DEAD_REDIS
    attacker = address()
    for _ in range(5):
        assert WRONG in fail(Client(REMOTE_ADDR=attacker))
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert THROTTLED in fail(Client(REMOTE_ADDR=attacker))

    client = Client(REMOTE_ADDR=address())
    assert login(client, "sara")[0].status_code == 302
    assert logged_in(client) == str(owner.pk)
    # The "at most one e-mail an hour" lives in the database, not in the cache.
    assert len(mailoutbox) == 1
