"""Action plans in a browser: the secretariat's year with a plan, and a member's proposal.

The decision in a meeting case is recorded with the meetings app's own service (what its
minutes editor calls); everything in the action plan app is clicked through as a person
would, with axe checks on every page.
"""

import csv
import datetime
import io
import re

import pytest
from django.db import transaction
from openpyxl import load_workbook
from playwright.sync_api import expect

from actionplan.models import ActionPlan, FocusArea, Strategy
from governance.models import Membership
from meetings.models import AgendaItem, CaseType, Meeting, Outcome
from meetings.services.minutes import case_record_decision
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    MeetingFactory,
    OrganisationFactory,
)

from .helpers import assert_no_axe_violations, login, visit
from .helpers import sign_in as login_secretariat

pytestmark = pytest.mark.browser


@pytest.fixture
def year_setup(users, body):
    strategy = Strategy.objects.create(body=body, title="Normens strategi 2026–2028",
                                       start_year=2026, end_year=2028)
    for number, title in enumerate(["Bransjenormen", "Veiledning", "Arena"], start=1):
        FocusArea.objects.create(strategy=strategy, number=number, title=title)
    Membership.objects.get_or_create(
        body=body, organisation=OrganisationFactory(name="KS"))
    discussion = AgendaItemFactory(
        meeting=MeetingFactory(body=body, date=datetime.date(2026, 1, 13)),
        title="Handlingsplan 2026", case_type=CaseType.DISCUSSION)
    approval = AgendaItemFactory(
        meeting=MeetingFactory(body=body, date=datetime.date(2026, 3, 10)),
        title="Godkjenning av handlingsplan 2026", case_type=CaseType.DECISION)
    return {"discussion": discussion, "approval": approval}




def record_decision(item, outcome, number, actor):
    """The meeting has been held (the case got its number at the notice); the secretariat
    records the decision in the minutes editor."""
    Meeting.objects.filter(pk=item.meeting_id).update(status=Meeting.Status.HELD)
    AgendaItem.objects.filter(pk=item.pk).update(number=number, year=2026)
    item.refresh_from_db()
    case_record_decision(item, actor, outcome, "Styringsgruppen tar saken til orientering.",
                         item.version)


def add_measure(page, *, area, title, description, responsible=None):
    page.get_by_role("link", name="Nytt tiltak").click()
    assert_no_axe_violations(page)
    page.get_by_label("Område").select_option(label=area)
    page.get_by_label("Tiltak", exact=True).fill(title)
    page.get_by_label("Beskrivelse").fill(description)
    if responsible:
        page.get_by_label(responsible, exact=True).check()
    page.get_by_label("Nytt").check()
    page.get_by_role("button", name="Legg til tiltak").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    assert_no_axe_violations(page)


