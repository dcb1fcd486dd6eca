"""Discussing and approving a plan in meeting cases: the case_decided signal moves it."""

import datetime

import pytest

from actionplan.models import ActionPlan, CaseLink
from actionplan.services import plans as services
from meetings.models import Meeting, Outcome
from tests.conftest import client_for
from tests.factories import AgendaItemFactory, MeetingFactory

from .conftest import decide

pytestmark = pytest.mark.django_db


def test_secretariat_links_plan_to_a_case_of_a_coming_meeting(client, users, plan, plan_case):
    client_for(client, users["secretariat"])
    form = client.get("/handlingsplan/normen/2027/saker/").content.decode()
    assert "Handlingsplan 2027 – møte 13.01.2027" in form
    response = client.post("/handlingsplan/normen/2027/saker/", {
        "item": plan_case.pk, "purpose": "discussion"})
    assert response.status_code == 302
    link = CaseLink.objects.get(plan=plan)
    assert (link.item, link.purpose, link.created_by) == (plan_case, "discussion",
                                                          users["secretariat"])
    page = client.get("/handlingsplan/normen/2027/").content.decode()
    assert "Drøfting:" in page and "møte 13.01.2027" in page


def test_cases_of_held_meetings_or_other_bodies_cannot_be_chosen(client, users, plan, body,
                                                                   other_body):
    held = AgendaItemFactory(meeting=MeetingFactory(body=body, status=Meeting.Status.HELD),
                             title="Gammel sak")
    foreign = AgendaItemFactory(meeting=MeetingFactory(body=other_body), title="Fremmed sak")
    client_for(client, users["secretariat"])
    form = client.get("/handlingsplan/normen/2027/saker/").content.decode()
    assert "Gammel sak" not in form and "Fremmed sak" not in form
    for item in (held, foreign):
        response = client.post("/handlingsplan/normen/2027/saker/", {
            "item": item.pk, "purpose": "approval"})
        assert "Velg et gyldig valg" in response.content.decode()
    assert not CaseLink.objects.exists()


def test_decided_discussion_case_puts_the_draft_under_discussion(users, plan, plan_case):
    services.plan_link_case(plan, plan_case, actor=users["secretariat"], purpose="discussion")
    decide(plan_case, Outcome.NOTED)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.UNDER_DISCUSSION
    assert plan.history.first().history_change_reason == "Drøftet i sak 19/27"


@pytest.mark.parametrize("outcome", [Outcome.WITHDRAWN, Outcome.POSTPONED])
def test_withdrawn_or_postponed_case_leaves_the_plan_alone(users, plan, plan_case, outcome):
    services.plan_link_case(plan, plan_case, actor=users["secretariat"], purpose="approval")
    decide(plan_case, outcome)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT


def test_discussed_in_one_meeting_approved_in_another(users, plan, plan_case, body):
    services.plan_link_case(plan, plan_case, actor=users["secretariat"], purpose="discussion")
    decide(plan_case, Outcome.NOTED, number=19)
    later = AgendaItemFactory(
        meeting=MeetingFactory(body=body, date=datetime.date(2027, 3, 10)),
        title="Godkjenning av handlingsplan 2027")
    services.plan_link_case(plan, later, actor=users["secretariat"], purpose="approval")
    decide(later, Outcome.APPROVED_WITH_CHANGES, number=4)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.APPROVED
    assert plan.approved_on == datetime.date(2027, 3, 10)
    assert plan.approval_note == "Vedtatt med endringer i sak 4/27"


def test_approval_case_noted_only_puts_it_under_discussion(users, plan, plan_case):
    services.plan_link_case(plan, plan_case, actor=users["secretariat"], purpose="approval")
    decide(plan_case, Outcome.NOTED)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.UNDER_DISCUSSION


def test_unrelated_decision_changes_no_plan(plan, plan_case):
    decide(plan_case, Outcome.APPROVED)
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT


def test_link_can_be_removed_until_the_case_is_decided(client, users, plan, plan_case):
    link = services.plan_link_case(plan, plan_case, actor=users["secretariat"],
                                   purpose="discussion")
    client_for(client, users["member"])
    assert client.post(f"/handlingsplan/saker/{link.pk}/fjern/").status_code == 403
    decide(plan_case)
    client_for(client, users["secretariat"])
    client.post(f"/handlingsplan/saker/{link.pk}/fjern/")
    assert CaseLink.objects.filter(pk=link.pk).exists()
    other = services.plan_link_case(
        plan, AgendaItemFactory(meeting=plan_case.meeting, title="Annen sak"),
        actor=users["secretariat"], purpose="status")
    client.post(f"/handlingsplan/saker/{other.pk}/fjern/")
    assert not CaseLink.objects.filter(pk=other.pk).exists()


def test_case_linked_twice_is_refused(users, plan, plan_case):
    services.plan_link_case(plan, plan_case, actor=users["secretariat"], purpose="discussion")
    with pytest.raises(Exception, match="allerede koblet"):
        services.plan_link_case(plan, plan_case, actor=users["secretariat"],
                                purpose="approval")
