"""Proposals (innspill) from members, turned into measures by the secretariat."""

import pytest
from django.utils import timezone

from actionplan.models import Proposal
from actionplan.selectors import proposals_for_user
from actionplan.services import proposals as services
from governance.models import Organisation
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

NEXT_YEAR = timezone.localdate().year + 1


@pytest.fixture
def next_plan(body):
    from actionplan.services.plans import plan_create

    return plan_create(body=body, year=NEXT_YEAR, actor=None)


@pytest.mark.parametrize("who", ["member", "deputy", "observer"])
def test_members_and_observers_send_proposals(client, users, body, who):
    client_for(client, users[who])
    form = client.get("/handlingsplan/innspill/nytt/").content.decode()
    assert "Gi innspill til handlingsplanen" in form
    response = client.post("/handlingsplan/innspill/nytt/", {
        "body": body.pk, "year": NEXT_YEAR, "organisation": "",
        "title": "KI-dag i styringsgruppa",
        "description": "Styringsgruppen bør sette av en dag til kunstig intelligens."})
    proposal = Proposal.objects.get()
    assert response["Location"] == f"/handlingsplan/innspill/{proposal.pk}/"
    # The seat's organisation is filled in from the representation, never from the form.
    expected = "IKT-Norge" if who == "observer" else "Helse Nord RHF"
    assert proposal.organisation.name == expected
    assert proposal.author == users[who]
    assert list(proposals_for_user(users[who])) == [proposal]


def test_without_a_seat_there_is_no_proposal_form(client, users, body):
    client_for(client, users["no_seat"])
    response = client.post("/handlingsplan/innspill/nytt/", {
        "body": body.pk, "year": NEXT_YEAR, "title": "Forslag", "description": "Tekst"})
    assert response.status_code == 403
    assert not Proposal.objects.exists()


def test_a_member_of_another_body_cannot_pick_this_one(client, users, body):
    client_for(client, users["other_body_member"])
    response = client.post("/handlingsplan/innspill/nytt/", {
        "body": body.pk, "year": NEXT_YEAR, "title": "Forslag", "description": "Tekst"})
    assert "Velg et gyldig valg" in response.content.decode()
    assert not Proposal.objects.exists()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/handlingsplan/innspill/nytt/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_organisation_one_does_not_sit_for_is_refused(users, body):
    with pytest.raises(Exception, match="Du representerer ikke denne virksomheten"):
        services.proposal_create(body=body, year=NEXT_YEAR, actor=users["member"],
                                 title="Forslag", description="Tekst",
                                 organisation=Organisation.objects.get(name="IKT-Norge"))


def test_missing_text_keeps_what_was_typed(client, users, body):
    client_for(client, users["member"])
    response = client.post("/handlingsplan/innspill/nytt/", {
        "body": body.pk, "year": NEXT_YEAR, "title": "Mitt forslag", "description": ""})
    page = response.content.decode()
    assert "Beskriv forslaget og hvorfor det bør med." in page
    assert 'value="Mitt forslag"' in page
    assert page.startswith("<!DOCTYPE html>") and "<title>Feil:" in page


def test_secretariat_turns_a_proposal_into_a_measure_in_one_action(client, users, body,
                                                                    next_plan):
    proposal = services.proposal_create(
        body=body, year=NEXT_YEAR, actor=users["member"], title="Verktøy for etterlevelse",
        description="Se på mulighetene for et verktøy for etterlevelse.")
    client_for(client, users["secretariat"])
    page = client.get(f"/handlingsplan/innspill/{proposal.pk}/").content.decode()
    assert "Gjør om til tiltak" in page and "Helse Nord RHF (Martin Medlem)" in page
    response = client.post(f"/handlingsplan/innspill/{proposal.pk}/ta-inn/", {"ta-inn-area": ""})
    proposal.refresh_from_db()
    measure = proposal.measure
    assert response["Location"] == measure.get_absolute_url()
    assert proposal.status == Proposal.Status.ACCEPTED
    assert (measure.plan, measure.title, measure.code) == (
        next_plan, "Verktøy for etterlevelse", "1")
    detail = client.get(measure.get_absolute_url()).content.decode()
    assert "Fra innspill" in detail and "Tatt inn fra innspill fra Helse Nord RHF" in detail
    # Once decided, it cannot be taken in twice.
    client.post(f"/handlingsplan/innspill/{proposal.pk}/ta-inn/", {"ta-inn-area": ""})
    assert next_plan.measures.count() == 1
    # The member sees what became of it.
    client_for(client, users["member"])
    mine = client.get("/handlingsplan/innspill/").content.decode()
    assert "Tatt inn i planen" in mine and f">{measure.code}</a>" in mine


def test_without_a_plan_for_the_year_the_secretariat_is_told_to_start_it(client, users, body):
    proposal = services.proposal_create(body=body, year=NEXT_YEAR, actor=users["member"],
                                        title="Forslag", description="Tekst")
    client_for(client, users["secretariat"])
    page = client.get(f"/handlingsplan/innspill/{proposal.pk}/").content.decode()
    assert f"Handlingsplan {NEXT_YEAR} er ikke startet ennå." in page


def test_decline_needs_an_answer(client, users, body, next_plan):
    proposal = services.proposal_create(body=body, year=NEXT_YEAR, actor=users["member"],
                                        title="Forslag", description="Tekst")
    client_for(client, users["secretariat"])
    page = client.post(f"/handlingsplan/innspill/{proposal.pk}/svar/",
                       {"svar-response": ""}).content.decode()
    assert "Skriv et kort svar til den som sendte innspillet." in page
    client.post(f"/handlingsplan/innspill/{proposal.pk}/svar/",
                {"svar-response": "Dekkes av tiltak 2.1."})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.DECLINED
    assert proposal.response == "Dekkes av tiltak 2.1."


def test_members_cannot_decide_and_strangers_cannot_read(client, users, body, next_plan):
    proposal = services.proposal_create(body=body, year=NEXT_YEAR, actor=users["member"],
                                        title="Forslag", description="Tekst")
    client_for(client, users["deputy"])
    assert client.get(f"/handlingsplan/innspill/{proposal.pk}/").status_code == 200
    assert client.post(f"/handlingsplan/innspill/{proposal.pk}/ta-inn/").status_code == 403
    client_for(client, users["other_body_member"])
    assert client.get(f"/handlingsplan/innspill/{proposal.pk}/").status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED


def test_someone_with_two_seats_says_which_organisation_it_is_from(client, users, body):
    from governance.models import Membership, Person
    from tests.factories import OrganisationFactory, RepresentationFactory

    ks = OrganisationFactory(name="KS")
    Membership.objects.create(body=body, organisation=ks)
    RepresentationFactory(person=Person.objects.get(user=users["member"]), body=body,
                          organisation=ks)
    client_for(client, users["member"])
    response = client.post("/handlingsplan/innspill/nytt/", {
        "body": body.pk, "year": NEXT_YEAR, "organisation": "", "title": "Forslag",
        "description": "Tekst"})
    assert "Velg hvilken virksomhet innspillet kommer fra." in response.content.decode()
    client.post("/handlingsplan/innspill/nytt/", {
        "body": body.pk, "year": NEXT_YEAR, "organisation": ks.pk, "title": "Forslag",
        "description": "Tekst"})
    assert Proposal.objects.get().organisation == ks
