"""The secretariat builds an agenda and sends the notice, in a browser, with the keyboard
where it matters: create the meeting, see the standard cases, add a case with its cover note
and a lunch break, reorder with the «Flytt» buttons, upload an attachment, send the notice
and see the case numbers. axe checks every page on the way."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import AgendaItem, Meeting
from tests.factories import PASSWORD

from .helpers import assert_no_axe_violations, login, wait_for_htmx

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def agenda_titles(page):
    return page.locator("#dagsorden-liste tbody tr td:nth-child(3)").all_inner_texts()


def test_secretariat_builds_an_agenda_and_sends_the_notice(page, live_server, users, body,
                                                           mailoutbox):
    day = timezone.localdate() + datetime.timedelta(days=40)
    year = day.year % 100

    login(page, live_server, "sekretariat", PASSWORD)
    assert_no_axe_violations(page)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Møter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Møter")
    assert_no_axe_violations(page)

    # A new meeting; a mistake first, told next to the field.
    page.get_by_role("link", name="Nytt møte").click()
    assert_no_axe_violations(page)
    page.get_by_label("Dato").fill(day.isoformat())
    page.get_by_label("Starttid").fill("10:00")
    page.get_by_label("Sluttid").fill("09:00")
    page.get_by_label("Sted").fill("Helsedirektoratet, Oslo")
    page.get_by_label("Møteform").select_option(label="Hybrid møte")
    page.get_by_role("button", name="Opprett møtet").click()
    expect(page.locator("#id_end_time-feil")).to_have_text("Møtet må slutte etter at det "
                                                           "starter.")
    expect(page.get_by_label("Sted")).to_have_value("Helsedirektoratet, Oslo")
    assert_no_axe_violations(page)
    page.get_by_label("Sluttid").fill("15:00")
    page.get_by_role("button", name="Opprett møtet").click()

    meeting = Meeting.objects.get(body=body)
    expect(page).to_have_url(re.compile(rf"/moter/{meeting.pk}/$"))
    expect(page.get_by_text("Møtet er opprettet med standardsakene på dagsordenen.")
           ).to_be_visible()
    assert agenda_titles(page) == ["Godkjenning av innkalling og dagsorden", "Eventuelt"]
    assert_no_axe_violations(page)

    # A case with its cover note.
    page.get_by_role("link", name="Legg til sak").click()
    assert_no_axe_violations(page)
    page.get_by_label("Tittel").fill("Handlingsplan 2026")
    page.get_by_label("Sakstype").select_option(label="Drøfting")
    page.get_by_label("Tidspunkt").fill("10:45")
    page.get_by_label("Innleder").fill("Sekretariatet")
    page.get_by_label(re.compile(r"^Fra\b")).fill("Sekretariatet")
    page.get_by_label("Saksbehandler").fill("Kari Saksbehandler")
    page.get_by_label("Forslag til vedtak").fill(
        "Styringsgruppen drøfter utkastet og gir sine innspill.")
    page.get_by_label("Hensikt med saken").fill(
        "Sekretariatet legger fram et første utkast.\n\n- Status 2025\n- Forslag til tiltak")
    page.get_by_label("Bakgrunn").fill("Handlingsplanen følger **Normens strategi**.")
    page.get_by_role("button", name="Legg til saken").click()
    expect(page.get_by_text("«Handlingsplan 2026» er lagt til på dagsordenen.")).to_be_visible()
    assert_no_axe_violations(page)

    # A lunch break.
    page.get_by_role("link", name="Legg til pause eller lunsj").click()
    assert_no_axe_violations(page)
    page.get_by_label("Tekst på dagsordenen").fill("Lunsj")
    page.get_by_label("Tidspunkt").fill("11:30")
    page.get_by_role("button", name="Legg til punktet").click()
    assert agenda_titles(page) == ["Godkjenning av innkalling og dagsorden",
                                   "Handlingsplan 2026", "Lunsj", "Eventuelt"]
    assert_no_axe_violations(page)

    # Reorder with the keyboard: the case goes below the lunch.
    case = AgendaItem.objects.get(meeting=meeting, title="Handlingsplan 2026")
    down = page.locator(f"#flytt-ned-{case.pk}")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#dagsorden-status")).to_have_text(
        "«Handlingsplan 2026» er nå punkt 3 av 4.")
    assert agenda_titles(page) == ["Godkjenning av innkalling og dagsorden", "Lunsj",
                                   "Handlingsplan 2026", "Eventuelt"]
    expect(page.locator(f"#flytt-ned-{case.pk}")).to_be_focused()  # focus stays put
    wait_for_htmx(page)
    page.keyboard.press("Shift+Tab")  # …and the neighbouring button takes it back up
    expect(page.locator(f"#flytt-opp-{case.pk}")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#dagsorden-status")).to_have_text(
        "«Handlingsplan 2026» er nå punkt 2 av 4.")
    # htmx settles the swapped list after the status is shown; press only on the settled one.
    wait_for_htmx(page)
    page.locator(f"#flytt-ned-{case.pk}").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#dagsorden-status")).to_have_text(
        "«Handlingsplan 2026» er nå punkt 3 av 4.")
    assert_no_axe_violations(page)
    page.reload()
    assert agenda_titles(page)[1:3] == ["Lunsj", "Handlingsplan 2026"]

    # The cover note, and an attachment to it.
    page.get_by_role("link", name="Handlingsplan 2026", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan 2026")
    expect(page.get_by_text("Tildeles når innkallingen sendes")).to_be_visible()
    expect(page.locator(".agenda-rich li")).to_have_text(["Status 2025", "Forslag til tiltak"])
    expect(page.locator(".agenda-rich strong")).to_have_text("Normens strategi")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Last opp vedlegg").click()
    assert_no_axe_violations(page)
    page.get_by_label("Fil").set_input_files(
        {"name": "Utkast handlingsplan.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_label("Tittel").fill("Utkast til handlingsplan 2026")
    expect(page.get_by_label("Hører til sak")).to_have_value(str(case.pk))
    page.get_by_role("button", name="Last opp").click()
    expect(page.get_by_text("Vedlegg 1 «Utkast til handlingsplan 2026» er lastet opp.")
           ).to_be_visible()
    expect(page.get_by_role("link", name="Vedlegg 1: Utkast til handlingsplan 2026")
           ).to_be_visible()
    assert_no_axe_violations(page)

    # Send the notice: recipients listed first, then the numbers appear.
    page.get_by_role("link", name="Tilbake til dagsordenen").click()
    page.get_by_role("link", name="Send innkalling").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send innkalling")
    expect(page.get_by_text(f"Sakene får saksnummer 1/{year}–3/{year}")).to_be_visible()
    for name in ["Martin Medlem", "Vera Vara", "Olivia Observatør"]:
        expect(page.get_by_role("cell", name=name)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send innkallingen").click()

    expect(page.get_by_text(f"Innkallingen er sendt til 3 mottakere. Sakene har fått nummer "
                            f"1/{year}–3/{year}.")).to_be_visible()
    refs = page.locator("#dagsorden-liste tbody tr td:first-child").all_inner_texts()
    assert [r.replace("⠿", "").strip() for r in refs] == [
        f"1/{year}", "", f"2/{year}", f"3/{year}"]
    expect(page.get_by_text("Innkalling sendt", exact=True)).to_be_visible()
    assert_no_axe_violations(page)
    notices = [m for m in mailoutbox if m.subject.startswith("Innkalling:")]
    assert len(notices) == 3
    assert f"2/{year}   10.45  Handlingsplan 2026 (Drøfting)" in notices[0].body

    # The history tab shows who did it.
    page.get_by_role("navigation", name="Møtet").get_by_role("link", name="Endringslogg").click()
    expect(page.get_by_role("cell", name="Sara Sekretær").first).to_be_visible()
    assert_no_axe_violations(page)


def test_dragging_a_row_moves_it_like_the_buttons_do(page, live_server, users, body):
    from meetings.services import agenda as agenda_services
    from meetings.services.meetings import meeting_create

    secretariat = users["secretariat"]
    meeting = meeting_create(body=body, actor=secretariat,
                             date=timezone.localdate() + datetime.timedelta(days=30),
                             start_time=datetime.time(10, 0), end_time=datetime.time(15, 0),
                             place="Skøyen", form=Meeting.Form.PHYSICAL)
    lunch = agenda_services.item_create(meeting, secretariat, kind=AgendaItem.Kind.BREAK,
                                        title="Lunsj", start_time=datetime.time(11, 30))
    first = meeting.items.order_by("position").first()

    login(page, live_server, "sekretariat", PASSWORD)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    assert agenda_titles(page) == ["Godkjenning av innkalling og dagsorden", "Lunsj",
                                   "Eventuelt"]

    page.locator(f"#punkt-{lunch.pk} .agenda-drag-handle").drag_to(
        page.locator(f"#punkt-{first.pk}"))

    expect(page.locator("#dagsorden-status")).to_have_text("«Lunsj» er nå punkt 1 av 3.")
    assert agenda_titles(page) == ["Lunsj", "Godkjenning av innkalling og dagsorden",
                                   "Eventuelt"]
    assert list(meeting.items.order_by("position").values_list("title", flat=True))[0] == \
        "Lunsj"
    assert_no_axe_violations(page)
