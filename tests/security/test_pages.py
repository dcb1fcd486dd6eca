"""Every login and account page: Norwegian, in the portal's frame, and nothing the Content
Security Policy would block (no inline scripts, event handlers or style attributes)."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from tests.factories import PASSWORD, UserFactory, give_totp

ANONYMOUS_PAGES = [
    "/konto/login/",
    "/konto/password/reset/",
    "/konto/password/reset/done/",
    "/konto/password/reset/key/1-ugyldig/",
    "/konto/signup/",
]
ACCOUNT_PAGES = [
    "/konto/",
    "/konto/email/",
    "/konto/password/change/",
    "/konto/reauthenticate/",
    "/konto/2fa/",
    "/konto/2fa/reauthenticate/",
    "/konto/2fa/totp/deactivate/",
    "/konto/2fa/recovery-codes/",
    "/konto/2fa/recovery-codes/generate/",
    "/konto/logout/",
]


def assert_clean(response, path):
    assert response.status_code == 200, path
    html = response.content.decode()
    assert '<html lang="nb"' in html
    assert 'class="ds-heading" data-size="lg"' in html, f"{path}: no page heading"
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None, f"{path}: inline script"
    assert re.search(r"\sstyle=", html) is None, f"{path}: style attribute"
    assert re.search(r"\son[a-z]+=", html) is None, f"{path}: inline event handler"
    assert "Content-Security-Policy" in response.headers
    for english in ("Sign In", "Password Reset", "Email Addresses", "Recovery Codes",
                    "Two-Factor Authentication", "Authenticator App"):
        assert english not in html, f"{path}: {english!r} in English"


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_anonymous_pages(client, db, path):
    assert_clean(client.get(path), path)


@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_account_pages(client, db, path):
    user = UserFactory(username="kari")
    give_totp(user)
    RecoveryCodes.activate(user)
    client.force_login(user)
    client.post("/konto/reauthenticate/", {"password": PASSWORD})

    assert_clean(client.get(path), path)


def test_set_up_page(client, db):
    client.force_login(UserFactory(username="kari"))
    client.post("/konto/reauthenticate/", {"password": PASSWORD})

    assert_clean(client.get("/konto/2fa/totp/activate/"), "/konto/2fa/totp/activate/")


def test_code_step_page(client, db):
    user = UserFactory(username="kari")
    give_totp(user)
    client.post("/konto/login/", {"login": "kari", "password": PASSWORD})

    assert_clean(client.get("/konto/2fa/authenticate/"), "/konto/2fa/authenticate/")
