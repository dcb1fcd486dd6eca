"""The secretariat sees who got the notice and who did not, and why, and sends it again to
the one it failed for (issue 18). The notice goes through a real SMTP server (tests/smtp.py)
that refuses one address; axe checks the page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.factories import PASSWORD, AgendaItemFactory, MeetingFactory

from ..smtp import SmtpServer
from .helpers import assert_no_axe_violations, login

pytestmark = pytest.mark.browser


def test_secretariat_sees_the_failed_recipient_and_resends(page, live_server, users, body,
                                                            settings):
    date = timezone.localdate() + datetime.timedelta(days=14)
    meeting = MeetingFactory(body=body, date=date, status=Meeting.Status.PLANNED)
    AgendaItemFactory(meeting=meeting, title="Revisjon av Faktaark 59")
    with SmtpServer() as smtp:
        smtp.use(settings)
        smtp.refuse("observator@example.no", 550, "5.1.1 Mottakeren finnes ikke")

        login(page, live_server, "sekretariat", PASSWORD)
        page.goto(f"/moter/{meeting.pk}/innkalling/")
        page.get_by_role("button", name="Send innkallingen").click()
        expect(page.get_by_text("Innkallingen er sendt til 3 mottakere.", exact=False)
               ).to_be_visible()

        page.goto(f"/moter/{meeting.pk}/endringslogg/")
        section = page.get_by_role("region", name="Utsendinger til medlemmene")
        expect(section.get_by_text("2 sendt, 1 feilet", exact=False)).to_be_visible()
        row = section.get_by_role("row", name="Olivia Observatør", exact=False)
        expect(row.get_by_text("Feilet")).to_be_visible()
        expect(row.get_by_text("550 5.1.1 Mottakeren finnes ikke", exact=False)).to_be_visible()
        expect(section.get_by_role("row", name="Martin Medlem", exact=False)
               .get_by_text("Sendt", exact=True)).to_be_visible()
        assert_no_axe_violations(page)

        smtp.refusals.clear()  # the address is fixed at the other end
        row.get_by_role("button", name="Send på nytt til Olivia Observatør").click()
        expect(page.get_by_text("Meldingen sendes på nytt til Olivia Observatør.")
               ).to_be_visible()
        row = page.get_by_role("row", name="Olivia Observatør", exact=False)
        expect(row.get_by_text("Sendt", exact=True)).to_be_visible()
        expect(row.get_by_text("sendt på nytt 1 gang")).to_be_visible()
        expect(page.get_by_text("3 mottakere: 3 sendt", exact=False)).to_be_visible()
        assert_no_axe_violations(page)
        assert len(smtp.received_by("observator@example.no")) == 1
        assert len(smtp.received_by("medlem@example.no")) == 1
