"""The decision register in a browser, as an anonymous visitor: both bodies have a decision
1/26; the visitor filters the register by body, opens the decision, and reaches the same
page again through its permanent address and through the old address without the body.
axe checks every page on the way."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.meetings.minutes.conftest import make_meeting

from .helpers import assert_no_axe_violations, visit

pytestmark = pytest.mark.browser


def _decided(owner, date, text):
    meeting = make_meeting(owner, status=Meeting.Status.MINUTES_APPROVED, date=date,
                           first_number=1, cases=2)
    first, second = meeting.items.filter(kind="case").order_by("position")
    for item, decision in ((first, text), (second, "Tatt til orientering.")):
        item.outcome = "approved" if item is first else "noted"
        item.decision_text = decision
        item.decided_at = datetime.datetime.combine(date, datetime.time(11),
                                                    tzinfo=datetime.UTC)
        item.save()
    return first


def test_anonymous_visitor_filters_by_body_and_opens_a_decision(page, body, other_body):
    _decided(body, datetime.date(2026, 2, 4), "Styringsgruppen godkjenner dagsorden.")
    _decided(other_body, datetime.date(2026, 2, 11), "E-helsestyret slutter seg til.")

    visit(page, "/vedtak/")
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="1/26")).to_have_count(2)

    choice = page.get_by_label("Styringsgruppe", exact=True)
    expect(choice).to_have_value("")
    page.get_by_label("Styringsgruppe", exact=True).select_option(label="Nasjonalt e-helsestyre")
    page.get_by_role("button", name="Søk").click()
    expect(page).to_have_url(re.compile(r"[?&]body=e-helsestyre"))
    expect(page.get_by_label("Styringsgruppe", exact=True)).to_have_value("e-helsestyre")
    expect(page.get_by_role("heading", level=2, name=re.compile("2 vedtak"))).to_be_visible()
    expect(table.get_by_text("E-helsestyret slutter seg til.")).to_be_visible()
    expect(table.get_by_text("Styringsgruppen godkjenner dagsorden.")).to_have_count(0)
    assert_no_axe_violations(page)

    table.get_by_role("link", name="1/26").click()
    expect(page).to_have_url(re.compile("/vedtak/e-helsestyre/2026/1/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vedtak i sak 1/26")
    main = page.get_by_role("main")
    expect(main).to_contain_text("E-helsestyret slutter seg til.")
    expect(main).not_to_contain_text("Styringsgruppen godkjenner dagsorden.")
    assert_no_axe_violations(page)
    content = main.inner_text()

    # Its permanent address, as printed on the page, is this page.
    main.get_by_text("Fast adresse:").get_by_role("link").click()
    expect(page).to_have_url(re.compile("/vedtak/e-helsestyre/2026/1/$"))
    assert page.get_by_role("main").inner_text() == content
    assert_no_axe_violations(page)

    # The old address without the body asks which body's 1/26 is meant.
    visit(page, "/vedtak/2026/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vedtak 1/26 finnes i flere styringsgrupper")
    page.get_by_role("link", name="Nasjonalt e-helsestyre, sak 1/26").click()
    expect(page).to_have_url(re.compile("/vedtak/e-helsestyre/2026/1/$"))
    assert page.get_by_role("main").inner_text() == content
    assert_no_axe_violations(page)
