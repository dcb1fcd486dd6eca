"""A login ends after SESSION_IDLE_TIMEOUT without requests and SESSION_MAX_AGE after it
started, however busy the person is."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def kari(db):
    return UserFactory(username="kari")


def login(client):
    response = client.post("/konto/login/", {"login": "kari", "password": PASSWORD})
    assert response.status_code == 302
    return response


def logged_in(client):
    return "_auth_user_id" in client.session


def test_defaults_are_thirty_minutes_and_eight_hours(settings):
    assert settings.SESSION_IDLE_TIMEOUT == 30 * 60
    assert settings.SESSION_MAX_AGE == 8 * 60 * 60
    # The server forgets the session no later than the absolute limit either.
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_AGE


def test_idle_for_longer_than_the_timeout_logs_out(client, kari, clock):
    login(client)
    clock.advance(minutes=29)
    assert client.get("/start/").status_code == 200

    clock.advance(minutes=30, seconds=1)
    response = client.get("/start/", follow=True)

    assert not logged_in(client)
    assert response.redirect_chain[0][0] == "/konto/login/?next=%2Fstart%2F"
    assert ("Du er logget ut fordi du ikke har brukt portalen på 30 minutter. "
            "Logg inn igjen for å fortsette.") in response.content.decode()


def test_activity_keeps_the_login_alive(client, kari, clock):
    login(client)
    for _ in range(6):  # three hours, a request every half hour less a minute
        clock.advance(minutes=29)
        assert client.get("/start/").status_code == 200
    assert logged_in(client)


def test_absolute_lifetime_ends_even_a_busy_login(client, kari, clock):
    login(client)
    for _ in range(16):  # 7 h 44 min of steady work
        clock.advance(minutes=29)
        assert client.get("/start/").status_code == 200

    clock.advance(minutes=17)  # 8 h 1 min after login
    response = client.get("/start/", follow=True)

    assert not logged_in(client)
    assert ("Du er logget ut fordi det er mer enn 8 timer siden du logget inn."
            in response.content.decode())


def test_a_public_page_after_the_timeout_also_ends_the_login(client, kari, clock):
    login(client)
    clock.advance(minutes=31)

    response = client.get("/")

    assert response.status_code == 302
    assert not logged_in(client)


def test_a_post_after_the_timeout_returns_to_the_page_it_came_from(client, kari, clock):
    login(client)
    clock.advance(minutes=31)

    response = client.post("/konto/email/", {"email": "x@example.no", "action_add": ""},
                           headers={"Referer": "http://testserver/konto/email/"})

    assert response["Location"] == "/konto/login/?next=%2Fkonto%2Femail%2F"


def test_a_post_refuses_an_outside_referer_as_next(client, kari, clock):
    login(client)
    clock.advance(minutes=31)

    response = client.post("/konto/email/", {}, headers={"Referer": "https://evil.example/"})

    assert response["Location"] == "/konto/login/"


def test_htmx_request_after_the_timeout_redirects_the_whole_page(client, kari, clock):
    login(client)
    clock.advance(minutes=31)

    response = client.get("/start/", headers={"HX-Request": "true",
                                              "HX-Current-URL": "http://testserver/start/"})

    assert response["HX-Redirect"] == "/konto/login/?next=%2Fstart%2F"
    assert not logged_in(client)


def test_activity_is_written_at_most_once_a_minute(client, kari, clock):
    login(client)
    client.get("/")

    def session_writes():
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        return [q["sql"] for q in queries if "UPDATE" in q["sql"] and "django_session" in q["sql"]]

    clock.advance(seconds=30)
    assert session_writes() == []
    clock.advance(seconds=31)
    assert len(session_writes()) == 1


def test_timeouts_come_from_the_environment():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DJANGO_SETTINGS_MODULE="normen_portal.settings", DEBUG="1",
               SESSION_IDLE_TIMEOUT="600", SESSION_MAX_AGE="3600")
    code = ("from django.conf import settings as s; "
            "print(s.SESSION_IDLE_TIMEOUT, s.SESSION_MAX_AGE, s.SESSION_COOKIE_AGE)")
    result = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {code}"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                            check=False)

    assert result.stdout.split() == ["600", "3600", "3600"], result.stderr


def test_typing_keeps_the_login_alive_through_the_keep_alive_request(client, kari, clock):
    login(client)
    page = client.get("/start/").content.decode()
    assert 'src="/static/js/session.js" data-url="/konto/aktiv/" async' in page

    for _ in range(3):  # an hour and a half of writing without saving
        clock.advance(minutes=29)
        response = client.get("/konto/aktiv/")
        assert response.status_code == 204
        assert "no-store" in response["Cache-Control"]

    assert logged_in(client)


def test_the_keep_alive_does_not_revive_an_ended_login(client, kari, clock):
    login(client)
    clock.advance(minutes=31)

    client.get("/konto/aktiv/")

    assert not logged_in(client)


@pytest.mark.django_db
def test_anonymous_pages_load_no_keep_alive(client):
    assert "session.js" not in client.get("/").content.decode()
