"""A visitor reads a fact sheet through the production caching proxy while the secretariat
takes it out of use: the visitor's next look shows it, no stale copy in between."""

import re
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from documents.models import Document

from .helpers import assert_no_axe_violations, sign_in


def test_a_visitor_sees_a_change_at_once_through_the_shared_cache(page, browser, proxy):
    # The visitor finds a fact sheet in the library.
    response = page.goto(f"{proxy.url}/faktaark/")
    assert response.headers["x-cache-status"] == "MISS"
    links = page.locator("main a[href^='/faktaark/']")
    path = next(href for href in (links.nth(i).get_attribute("href")
                                  for i in range(links.count()))
                if re.fullmatch(r"/faktaark/\d+[a-z]?/", href))
    page.locator(f"main a[href='{path}']").first.click()
    expect(page).to_have_url(f"{proxy.url}{path}")
    title = page.get_by_role("heading", level=1).inner_text()
    assert_no_axe_violations(page)
    # The next visitors get it from the shared cache.
    assert page.reload().headers["x-cache-status"] == "HIT"
    expect(page.get_by_text("ikke lenger i bruk")).to_have_count(0)

    # Meanwhile the secretariat, logged in through the same proxy, marks it «utgått».
    document = next(d for d in Document.objects.all() if d.get_absolute_url() == path)
    staff = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo")
    secretariat = staff.new_page()
    sign_in(secretariat, SimpleNamespace(url=proxy.url),
            get_user_model().objects.get(username="sekretariat"))
    response = secretariat.goto(f"{proxy.url}/dokumenter/arbeid/{document.pk}/")
    assert response.headers["x-cache-status"] == "BYPASS"  # what a logged-in person sees
    secretariat.on("dialog", lambda dialog: dialog.accept())
    secretariat.get_by_role("button", name="Merk som utgått").click()
    expect(secretariat.get_by_text("Utgått", exact=False).first).to_be_visible()
    staff.close()

    # The visitor's very next look shows the change.
    response = page.reload()
    assert response.headers["x-cache-status"] == "MISS"
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("ikke lenger i bruk").first).to_be_visible()
    assert_no_axe_violations(page)
