"""Two-factor authentication: mandatory for the secretariat (and staff), optional for members,
secrets stored encrypted."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt

from governance.models import Representation
from normen_portal.accounts import has_totp, two_factor_required
from tests.factories import PASSWORD, UserFactory, give_totp, person_with_user, totp_code

from .conftest import new_client


@pytest.fixture
def new_secretary(body):
    """Secretariat, but without an authenticator app yet (as after the admin made the seat)."""
    user = person_with_user("ny-sekretaer", body=body, role=Representation.Role.SECRETARIAT)
    Authenticator.objects.filter(user=user).delete()
    return user


def reauthenticate(client):
    response = client.post("/konto/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content.decode()
    return response


def current_code(secret):
    """What an authenticator app with this secret shows now."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_who_must_use_two_factor(users, db):
    assert two_factor_required(users["secretariat"])
    assert not two_factor_required(users["member"])
    assert not two_factor_required(users["observer"])
    assert not two_factor_required(users["no_seat"])
    assert two_factor_required(UserFactory(username="stab", is_staff=True))


def test_the_secretariat_from_the_factory_has_an_app_and_reaches_pages(client, users):
    assert has_totp(users["secretariat"])
    client.force_login(users["secretariat"])

    assert client.get("/start/").status_code == 200


@pytest.mark.parametrize("path", ["/start/", "/", "/konto/", "/admin/"])
def test_secretariat_without_app_is_sent_to_set_one_up(client, new_secretary, path):
    client.force_login(new_secretary)

    response = client.get(path, follow=True)

    assert response.redirect_chain[0][0] == "/konto/2fa/totp/activate/"
    html = response.content.decode()
    assert "må bruke tofaktorautentisering" in html


def test_set_up_logout_and_health_stay_open_without_app(client, new_secretary):
    client.force_login(new_secretary)

    assert client.get("/konto/reauthenticate/").status_code == 200
    assert client.get("/helse/").status_code in (200, 503)
    assert client.get("/konto/logout/").status_code == 200


def test_htmx_requests_are_sent_to_set_up_too(client, new_secretary):
    client.force_login(new_secretary)

    response = client.get("/start/", headers={"HX-Request": "true"})

    assert response["HX-Redirect"] == "/konto/2fa/totp/activate/"


def test_secretary_sets_up_the_app_and_gets_recovery_codes(client, new_secretary):
    client.force_login(new_secretary)
    # Setting up two-factor authentication asks for the password first.
    response = client.get("/konto/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/reauthenticate/")
    reauthenticate(client)

    page = client.get("/konto/2fa/totp/activate/")
    html = page.content.decode()
    secret = page.context["form"].secret
    assert f'value="{secret}"' in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert "Sett opp autentiseringsapp" in html

    wrong = client.post("/konto/2fa/totp/activate/", {"code": "000000"})
    assert "Koden er feil eller utløpt." in wrong.content.decode()

    response = client.post("/konto/2fa/totp/activate/", {"code": current_code(secret)},
                           follow=True)

    assert response.redirect_chain[0][0] == "/konto/2fa/recovery-codes/"
    assert has_totp(new_secretary)
    codes = Authenticator.objects.get(user=new_secretary,
                                      type=Authenticator.Type.RECOVERY_CODES)
    html = response.content.decode()
    for code in codes.wrap().get_unused_codes():
        assert f"<code>{code}</code>" in html
    assert client.get("/start/").status_code == 200


def test_secretariat_cannot_turn_the_app_off(client, users):
    client.force_login(users["secretariat"])
    reauthenticate(client)

    page = client.get("/konto/2fa/totp/deactivate/").content.decode()
    client.post("/konto/2fa/totp/deactivate/")

    assert "Sekretariatet må bruke tofaktorautentisering" in page
    assert has_totp(users["secretariat"])


def test_member_may_turn_the_app_off_after_confirming(client, users):
    member = users["member"]
    give_totp(member)
    client.force_login(member)

    response = client.post("/konto/2fa/totp/deactivate/")
    assert response["Location"].startswith("/konto/reauthenticate/")
    assert has_totp(member)

    reauthenticate(client)
    client.post("/konto/2fa/totp/deactivate/")

    assert not has_totp(member)


def test_member_may_set_up_the_app_voluntarily(client, users):
    client.force_login(users["member"])
    assert client.get("/start/").status_code == 200  # not required
    reauthenticate(client)
    secret = client.get("/konto/2fa/totp/activate/").context["form"].secret

    client.post("/konto/2fa/totp/activate/", {"code": current_code(secret)})

    assert has_totp(users["member"])


def test_authenticator_secret_is_stored_encrypted(users):
    user = users["member"]
    secret = give_totp(user)

    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]

    assert secret not in stored
    assert decrypt(stored) == secret
    assert totp_code(user) == current_code(secret)


def test_account_page_shows_two_factor_state(client, users):
    client.force_login(users["member"])
    html = client.get("/konto/").content.decode()
    assert "Tofaktorautentisering er ikke slått på." in html
    assert 'href="/konto/2fa/totp/activate/"' in html

    give_totp(users["member"])
    html = client.get("/konto/").content.decode()
    assert "Autentiseringsapp er slått på." in html
    assert 'href="/konto/2fa/totp/deactivate/"' in html


def test_login_of_secretary_with_app_asks_for_code_then_lets_in(users):
    client = new_client()
    client.post("/konto/login/", {"login": "sekretariat", "password": PASSWORD})
    assert client.session.get("_auth_user_id") is None

    client.post("/konto/2fa/authenticate/", {"code": totp_code(users["secretariat"])})

    assert client.session["_auth_user_id"] == str(users["secretariat"].pk)
    assert client.get("/start/").status_code == 200
