"""People in a body and their roles, by its secretariat (issue 13): adding a person with their
role, changing their details and roles, and «Bytt representant fra dato» as one change: the
old representation ends the day before, the new one starts on the day, and the seat rule
gives the old person up to that day and the new one from it. Through HTTP."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind
from governance.models import Membership, Organisation, Person, Representation
from tests.factories import PersonFactory, RepresentationFactory

from .conftest import add_organisations

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
X = datetime.date(2026, 3, 1)


def list_url(body):
    return reverse("governance:person_list", args=[body.slug])


def add_url(body):
    return reverse("governance:person_create", args=[body.slug])


def person_url(body, person):
    return reverse("governance:person_edit", args=[body.slug, person.pk])


def rep_url(rep, name="governance:representation_edit"):
    return reverse(name, args=[rep.body.slug, rep.pk])


def replace_url(rep):
    return rep_url(rep, "governance:representation_replace")


@pytest.fixture
def helse_nord(body, users):
    return Organisation.objects.get(name="Helse Nord RHF")


@pytest.fixture
def martin(body, users):
    return Representation.objects.get(person__name="Martin Medlem", body=body)


def new_person(org, **extra):
    data = {"name": "Kari Nordmann", "email": "kari@helse-nord.no", "phone": "+47 900 00 000",
            "title": "Sikkerhetssjef", "organisation": org.pk if org else "", "role": "member",
            "start_date": "2026-01-01", "end_date": ""}
    data.update(extra)
    return data


def test_the_list_shows_roles_contacts_and_who_lacks_an_address(sec_client, body, users):
    RepresentationFactory(person=PersonFactory(name="Uten Epost", email="", phone="123"),
                          body=body, organisation=Organisation.objects.get(name="IKT-Norge"))
    page = sec_client.get(list_url(body)).content.decode()
    now = page.split('id="naa"')[1].split("</section>")[0]
    for text in ("Sara Sekretær", "Martin Medlem", "Vera Vara", "Olivia Observatør",
                 "medlem@example.no", "Uten Epost", "Mangler", "Bytt representant"):
        assert text in now


def test_adding_a_person_with_their_role(sec_client, body, helse_nord):
    response = sec_client.post(add_url(body), new_person(helse_nord))
    assert response.status_code == 302
    person = Person.objects.get(name="Kari Nordmann")
    assert (person.email, person.phone, person.title) == (
        "kari@helse-nord.no", "+47 900 00 000", "Sikkerhetssjef")
    rep = person.representations.get()
    assert (rep.body, rep.organisation, rep.role, rep.start_date) == (
        body, helse_nord, "member", datetime.date(2026, 1, 1))
    assert rep.holds_seat(TODAY)
    event = Event.objects.get(kind=EventKind.REPRESENTATION_ADDED)
    assert event.data["person_created"] is True
    assert "Kari Nordmann (representant, Helse Nord RHF)" in event.summary


def test_a_person_already_registered_by_address_is_reused(sec_client, body, other_body,
                                                          helse_nord):
    # Anne Annen sits in the other body; the same address and name is the same person.
    anne = Person.objects.get(name="Anne Annen")
    response = sec_client.post(add_url(body), new_person(
        helse_nord, name="anne annen", email=anne.email.upper(), role="deputy"), follow=True)
    assert "var registrert fra før med samme e-postadresse" in response.content.decode()
    assert Person.objects.filter(email__iexact=anne.email).count() == 1
    assert anne.representations.filter(body=body, role="deputy").exists()
    # Another name with that address is refused, next to the address, with what was typed.
    response = sec_client.post(add_url(body), new_person(helse_nord, name="Noen Andre",
                                                         email=anne.email))
    page = response.content.decode()
    assert "E-postadressen er registrert på Anne Annen." in page
    assert 'id="id_email-feil"' in page and 'value="Noen Andre"' in page
    assert not Person.objects.filter(name="Noen Andre").exists()


@pytest.mark.parametrize(("org", "role", "message"), [
    ("helse_nord", "secretariat", "Sekretariatet representerer ikke en virksomhet."),
    (None, "member", "Velg virksomheten personen representerer."),
])
def test_role_and_organisation_must_agree(sec_client, body, helse_nord, org, role, message):
    response = sec_client.post(add_url(body), new_person(helse_nord if org else None,
                                                         role=role))
    page = response.content.decode()
    assert message in page and 'id="id_organisation-feil"' in page
    assert 'value="Kari Nordmann"' in page and 'value="kari@helse-nord.no"' in page
    assert not Person.objects.filter(name="Kari Nordmann").exists()


def test_organisations_outside_the_body_are_not_offered(sec_client, body, other_body):
    alta = Organisation.objects.get(name="Alta kommune")
    page = sec_client.get(add_url(body)).content.decode()
    assert "Alta kommune" not in page
    response = sec_client.post(add_url(body), new_person(alta))
    assert "Velg en virksomhet som er med i gruppen." in response.content.decode()
    assert not Person.objects.filter(name="Kari Nordmann").exists()


def test_bad_input_is_answered_on_the_form(sec_client, body, helse_nord):
    response = sec_client.post(add_url(body), new_person(
        helse_nord, name="", email="ikke-en-adresse", start_date="2026-02-30",
        end_date="2025-01-01", role="konge"))
    page = response.content.decode()
    assert response.status_code == 200
    for message in ("Skriv navnet på personen.", "Skriv en gyldig e-postadresse",
                    "Skriv datoen som dd.mm.åååå."):
        assert message in page
    response = sec_client.post(add_url(body), new_person(
        helse_nord, start_date="2026-02-01", end_date="2026-01-01"))
    assert "Til-datoen kan ikke være før fra-datoen." in response.content.decode()
    assert sec_client.post(add_url(body), {}).status_code == 200


def test_the_same_role_twice_in_one_period_is_refused(sec_client, body, helse_nord, martin):
    person = martin.person
    response = sec_client.post(
        reverse("governance:representation_create", args=[body.slug, person.pk]),
        {"organisation": helse_nord.pk, "role": "member", "start_date": "2026-06-01"})
    assert "Martin Medlem er allerede registrert med denne rollen uten sluttdato." in (
        response.content.decode())
    # As chair alongside, it is taken.
    sec_client.post(reverse("governance:representation_create", args=[body.slug, person.pk]),
                    {"organisation": helse_nord.pk, "role": "chair"})
    assert person.representations.filter(role="chair").exists()


def test_editing_a_person_and_ending_a_role(sec_client, body, martin, users):
    person = martin.person
    response = sec_client.post(person_url(body, person), {
        "name": "Martin Medlem", "email": "martin@helse-nord.no", "phone": "22 00 00 00",
        "title": ""})
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.email, person.phone) == ("martin@helse-nord.no", "22 00 00 00")
    response = sec_client.post(person_url(body, person), {
        "name": "Martin Medlem", "email": users["observer"].email})
    assert "E-postadressen er registrert på Olivia Observatør." in response.content.decode()

    last_day = TODAY - datetime.timedelta(days=1)
    sec_client.post(rep_url(martin), {"organisation": martin.organisation_id, "role": "member",
                                      "start_date": "", "end_date": last_day.isoformat()})
    martin.refresh_from_db()
    assert martin.end_date == last_day and not martin.holds_seat(TODAY)
    page = sec_client.get(list_url(body)).content.decode()
    assert "Martin Medlem" in page.split('id="tidligere"')[1]


def test_replacing_a_representative_from_a_date(sec_client, body, martin, helse_nord):
    Representation.objects.filter(pk=martin.pk).update(start_date=datetime.date(2022, 1, 1))
    page = sec_client.get(replace_url(martin)).content.decode()
    assert "Martin Medlem står som representant til og med dagen før." in page

    response = sec_client.post(replace_url(martin), {
        "on": X.isoformat(), "person": "", "name": "Kari Nordmann",
        "email": "kari@helse-nord.no", "phone": "900", "reason": "Ny direktør"})
    assert response.status_code == 302
    martin.refresh_from_db()
    kari = Person.objects.get(name="Kari Nordmann")
    new = kari.representations.get()
    assert martin.end_date == X - datetime.timedelta(days=1)
    assert (new.start_date, new.end_date, new.role, new.organisation) == (
        X, None, "member", helse_nord)
    # The seat rule on each side of the date.
    before = Representation.objects.seated(X - datetime.timedelta(days=1)).filter(
        organisation=helse_nord, role="member")
    after = Representation.objects.seated(X).filter(organisation=helse_nord, role="member")
    assert [r.person.name for r in before] == ["Martin Medlem"]
    assert [r.person.name for r in after] == ["Kari Nordmann"]
    # History says why on both rows; one event records the change.
    assert martin.history.first().history_change_reason == (
        "Erstattet av Kari Nordmann fra 01.03.2026")
    assert new.history.first().history_change_reason == "Erstatter Martin Medlem fra 01.03.2026"
    event = Event.objects.get(kind=EventKind.REPRESENTATIVE_REPLACED)
    assert event.summary == ("Helse Nord RHF: Kari Nordmann erstatter Martin Medlem som "
                             "representant fra 01.03.2026")
    assert event.reason == "Ny direktør"
    assert (event.data["previous"], event.data["on"]) == (martin.pk, "2026-03-01")
    messages = sec_client.get(response["Location"]).content.decode()
    assert "Kari Nordmann er representant fra 01.03.2026. Martin Medlem står til og med " \
           "28.02.2026." in messages


def test_a_deputy_takes_over_the_seat(sec_client, body, martin):
    vera = Person.objects.get(name="Vera Vara")
    sec_client.post(replace_url(martin), {"on": X.isoformat(), "person": vera.pk})
    assert vera.representations.filter(role="member", start_date=X).exists()
    assert vera.representations.filter(role="deputy", end_date=None).exists()  # kept
    assert Representation.objects.seated(X).filter(
        person=vera, role="member").exists()


def test_replacing_refuses_what_cannot_be(sec_client, body, martin, helse_nord):
    Representation.objects.filter(pk=martin.pk).update(start_date=datetime.date(2026, 3, 1))
    cases = [
        ({"on": "2026-03-01", "name": "Ny Person"},
         "Martin Medlem begynte 01.03.2026. Velg en dato etter det."),
        ({"on": "2026-04-01"}, "Velg en registrert person, eller skriv navnet på en ny."),
        ({"on": "", "name": "Ny Person"}, "Skriv en dato."),
        ({"on": "2026-04-01", "name": "Ny Person",
          "person": Person.objects.get(name="Vera Vara").pk}, "ikke begge"),
        ({"on": "2026-04-01", "person": martin.person_id}, "Velg en person fra lista."),
    ]
    for data, message in cases:
        response = sec_client.post(replace_url(martin), data)
        page = response.content.decode()
        assert response.status_code == 200, data
        assert message in page, data
    Membership.objects.filter(body=body, organisation=helse_nord).update(
        end_date=datetime.date(2026, 6, 30))
    response = sec_client.post(replace_url(martin), {"on": "2026-07-01", "name": "Ny Person"})
    assert "Helse Nord RHF er ikke med i styringsgruppen 01.07.2026." in (
        response.content.decode())
    martin.refresh_from_db()
    assert martin.end_date is None
    assert not Person.objects.filter(name="Ny Person").exists()
    assert not Event.objects.filter(kind=EventKind.REPRESENTATIVE_REPLACED).exists()


def test_replacing_after_the_old_one_left_is_refused(sec_client, body, martin):
    Representation.objects.filter(pk=martin.pk).update(end_date=datetime.date(2025, 12, 31))
    response = sec_client.post(replace_url(martin), {"on": "2026-03-01", "name": "Ny Person"})
    assert "Martin Medlem sluttet 31.12.2025. Velg en dato senest 01.01.2026" in (
        response.content.decode())
    # The day after the last day is the natural one.
    sec_client.post(replace_url(martin), {"on": "2026-01-01", "name": "Ny Person"})
    assert Representation.objects.get(person__name="Ny Person").start_date == \
        datetime.date(2026, 1, 1)
    martin.refresh_from_db()
    assert martin.end_date == datetime.date(2025, 12, 31)


def test_the_other_bodys_secretariat_cannot_touch_the_people(client, body, martin,
                                                             other_secretariat):
    client.force_login(other_secretariat)
    person = martin.person
    for url in (list_url(body), add_url(body), person_url(body, person), rep_url(martin),
                replace_url(martin),
                reverse("governance:representation_create", args=[body.slug, person.pk])):
        assert client.get(url).status_code == 403
        assert client.post(url, {"on": "2026-03-01", "name": "Kapret",
                                 "email": "x@example.no"}).status_code == 403
    # Through their own body's address, this body's people do not exist.
    for url in (reverse("governance:person_edit", args=["e-helsestyre", person.pk]),
                reverse("governance:representation_replace",
                        args=["e-helsestyre", martin.pk])):
        assert client.post(url, {"on": "2026-03-01", "name": "Kapret"}).status_code == 404
    martin.refresh_from_db()
    assert martin.end_date is None
    assert not Person.objects.filter(name="Kapret").exists()


def test_the_list_costs_the_same_with_5_and_30_organisations(sec_client, body,
                                                             django_assert_max_num_queries):
    add_organisations(body, 5)
    with CaptureQueriesContext(connection) as five:
        assert sec_client.get(list_url(body)).status_code == 200
    add_organisations(body, 25, start=5)
    with django_assert_max_num_queries(len(five)):
        page = sec_client.get(list_url(body)).content.decode()
    assert "Representant 29" in page and "Vara 29" in page