def test_secretariat_runs_a_plan_through_the_year(page, live_server, users, body, year_setup):
    page.on("dialog", lambda dialog: dialog.accept())
    login_secretariat(page, live_server, users["secretariat"])

    # Create the plan.
    visit(page, "/handlingsplan/")
    page.get_by_role("link", name="Ny handlingsplan").click()
    assert_no_axe_violations(page)
    page.get_by_label("År").fill("2026")
    page.get_by_label("Strategi").select_option(label="Normens strategi 2026–2028")
    page.get_by_role("button", name="Opprett handlingsplan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan 2026")
    expect(page.get_by_text("Handlingsplan 2026 er opprettet som utkast.")).to_be_visible()
    assert_no_axe_violations(page)

    # Add measures.
    add_measure(page, area="2 Veiledning", title="Oppdatering av gamle faktaark",
                description="Oppdatere gamle faktaark og kartlegge ny struktur.",
                responsible="KS")
    page.get_by_role("link", name="Handlingsplan 2026").first.click()
    add_measure(page, area="3 Arena", title="KI-dag i styringsgruppa",
                description="En dag om kunstig intelligens.")
    page.get_by_role("link", name="Handlingsplan 2026").first.click()
    table = page.get_by_role("table", name=re.compile("Tiltak i Handlingsplan 2026"))
    expect(table.get_by_role("rowheader", name="Oppdatering av gamle faktaark")).to_be_visible()
    expect(table.get_by_role("cell", name="2.1", exact=True)).to_be_visible()
    assert_no_axe_violations(page)

    # Discuss it in a meeting case.
    page.get_by_role("link", name="Behandle i et møte").click()
    assert_no_axe_violations(page)
    page.get_by_label("Sak", exact=True).select_option(
        label="(nummer ved innkalling) Handlingsplan 2026 – møte 13.01.2026")
    page.get_by_label("Drøfting").check()
    page.get_by_role("button", name="Koble til saken").click()
    expect(page.get_by_text("Drøfting:")).to_be_visible()
    record_decision(year_setup["discussion"], Outcome.NOTED, 3, users["secretariat"])
    page.reload()
    expect(page.locator(".actionplan-meta")).to_contain_text("Under drøfting")

    # Approve it in the next meeting.
    page.get_by_role("link", name="Behandle i et møte").click()
    page.get_by_label("Sak", exact=True).select_option(
        label="(nummer ved innkalling) Godkjenning av handlingsplan 2026 – møte 10.03.2026")
    page.get_by_label("Godkjenning").check()
    page.get_by_role("button", name="Koble til saken").click()
    record_decision(year_setup["approval"], Outcome.APPROVED, 14, users["secretariat"])
    page.reload()
    expect(page.locator(".actionplan-meta")).to_contain_text(
        "Godkjent 10.03.2026 – Vedtatt i sak 14/26")
    assert_no_axe_violations(page)

    # Report status: one done, one not done (which needs a reason).
    page.get_by_role("link", name="Oppdatering av gamle faktaark").click()
    page.get_by_role("link", name="Rapporter status").click()
    assert_no_axe_violations(page)
    page.get_by_label("Status", exact=True).select_option(label="Gjennomført")
    page.get_by_label("Status og merknad").fill("Fire faktaark er oppdatert.")
    page.get_by_role("button", name="Registrer status").click()
    expect(page.get_by_text("Fire faktaark er oppdatert.")).to_be_visible()
    page.get_by_role("link", name="Handlingsplan 2026").first.click()
    page.get_by_role("link", name="KI-dag i styringsgruppa").click()
    page.get_by_role("link", name="Rapporter status").click()
    page.get_by_label("Status", exact=True).select_option(label="Ikke gjennomført")
    page.get_by_role("button", name="Registrer status").click()
    message = page.get_by_label("Status og merknad")
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_text-feil")).to_contain_text("Skriv kort hvorfor")
    assert_no_axe_violations(page)
    message.fill("Utsatt på grunn av ressurssituasjonen i sekretariatet.")
    page.get_by_role("button", name="Registrer status").click()
    expect(page.locator(".actionplan-meta").first).to_contain_text("Ikke gjennomført")

    # The table shows the statuses in text, and the filter finds the red one.
    page.get_by_role("link", name="Handlingsplan 2026").first.click()
    filters = page.get_by_role("form", name="Filtrer tiltakene")
    filters.get_by_label("Status").select_option(label="Ikke gjennomført")
    filters.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_text("Viser 1 av 2 tiltak.")).to_be_visible()
    assert_no_axe_violations(page)

    # Export what is shown.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned som CSV").click()
    with open(download_info.value.path(), encoding="utf-8-sig") as downloaded:
        rows = list(csv.reader(io.StringIO(downloaded.read()), delimiter=";"))
    assert [r[2] for r in rows[1:]] == ["KI-dag i styringsgruppa"]
    page.get_by_role("link", name="Vis alle").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned som Excel (XLSX)").click()
    assert download_info.value.suggested_filename == "handlingsplan-2026-normen.xlsx"
    with open(download_info.value.path(), "rb") as downloaded:
        sheet = load_workbook(io.BytesIO(downloaded.read())).active
    assert [sheet.cell(row=r, column=8).value for r in (5, 6)] == [
        "Gjennomført", "Ikke gjennomført"]
    expect(page.get_by_text("Handlingsplan (PDF):")).to_be_visible()

    # Carry the unfinished measure over to 2027.
    page.get_by_role("button", name="Overfør uferdige tiltak til 2027").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Handlingsplan 2027")
    expect(page.get_by_text("1 uferdig tiltak er overført til Handlingsplan 2027.")).to_be_visible()
    expect(page.get_by_text("Videreført fra 2026")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="KI-dag i styringsgruppa").click()
    expect(page.get_by_text("Utsatt på grunn av ressurssituasjonen i sekretariatet.")
           ).to_be_visible()
    assert_no_axe_violations(page)
    assert ActionPlan.objects.get(body=body, year=2027).measures.count() == 1


def test_member_proposal_becomes_a_measure_and_the_public_reads_the_plan(
        page, browser, live_server, users, body, year_setup):
    from actionplan.services.plans import plan_create, plan_transition

    next_year = datetime.date.today().year + 1
    plan = plan_create(body=body, year=next_year, actor=None,
                       strategy=Strategy.objects.get(body=body))

    login(page, live_server, "medlem", PASSWORD)
    visit(page, plan.get_absolute_url())
    page.get_by_role("link", name=f"Gi innspill til handlingsplan {next_year}").click()
    assert_no_axe_violations(page)
    page.get_by_label("Forslag til tiltak").fill("Verktøy for etterlevelse")
    page.get_by_role("button", name="Send innspill").click()
    # The description is missing: the error is next to the field, the title is kept.
    expect(page.locator("#id_description-feil")).to_contain_text("Beskriv forslaget")
    expect(page.get_by_label("Forslag til tiltak")).to_have_value("Verktøy for etterlevelse")
    assert_no_axe_violations(page)
    page.get_by_label("Beskrivelse og begrunnelse").fill(
        "Se på mulighetene for et verktøy for å måle etterlevelse av Normen.")
    page.get_by_role("button", name="Send innspill").click()
    expect(page.get_by_text("Innspillet ditt er sendt til sekretariatet.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Logg ut").click()

    login_secretariat(page, live_server, users["secretariat"])
    visit(page, "/handlingsplan/innspill/")
    page.get_by_role("link", name="Verktøy for etterlevelse").click()
    page.get_by_label("Område i planen").select_option(label="1 Bransjenormen")
    page.get_by_role("button", name="Gjør om til tiltak").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verktøy for etterlevelse")
    expect(page.get_by_text("Tatt inn fra innspill fra Helse Nord RHF")).to_be_visible()
    assert_no_axe_violations(page)

    with transaction.atomic():  # a service's caller holds the transaction
        plan_transition(plan, "approved", reason="Vedtatt i sak 5/26",
                        approved_on=datetime.date.today())
    public = browser.new_context(locale="nb-NO", base_url=live_server.url).new_page()
    visit(public, plan.get_absolute_url())
    expect(public.get_by_role("cell", name="Planlagt")).to_be_visible()
    expect(public.get_by_text("For sekretariatet")).to_have_count(0)
    public.context.close()
