"""Organisations in a body, by its secretariat (issue 13): the list, adding an organisation
(registered or new), changing kind, category, order and period, and ending a membership:
an end date, never a deleted row, and its people's representations end with it. Through
HTTP."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind
from governance.models import Membership, Organisation, Representation
from governance.permissions import Role, forget_roles, role_in
from tests.factories import OrganisationFactory, PersonFactory, RepresentationFactory

from .conftest import add_organisations

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def list_url(body):
    return reverse("governance:membership_list", args=[body.slug])


def add_url(body):
    return reverse("governance:membership_create", args=[body.slug])


def edit_url(membership):
    return reverse("governance:membership_edit", args=[membership.body.slug, membership.pk])


def end_url(membership):
    return reverse("governance:membership_end", args=[membership.body.slug, membership.pk])


def test_the_list_shows_current_and_ended_memberships(sec_client, body, users):
    gone = OrganisationFactory(name="Nedlagt HF")
    Membership.objects.create(body=body, organisation=gone, end_date=datetime.date(2021, 1, 1))
    page = sec_client.get(list_url(body)).content.decode()
    now = page.split('id="naa"')[1].split("</section>")[0]
    assert "Helse Nord RHF" in now and "IKT-Norge" in now
    assert "Martin Medlem" in now and "Vera Vara" in now  # who holds the seats today
    assert "Nedlagt HF" not in now
    assert "Nedlagt HF" in page.split('id="tidligere"')[1]


def test_adding_a_new_organisation(sec_client, body):
    response = sec_client.post(add_url(body), {
        "organisation": "", "new_name": "Norsk Helsenett SF", "new_short_name": "NHN",
        "kind": "observer", "represents": "", "sort_order": "", "start_date": "2026-01-01"})
    org = Organisation.objects.get(name="Norsk Helsenett SF")
    membership = Membership.objects.get(body=body, organisation=org)
    # On to adding its people, with the organisation chosen.
    assert response["Location"] == (reverse("governance:person_create", args=[body.slug])
                                    + f"?virksomhet={org.pk}")
    assert org.short_name == "NHN"
    assert membership.kind == "observer" and membership.start_date == datetime.date(2026, 1, 1)
    # Last among the observers.
    assert membership.sort_order == 1 + max(
        Membership.objects.filter(body=body, kind="observer").exclude(pk=membership.pk)
        .values_list("sort_order", flat=True))
    event = Event.objects.get(kind=EventKind.MEMBERSHIP_ADDED)
    assert event.summary == "Norsk Helsenett SF lagt til som observatør"
    page = sec_client.get(response["Location"]).content.decode()
    assert "Norsk Helsenett SF er lagt til som observatør." in page
    assert f'<option value="{org.pk}" selected>' in page


def test_adding_a_registered_organisation(sec_client, body, other_body):
    alta = Organisation.objects.get(name="Alta kommune")  # in the other body only
    page = sec_client.get(add_url(body)).content.decode()
    assert "Alta kommune" in page
    assert ">Helse Nord RHF<" not in page  # already in this body: not offered
    sec_client.post(add_url(body), {"organisation": alta.pk, "kind": "member",
                                    "represents": "Kommuner", "sort_order": "3"})
    membership = Membership.objects.get(body=body, organisation=alta)
    assert (membership.represents, membership.sort_order) == ("Kommuner", 3)
    assert membership.label == "Kommuner (representert ved Alta kommune)"


def test_adding_refuses_with_the_input_kept(sec_client, body):
    response = sec_client.post(add_url(body), {"kind": "member", "represents": "Pasienter"})
    page = response.content.decode()
    assert "Velg en registrert virksomhet, eller skriv navnet på en ny." in page
    assert 'value="Pasienter"' in page

    # A «new» organisation that is registered already: chosen from the list instead.
    response = sec_client.post(add_url(body), {"new_name": "ikt-norge", "kind": "member",
                                               "new_short_name": "IKT"})
    page = response.content.decode()
    assert "IKT-Norge er registrert fra før. Velg den i lista" in page
    assert 'value="ikt-norge"' in page and 'value="IKT"' in page

    # An organisation that had left: its old membership is reopened, not duplicated.
    gone = OrganisationFactory(name="Nedlagt HF")
    Membership.objects.create(body=body, organisation=gone, end_date=datetime.date(2021, 1, 1))
    response = sec_client.post(add_url(body), {"organisation": gone.pk, "kind": "member"})
    assert "Velg en virksomhet fra lista." in response.content.decode()

    alta = Organisation.objects.get(name="Alta kommune")
    both = sec_client.post(add_url(body), {"organisation": alta.pk, "new_name": "Noe nytt",
                                           "kind": "member"})
    assert "ikke begge" in both.content.decode()
    assert Membership.objects.filter(body=body).count() == 3  # the fixture's two and Nedlagt


def test_editing_kind_category_order_and_period(sec_client, body):
    membership = Membership.objects.get(body=body, organisation__name="Helse Nord RHF")
    page = sec_client.get(edit_url(membership)).content.decode()
    assert "Avslutt medlemskap" in page
    response = sec_client.post(edit_url(membership), {
        "kind": "observer", "represents": "Spesialisthelsetjenesten", "sort_order": "7",
        "start_date": "2020-01-01", "end_date": ""})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.kind, membership.represents, membership.sort_order) == (
        "observer", "Spesialisthelsetjenesten", 7)
    assert membership.start_date == datetime.date(2020, 1, 1)
    assert membership.history.first().history_change_reason == "Endret"


def test_editing_refuses_a_period_that_ends_before_it_starts(sec_client, body):
    membership = Membership.objects.get(body=body, organisation__name="Helse Nord RHF")
    response = sec_client.post(edit_url(membership), {
        "kind": "member", "represents": "Regionale helseforetak", "sort_order": "1",
        "start_date": "2024-05-01", "end_date": "2024-04-30"})
    page = response.content.decode()
    assert "Til-datoen kan ikke være før fra-datoen." in page
    assert 'id="id_end_date-feil"' in page
    assert 'value="Regionale helseforetak"' in page and 'value="2024-04-30"' in page
    response = sec_client.post(edit_url(membership), {
        "kind": "member", "sort_order": "x", "start_date": "31.02.2024"})
    page = response.content.decode()
    assert "Skriv et helt tall." in page and "Skriv datoen som dd.mm.åååå." in page
    membership.refresh_from_db()
    assert membership.start_date is None


def test_ending_a_membership_ends_its_seats_and_keeps_the_rows(sec_client, body, users):
    membership = Membership.objects.get(body=body, organisation__name="Helse Nord RHF")
    later = RepresentationFactory(person=PersonFactory(name="Senere Person"), body=body,
                                  organisation=membership.organisation,
                                  start_date=TODAY + datetime.timedelta(days=30))
    last_day = TODAY - datetime.timedelta(days=1)
    response = sec_client.post(end_url(membership), {"end_date": last_day.isoformat(),
                                                     "reason": "Meldt seg ut"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == last_day
    assert Membership.objects.filter(pk=membership.pk).exists()
    reps = Representation.objects.filter(body=body, organisation=membership.organisation)
    assert {r.person.name: r.end_date for r in reps} == {
        "Martin Medlem": last_day, "Vera Vara": last_day, "Senere Person": None}
    assert later.pk in reps.values_list("pk", flat=True)
    # Seated yesterday, not today.
    assert {r.person.name for r in Representation.objects.seated(last_day).filter(
        organisation=membership.organisation)} == {"Martin Medlem", "Vera Vara"}
    assert not Representation.objects.seated(TODAY).filter(
        organisation=membership.organisation).exists()
    forget_roles(users["member"])
    assert role_in(users["member"], body) == Role.PUBLIC
    event = Event.objects.get(kind=EventKind.MEMBERSHIP_ENDED)
    assert event.reason == "Meldt seg ut" and len(event.data["ended_representations"]) == 2
    assert "Helse Nord RHF gikk ut av styringsgruppen" in (
        Representation.history.filter(person__name="Martin Medlem").first()
        .history_change_reason)
    page = sec_client.get(list_url(body)).content.decode()
    assert "Helse Nord RHF" in page.split('id="tidligere"')[1]


def test_ending_refuses_twice_and_before_the_start(sec_client, body):
    membership = Membership.objects.get(body=body, organisation__name="Helse Nord RHF")
    Membership.objects.filter(pk=membership.pk).update(start_date=datetime.date(2022, 1, 1))
    response = sec_client.post(end_url(membership), {"end_date": "2021-12-31"})
    assert "Medlemskapet begynte 01.01.2022; det kan ikke avsluttes før det." in (
        response.content.decode())
    sec_client.post(end_url(membership), {"end_date": "2024-06-30"})
    response = sec_client.post(end_url(membership), {"end_date": "2024-12-31"})
    assert "Medlemskapet er allerede avsluttet 30.06.2024." in response.content.decode()
    response = sec_client.post(end_url(membership), {})
    assert "Skriv en dato." in response.content.decode()
    membership.refresh_from_db()
    assert membership.end_date == datetime.date(2024, 6, 30)


def test_the_other_bodys_secretariat_cannot_touch_the_memberships(client, body, users,
                                                                  other_secretariat):
    membership = Membership.objects.get(body=body, organisation__name="Helse Nord RHF")
    client.force_login(other_secretariat)
    for url in (list_url(body), add_url(body), edit_url(membership), end_url(membership)):
        assert client.get(url).status_code == 403
        assert client.post(url, {"end_date": "2024-01-01", "kind": "observer",
                                 "sort_order": "1", "new_name": "X"}).status_code == 403
    # Nor reach this body's membership through its own body's address.
    other = reverse("governance:membership_end", args=["e-helsestyre", membership.pk])
    assert client.post(other, {"end_date": "2024-01-01"}).status_code == 404
    membership.refresh_from_db()
    assert membership.end_date is None and membership.kind == "member"
    assert not Organisation.objects.filter(name="X").exists()


def test_the_list_costs_the_same_with_5_and_30_organisations(sec_client, body,
                                                             django_assert_max_num_queries):
    add_organisations(body, 5)
    with CaptureQueriesContext(connection) as five:
        assert sec_client.get(list_url(body)).status_code == 200
    add_organisations(body, 25, start=5)
    with django_assert_max_num_queries(len(five)):
        page = sec_client.get(list_url(body)).content.decode()
    assert "Testforetak 29 HF" in page and "Vara 29" in page
