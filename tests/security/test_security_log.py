"""Security events are logged with who and from where, never with what was typed."""

import logging

import pytest

from tests.factories import PASSWORD, UserFactory, give_totp


@pytest.fixture
def kari(db):
    user = UserFactory(username="kari")
    give_totp(user)
    return user


def test_logins_failures_and_wrong_codes_are_logged(client, kari, caplog):
    caplog.set_level(logging.INFO, logger="normen_portal.security")

    client.post("/konto/login/", {"login": "kari", "password": "hemmelig-feil"})
    client.post("/konto/login/", {"login": "kari", "password": PASSWORD})
    client.post("/konto/2fa/authenticate/", {"code": "000000"})

    lines = [r.getMessage() for r in caplog.records if r.name == "normen_portal.security"]
    address = client.defaults["REMOTE_ADDR"]
    assert f"failed login: 'kari' from {address}" in lines
    assert f"wrong totp code: kari (#{kari.pk}) from {address}" in lines
    assert not any("hemmelig-feil" in line or PASSWORD in line for line in lines)


def test_login_logout_and_password_change_are_logged(client, db, caplog):
    user = UserFactory(username="ola")
    caplog.set_level(logging.INFO, logger="normen_portal.security")

    client.post("/konto/login/", {"login": "ola", "password": PASSWORD})
    new = "Et-nytt-og-langt-passord-2026"
    client.post("/konto/password/change/",
                {"oldpassword": PASSWORD, "password1": new, "password2": new})
    client.post("/konto/logout/")

    lines = [r.getMessage() for r in caplog.records if r.name == "normen_portal.security"]
    who = f"ola (#{user.pk})"
    assert [line.split(" from ")[0] for line in lines] == [
        f"login: {who}", f"password changed: {who}", f"logout: {who}"]
