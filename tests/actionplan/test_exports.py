"""CSV and XLSX exports of a plan: the same rows as the page, safe for spreadsheets."""

import csv
import io

import pytest
from openpyxl import load_workbook

from actionplan.services import measures as measure_services
from tests.conftest import client_for
from tests.factories import OrganisationFactory

from .conftest import add_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled_plan(plan, users):
    hod = OrganisationFactory(name="Helse- og omsorgsdepartementet")
    nhn = OrganisationFactory(name="Norsk Helsenett")
    add_measure(plan, "Stille krav til etterlevelse av Normen", area_number=1, code="1.2",
                responsible=[hod], relevant_for="Alle etater og virksomheter underlagt HOD",
                description="Dette gjøres gjennom tildelingsbrev.\n\nOg foretaksprotokoller.")
    done = add_measure(plan, "Årlig rapportering om trusselbildet", area_number=1, code="1.14",
                       responsible=[nhn], responsible_text="Norsk Helsenett SF ved HelseCERT",
                       kind="existing")
    measure_services.measure_report_status(done, actor=users["secretariat"], status="done",
                                           text="Rapporten er publisert.")
    add_measure(plan, "=HYPERLINK(\"http://example.com\")", code="9")
    return plan


def test_csv_has_the_seed_columns_in_plan_order(client, users, filled_plan):
    client_for(client, users["member"])
    response = client.get("/handlingsplan/normen/2027/handlingsplan.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="handlingsplan-2027-normen.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["ID", "Område", "Tiltak", "Ansvarlig", "Relevant for", "Beskrivelse",
                       "Type", "Status", "Videreført fra"]
    assert [r[0] for r in rows[1:]] == ["1.2", "1.14", "9"]  # 1.2 before 1.14
    assert rows[1][1:5] == ["1 Bransjenormen", "Stille krav til etterlevelse av Normen",
                            "Helse- og omsorgsdepartementet",
                            "Alle etater og virksomheter underlagt HOD"]
    assert rows[2][3] == "Norsk Helsenett SF ved HelseCERT"
    assert rows[2][6:8] == ["Eksisterende", "Gjennomført"]
    # A title that looks like a formula stays text.
    assert rows[3][2] == "'=HYPERLINK(\"http://example.com\")"
    assert rows[3][1] == "Uten område"


def test_csv_follows_the_page_filter(client, users, filled_plan):
    client_for(client, users["member"])
    text = client.get("/handlingsplan/normen/2027/handlingsplan.csv?status=done").content
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["1.14"]


def test_xlsx_opens_with_status_as_text(client, users, filled_plan):
    client_for(client, users["secretariat"])
    response = client.get("/handlingsplan/normen/2027/handlingsplan.xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Handlingsplan 2027"
    assert [c.value for c in sheet[4]][:3] == ["ID", "Område", "Tiltak"]
    assert [sheet.cell(row=r, column=1).value for r in (5, 6, 7)] == ["1.2", "1.14", "9"]
    assert sheet["H6"].value == "Gjennomført"
    assert sheet["H6"].fill.start_color.rgb.endswith("D9F2E1")
    assert sheet["C7"].data_type == "s"  # not a formula
    assert sheet["F5"].value == "Dette gjøres gjennom tildelingsbrev.\n\nOg foretaksprotokoller."


def test_exports_of_a_draft_are_not_public(client, filled_plan):
    assert client.get("/handlingsplan/normen/2027/handlingsplan.csv").status_code == 403
    assert client.get("/handlingsplan/normen/2027/handlingsplan.xlsx").status_code == 403
