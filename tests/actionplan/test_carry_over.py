"""Starting next year's plan copies the unfinished measures, marked as carried over."""

import datetime

import pytest

from actionplan.models import ActionPlan, InvalidTransition, Measure
from actionplan.services import measures as measure_services
from actionplan.services import plans as services
from tests.conftest import client_for

from .conftest import add_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished_year(plan, users):
    """Plan 2027 at the end of the year: one measure of each status."""
    actor = users["secretariat"]
    rows = [("1.1", 1, "Ny lovgivning", "done"), ("1.2", 1, "Verktøy for etterlevelse",
                                                   "ongoing"),
            ("2.1", 2, "FA 20 a, b, c", "not_done"), ("2.2", 2, "Revisjon veileder MU",
                                                      "postponed"),
            ("3.1", 3, "KI-dag i styringsgruppa", "planned")]
    for code, area, title, status in rows:
        measure = add_measure(plan, title, area_number=area, code=code,
                              responsible_text="Sekretariatet")
        if status != "planned":
            measure_services.measure_report_status(measure, actor=actor, status=status,
                                                   text=f"Status {status}.",
                                                   date=datetime.date(2026, 11, 1))
    services.plan_transition(plan, "approved", reason="Vedtatt i sak 3/27",
                             approved_on=datetime.date(2026, 11, 1))
    return plan


def test_carry_over_copies_unfinished_measures_with_history_linked(client, users,
                                                                   finished_year):
    client_for(client, users["secretariat"])
    response = client.post("/handlingsplan/normen/2027/overfor/")
    assert response["Location"] == "/handlingsplan/normen/2028/"
    new_plan = ActionPlan.objects.get(body=finished_year.body, year=2028)
    assert new_plan.status == ActionPlan.Status.DRAFT
    # The strategy ends in 2028, so the next plan still follows it.
    assert new_plan.strategy == finished_year.strategy
    carried = {m.code: m for m in new_plan.measures.select_related("carried_from", "area")}
    assert set(carried) == {"1.2", "2.1", "2.2", "3.1"}
    assert carried["1.2"].status == "ongoing"
    assert carried["2.1"].status == "planned"
    assert carried["2.1"].carried_from.title == "FA 20 a, b, c"
    assert carried["2.1"].area.title == "Veiledning"
    assert carried["3.1"].responsible_text == "Sekretariatet"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "4 uferdige tiltak er overført til Handlingsplan 2028." in messages

    page = client.get("/handlingsplan/normen/2028/").content.decode()
    assert page.count("Videreført fra 2027") == 4
    # The carried measure's page shows the old plan's notes, linked to the old measure.
    old = Measure.objects.get(plan=finished_year, code="2.1")
    detail = client.get(carried["2.1"].get_absolute_url()).content.decode()
    assert f'href="/handlingsplan/tiltak/{old.pk}/"' in detail
    assert "Status not_done." in detail and "Handlingsplan 2027" in detail
    assert "Videreført fra Handlingsplan 2027, der status var «Ikke gjennomført»." in detail
    old_page = client.get(old.get_absolute_url()).content.decode()
    assert "Videreført til" in old_page


def test_running_it_again_copies_nothing_twice(users, finished_year):
    services.plan_carry_over(finished_year, actor=users["secretariat"])
    next_plan, carried = services.plan_carry_over(finished_year, actor=users["secretariat"])
    assert carried == 0
    assert next_plan.measures.count() == 4


def test_existing_draft_gets_the_measures_with_free_ids(users, finished_year, body):
    draft = services.plan_create(body=body, year=2028, actor=None)
    add_measure(draft, "Allerede her", code="1.2")
    _, carried = services.plan_carry_over(finished_year, actor=users["secretariat"])
    assert carried == 4
    moved = draft.measures.get(title="Verktøy for etterlevelse")
    assert moved.code == "1.3"  # 1.2 was taken
    assert moved.area.title == "Bransjenormen"


def test_approved_next_plan_is_not_touched(users, finished_year, body):
    approved = services.plan_create(body=body, year=2028, actor=None)
    services.plan_transition(approved, "approved", reason="Vedtatt",
                             approved_on=datetime.date(2026, 11, 2))
    with pytest.raises(InvalidTransition, match="allerede godkjent"):
        services.plan_carry_over(finished_year, actor=users["secretariat"])
    assert not approved.measures.exists()


def test_only_the_secretariat_carries_over(client, users, finished_year):
    client_for(client, users["member"])
    assert client.post("/handlingsplan/normen/2027/overfor/").status_code == 403
    assert client.get("/handlingsplan/normen/2027/overfor/").status_code == 405
    assert not ActionPlan.objects.filter(year=2028).exists()
