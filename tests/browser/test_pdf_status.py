"""The meeting's PDFs as the secretariat sees them: the status updates itself until the PDF is
ready, a failed PDF is made again with "Lag PDF på nytt", the download has a proper name."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Meeting
from rendering import registry, services
from rendering.models import RenderedPdf
from tests.factories import PASSWORD, AgendaItemFactory, MeetingFactory

from .helpers import assert_no_axe_violations, login

pytestmark = pytest.mark.browser

NOTICE = registry.get("meeting_notice")


@pytest.fixture(autouse=True)
def render_on_save(settings):
    # The test settings leave re-rendering on save off; these tests are about it.
    settings.PDF_RENDER_ON_SAVE = True


def waiting_row(meeting):
    """A row for the current revision that no worker has picked up yet."""
    return RenderedPdf.objects.create(
        content_type=ContentType.objects.get_for_model(meeting), object_id=meeting.pk,
        kind=NOTICE.name, source_revision=NOTICE.revision_for(meeting))


@pytest.fixture
def meeting(body):
    meeting = MeetingFactory(body=body, status=Meeting.Status.NOTICE_SENT)
    AgendaItemFactory(meeting=meeting, number=16, year=2024, title="Handlingsplan 2025",
                      purpose="<p>Sekretariatet leder en første drøfting.</p>")
    # Saving rendered the notice in-process (no broker in the test settings); change the title
    # behind the signals' back so the page has a newer revision waiting.
    meeting.items.filter(number=16).update(title="Handlingsplan 2025 – første drøfting")
    return meeting


def test_pdf_status_updates_itself_and_can_be_made_again(page, live_server, users, meeting):
    row = waiting_row(meeting)
    login(page, live_server, "sekretariat", PASSWORD)
    page.goto(reverse("meetings:meeting_detail", args=[meeting.pk]))
    box = page.locator(f"#pdf-meeting_notice-{meeting.pk}")
    expect(box).to_contain_text("PDF-en venter på å bli laget")
    # Meanwhile the previous version can be downloaded.
    expect(box.get_by_role("link", name="Last ned forrige versjon av innkalling og dagsorden")
           ).to_be_visible()
    assert_no_axe_violations(page)

    # A worker renders it: the page notices by itself, without a reload.
    services.render_row(row.pk)
    expect(box).to_contain_text("PDF-en er oppdatert", timeout=10_000)
    link = box.get_by_role("link", name="Last ned innkalling og dagsorden")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == \
        "Innkalling Styringsgruppen for Normen 2024-06-10.pdf"
    assert_no_axe_violations(page)

    # The next revision fails; the status shows why, and the secretariat tries again.
    meeting.items.filter(number=16).update(title="Handlingsplan 2025 – andre drøfting")
    failed = waiting_row(meeting)
    RenderedPdf.objects.filter(pk=failed.pk).update(status=RenderedPdf.Status.FAILED,
                                                    error="OSError: Disken er full")
    page.reload()
    expect(box).to_contain_text("PDF-en kunne ikke lages. Årsak: OSError: Disken er full")
    assert_no_axe_violations(page)
    box.get_by_role("button", name="Lag PDF på nytt").click()
    # No broker in the test settings: the render runs within the request.
    expect(box).to_contain_text("PDF-en er oppdatert", timeout=15_000)
    expect(page.locator(":focus")).to_contain_text(re.compile("Innkalling og dagsorden"))
    failed.refresh_from_db()
    assert failed.status == RenderedPdf.Status.READY
    assert_no_axe_violations(page)


def test_public_meeting_page_offers_the_approved_minutes(page, live_server, body):
    meeting = MeetingFactory(body=body, status=Meeting.Status.MINUTES_APPROVED)
    AgendaItemFactory(meeting=meeting, number=11, year=2024,
                      title="Godkjenning av innkalling og dagsorden",
                      decision_text="Styringsgruppen godkjenner innkalling og dagsorden",
                      outcome="approved")
    Meeting.objects.filter(pk=meeting.pk).update(minutes_approval_note="Godkjent i sak 12/24")
    assert RenderedPdf.objects.filter(object_id=meeting.pk, kind="meeting_minutes",
                                      is_public=True, status="ready").exists()
    page.goto(meeting.get_public_url())
    link = page.get_by_role("link", name="Last ned referat")
    expect(link).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == \
        "Referat Styringsgruppen for Normen 2024-06-10.pdf"
