"""An authenticator-app code works once, with Redis up or down (issue 11, finding 6).

Before, allauth's only record of a used code was in the cache, and while Redis was down the
cache forgot it: six logins in a row with one code all got in. Now the code's time step is
recorded in the database (normen_portal.totp_codes).
"""

import time

import pytest
from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from normen_portal.models import UsedTotpCode
from tests.factories import PASSWORD, UserFactory, give_totp

from .conftest import new_client

USED = "Denne koden er allerede brukt. Vent til appen viser en ny kode, og skriv inn den."
DEAD_REDIS = {"default": {
    "BACKEND": "normen_portal.cache.ResilientRedisCache",
    "LOCATION": "redis://127.0.0.1:1/0",
    "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    "KEY_PREFIX": "normen",
}}


@pytest.fixture(params=["Redis oppe", "Redis nede"])
def redis(request, settings):
    if request.param == "Redis nede":
        settings.CACHES = DEAD_REDIS
    return request.param


@pytest.fixture
def person(db):
    user = UserFactory(username="med-app")
    give_totp(user)
    return user


def unused_code(user):
    """The code the user's app shows now, or the next one if that one is recorded as used
    (the factory's helper asks the cache, which forgets while Redis is down)."""
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    step = int(time.time()) // app_settings.TOTP_PERIOD
    used = set(UsedTotpCode.objects.filter(user=user).values_list("time_step", flat=True))
    return next(format_hotp_value(hotp_value(secret, s)) for s in (step, step + 1)
                if s not in used)


def at_code_step(client=None):
    client = client or new_client()
    response = client.post("/konto/login/", {"login": "med-app", "password": PASSWORD})
    assert response["Location"] == "/konto/2fa/authenticate/"
    return client


def logged_in(client):
    return client.session.get("_auth_user_id")


def test_one_code_opens_one_login(redis, person):
    code = unused_code(person)
    clients = [at_code_step() for _ in range(6)]

    answers = [client.post("/konto/2fa/authenticate/", {"code": code}) for client in clients]

    assert answers[0].status_code == 302
    assert logged_in(clients[0]) == str(person.pk)
    for client, answer in zip(clients[1:], answers[1:], strict=True):
        assert answer.status_code == 200
        assert USED in answer.content.decode()
        assert logged_in(client) is None
    assert UsedTotpCode.objects.filter(user=person).count() == 1


def test_the_next_code_still_works(redis, person):
    first = at_code_step()
    first.post("/konto/2fa/authenticate/", {"code": unused_code(person)})
    second = at_code_step()
    # The app's next code (the portal accepts one step either side).
    response = second.post("/konto/2fa/authenticate/", {"code": unused_code(person)})
    assert response.status_code == 302
    assert logged_in(first) == logged_in(second) == str(person.pk)


def test_a_used_code_counts_as_a_failed_attempt(redis, person):
    code = unused_code(person)
    at_code_step().post("/konto/2fa/authenticate/", {"code": code})
    client = at_code_step()
    for _ in range(5):
        assert USED in client.post("/konto/2fa/authenticate/", {"code": code}).content.decode()
    page = client.post("/konto/2fa/authenticate/", {"code": unused_code(person)}).content.decode()
    assert "For mange mislykkede innloggingsforsøk" in page


def test_a_code_used_to_log_in_does_not_confirm_who_one_is_again(redis, person):
    code = unused_code(person)
    client = at_code_step()
    client.post("/konto/2fa/authenticate/", {"code": code})
    assert logged_in(client)

    response = client.post("/konto/2fa/reauthenticate/", {"code": code})
    assert USED in response.content.decode()
    response = client.post("/konto/2fa/reauthenticate/", {"code": unused_code(person)})
    assert response.status_code == 302


def test_the_code_that_set_up_the_app_does_not_log_in(redis, db):
    from .test_two_factor import current_code, reauthenticate

    user = UserFactory(username="med-app")
    client = new_client()
    client.force_login(user)
    reauthenticate(client)
    secret = client.get("/konto/2fa/totp/activate/").context["form"].secret
    code = current_code(secret)
    assert client.post("/konto/2fa/totp/activate/", {"code": code}).status_code == 302
    client.post("/konto/logout/")

    other = at_code_step()
    assert USED in other.post("/konto/2fa/authenticate/", {"code": code}).content.decode()
    assert logged_in(other) is None


def test_records_older_than_the_tolerance_are_pruned(person):
    step = int(time.time()) // app_settings.TOTP_PERIOD
    old = UsedTotpCode.objects.create(user=person, time_step=step - app_settings.TOTP_TOLERANCE - 1)
    kept = UsedTotpCode.objects.create(user=person, time_step=step - app_settings.TOTP_TOLERANCE)

    at_code_step().post("/konto/2fa/authenticate/", {"code": unused_code(person)})

    remaining = set(UsedTotpCode.objects.filter(user=person).values_list("pk", flat=True))
    assert old.pk not in remaining
    assert kept.pk in remaining
    assert len(remaining) == 2


def test_a_code_of_an_old_step_is_wrong_not_used(person):
    authenticator = Authenticator.objects.get(user=person, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    step = int(time.time()) // app_settings.TOTP_PERIOD - app_settings.TOTP_TOLERANCE - 2
    page = at_code_step().post("/konto/2fa/authenticate/",
                               {"code": format_hotp_value(hotp_value(secret, step))})
    assert "Koden er feil eller utløpt." in page.content.decode()
