"""Measures: adding, editing with optimistic locking, reporting status, the measure page."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from actionplan.models import Measure, MeasureStatus, ProgressNote
from actionplan.services import measures as services
from actionplan.services import plans as plan_services
from governance.models import Membership
from normen_portal.concurrency import EditConflict
from tests.conftest import client_for
from tests.factories import AgendaItemFactory, MeetingFactory, OrganisationFactory

from .conftest import add_measure

pytestmark = pytest.mark.django_db


def test_secretariat_adds_a_measure_with_the_next_id_in_its_area(client, users, plan, body):
    org = OrganisationFactory(name="Helse Vest RHF")
    Membership.objects.create(body=body, organisation=org)
    add_measure(plan, "Normkonferansen 2027", area_number=3)
    client_for(client, users["secretariat"])
    form = client.get("/handlingsplan/normen/2027/tiltak/nytt/").content.decode()
    assert "Helse Vest RHF" in form and "<legend" in form
    response = client.post("/handlingsplan/normen/2027/tiltak/nytt/", {
        "area": plan.areas.get(number=3).pk, "code": "", "title": "KI-dag i styringsgruppa",
        "description": "En dag om kunstig intelligens.", "responsible": [org.pk],
        "responsible_text": "", "relevant_for": "Styringsgruppen", "kind": "new",
    })
    measure = Measure.objects.get(title="KI-dag i styringsgruppa")
    assert response["Location"] == f"/handlingsplan/tiltak/{measure.pk}/"
    assert measure.code == "3.2"
    assert list(measure.responsible.all()) == [org]
    page = client.get(response["Location"]).content.decode()
    assert "Tiltak 3.2:" in page and "Helse Vest RHF" in page and "Planlagt" in page


def test_duplicate_id_is_refused_next_to_the_field(client, users, plan):
    add_measure(plan, "Første", area_number=1, code="1.1")
    client_for(client, users["secretariat"])
    response = client.post("/handlingsplan/normen/2027/tiltak/nytt/", {
        "area": "", "code": "1.1", "title": "Mitt tiltak", "kind": "new"})
    page = response.content.decode()
    assert "Planen har allerede et tiltak med ID 1.1." in page
    assert 'id="id_code-feil"' in page and 'value="Mitt tiltak"' in page


def test_bad_id_gets_a_norwegian_error(client, users, plan):
    client_for(client, users["secretariat"])
    response = client.post("/handlingsplan/normen/2027/tiltak/nytt/", {
        "code": "1/2", "title": "Tiltak", "kind": "new"})
    assert "Bruk tall og bokstaver skilt med punktum" in response.content.decode()
    assert not Measure.objects.exists()


def test_member_cannot_add_or_edit_measures(client, users, plan):
    measure = add_measure(plan, "Tiltak")
    client_for(client, users["member"])
    assert client.get("/handlingsplan/normen/2027/tiltak/nytt/").status_code == 403
    assert client.post(f"/handlingsplan/tiltak/{measure.pk}/rediger/", {
        "code": "9", "title": "Hacket", "kind": "new", "version": 1}).status_code == 403
    assert client.post(f"/handlingsplan/tiltak/{measure.pk}/status/", {
        "status": "done", "date": "2026-11-01"}).status_code == 403
    measure.refresh_from_db()
    assert (measure.title, measure.status) == ("Tiltak", "planned")
    # But they read it.
    assert client.get(f"/handlingsplan/tiltak/{measure.pk}/").status_code == 200


def test_concurrent_edit_gets_a_conflict_and_keeps_the_text(client, users, plan):
    measure = add_measure(plan, "Oppdatere faktaark", area_number=2)
    stale = measure.version
    services.measure_update(measure, actor=users["secretariat"], version=stale,
                            title="Oppdatere gamle faktaark")
    client_for(client, users["secretariat"])
    response = client.post(f"/handlingsplan/tiltak/{measure.pk}/rediger/", {
        "area": measure.area_id, "code": measure.code, "title": "Min tittel",
        "description": "Min lange beskrivelse", "kind": "new", "version": stale})
    page = response.content.decode()
    assert str(EditConflict.default_message) in page
    assert "Min lange beskrivelse" in page and "Oppdatere gamle faktaark" in page
    measure.refresh_from_db()
    assert measure.title == "Oppdatere gamle faktaark"


def test_status_report_writes_a_dated_note_and_changes_status(client, users, plan):
    measure = add_measure(plan, "Faktaark Integritet", area_number=2)
    client_for(client, users["secretariat"])
    response = client.post(f"/handlingsplan/tiltak/{measure.pk}/status/", {
        "status": "ongoing", "date": "2026-11-02", "text": "Arbeidsgruppen er i gang."})
    assert response.status_code == 302
    measure.refresh_from_db()
    note = measure.notes.get()
    assert measure.status == MeasureStatus.ONGOING
    assert (note.date, note.previous_status, note.status, note.author) == (
        datetime.date(2026, 11, 2), "planned", "ongoing", users["secretariat"])
    assert note.author_name == "Sara Sekretær"
    page = client.get(f"/handlingsplan/tiltak/{measure.pk}/").content.decode()
    assert "02.11.2026" in page and "Arbeidsgruppen er i gang." in page
    assert "Planlagt →" in page


@pytest.mark.parametrize("status", ["not_done", "postponed"])
def test_not_done_or_postponed_needs_an_explanation(users, plan, status):
    measure = add_measure(plan, "Tiltak")
    with pytest.raises(ValidationError) as exc:
        services.measure_report_status(measure, actor=users["secretariat"], status=status)
    assert "Skriv kort hvorfor tiltaket får status" in str(exc.value)
    measure.refresh_from_db()
    assert measure.status == "planned" and not ProgressNote.objects.exists()


def test_future_date_and_empty_report_are_refused(users, plan):
    measure = add_measure(plan, "Tiltak")
    with pytest.raises(ValidationError) as exc:
        services.measure_report_status(measure, actor=users["secretariat"], status="planned",
                                       date=datetime.date(2099, 1, 1))
    assert set(exc.value.message_dict) == {"date", "text"}


def test_measure_page_shows_cases_and_history(client, users, plan, body):
    measure = add_measure(plan, "Faktaark Integritet", area_number=2)
    case = AgendaItemFactory(meeting=MeetingFactory(body=body, date=datetime.date(2026, 9, 16)),
                             title="Godkjenning av faktaark 59")
    services.measure_link_case(measure, case, actor=users["secretariat"])
    services.measure_update(measure, actor=users["secretariat"], version=measure.version,
                            title="Faktaark 59: Integritet")
    client_for(client, users["member"])
    page = client.get(f"/handlingsplan/tiltak/{measure.pk}/").content.decode()
    assert "Godkjenning av faktaark 59" in page and "møte 16.09.2026" in page
    assert "Endringslogg" in page
    assert "«Faktaark Integritet» → «Faktaark 59: Integritet»" in page
    # The public sees the approved plan's measures, but not who edited what.
    plan_services.plan_transition(plan, "approved", reason="Vedtatt i sak 1/27",
                                  approved_on=datetime.date(2026, 11, 1))
    client.logout()
    page = client.get(f"/handlingsplan/tiltak/{measure.pk}/").content.decode()
    assert "Faktaark 59: Integritet" in page and "Endringslogg" not in page
