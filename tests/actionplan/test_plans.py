"""Creating and editing plans, and their life cycle draft → under discussion → approved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from actionplan.models import ActionPlan, InvalidTransition
from actionplan.services import plans as services
from normen_portal.concurrency import EditConflict
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_secretariat_creates_plan_with_the_strategys_focus_areas(client, users, body, strategy):
    client_for(client, users["secretariat"])
    response = client.post("/handlingsplan/ny/", {
        "body": body.pk, "year": 2027, "strategy": strategy.pk, "title": "",
        "introduction": "Siste plan i perioden.",
    })
    plan = ActionPlan.objects.get(body=body, year=2027)
    assert response.status_code == 302
    assert response["Location"] == "/handlingsplan/normen/2027/"
    assert plan.title == "Handlingsplan 2027"
    assert plan.status == ActionPlan.Status.DRAFT
    assert [(a.number, a.title) for a in plan.areas.all()] == [
        (1, "Bransjenormen"), (2, "Veiledning"), (3, "Arena")]
    page = client.get("/handlingsplan/normen/2027/").content.decode()
    assert "Handlingsplan 2027" in page and "Utkast" in page
    assert "Følger opp" in page and "Normens strategi 2026–2028" in page


def test_second_plan_for_the_same_year_is_refused_next_to_the_year(client, users, plan, body):
    client_for(client, users["secretariat"])
    response = client.post("/handlingsplan/ny/", {
        "body": body.pk, "year": 2027, "title": "Ny tittel", "introduction": "Min tekst",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert "Styringsgruppen har allerede en handlingsplan for 2027." in page
    assert 'id="id_year-feil"' in page and 'aria-describedby="id_year-feil' in page
    # Nothing the user typed is lost.
    assert "Min tekst" in page and 'value="Ny tittel"' in page
    assert ActionPlan.objects.filter(body=body).count() == 1


@pytest.mark.parametrize("who", ["member", "observer", "deputy", "other_body_member", "no_seat"])
def test_only_the_secretariat_creates_plans(client, users, body, who):
    client_for(client, users[who])
    assert client.get("/handlingsplan/ny/").status_code == 403
    response = client.post("/handlingsplan/ny/", {"body": body.pk, "year": 2027})
    assert response.status_code == 403
    assert not ActionPlan.objects.exists()


def test_edit_conflict_keeps_the_users_text_and_shows_the_saved_version(client, users, plan):
    client_for(client, users["secretariat"])
    stale = plan.version
    services.plan_update(plan, actor=users["secretariat"], version=stale,
                         title="Handlingsplan 2027 (revidert)", strategy=plan.strategy,
                         introduction="Lagret av en annen.")
    response = client.post("/handlingsplan/normen/2027/rediger/", {
        "title": "Min tittel", "strategy": "", "introduction": "Min innledning",
        "version": stale,
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert str(EditConflict.default_message) in page
    assert "Min innledning" in page and 'value="Min tittel"' in page
    assert "Lagret av en annen." in page  # the saved version, shown beside the form
    plan.refresh_from_db()
    assert plan.title == "Handlingsplan 2027 (revidert)"
    # Having seen the other version, a second save goes through on purpose.
    version = plan.version
    client.post("/handlingsplan/normen/2027/rediger/", {
        "title": "Min tittel", "strategy": "", "introduction": "Min innledning",
        "version": version,
    })
    plan.refresh_from_db()
    assert plan.title == "Min tittel"
    assert plan.history.count() == 3


def test_manual_approval_needs_a_reason_and_keeps_it(client, users, plan):
    client_for(client, users["secretariat"])
    response = client.post("/handlingsplan/normen/2027/status/", {
        "to_status": "approved", "approved_on": "", "reason": ""})
    assert "Skriv hvorfor statusen endres" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT

    client.post("/handlingsplan/normen/2027/status/", {
        "to_status": "approved", "approved_on": "",
        "reason": "Endelig handlingsplan besluttet på styringsgruppemøtet i november 2026"})
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.APPROVED
    assert plan.approved_on is None
    page = client.get("/handlingsplan/normen/2027/").content.decode()
    assert "Endelig handlingsplan besluttet på styringsgruppemøtet i november 2026" in page


def test_approved_plan_cannot_move_again(plan):
    services.plan_transition(plan, ActionPlan.Status.APPROVED, reason="Vedtatt i sak 3/27",
                             approved_on=datetime.date(2027, 1, 13))
    with pytest.raises(InvalidTransition, match="«Godkjent» kan ikke få status «Utkast»"):
        services.plan_transition(plan, ActionPlan.Status.DRAFT)


def test_status_change_by_a_member_is_denied(users, plan):
    with pytest.raises(PermissionDenied):
        services.plan_change_status(plan, "discussion", actor=users["member"], reason="Nei")


def test_approved_plan_and_its_status_are_public(client, plan):
    assert client.get("/handlingsplan/normen/2027/").status_code == 403
    assert "Handlingsplan 2027" not in client.get("/handlingsplan/").content.decode()
    services.plan_transition(plan, ActionPlan.Status.APPROVED, reason="Vedtatt i sak 3/27",
                             approved_on=datetime.date(2027, 1, 13))
    page = client.get("/handlingsplan/normen/2027/").content.decode()
    assert "Godkjent 13.01.2027 – Vedtatt i sak 3/27" in page
    assert "Handlingsplan 2027" in client.get("/handlingsplan/").content.decode()
    assert "For sekretariatet" not in page


@pytest.mark.parametrize("who,status", [
    ("anonymous", 403), ("no_seat", 403), ("other_body_member", 403), ("observer", 200),
    ("member", 200), ("deputy", 200), ("secretariat", 200),
])
def test_draft_plan_is_for_the_body_only(client, users, plan, who, status):
    client_for(client, users[who])
    assert client.get("/handlingsplan/normen/2027/").status_code == status


def test_unknown_plan_is_404(client):
    assert client.get("/handlingsplan/normen/1999/").status_code == 404


def test_status_page_of_an_approved_plan_says_it_is_final(client, users, plan):
    services.plan_transition(plan, ActionPlan.Status.APPROVED, reason="Vedtatt i sak 3/27",
                             approved_on=datetime.date(2027, 1, 13))
    client_for(client, users["secretariat"])
    response = client.get("/handlingsplan/normen/2027/status/", follow=True)
    assert "Handlingsplan 2027 er godkjent; statusen kan ikke endres." in (
        response.content.decode())
