"""The secretariat restores an earlier cover note in a browser: from the meeting's
«Endringslogg» to a case's saved versions, sees what the restore would change, forgets the
reason (told next to the field), gives it, and finds the restore in the meeting's timeline
(«Hendelser»): when, what, who and why. axe checks every page on the way, the history pages
and the meeting page included."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaItem, Meeting
from meetings.services import agenda as agenda_services
from meetings.services.meetings import meeting_create
from tests.factories import PASSWORD

from .helpers import assert_no_axe_violations, login, visit

pytestmark = pytest.mark.browser


def test_secretariat_restores_an_earlier_cover_note_and_sees_it_in_the_timeline(
        page, live_server, users, body):
    secretariat = users["secretariat"]
    meeting = meeting_create(body=body, actor=secretariat,
                             date=timezone.localdate() + datetime.timedelta(days=30),
                             start_time=datetime.time(10, 0), end_time=datetime.time(15, 0),
                             place="Helsedirektoratet, Oslo", form=Meeting.Form.HYBRID)
    case = agenda_services.item_create(
        meeting, secretariat, kind=AgendaItem.Kind.CASE, title="Handlingsplan 2026",
        case_type="discussion", proposed_decision="Styringsgruppen drøfter utkastet.",
        purpose="<p>Sekretariatet legger fram et første utkast.</p>")
    agenda_services.item_update(
        case, secretariat, expected_version=case.version, title="Handlingsplan 2026 – feil",
        proposed_decision="Styringsgruppen godkjenner handlingsplanen.",
        purpose="<p>Dette toppnotatet hørte til et annet møte.</p>")

    login(page, live_server, "sekretariat", PASSWORD)
    assert_no_axe_violations(page)
    visit(page, f"/moter/{meeting.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(meeting.title)

    # The meeting's «Endringslogg» tab: the timeline, and the way to a case's versions.
    page.get_by_role("navigation", name="Møtet").get_by_role("link", name="Endringslogg").click()
    expect(page.get_by_role("heading", name="Hendelser")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Saken «Handlingsplan 2026 – feil»").click()
    expect(page.get_by_role("heading", name="Lagrede versjoner")).to_be_visible()
    assert_no_axe_violations(page)

    # The first version: what would change, before anything does.
    page.get_by_role("link", name=re.compile(r"^Gjenopprett versjonen fra")).click()
    expect(page.get_by_role("heading", name="Dette blir endret")).to_be_visible()
    expect(page.locator("del").filter(has_text="feil").first).to_be_visible()
    expect(page.locator("ins").filter(has_text="første utkast")).to_be_visible()
    assert_no_axe_violations(page)

    # No reason: told next to the field, nothing restored.
    page.get_by_role("button", name="Gjenopprett versjonen").click()
    expect(page.locator("#id_reason-feil")).to_have_text(
        "Skriv hvorfor den tidligere versjonen gjenopprettes.")
    assert_no_axe_violations(page)
    case.refresh_from_db()
    assert case.title == "Handlingsplan 2026 – feil"

    page.get_by_label("Begrunnelse").fill("Toppnotatet fra et annet møte ble lagret her.")
    page.get_by_role("button", name="Gjenopprett versjonen").click()
    expect(page).to_have_url(re.compile(rf"/moter/{meeting.pk}/endringslogg/#hendelser$"))
    expect(page.get_by_text(re.compile(r"Versjonen fra .* er gjenopprettet\."))).to_be_visible()
    event = page.locator('tr[data-event="restored"]')
    expect(event).to_contain_text("Tidligere versjon gjenopprettet")
    expect(event).to_contain_text("Saken «Handlingsplan 2026»: toppnotatet fra")
    expect(event).to_contain_text("Sara Sekretær")
    expect(event).to_contain_text("Toppnotatet fra et annet møte ble lagret her.")
    assert_no_axe_violations(page)

    # The meeting page shows the restored cover note.
    page.get_by_role("navigation", name="Møtet").get_by_role("link", name="Dagsorden").click()
    expect(page.get_by_role("main")).to_contain_text("Handlingsplan 2026")
    expect(page.get_by_role("main")).not_to_contain_text("Handlingsplan 2026 – feil")
    assert_no_axe_violations(page)
    case.refresh_from_db()
    assert case.purpose == "<p>Sekretariatet legger fram et første utkast.</p>"
