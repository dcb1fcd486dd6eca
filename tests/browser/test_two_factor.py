"""Two-factor authentication and account changes, as a person does them with a browser."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect

from governance.models import Representation
from tests.factories import PASSWORD, UserFactory, give_totp, person_with_user, totp_code

from .helpers import assert_no_axe_violations, login, visit

pytestmark = pytest.mark.browser


def app_code(secret):
    """What the person's phone shows for this secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("button", name=name, exact=True).click()


def test_new_secretary_must_set_up_the_app_before_anything_else(page, live_server, body):
    secretary = person_with_user("sara", body=body, role=Representation.Role.SECRETARIAT,
                                 name="Sara Sekretær")
    Authenticator.objects.filter(user=secretary).delete()

    page.goto("/konto/login/")
    page.get_by_label("Brukernavn").fill("sara")
    page.get_by_label("Passord").fill(PASSWORD)
    submit(page, "Logg inn")

    # Every page leads to the set-up; first the password once more.
    expect(page).to_have_url(re.compile(r"/konto/reauthenticate/"))
    expect(page.get_by_role("status")).to_contain_text("må bruke tofaktorautentisering")
    assert_no_axe_violations(page)
    page.get_by_label("Passord").fill(PASSWORD)
    submit(page, "Bekreft")

    expect(page).to_have_url(re.compile(r"/konto/2fa/totp/activate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sett opp autentiseringsapp")
    expect(page.get_by_role("img", name=re.compile("QR-kode"))).to_be_visible()
    assert_no_axe_violations(page)
    secret = page.get_by_label("Hemmelig nøkkel").input_value()

    page.get_by_label("Autentiseringskode").fill("000000")
    submit(page, "Slå på")
    expect(page.locator(".ds-error-summary")).to_be_focused()
    expect(page.get_by_label("Autentiseringskode")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    page.get_by_label("Autentiseringskode").fill(app_code(secret))
    submit(page, "Slå på")

    expect(page).to_have_url(re.compile(r"/konto/2fa/recovery-codes/$"))
    expect(page.get_by_role("list", name="Ubrukte koder").get_by_role("listitem")).to_have_count(10)
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Ferdig").click()
    expect(page.get_by_text("Autentiseringsapp er slått på.")).to_be_visible()
    assert_no_axe_violations(page)

    visit(page, "/start/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Sara Sekretær")

    # The next login asks for the code.
    with page.expect_navigation():
        page.get_by_role("navigation", name="Konto").get_by_role("button", name="Logg ut").click()
    page.goto("/konto/login/")
    page.get_by_label("Brukernavn").fill("sara")
    page.get_by_label("Passord").fill(PASSWORD)
    submit(page, "Logg inn")
    expect(page).to_have_url(re.compile(r"/konto/2fa/authenticate/$"))
    assert_no_axe_violations(page)
    page.get_by_label("Kode", exact=True).fill(totp_code(secretary))
    submit(page, "Logg inn")
    expect(page).to_have_url(re.compile(r"/start/$"))


def test_member_changes_email_after_giving_the_password_again(page, live_server):
    user = UserFactory(username="kari", email="kari@example.no", first_name="Kari",
                       last_name="Nordmann")
    give_totp(user)
    login(page, live_server, "kari", PASSWORD)  # with the code step
    expect(page).to_have_url(re.compile(r"/start/$"))

    with page.expect_navigation():
        page.get_by_role("navigation", name="Konto").get_by_role("link", name="Min konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Min konto")
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Bytt e-postadresse").click()
    assert_no_axe_violations(page)

    page.get_by_label("E-post").fill("kari.nordmann@example.no")
    submit(page, "Bytt e-postadresse")

    expect(page).to_have_url(re.compile(r"/konto/reauthenticate/"))
    assert_no_axe_violations(page)
    page.get_by_label("Passord").fill(PASSWORD)
    submit(page, "Bekreft")

    expect(page).to_have_url(re.compile(r"/konto/email/$"))
    expect(page.get_by_role("main")).to_contain_text(
        "Vi har sendt en lenke til kari.nordmann@example.no")
    assert_no_axe_violations(page)


def test_typing_sends_a_keep_alive_now_and_then(page, live_server):
    UserFactory(username="kari")
    page.clock.install()
    login(page, live_server, "kari", PASSWORD)
    visit(page, "/konto/email/")
    pings = []
    page.on("request", lambda r: pings.append(r.url) if "/konto/aktiv/" in r.url else None)

    page.get_by_label("E-post").press_sequentially("kari")
    assert pings == []  # not at every keystroke

    page.clock.run_for("04:01")
    with page.expect_response(re.compile(r"/konto/aktiv/$")) as answer:
        page.get_by_label("E-post").press_sequentially("@example.no")
    assert answer.value.status == 204
    assert len(pings) == 1
