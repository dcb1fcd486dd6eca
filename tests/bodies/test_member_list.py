"""The public member list of a body (issue 13): its member and observer organisations in list
order, the category each represents, its representatives and deputies and the chair, as the
seed papers print «Medlemmer» and «Observatører»; seated today by the seat rule; no e-mail
addresses or phone numbers. And the links that lead to it and to the secretariat's pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from governance.models import Membership, Organisation, Person, Representation
from tests.factories import OrganisationFactory, PersonFactory, RepresentationFactory

from .conftest import add_organisations

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def url(body):
    return reverse("governance:member_list", args=[body.slug])


def section(page, heading_id):
    return page.split(f'id="{heading_id}"')[1].split("</section>")[0]


def test_anyone_reads_who_sits_in_the_body(client, body, users):
    Membership.objects.filter(body=body).update(sort_order=5)
    ks = OrganisationFactory(name="KS")
    Membership.objects.create(body=body, organisation=ks, sort_order=1)
    RepresentationFactory(person=PersonFactory(name="Arne Ingebrigtsen", phone="99"),
                          body=body, organisation=ks, role=Representation.Role.CHAIR)
    ffo = OrganisationFactory(name="FFO – funksjonshemmedes fellesorganisasjon")
    Membership.objects.create(body=body, organisation=ffo, kind=Membership.Kind.OBSERVER,
                              represents="Pasientorganisasjoner")
    RepresentationFactory(person=PersonFactory(name="Arnfinn Aarnes"), body=body,
                          organisation=ffo)
    # Not seated today: an ended representation, one that starts later, an organisation
    # that has left.
    helse_nord = Organisation.objects.get(name="Helse Nord RHF")
    RepresentationFactory(person=PersonFactory(name="Sluttet Før"), body=body,
                          organisation=helse_nord, end_date=TODAY - datetime.timedelta(days=1))
    RepresentationFactory(person=PersonFactory(name="Begynner Senere"), body=body,
                          organisation=helse_nord, start_date=TODAY + datetime.timedelta(days=1))
    gone = OrganisationFactory(name="Nedlagt HF")
    Membership.objects.create(body=body, organisation=gone, end_date=datetime.date(2021, 1, 1))
    RepresentationFactory(person=PersonFactory(name="Gammel Virksomhet"), body=body,
                          organisation=gone)

    response = client.get(url(body))
    page = response.content.decode()
    assert response.status_code == 200
    members, observers = section(page, "medlemmer"), section(page, "observatorer")
    assert members.index("KS") < members.index("Helse Nord RHF")  # list order
    assert "Arne Ingebrigtsen (leder)" in members
    assert "Martin Medlem" in members and "Vera Vara" in members
    helse_nord_row = members.split("Helse Nord RHF")[1].split("</tr>")[0]
    representative, deputy = helse_nord_row.split("<td>")[2:4]
    assert "Martin Medlem" in representative and "Vera Vara" in deputy
    assert "Pasientorganisasjoner" in observers and "Arnfinn Aarnes" in observers
    assert "Olivia Observatør" in observers
    assert "Leder:" in page and "Arne Ingebrigtsen (KS)" in page
    for absent in ("Sluttet Før", "Begynner Senere", "Gammel Virksomhet", "Nedlagt HF",
                   "Sara Sekretær"):
        assert absent not in page
    # No contact details.
    for person in Person.objects.all():
        if person.email:
            assert person.email not in page
    assert "@" not in page.split('id="hovedinnhold"')[1].split("</main>")[0]
    assert ">99<" not in page


def test_an_unknown_body_is_404(client, body):
    assert client.get(reverse("governance:member_list", args=["finnes-ikke"])).status_code \
        == 404


def test_the_list_costs_the_same_with_5_and_30_organisations(client, body,
                                                             django_assert_max_num_queries):
    add_organisations(body, 5)
    with CaptureQueriesContext(connection) as five:
        assert client.get(url(body)).status_code == 200
    add_organisations(body, 25, start=5, kind=Membership.Kind.OBSERVER)
    with django_assert_max_num_queries(len(five)):
        page = client.get(url(body)).content.decode()
    assert "Testforetak 29 HF" in section(page, "observatorer")
