"""The body's page for its secretariat (issue 13): the settings (names, address, whether its
minutes and decisions are public, where this year's case numbering starts, meeting numbers),
who among the seated people has no e-mail address and so gets no notice, and the latest
changes. Through HTTP."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind
from governance.models import Body, Membership, Representation
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentationFactory,
)

from .conftest import add_organisations

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
YY = f"{YEAR % 100:02d}"


def url(body):
    return reverse("governance:body_settings", args=[body.slug])


def form_data(body, **changes):
    data = {"name": body.name, "short_name": body.short_name, "slug": body.slug,
            "minutes_public": "1" if body.minutes_public else "0",
            "numbers_meetings": "1" if body.numbers_meetings else "0",
            "case_numbering_first": ""}
    data.update(changes)
    return data


def test_the_secretariat_saves_the_settings(sec_client, body):
    response = sec_client.post(url(body), form_data(
        body, name="Styringsgruppen for Normen (ny)", short_name="Gruppen", slug="normen-ny",
        minutes_public="0", numbers_meetings="1", case_numbering_first="15"))

    assert response.status_code == 302
    body.refresh_from_db()
    assert response["Location"] == reverse("governance:body_settings", args=["normen-ny"])
    assert (body.name, body.short_name, body.slug) == (
        "Styringsgruppen for Normen (ny)", "Gruppen", "normen-ny")
    assert body.minutes_public is False and body.numbers_meetings is True
    assert (body.case_numbering_year, body.case_numbering_first) == (YEAR, 15)
    assert body.first_case_number(YEAR) == 15
    event = Event.objects.get(kind=EventKind.BODY_CHANGED)
    assert event.body == body and "nettadresse" in event.summary
    assert event.data["changed"]["minutes_public"] == [True, False]
    assert body.history.first().history_change_reason.startswith("Endret:")
    page = sec_client.get(response["Location"]).content.decode()
    assert "Innstillingene er lagret." in page
    assert 'value="15"' in page
    assert "Innstillinger for styringsgruppen endret" in page  # the timeline


def test_saving_nothing_new_changes_nothing(sec_client, body):
    response = sec_client.post(url(body), form_data(body), follow=True)
    assert "Ingen endringer å lagre." in response.content.decode()
    assert not Event.objects.exists()
    assert body.history.count() == 1


def test_errors_stand_next_to_the_fields_and_nothing_typed_is_lost(sec_client, body,
                                                                   other_body):
    response = sec_client.post(url(body), form_data(
        body, name="Nasjonalt e-helsestyre", short_name="Gruppa", slug="Ikke gyldig!",
        case_numbering_first="femten"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bruk bare bokstavene a–z, tall og bindestrek." in page
    assert "Skriv et helt tall, f.eks. 15." in page
    assert 'value="Gruppa"' in page and 'value="Ikke gyldig!"' in page
    assert 'value="femten"' in page
    assert 'aria-invalid="true"' in page

    # The form is valid, the service refuses: the message still sits next to its field.
    response = sec_client.post(url(body), form_data(body, name="nasjonalt E-HELSESTYRE",
                                                    short_name="Gruppa"))
    page = response.content.decode()
    assert "En annen styringsgruppe heter «nasjonalt E-HELSESTYRE»." in page
    assert 'id="id_name-feil"' in page
    assert 'value="Gruppa"' in page
    body.refresh_from_db()
    assert body.short_name == "Styringsgruppen"


def test_empty_fields_get_norwegian_messages(sec_client, body):
    response = sec_client.post(url(body), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv navnet på styringsgruppen." in page
    assert "Velg ett av svarene." in page


def test_a_start_below_the_numbers_used_is_refused(sec_client, body):
    meeting = MeetingFactory(body=body, date=datetime.date(YEAR, 1, 15))
    AgendaItemFactory(meeting=meeting, number=20, year=YEAR)
    response = sec_client.post(url(body), form_data(body, case_numbering_first="15"))
    page = response.content.decode()
    assert (f"Styringsgruppen har allerede brukt saksnummer til og med 20/{YY}. Neste sak får "
            f"21/{YY}") in page
    body.refresh_from_db()
    assert body.case_numbering_first is None
    # Above them it is taken.
    sec_client.post(url(body), form_data(body, case_numbering_first="30"))
    body.refresh_from_db()
    assert body.first_case_number(YEAR) == 30


def test_the_address_stays_once_the_body_has_case_numbers(sec_client, body):
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 6, 10))
    AgendaItemFactory(meeting=meeting, number=15, year=2024)
    page = sec_client.get(url(body)).content.decode()
    assert 'name="slug"' in page and "disabled" in page
    # A posted address is ignored: the field is disabled and keeps the saved value.
    response = sec_client.post(url(body), form_data(body, slug="noe-annet", short_name="Ny"))
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.slug == "normen" and body.short_name == "Ny"


def test_a_start_set_for_another_year_is_kept(sec_client, body):
    Body.objects.filter(pk=body.pk).update(case_numbering_year=YEAR - 1, case_numbering_first=7)
    page = sec_client.get(url(body)).content.decode()
    assert f"Første saksnummer i portalen i {YEAR}" in page
    sec_client.post(url(body), form_data(body, short_name="Ny"))
    body.refresh_from_db()
    assert (body.case_numbering_year, body.case_numbering_first) == (YEAR - 1, 7)


def test_people_without_email_are_listed_by_the_notice_rule(sec_client, body, users):
    helse_vest = OrganisationFactory(name="Helse Vest RHF")
    Membership.objects.create(body=body, organisation=helse_vest)
    silent = RepresentationFactory(person=PersonFactory(name="Uten Adresse", email=""),
                                   body=body, organisation=helse_vest).person
    RepresentationFactory(person=PersonFactory(name="Med Adresse"), body=body,
                          organisation=helse_vest)
    # Not seated today: an ended representation, an organisation that has left.
    RepresentationFactory(person=PersonFactory(name="Sluttet Tidligere", email=""), body=body,
                          organisation=helse_vest, end_date=datetime.date(2020, 1, 1))
    gone = OrganisationFactory(name="Nedlagt HF")
    Membership.objects.create(body=body, organisation=gone, end_date=datetime.date(2021, 1, 1))
    RepresentationFactory(person=PersonFactory(name="Gammel Virksomhet", email=""), body=body,
                          organisation=gone)
    # The secretariat gets no notice anyway (the notice's rule), e-mail or not.
    RepresentationFactory(person=PersonFactory(name="Sekretær Utenepost", email=""),
                          body=body, organisation=None, role=Representation.Role.SECRETARIAT)

    page = sec_client.get(url(body)).content.decode()
    section = page.split('id="uten-epost"')[1].split("</section>")[0]
    assert "Uten Adresse" in section
    assert reverse("governance:person_edit", args=[body.slug, silent.pk]) in section
    for name in ("Med Adresse", "Sluttet Tidligere", "Gammel Virksomhet",
                 "Sekretær Utenepost", "Martin Medlem"):
        assert name not in section
    assert "1 person med sete i gruppen i dag har ingen e-postadresse" in section


def test_the_page_is_the_bodys_own_secretariats(client, body, other_body, users,
                                                other_secretariat):
    assert client.get(url(body)).status_code == 302  # to the login
    for key in ("member", "observer", "no_seat"):
        client.force_login(users[key])
        assert client.get(url(body)).status_code == 403
        assert client.post(url(body), form_data(body, short_name="Kapret")).status_code == 403
    client.force_login(other_secretariat)
    assert client.get(url(body)).status_code == 403
    assert client.post(url(body), form_data(body, short_name="Kapret")).status_code == 403
    assert client.get(url(other_body)).status_code == 200
    assert client.get(reverse("governance:body_settings", args=["finnes-ikke"])).status_code \
        == 404
    body.refresh_from_db()
    assert body.short_name == "Styringsgruppen"


def test_the_page_costs_the_same_with_5_and_30_organisations(sec_client, body,
                                                             django_assert_max_num_queries):
    add_organisations(body, 5)
    with CaptureQueriesContext(connection) as five:
        assert sec_client.get(url(body)).status_code == 200
    add_organisations(body, 25, start=5)
    with django_assert_max_num_queries(len(five)):
        page = sec_client.get(url(body)).content.decode()
    assert page.count("Vara 2") == 10  # the e-mail-less deputies of 20..29
