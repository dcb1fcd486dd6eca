"""The public front page and logging in and out, as a visitor with a browser and a keyboard."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from .helpers import assert_no_axe_violations, login, visit

pytestmark = pytest.mark.browser

PASSWORD = "Et-langt-testpassord-2026"


@pytest.fixture
def member():
    return User.objects.create_user(
        "kari", email="kari@example.no", password=PASSWORD, first_name="Kari",
        last_name="Nordmann",
    )


def test_front_page_for_anonymous_visitor(page):
    visit(page, "/")

    expect(page).to_have_title(re.compile("Normen"))
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren"
    )
    main_nav = page.get_by_role("navigation", name="Hovedmeny")
    for name in ["Forside", "Møter", "Vedtak", "Veiledere og faktaark", "Handlingsplan"]:
        expect(main_nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(main_nav.get_by_role("link", name="Forside")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name="Tilgjengelighetserklæring")).to_have_attribute(
        "href", "/tilgjengelighet/"
    )
    # Designsystemet and the portal's own CSS are loaded: the skip link is visually hidden
    # (ds-skip-link) and the body uses the theme's font.
    skip_width = page.get_by_role("link", name="Hopp til hovedinnhold").evaluate(
        "el => el.getBoundingClientRect().width"
    )
    assert skip_width <= 1
    assert "Inter" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.evaluate("document.fonts.check('16px Inter')")
    # htmx is loaded and sends the CSRF token from <body hx-headers>.
    assert page.evaluate("typeof window.htmx") == "object"


def test_skip_link_is_first_and_moves_focus_to_main_content(page):
    visit(page, "/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnhold")
    expect(skip).to_be_focused()
    # Visible once focused, so a sighted keyboard user sees where they are.
    box = skip.bounding_box()
    assert box is not None and box["width"] > 50 and box["height"] > 20
    assert_no_axe_violations(page)

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#hovedinnhold$"))
    expect(page.locator("main#hovedinnhold")).to_be_focused()
    # The next Tab goes to the first link inside the main content, past the menus.
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate(
        "document.activeElement.closest('main') !== null"
    )
    assert focused_in_main


def test_login_with_wrong_then_right_password_and_logout(page, live_server, member):
    login(page, live_server, "kari", "feil-passord")

    expect(page).to_have_url(re.compile("/konto/login/$"))
    expect(page).to_have_title(re.compile("^Feil: Logg inn"))
    summary = page.locator(".ds-error-summary")
    expect(summary).to_contain_text("Innloggingen mislyktes")
    expect(summary).to_contain_text("Brukernavnet eller passordet er feil.")
    expect(summary).to_be_focused()
    username = page.get_by_label("Brukernavn")
    expect(username).to_have_value("kari")
    expect(username).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Passord")).to_have_value("")
    assert_no_axe_violations(page)

    login(page, live_server, "kari", PASSWORD)

    expect(page).to_have_url(re.compile("/start/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Kari Nordmann")
    account = page.get_by_role("navigation", name="Konto")
    expect(account.get_by_role("link", name="Min side")).to_have_attribute("aria-current", "page")
    expect(account).to_contain_text("Kari Nordmann")
    expect(page.get_by_text("Du er ikke registrert med en rolle")).to_be_visible()
    assert_no_axe_violations(page)

    with page.expect_navigation():
        account.get_by_role("button", name="Logg ut").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text("Du er logget ut.")
    expect(page.get_by_role("navigation", name="Konto").get_by_role("link", name="Logg inn")
           ).to_be_visible()
    assert_no_axe_violations(page)


def test_start_page_sends_anonymous_visitor_to_login_and_back(page, live_server, member):
    response = page.goto("/start/")
    assert response is not None and response.ok
    expect(page).to_have_url(re.compile(r"/konto/login/\?next=/start/$"))
    expect(page.get_by_text("Du må logge inn for å se denne siden.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Brukernavn").fill("kari")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_label("Passord").press("Enter")

    expect(page).to_have_url(re.compile("/start/$"))


def test_error_page_is_norwegian_and_accessible(page):
    visit(page, "/finnes-ikke/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vi fant ikke siden")


def test_narrow_screen_keeps_everything_reachable(page):
    page.set_viewport_size({"width": 320, "height": 640})
    visit(page, "/")
    # WCAG 1.4.10 Reflow: no horizontal scrolling at 320 CSS px.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role(
        "link", name="Handlingsplan")).to_be_visible()
