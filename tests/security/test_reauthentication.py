"""Changing the e-mail address or the two-factor set-up asks who you are again, unless you
proved it in the last five minutes; a new address is confirmed before it is used."""

import re

import pytest
from allauth.account.internal.flows import reauthentication
from allauth.account.models import EmailAddress
from django.core import mail

from tests.factories import PASSWORD, UserFactory, give_totp, totp_code

from .conftest import new_client


@pytest.fixture
def kari(db):
    return UserFactory(username="kari", email="kari@example.no", first_name="Kari",
                       last_name="Nordmann")


def change_email(client, address):
    return client.post("/konto/email/", {"email": address, "action_add": ""})


def login(client, username):
    client.post("/konto/login/", {"login": username, "password": PASSWORD})


def test_changing_email_asks_for_the_password_first(client, kari):
    client.force_login(kari)

    response = change_email(client, "kari.ny@example.no")

    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")
    assert mail.outbox == []
    assert not EmailAddress.objects.filter(email="kari.ny@example.no").exists()

    page = client.get(response["Location"]).content.decode()
    assert "Bekreft at det er deg" in page
    wrong = client.post(response["Location"], {"password": "feil"})
    assert "Passordet er feil." in wrong.content.decode()
    assert mail.outbox == []


def test_after_the_password_the_change_goes_on_and_the_new_address_is_confirmed(client, kari):
    client.force_login(kari)
    redirect = change_email(client, "kari.ny@example.no")["Location"]

    # The interrupted request is replayed once the password is given.
    client.post(redirect, {"password": PASSWORD})

    (confirmation,) = mail.outbox
    assert confirmation.to == ["kari.ny@example.no"]
    assert confirmation.subject == "Bekreft e-postadressen din i Normen-portalen"
    assert "Hei Kari Nordmann," in confirmation.body
    kari.refresh_from_db()
    assert kari.email == "kari@example.no"  # not before it is confirmed

    link = re.search(r"http://testserver(/konto/confirm-email/\S+)", confirmation.body)[1]
    page = client.get(link).content.decode()
    assert "Bekreft e-postadressen" in page
    client.post(link)

    kari.refresh_from_db()
    assert kari.email == "kari.ny@example.no"
    # The old address hears about it, in case it was not Kari.
    notice = mail.outbox[-1]
    assert notice.to == ["kari@example.no"]
    assert "Det er gjort en endring på kontoen din i Normen-portalen" in notice.body
    assert "kari.ny@example.no" in notice.body


def test_once_confirmed_it_does_not_ask_again_until_five_minutes_have_passed(kari,
                                                                             monkeypatch):
    client = new_client()
    login(client, "kari")
    # Even a fresh login asks: only an explicit confirmation counts.
    redirect = change_email(client, "kari.ny@example.no")["Location"]
    client.post(redirect, {"password": PASSWORD})
    assert len(mail.outbox) == 1

    response = change_email(client, "kari.andre@example.no")
    assert response["Location"] == "/konto/email/"
    assert len(mail.outbox) == 2

    later = reauthentication.time.time() + 301
    monkeypatch.setattr(reauthentication, "time", type("Later", (), {"time": lambda: later}))
    response = change_email(client, "kari.tredje@example.no")
    assert response["Location"].startswith("/konto/reauthenticate/")


@pytest.mark.parametrize("path", [
    "/konto/2fa/totp/activate/",
    "/konto/2fa/totp/deactivate/",
    "/konto/2fa/recovery-codes/generate/",
])
def test_two_factor_changes_ask_who_you_are(client, kari, path):
    if "activate" not in path or "deactivate" in path:
        give_totp(kari)
    client.force_login(kari)

    response = client.post(path, {"code": "123456"})

    assert response.status_code == 302
    assert "/reauthenticate/" in response["Location"]


def test_with_an_app_a_code_also_confirms(transactional_db, client, kari):
    # Transactional: the notice about new codes is sent when the change commits, which must
    # happen inside the request.
    give_totp(kari)
    client.force_login(kari)
    redirect = client.post("/konto/2fa/recovery-codes/generate/")["Location"]

    page = client.get(redirect).content.decode()
    assert "Med kode fra autentiseringsappen" in page
    # The code confirms, and the interrupted request (making new codes) goes on.
    response = client.post(
        "/konto/2fa/reauthenticate/?next=%2Fkonto%2F2fa%2Frecovery-codes%2Fgenerate%2F",
        {"code": totp_code(kari)},
    )

    assert response.status_code == 302
    assert kari.authenticator_set.filter(type="recovery_codes").exists()
    (notice,) = mail.outbox
    assert notice.to == ["kari@example.no"]
    assert "Det er gjort en endring på kontoen din" in notice.body


def test_account_page_links_every_change(client, kari):
    client.force_login(kari)

    html = client.get("/konto/").content.decode()

    assert "<h1 class=\"ds-heading\" data-size=\"lg\">Min konto</h1>" in html
    for href in ("/konto/email/", "/konto/password/change/", "/konto/2fa/totp/activate/"):
        assert f'href="{href}"' in html
    assert "kari@example.no" in html
    # The header leads there from every page.
    assert 'href="/konto/"' in client.get("/start/").content.decode()


def test_password_change_needs_the_current_password(client, kari):
    client.force_login(kari)
    new = "Et-nytt-og-langt-passord-2026"

    wrong = client.post("/konto/password/change/",
                        {"oldpassword": "feil", "password1": new, "password2": new})
    assert "Skriv inn passordet du har nå." in wrong.content.decode()

    client.post("/konto/password/change/",
                {"oldpassword": PASSWORD, "password1": new, "password2": new})
    kari.refresh_from_db()
    assert kari.check_password(new)
    assert mail.outbox[-1].to == ["kari@example.no"]
