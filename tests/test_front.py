"""The portal's own pages through HTTP: front page, start page, login, logout, errors.

Two-factor authentication, throttling, re-authentication and session limits are in
tests/security/.
"""

import itertools
import os

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

PASSWORD = "Et-langt-testpassord-2026"
_ADDRESSES = itertools.count(1)


@pytest.fixture
def client():
    # Logins are throttled per client address (and the counts live in the shared cache), so
    # each test here is a client of its own.
    return Client(REMOTE_ADDR=f"10.1.{next(_ADDRESSES) % 250}.{os.getpid() % 250}")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    from tests.security.conftest import clear_rate_limits

    clear_rate_limits()


@pytest.fixture
def kari(db):
    return User.objects.create_user("kari", email="kari@example.no", password=PASSWORD)


@pytest.mark.django_db
def test_front_page_is_public_and_norwegian(client):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nb"' in html
    assert "Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren" in html
    assert "Styringsgruppen for Normen" in html
    assert "Hopp til hovedinnhold" in html
    for href in ['href="/moter/"', 'href="/vedtak/"', 'href="/dokumenter/"',
                 'href="/handlingsplan/"', 'href="/tilgjengelighet/"']:
        assert href in html
    assert "Logg inn" in html
    assert "Logg ut" not in html
    # No inline scripts: JavaScript comes from static files only.
    assert "<script>" not in html
    # Visitors post nothing with htmx, so the page carries no CSRF token for them.
    assert "X-CSRFToken" not in html


@pytest.mark.django_db
def test_front_page_sets_no_cookies_for_visitors(client):
    response = client.get("/")

    assert not response.cookies


@pytest.mark.django_db
def test_start_sends_anonymous_visitor_to_login(client):
    response = client.get("/start/")

    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=/start/"


@pytest.mark.django_db
def test_login_page_renders_in_norwegian(client):
    response = client.get("/konto/login/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Logg inn – Normen-portalen</title>" in html
    assert 'for="id_login">Brukernavn eller e-postadresse</label>' in html
    assert 'for="id_password">Passord</label>' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert 'href="/konto/password/reset/"' in html


def test_wrong_password_shows_norwegian_error_and_keeps_username(client, kari):
    response = client.post("/konto/login/", {"login": "kari", "password": "feil"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Feil: Logg inn – Normen-portalen</title>" in html
    assert "Innloggingen mislyktes" in html
    assert "Brukernavnet eller passordet er feil." in html
    assert 'value="kari"' in html
    assert 'aria-invalid="true"' in html
    # The password is never sent back.
    assert 'value="feil"' not in html
    assert "_auth_user_id" not in client.session


def test_empty_login_form_shows_field_errors(client, db):
    response = client.post("/konto/login/", {"login": "", "password": ""})

    html = response.content.decode()
    assert 'id="id_login-feil"' in html
    assert 'id="id_password-feil"' in html
    assert "Feltet er påkrevet." in html


def test_login_logout_round_trip(client, kari):
    response = client.post(
        "/konto/login/", {"login": "kari", "password": PASSWORD, "next": "/start/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/start/"

    response = client.get("/start/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hei, kari" in html
    assert "Du er ikke registrert med en rolle" in html
    # Without a seat there is nothing to prepare, so the preparation overview is left out.
    assert "Til forberedelse" not in html

    response = client.post("/konto/logout/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Du er logget ut." in response.content.decode()
    assert client.get("/start/").status_code == 302


def test_login_with_email_address(client, kari):
    response = client.post("/konto/login/", {"login": "Kari@Example.no", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(kari.pk)


def test_logout_by_get_only_asks(client, kari):
    client.force_login(kari)

    response = client.get("/konto/logout/")

    assert response.status_code == 200
    assert "Vil du logge ut av Normen-portalen?" in response.content.decode()
    assert client.session["_auth_user_id"] == str(kari.pk)


def test_logout_form_needs_csrf_token(kari):
    client = Client(enforce_csrf_checks=True)
    client.force_login(kari)

    assert client.post("/konto/logout/").status_code == 403


def test_start_page_shows_bodies_roles_and_meetings(client, users, body):
    client.force_login(users["member"])

    html = client.get("/start/").content.decode()

    assert "Hei, " in html
    assert "Styringsgruppen for Normen" in html
    assert "Medlem" in html


def test_password_reset_sends_norwegian_plain_text_mail(client, kari):
    response = client.post("/konto/password/reset/", {"email": "kari@example.no"}, follow=True)

    assert "Sjekk e-posten din" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Nytt passord til Normen-portalen"
    assert message.to == ["kari@example.no"]
    assert "velge nytt passord" in message.body
    assert "http://testserver/konto/password/reset/key/" in message.body
    assert "Brukernavnet ditt er: kari" in message.body
    assert "&amp;" not in message.body and "&#x27;" not in message.body
    assert not message.alternatives  # plain text only


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client, db):
    response = client.post("/konto/password/reset/", {"email": "ukjent@example.no"},
                           follow=True)

    assert "Sjekk e-posten din" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
def test_404_page_is_norwegian(client):
    response = client.get("/finnes-ikke/")

    assert response.status_code == 404
    assert "Vi fant ikke siden" in response.content.decode()


def test_500_page_renders_without_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Beklager, noe gikk galt hos oss" in html
    assert "Logg inn" in html


def test_start_page_lists_upcoming_meetings(client, users, body):
    import datetime

    from django.utils import timezone

    from tests.factories import MeetingFactory

    meeting = MeetingFactory(body=body, date=timezone.localdate() + datetime.timedelta(days=7))
    MeetingFactory(body=body, date=timezone.localdate() - datetime.timedelta(days=7))
    client.force_login(users["member"])

    html = client.get("/start/").content.decode()

    assert f'href="{meeting.get_absolute_url()}"' in html
    assert "Til forberedelse" in html
    assert "Du har ingen kommende møter" not in html


def _reset_link(client, user):
    client.post("/konto/password/reset/", {"email": user.email})
    (link,) = [line for line in mail.outbox[-1].body.splitlines()
               if "/konto/password/reset/key/" in line]
    return link.replace("http://testserver", "")


def test_password_reset_link_sets_new_password(client, kari):
    response = client.get(_reset_link(client, kari), follow=True)
    assert "Velg nytt passord" in response.content.decode()
    set_password_url = response.redirect_chain[-1][0]

    response = client.post(set_password_url, {"password1": "kort", "password2": "kort"})
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    assert "Passordet er for kort" in html

    new = "Et-annet-og-langt-passord-2026"
    response = client.post(set_password_url, {"password1": new, "password2": new},
                           follow=True)
    assert "Passordet er endret" in response.content.decode()
    assert client.login(username="kari", password=new)


def test_used_password_reset_link_is_explained(client, kari):
    response = client.get("/konto/password/reset/key/1-ugyldig-token/")

    assert "Lenken virker ikke" in response.content.decode()
