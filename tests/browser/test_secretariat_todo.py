"""The secretariat's start page as a to-do list, in a browser (issue 13): a secretariat
member of two bodies signs in, sees what waits in each body under its name, follows «Send
innkalling» to the notice page, and narrows the meeting list to one body. axe checks each
page; the links are reached by keyboard."""

import datetime

import pytest
from playwright.sync_api import expect

from governance.models import Representation
from tests.factories import MeetingFactory, RepresentationFactory, person_with_user

from .helpers import assert_no_axe_violations, sign_in, visit

pytestmark = pytest.mark.browser


def test_the_secretariat_works_through_its_list(page, live_server, body, other_body):
    user = person_with_user("to-sekretariat", body=body, role=Representation.Role.SECRETARIAT,
                            name="Siri Sekretær")
    RepresentationFactory(person=user.person, body=other_body, organisation=None,
                          role=Representation.Role.SECRETARIAT)
    soon = datetime.date.today() + datetime.timedelta(days=10)
    normen = MeetingFactory(body=body, date=soon)
    ehelse = MeetingFactory(body=other_body, date=soon + datetime.timedelta(days=2))

    sign_in(page, live_server, user)
    visit(page, "/start/")
    todo = page.get_by_role("region", name="Til behandling i sekretariatet")
    expect(todo.get_by_role("heading", name="Nasjonalt e-helsestyre")).to_be_visible()
    expect(todo.get_by_role("heading", name="Styringsgruppen for Normen")).to_be_visible()
    expect(todo).to_contain_text(f"Innkalling er ikke sendt: {normen.title}")
    expect(todo).to_contain_text(f"Innkalling er ikke sendt: {ehelse.title}")
    assert_no_axe_violations(page)

    link = todo.get_by_role("link", name=ehelse.title)
    expect(link).to_contain_text("Send innkalling")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/moter/{ehelse.pk}/innkalling/")
    assert_no_axe_violations(page)

    visit(page, "/moter/")
    page.get_by_label("Styringsgruppe", exact=True).select_option(
        label="Styringsgruppen for Normen")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("link", name=normen.title)).to_be_visible()
    expect(page.get_by_role("link", name=ehelse.title)).to_have_count(0)
    assert_no_axe_violations(page)
