"""A second body in the browser (issue 13): Nasjonalt e-helsestyre's secretariat, from the demo
data of seed 004, runs meeting 3/2021 as a secretary would: opens the meeting, keeps
attendance, records two decisions in the minutes editor, marks the meeting held and sends the
minutes for review. The cases carry the body's own numbers (15/21 …) while Normen's numbering
is untouched; the public member list shows the body's organisations. axe checks each page."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from governance.models import Body
from meetings.demo.load import DEMO_PASSWORD
from meetings.models import AgendaItem, Meeting
from meetings.services.notice import case_numbers

from .helpers import assert_no_axe_violations, login, sign_in, visit

pytestmark = pytest.mark.browser


def open_tab(page, name):
    page.get_by_role("navigation", name="Møtet").get_by_role("link", name=name).click()
    assert_no_axe_violations(page)


def normen_numbering(normen):
    """What Normen's numbering says: its 2024 numbers and the numbers its planned meeting's
    notice would give."""
    planned = Meeting.objects.get(body=normen, status=Meeting.Status.PLANNED)
    year, numbered = case_numbers(planned)
    return (
        sorted(AgendaItem.objects.filter(body=normen, year=2024).exclude(number=None)
               .values_list("number", flat=True)),
        year, [number for _item, number in numbered],
    )


def test_the_e_helse_secretariat_runs_meeting_3_2021(page, live_server, demo):
    normen = demo
    ehelse = Body.objects.get(slug="e-helsestyre")
    meeting = Meeting.objects.get(body=ehelse, number=3, date__year=2021)
    before = normen_numbering(normen)
    cases = {i.reference: i for i in meeting.items.filter(kind="case")}

    login(page, live_server, "ehelse-sekretariat", DEMO_PASSWORD)
    assert_no_axe_violations(page)
    visit(page, f"/moter/{meeting.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Møte 3/2021")
    agenda = page.get_by_role("main")
    for ref, title in (("15/21", "Godkjenning av innkalling og dagsorden"),
                       ("16/21", "Godkjenning av referatet fra Nasjonalt e-helsestyre 6. mai"),
                       ("18/21", "Strategi digital sikkerhet"), ("22/21", "Eventuelt")):
        expect(agenda).to_contain_text(ref)
        expect(agenda).to_contain_text(title)

    # The meeting starts: decisions can be recorded.
    open_tab(page, "Referat")
    page.get_by_role("button", name="Start møtet").click()
    expect(page.get_by_text("Møtet er startet. Vedtak kan nå registreres.")).to_be_visible()
    assert_no_axe_violations(page)

    # Attendance for two organisations.
    open_tab(page, "Oppmøte")
    live = page.locator("#oppmote-melding")
    page.get_by_label("Til stede eller forfall for Stig Slørdahl").select_option(
        label="Til stede")
    expect(live).to_contain_text("Stig Slørdahl: Til stede – lagret kl.")
    page.get_by_label("Til stede eller forfall for Jan Frich").select_option(label="Forfall")
    expect(live).to_contain_text("Jan Frich: Forfall – lagret kl.")
    assert_no_axe_violations(page)
    # Helse Sør-Øst's seat is Jan Frich's now, not Cathrine Loftshus's.
    expect(page.get_by_label("Til stede eller forfall for Cathrine Loftshus")).to_have_count(0)

    # Two decisions in the minutes editor.
    open_tab(page, "Referat")
    for ref, decision in (
        ("15/21", "Nasjonalt e-helsestyre godkjenner innkalling og dagsorden."),
        ("18/21", "Nasjonalt e-helsestyre tilslutter seg tiltaksoversikten."),
    ):
        case = page.locator(f"#sak-{cases[ref].pk}")
        expect(case).to_contain_text(ref)
        case.get_by_label("Nasjonalt e-helsestyres vedtak").fill(decision)
        case.get_by_label("Utfall").select_option(label="Vedtatt")
        case.get_by_role("button", name="Registrer vedtak").click()
        expect(page.locator(f"#sak-{cases[ref].pk}-vedtak")).to_contain_text("Vedtak registrert")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Marker møtet som avholdt").click()
    expect(page.get_by_text("Møtet er markert som avholdt.")).to_be_visible()
    page.get_by_role("button", name="Send referatet til gjennomlesning").click()
    expect(page.get_by_text("sendt til medlemmene og observatørene")).to_be_visible()
    assert_no_axe_violations(page)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_REVIEW
    decided = meeting.items.exclude(decided_at=None).order_by("position")
    assert [(i.reference, i.outcome) for i in decided] == [("15/21", "approved"),
                                                           ("18/21", "approved")]
    # The numbers are the body's own, and Normen's numbering is as it was.
    assert [i.reference for i in meeting.items.filter(kind="case")] == [
        f"{n}/21" for n in range(15, 23)]
    assert normen_numbering(normen) == before

    # Normen's secretariat sees the same numbers for its next notice as before.
    planned = Meeting.objects.get(body=normen, status=Meeting.Status.PLANNED)
    year, numbers = before[1], before[2]
    sign_in(page, live_server, get_user_model().objects.get(username="sekretariat"))
    visit(page, f"/moter/{planned.pk}/innkalling/")
    expect(page.get_by_role("main")).to_contain_text(
        f"Sakene får saksnummer {numbers[0]}/{year % 100:02d}–{numbers[-1]}/{year % 100:02d}")
    # And 16/24 is still the fact sheet's decision.
    visit(page, "/vedtak/normen/2024/16/")
    expect(page.get_by_role("main")).to_contain_text("faktaark 59")

    # The public member list of the second body.
    page.context.clear_cookies()
    visit(page, "/styringsgrupper/e-helsestyre/medlemmer/")
    members = page.get_by_role("main")
    for name in ("Alta kommune", "Nasjonalforeningen for folkehelsen", "Helse Vest RHF",
                 "Kristiansand kommune", "Norsk Helsenett", "Jan Frich", "Stig Slørdahl"):
        expect(members).to_contain_text(name)
    expect(members).not_to_contain_text("Cathrine Loftshus")
    expect(members).not_to_contain_text(re.compile(r"@eksempel\.no"))
