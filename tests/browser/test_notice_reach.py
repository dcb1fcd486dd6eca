"""A notice reaches everyone with an e-mail address and names those without (issue 13).

The secretariat starts from the to-do list on «Min side», sees on the send page who has no
e-mail address (and so gets no notice), sends, and is told again afterwards; the members
with an address get the notice, the one without gets nothing, and the body's settings page
lists him among those without an address. axe checks each page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Membership
from meetings.models import Meeting
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentationFactory,
)

from .helpers import assert_no_axe_violations, login

pytestmark = pytest.mark.browser


def test_the_notice_reaches_everyone_with_an_address_and_names_the_others(
        page, live_server, users, body, mailoutbox):
    date = timezone.localdate() + datetime.timedelta(days=14)
    meeting = MeetingFactory(body=body, date=date, status=Meeting.Status.PLANNED)
    AgendaItemFactory(meeting=meeting, title="Revisjon av Faktaark 59")
    bodo = OrganisationFactory(name="Bodø kommune")
    Membership.objects.create(body=body, organisation=bodo, kind=Membership.Kind.MEMBER)
    RepresentationFactory(person=PersonFactory(name="Petter Papir", email=""), body=body,
                          organisation=bodo)

    login(page, live_server, "sekretariat", PASSWORD)
    page.goto("/start/")
    todo = page.get_by_role("region", name="Til behandling i sekretariatet")
    todo.get_by_role("link", name=meeting.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send innkalling")
    expect(page.get_by_text("Disse mangler e-postadresse og får ikke e-post: Petter Papir "
                            "(Bodø kommune)")).to_be_visible()
    expect(page.get_by_role("heading", name="Mottakere (3)")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send innkallingen").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("Innkallingen er sendt til 3 mottakere.", exact=False)
           ).to_be_visible()
    expect(page.get_by_text("Petter Papir fikk ikke innkallingen, fordi e-postadresse "
                            "mangler.", exact=False)).to_be_visible()
    assert_no_axe_violations(page)
    notices = [m for m in mailoutbox if m.subject.startswith("Innkalling:")]
    assert sorted(address for m in notices for address in m.to) == sorted(
        f"{u.person.name} <{u.person.email}>"
        for u in (users["member"], users["deputy"], users["observer"]))

    page.goto(f"/styringsgrupper/{body.slug}/innstillinger/")
    expect(page.get_by_role("table", name="Personer uten e-postadresse")
           .get_by_role("cell", name="Petter Papir")).to_be_visible()
    assert_no_axe_violations(page)
