"""Single sign-on through OpenID Connect (HelseID, ID-porten) is configured from the
environment; without it the login page offers local login only. No test talks to a provider."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.socialaccount.adapter import get_adapter as get_socialaccount_adapter
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]

HELSEID = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [{
            "provider_id": "helseid",
            "name": "HelseID",
            "client_id": "normen-portal",
            "secret": "hemmelig",
            "settings": {
                "server_url": "https://helseid-sts.test.nhn.no",
                "token_auth_method": "client_secret_basic",
                "scope": ["openid", "profile", "email"],
                "email_authentication": False,
            },
        }],
    },
}


def settings_from_env(**env):
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith("OIDC_") and k != "DJANGO_SETTINGS_MODULE"}
    clean.update(DJANGO_SETTINGS_MODULE="normen_portal.settings", DEBUG="1", **env)
    code = ("import json, django; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.SOCIALACCOUNT_PROVIDERS))")
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean,
                          capture_output=True, text=True, timeout=120, check=False)


def test_without_configuration_only_local_login_is_offered(client, settings, db):
    assert settings.SOCIALACCOUNT_PROVIDERS == {}

    html = client.get("/konto/login/").content.decode()

    assert "Eller logg inn med" not in html
    assert "/konto/oidc/" not in html


def test_configured_provider_is_offered_on_the_login_page(client, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = HELSEID

    html = client.get("/konto/login/").content.decode()

    assert "Eller logg inn med" in html
    assert 'href="/konto/oidc/helseid/login/?process=login"' in html
    assert ">Logg inn med HelseID</a>" in html


def test_provider_login_url_resolves_and_asks_before_leaving(client, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = HELSEID
    url = reverse("openid_connect_login", kwargs={"provider_id": "helseid"})

    response = client.get(url)

    assert url == "/konto/oidc/helseid/login/"
    assert response.status_code == 200
    html = response.content.decode()
    assert "Logg inn med HelseID" in html
    assert "Du sendes til HelseID for å logge inn" in html
    assert 'method="post"' in html  # only a POST leaves for the provider


def test_account_page_offers_to_connect_the_provider(client, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = HELSEID
    client.force_login(UserFactory(username="kari"))

    html = client.get("/konto/").content.decode()

    assert "Koble til HelseID" in html
    assert 'action="/konto/oidc/helseid/login/?process=connect"' in html


def test_provider_settings_are_read_from_the_environment():
    result = settings_from_env(OIDC_SERVER_URL="https://idporten.example/",
                               OIDC_CLIENT_ID="normen", OIDC_CLIENT_SECRET="s3cret",
                               OIDC_NAME="ID-porten")

    assert result.returncode == 0, result.stderr
    (app,) = json.loads(result.stdout)["openid_connect"]["APPS"]
    assert app["provider_id"] == "id-porten"
    assert app["name"] == "ID-porten"
    assert app["client_id"] == "normen"
    assert app["secret"] == "s3cret"
    assert app["settings"]["server_url"] == "https://idporten.example/"
    assert json.loads(result.stdout)["openid_connect"]["OAUTH_PKCE_ENABLED"] is True


def test_no_environment_no_provider():
    result = settings_from_env()

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "{}"


def test_half_a_configuration_is_refused_at_start():
    result = settings_from_env(OIDC_SERVER_URL="https://helseid.example/")

    assert result.returncode != 0
    assert "set OIDC_CLIENT_ID, OIDC_CLIENT_SECRET too" in result.stderr


@pytest.mark.django_db
def test_single_sign_on_creates_no_accounts():
    request = RequestFactory().get("/")

    assert get_socialaccount_adapter(request).is_open_for_signup(request, None) is False
