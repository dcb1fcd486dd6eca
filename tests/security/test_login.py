"""Logging in: password, then the authenticator code for those who have one; throttling;
no public sign-up; the admin uses the portal's login."""

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import PASSWORD, UserFactory, give_totp, totp_code

from .conftest import new_client


def password_step(client, login, password=PASSWORD, next_url=None):
    data = {"login": login, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/konto/login/", data)


def logged_in_as(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def member(db):
    return UserFactory(username="medlem-uten-app")


@pytest.fixture
def member_with_app(db):
    user = UserFactory(username="medlem-med-app")
    give_totp(user)
    return user


def test_member_without_app_logs_in_with_password_only(client, member):
    response = password_step(client, "medlem-uten-app", next_url="/start/")

    assert response.status_code == 302
    assert response["Location"] == "/start/"
    assert logged_in_as(client) == str(member.pk)
    assert client.get("/start/").status_code == 200


def test_person_with_app_must_give_the_code_before_being_logged_in(client, member_with_app):
    response = password_step(client, "medlem-med-app", next_url="/start/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert logged_in_as(client) is None
    assert client.get("/start/").status_code == 302  # still anonymous

    page = client.get("/konto/2fa/authenticate/").content.decode()
    assert "<h1 class=\"ds-heading\" data-size=\"lg\">Tofaktorautentisering</h1>" in page
    assert 'autocomplete="one-time-code"' in page

    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(member_with_app)})

    assert response.status_code == 302
    assert response["Location"] == "/start/"
    assert logged_in_as(client) == str(member_with_app.pk)


def test_wrong_code_is_refused_in_norwegian(client, member_with_app):
    password_step(client, "medlem-med-app")

    response = client.post("/konto/2fa/authenticate/", {"code": "000000"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Koden er feil eller utløpt." in html
    assert 'aria-invalid="true"' in html
    assert logged_in_as(client) is None


def test_a_code_works_only_once(member_with_app):
    code = totp_code(member_with_app)
    first, second = new_client(), new_client()
    password_step(first, "medlem-med-app")
    password_step(second, "medlem-med-app")

    first.post("/konto/2fa/authenticate/", {"code": code})
    response = second.post("/konto/2fa/authenticate/", {"code": code})

    assert logged_in_as(first) == str(member_with_app.pk)
    assert logged_in_as(second) is None
    assert "Denne koden er allerede brukt." in response.content.decode()


def test_a_recovery_code_replaces_the_app_once(member_with_app):
    recovery = RecoveryCodes.activate(member_with_app)
    code = recovery.get_unused_codes()[0]

    client = new_client()
    password_step(client, "medlem-med-app")
    client.post("/konto/2fa/authenticate/", {"code": code})
    assert logged_in_as(client) == str(member_with_app.pk)

    again = new_client()
    password_step(again, "medlem-med-app")
    again.post("/konto/2fa/authenticate/", {"code": code})
    assert logged_in_as(again) is None


def test_cancelling_the_code_step_goes_back_to_login(client, member_with_app):
    password_step(client, "medlem-med-app")

    response = client.post("/konto/logout/", {"next": "/konto/login/"})

    assert response["Location"] == "/konto/login/"
    assert client.get("/konto/2fa/authenticate/").status_code == 302


def test_repeated_wrong_passwords_are_throttled_with_a_norwegian_message(db):
    UserFactory(username="gjetter")
    # From one address: the back-off is per account and client address (see test_lockout.py
    # for guessing spread over many addresses, and for the owner at another address).
    address = new_client().defaults["REMOTE_ADDR"]
    for _ in range(5):
        response = password_step(Client(REMOTE_ADDR=address), "gjetter", "feil-passord")
        assert "Brukernavnet eller passordet er feil." in response.content.decode()

    client = Client(REMOTE_ADDR=address)
    response = password_step(client, "gjetter", PASSWORD)

    html = response.content.decode()
    assert response.status_code == 200
    assert "For mange mislykkede innloggingsforsøk. Vent noen minutter og prøv igjen." in html
    assert logged_in_as(client) is None


def test_the_limit_is_per_account_however_it_is_named_and_whatever_the_host(db):
    UserFactory(username="gjetter", email="gjetter@helse.example")
    address = new_client().defaults["REMOTE_ADDR"]
    # Five tries from one address spread over the username, the e-mail address in other case,
    # and two host names: one account, one allowance.
    for login, host in [("gjetter", "localhost"), ("GJETTER@helse.example", "127.0.0.1"),
                        ("gjetter@helse.example", "localhost"), ("Gjetter", "127.0.0.1"),
                        ("gjetter", "127.0.0.1")]:
        response = password_step(Client(REMOTE_ADDR=address, HTTP_HOST=host), login,
                                 "feil-passord")
        assert "eller passordet er feil." in response.content.decode()

    client = Client(REMOTE_ADDR=address)
    response = password_step(client, "gjetter@helse.example", PASSWORD)

    assert "For mange mislykkede innloggingsforsøk." in response.content.decode()
    assert logged_in_as(client) is None


def test_wrong_codes_are_throttled_too(member_with_app):
    client = new_client()
    password_step(client, "medlem-med-app")
    for _ in range(5):
        client.post("/konto/2fa/authenticate/", {"code": "123456"})

    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(member_with_app)})

    assert logged_in_as(client) is None
    assert "For mange mislykkede innloggingsforsøk" in response.content.decode()


def test_many_logins_from_one_address_are_refused(db, settings):
    # 120 a minute (ACCOUNT_RATE_LIMITS["login"]): enough for one office behind one address.
    client = new_client()
    for _ in range(120):
        password_step(client, "finnes-ikke", "feil")

    response = password_step(client, "finnes-ikke", "feil")

    assert response.status_code == 429
    assert "For mange forsøk" in response.content.decode()


def test_nobody_can_sign_up(client, db):
    users_before = get_user_model().objects.count()

    page = client.get("/konto/signup/")
    response = client.post("/konto/signup/", {
        "username": "inntrenger", "email": "inntrenger@example.no",
        "password1": PASSWORD, "password2": PASSWORD,
    })

    assert "Du kan ikke opprette konto selv." in page.content.decode()
    assert "Du kan ikke opprette konto selv." in response.content.decode()
    assert get_user_model().objects.count() == users_before
    assert 'href="/konto/signup/"' not in client.get("/konto/login/").content.decode()


def test_admin_login_goes_through_the_portal_login(client, db):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=%2Fadmin%2F"


def test_logged_in_member_is_refused_from_admin(client, member):
    client.force_login(member)

    assert client.get("/admin/login/").status_code == 403


def test_login_page_sets_no_remember_me_and_ends_with_the_browser(client, member):
    assert "Husk meg" not in client.get("/konto/login/").content.decode()

    password_step(client, "medlem-uten-app")

    assert client.session.get_expire_at_browser_close()
