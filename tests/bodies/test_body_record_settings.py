"""A body's own record settings (issue 13): where its case numbering starts in a year it
brought into the portal mid-year, its meeting numbers («Møte 3/2021»), and whether its
minutes and decisions are public at all."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from meetings.models import AgendaItem, Meeting
from meetings.services.meetings import meeting_create
from meetings.services.notice import meeting_send_notice
from tests.conftest import client_for
from tests.factories import AgendaItemFactory, MeetingFactory, set_status

pytestmark = pytest.mark.django_db


def create(body, secretariat, date, **extra):
    return meeting_create(body=body, actor=secretariat, date=date,
                          start_time=datetime.time(10, 0), end_time=datetime.time(13, 0),
                          place="Videomøte", form="digital", **extra)


def refs(meeting):
    return list(meeting.items.filter(kind=AgendaItem.Kind.CASE).exclude(number=None)
                .order_by("position").values_list("number", "year"))


def test_numbering_continues_where_the_paper_record_ended(body, other_body, users):
    """Nasjonalt e-helsestyre kept 1/21–14/21 outside the portal: its first case is 15/21,
    the next year starts at 1 again, and Normen's numbering is untouched."""
    other_body.case_numbering_year, other_body.case_numbering_first = 2021, 15
    other_body.save()
    from tests.factories import person_with_user
    secretariat = person_with_user("ehelse-sek", body=other_body, role="secretariat",
                                   name="Siv Sekretær")
    june = create(other_body, secretariat, datetime.date(2021, 6, 10))
    normen = create(body, users["secretariat"], datetime.date(2021, 6, 14))

    meeting_send_notice(june, secretariat)
    meeting_send_notice(normen, users["secretariat"])

    assert [n for n, _y in refs(june)] == list(range(15, 15 + len(refs(june))))
    assert refs(june)[0] == (15, 2021)
    assert refs(normen)[0] == (1, 2021)
    next_year = create(other_body, secretariat, datetime.date(2022, 2, 3))
    meeting_send_notice(next_year, secretariat)
    assert refs(next_year)[0] == (1, 2022)


def test_a_start_below_numbers_already_used_never_reuses_one(body, users):
    earlier = MeetingFactory(body=body, date=datetime.date(2021, 3, 1))
    AgendaItemFactory(meeting=earlier, number=20, year=2021)
    body.case_numbering_year, body.case_numbering_first = 2021, 15
    body.save()
    june = create(body, users["secretariat"], datetime.date(2021, 6, 10))
    meeting_send_notice(june, users["secretariat"])
    assert refs(june)[0] == (21, 2021)


def test_a_start_needs_both_year_and_number(body):
    body.case_numbering_year, body.case_numbering_first = 2021, None
    with pytest.raises(IntegrityError), transaction.atomic():
        body.save()


def test_bodies_that_number_their_meetings_get_the_next_number_of_the_year(other_body, body,
                                                                           users):
    other_body.numbers_meetings = True
    other_body.save()
    from tests.factories import person_with_user
    secretariat = person_with_user("ehelse-sek", body=other_body, role="secretariat",
                                   name="Siv Sekretær")
    first = create(other_body, secretariat, datetime.date(2021, 3, 4))
    second = create(other_body, secretariat, datetime.date(2021, 5, 6))
    third = create(other_body, secretariat, datetime.date(2021, 6, 10))
    january = create(other_body, secretariat, datetime.date(2022, 1, 20))
    normen = create(body, users["secretariat"], datetime.date(2021, 6, 14))

    assert [m.number for m in (first, second, third, january)] == [1, 2, 3, 1]
    assert third.title == "Møte 3/2021 i Nasjonalt e-helsestyre"
    assert normen.number is None
    assert normen.title == "Møte i styringsgruppen 14.06.2021"
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=second.pk).update(number=3)


def test_a_body_that_does_not_publish_keeps_its_approved_minutes_to_itself(client, body,
                                                                           users):
    meeting = MeetingFactory(body=body, date=datetime.date(2024, 6, 10))
    case = AgendaItemFactory(meeting=meeting, number=15, year=2024, outcome="approved",
                             decision_text="Styringsgruppen godkjenner Faktaark 59.",
                             decided_at=datetime.datetime(2024, 6, 10, 11, tzinfo=datetime.UTC))
    set_status(meeting, Meeting.Status.MINUTES_APPROVED)
    decision = reverse("meetings:decision_detail", args=[body.slug, 2024, 15])
    public_page = reverse("meetings:public_meeting", args=[2024, meeting.pk])

    assert client.get(decision).status_code == 200
    body.minutes_public = False
    body.save()

    assert client.get(decision).status_code == 404
    assert client.get(public_page).status_code == 404
    archive = client.get(reverse("meetings:archive_year", args=[2024])).content.decode()
    assert "10.06.2024" not in archive
    register = client.get(reverse("meetings:decisions")).content.decode()
    assert "Faktaark 59" not in register
    client_for(client, users["member"])
    assert client.get(decision).status_code == 200
    assert "Styringsgruppen godkjenner Faktaark 59." in client.get(decision).content.decode()
    assert case.get_decision_url() == decision
