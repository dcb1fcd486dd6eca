"""Attendance and minutes in a browser: a member reporting absence, the secretariat keeping
attendance, writing minutes and recording decisions, two people saving the same case, and
approving the previous minutes at the next meeting. axe checks every page on the way."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Person
from meetings.models import AgendaItem, Attendance, CaseType, Meeting
from tests.factories import PASSWORD, AgendaItemFactory, MeetingFactory, person_with_user

from .helpers import assert_no_axe_violations, login, sign_in, visit, wait_for_htmx

pytestmark = pytest.mark.browser




def numbered_meeting(body, *, date, status, titles, first_number=11, **fields):
    meeting = MeetingFactory(body=body, date=date, status=status,
                             notice_sent_at=timezone.now(), place="Skøyen", **fields)
    items = []
    for index, title in enumerate(titles):
        items.append(AgendaItemFactory(
            meeting=meeting, position=(index + 1) * 10, number=first_number + index,
            year=date.year, title=title, case_type=CaseType.ORIENTATION,
            start_time=datetime.time(10, 15 * index),
            proposed_decision="Styringsgruppen tar orienteringen til etterretning."))
    return meeting, items


def open_tab(page, name):
    page.get_by_role("navigation", name="Møtet").get_by_role("link", name=name).click()
    assert_no_axe_violations(page)


def test_member_reports_absence_and_a_deputy(page, live_server, users, body):
    meeting = MeetingFactory(body=body, status=Meeting.Status.NOTICE_SENT,
                             date=timezone.localdate() + datetime.timedelta(days=20),
                             notice_sent_at=timezone.now())
    login(page, live_server, "medlem", PASSWORD)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=meeting.title).click()
    assert_no_axe_violations(page)
    open_tab(page, "Meld forfall")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Meld forfall til møtet")
    expect(page.get_by_text("Du har ikke meldt noe ennå.")).to_be_visible()

    # Forgetting to choose the deputy: told next to the field, the choice is kept.
    page.get_by_label("Jeg har forfall, og vara møter for meg").check()
    page.get_by_role("button", name="Send melding").click()
    expect(page.locator(".ds-error-summary")).to_contain_text("Velg hvem som møter for deg.")
    expect(page.get_by_label("Jeg har forfall, og vara møter for meg")).to_be_checked()
    assert_no_axe_violations(page)

    page.get_by_label("Vara som møter").select_option(label="Vera Vara")
    page.get_by_label("Merknad til sekretariatet").fill("Jeg er på reise")
    page.get_by_role("button", name="Send melding").click()
    expect(page.get_by_text("Sekretariatet ser meldingen din i oppmøtelisten.")).to_be_visible()
    expect(page.get_by_text("Vera Vara møter som vara for deg.")).to_be_visible()
    assert_no_axe_violations(page)

    own = Attendance.objects.get(meeting=meeting, person__user=users["member"])
    assert own.status == Attendance.Status.ABSENT and own.reported_by == users["member"]
    assert Attendance.objects.get(meeting=meeting, person__name="Vera Vara").status == "deputy"

    # The secretariat sees it in the register.
    page.context.clear_cookies()
    sign_in(page, live_server, users["secretariat"])
    visit(page, f"/moter/{meeting.pk}/oppmote/")
    row = page.locator("tr").filter(
        has=page.get_by_role("rowheader", name="Martin Medlem", exact=True))
    expect(row).to_contain_text("Meldt av Martin Medlem")
    expect(row.get_by_label("Til stede eller forfall for Martin Medlem")).to_have_value("absent")
    expect(page.get_by_role("rowheader", name="Vera Vara (vara)")).to_be_visible()


def test_secretariat_keeps_attendance(page, live_server, users, body):
    meeting, _items = numbered_meeting(body, date=timezone.localdate(),
                                       status=Meeting.Status.NOTICE_SENT,
                                       titles=["Sekretariatet orienterer"])
    sign_in(page, live_server, users["secretariat"])
    visit(page, f"/moter/{meeting.pk}/")
    open_tab(page, "Oppmøte")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Oppmøte på møtet")

    status = page.get_by_label("Til stede eller forfall for Martin Medlem")
    status.select_option(label="Til stede")
    live = page.locator("#oppmote-melding")
    expect(live).to_contain_text("Martin Medlem: Til stede – lagret kl.")
    page.get_by_label("Martin Medlem deltar digitalt").check()
    partial = page.get_by_label("Delvis til stede for Martin Medlem")
    partial.fill("frem til 11.05")
    partial.press("Tab")  # leaving the field saves it
    row_id = Attendance.objects.get(meeting=meeting, person__name="Martin Medlem").pk
    expect(page.locator(f"#rad-{row_id}-status")).to_have_text("Lagret")
    # The check box and the partial note each saved on their own; let both answers land
    # before the next row's message is expected in the shared live region.
    wait_for_htmx(page)
    page.get_by_label("Til stede eller forfall for Olivia Observatør").select_option(
        label="Forfall")
    expect(live).to_contain_text("Olivia Observatør: Forfall – lagret kl.")
    assert_no_axe_violations(page)

    # A guest, and someone from the secretariat.
    page.get_by_label("Navn", exact=True).fill("Ane Hessen Hjelle")
    page.get_by_label("Virksomhet eller rolle").fill("Helsedirektoratet, faglig påfyll")
    page.get_by_role("button", name="Legg til gjest").click()
    expect(page.get_by_text("Ane Hessen Hjelle er lagt til i oppmøtelisten.")).to_be_visible()
    page.get_by_label("Person", exact=True).select_option(label="Sara Sekretær (Sekretariat)")
    page.get_by_role("button", name="Legg til person").click()
    expect(page.get_by_text("Sara Sekretær er lagt til i oppmøtelisten.")).to_be_visible()
    assert_no_axe_violations(page)

    page.reload()
    expect(page.get_by_label("Til stede eller forfall for Martin Medlem")).to_have_value("present")
    expect(page.get_by_label("Martin Medlem deltar digitalt")).to_be_checked()
    expect(page.get_by_label("Delvis til stede for Martin Medlem")).to_have_value("frem til 11.05")
    row = Attendance.objects.get(meeting=meeting, person__name="Martin Medlem")
    assert row.status_text == "Til stede frem til 11.05 (digitalt)"


def test_secretariat_writes_minutes_and_records_decisions(page, live_server, users, body):
    # The meeting began yesterday at 10.00 (a fixed past start, whatever the clock says).
    meeting, items = numbered_meeting(body, date=timezone.localdate() - datetime.timedelta(1),
                                      status=Meeting.Status.NOTICE_SENT,
                                      titles=["Sekretariatet orienterer", "Handlingsplan 2025"],
                                      start_time=datetime.time(10, 0))
    sign_in(page, live_server, users["secretariat"])
    visit(page, f"/moter/{meeting.pk}/")
    open_tab(page, "Referat")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Referat fra møtet")
    # Decisions are recorded once the meeting is opened.
    expect(page.get_by_text("Vedtak registreres når møtet er startet")).to_be_visible()
    page.get_by_role("button", name="Start møtet").click()
    expect(page.get_by_text("Møtet er startet. Vedtak kan nå registreres.")).to_be_visible()
    assert_no_axe_violations(page)

    first = page.locator(f"#sak-{items[0].pk}")
    first.get_by_label("Spørsmål og diskusjon").fill(
        "Status handlingsplan:\n\n- Normkonferansen 2025\n- **Twinning** med Digdir")
    expect(first.locator(".minutes-save-status")).to_contain_text("Lagret kl.")

    first.get_by_role("button", name="Legg til innlegg").click()
    first = page.locator(f"#sak-{items[0].pk}")
    first.get_by_label("Virksomhet").select_option(label="Helse Nord")
    first.get_by_label("Innlegg", exact=True).fill("Takker for gode oppdateringer.")
    expect(first.locator(".minutes-save-status")).to_contain_text("Lagret kl.")
    first.get_by_label("Utfall").select_option(label="Tatt til orientering")
    first.get_by_role("button", name="Registrer vedtak").click()
    expect(page.locator(f"#sak-{items[0].pk}-vedtak")).to_contain_text(
        "Vedtak registrert")
    assert_no_axe_violations(page)

    second = page.locator(f"#sak-{items[1].pk}")
    second.get_by_label("Styringsgruppens vedtak").fill(
        "Styringsgruppen drøftet handlingsplan 2025.")
    second.get_by_label("Utfall").select_option(label="Tatt til orientering")
    second.get_by_role("button", name="Registrer vedtak").click()
    expect(page.locator(f"#sak-{items[1].pk}-vedtak")).to_contain_text("Vedtak registrert")

    page.reload()
    assert_no_axe_violations(page)
    first = page.locator(f"#sak-{items[0].pk}")
    expect(first.get_by_label("Spørsmål og diskusjon")).to_have_value(
        "Status handlingsplan:\n\n- Normkonferansen 2025\n- **Twinning** med Digdir")
    expect(first.get_by_label("Innlegg", exact=True)).to_have_value(
        "Takker for gode oppdateringer.")
    items[0].refresh_from_db()
    assert "<li><strong>Twinning</strong> med Digdir</li>" in items[0].discussion
    assert items[0].decided_at is not None and items[0].outcome == "noted"

    # The meeting is over: mark it held and send the draft out.
    page.get_by_role("button", name="Marker møtet som avholdt").click()
    expect(page.get_by_text("Møtet er markert som avholdt.")).to_be_visible()
    page.get_by_role("button", name="Send referatet til gjennomlesning").click()
    expect(page.get_by_text("sendt til medlemmene og observatørene")).to_be_visible()
    assert_no_axe_violations(page)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_REVIEW


def test_two_people_save_the_same_case(page, browser, live_server, users, body):
    meeting, items = numbered_meeting(body, date=timezone.localdate(),
                                      status=Meeting.Status.HELD,
                                      titles=["Godkjenning av faktaark 59: Integritet"])
    per = person_with_user("per", body=body, role="secretariat", name="Per Protokoll")
    sign_in(page, live_server, users["secretariat"])
    visit(page, f"/moter/{meeting.pk}/referat/")

    other_context = browser.new_context(locale="nb-NO", timezone_id="Europe/Oslo",
                                        base_url=live_server.url,
                                        viewport={"width": 1280, "height": 900})
    try:
        other = other_context.new_page()
        sign_in(other, live_server, per)
        visit(other, f"/moter/{meeting.pk}/referat/")

        # Sara saves first.
        mine = page.locator(f"#sak-{items[0].pk}")
        mine.get_by_label("Spørsmål og diskusjon").fill("HSØ – vurdere artikkel 5 i GDPR.")
        expect(mine.locator(".minutes-save-status")).to_contain_text("Lagret kl.")

        # Per, who loaded the page before that, writes in the same case.
        theirs = other.locator(f"#sak-{items[0].pk}")
        theirs.get_by_label("Spørsmål og diskusjon").fill("Hdir – for stort omfang.")
        alert = theirs.get_by_role("alert")
        expect(alert).to_contain_text("Noen andre har lagret denne saken mens du skrev")
        expect(alert).to_contain_text("HSØ – vurdere artikkel 5 i GDPR.")
        expect(theirs.get_by_label("Spørsmål og diskusjon")).to_have_value(
            "Hdir – for stort omfang.")
        assert_no_axe_violations(other)
        items[0].refresh_from_db()
        assert items[0].discussion == "<p>HSØ – vurdere artikkel 5 i GDPR.</p>"

        # Per keeps his own text, knowingly.
        theirs.get_by_label("Spørsmål og diskusjon").fill(
            "HSØ – vurdere artikkel 5 i GDPR.\n\nHdir – for stort omfang.")
        theirs.get_by_role("button", name="Lagre min versjon likevel").click()
        expect(theirs.locator(".minutes-save-status")).to_contain_text("Lagret kl.")
        expect(theirs.get_by_role("alert")).to_have_count(0)
        items[0].refresh_from_db()
        assert items[0].discussion == ("<p>HSØ – vurdere artikkel 5 i GDPR.</p>"
                                       "<p>Hdir – for stort omfang.</p>")

        # Sara's next save is the one that is stale now.
        mine.get_by_label("Spørsmål og diskusjon").fill("Sara skriver videre.")
        expect(mine.get_by_role("alert")).to_contain_text("Hdir – for stort omfang.")
        mine.get_by_role("button",
                         name="Forkast mine endringer og bruk den lagrede versjonen").click()
        reloaded = page.locator(f"#sak-{items[0].pk}").get_by_label("Spørsmål og diskusjon")
        expect(reloaded).to_have_value(
            "HSØ – vurdere artikkel 5 i GDPR.\n\nHdir – for stort omfang.")
        assert_no_axe_violations(page)
    finally:
        other_context.close()


def test_minutes_are_approved_at_the_next_meeting(page, live_server, users, body):
    previous, _ = numbered_meeting(body, date=datetime.date(2023, 9, 27),
                                   status=Meeting.Status.MINUTES_REVIEW,
                                   titles=["Handlingsplan 2024"], first_number=27)
    meeting, _ = numbered_meeting(body, date=timezone.localdate() - datetime.timedelta(1),
                                  status=Meeting.Status.IN_PROGRESS, titles=[], first_number=11,
                                  start_time=datetime.time(10, 0))
    approve = AgendaItemFactory(
        meeting=meeting, position=10, number=12, year=meeting.date.year,
        standard=AgendaItem.Standard.APPROVE_MINUTES, previous_meeting=previous,
        case_type=CaseType.APPROVAL, title="Godkjenning av referat fra møte 27.09.2023",
        proposed_decision="Styringsgruppen godkjenner referatet")
    sign_in(page, live_server, users["secretariat"])

    visit(page, "/arkiv/")
    expect(page.get_by_text("Ingen referater er godkjent ennå.")).to_be_visible()

    visit(page, f"/moter/{meeting.pk}/referat/")
    case = page.locator(f"#sak-{approve.pk}")
    expect(case.get_by_label("Styringsgruppens vedtak")).to_have_value(
        "Styringsgruppen godkjenner referatet")
    case.get_by_label("Utfall").select_option(label="Vedtatt")
    case.get_by_role("button", name="Registrer vedtak").click()
    expect(page.locator(f"#sak-{approve.pk}-vedtak")).to_contain_text("Vedtatt")

    visit(page, "/arkiv/")
    page.get_by_role("link", name="2023").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Referat fra møtet 27.09.2023").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referat Styringsgruppemøte i Normen")
    reference = f"12/{meeting.date.year % 100:02d}"
    expect(page.get_by_text(re.compile(f"Godkjent i sak {reference}"))).to_be_visible()
    assert_no_axe_violations(page)
    previous.refresh_from_db()
    assert previous.status == Meeting.Status.MINUTES_APPROVED
    assert Person.objects.filter(user=users["secretariat"]).exists()
