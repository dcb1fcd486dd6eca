"""A decision is the body's record: it can only be recorded once the meeting has begun (its
date and start time reached) and is marked in progress or held (issue 12). Before that the
editor says why, and what else was typed in the same save is kept. «Godkjenning av referat»
names the minutes it approves, and approving them is the side effect of that decision only."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind
from meetings.models import AgendaItem, Meeting, Outcome
from meetings.services import minutes as svc
from meetings.services.agenda import item_update
from meetings.services.meetings import meeting_create

from .conftest import make_meeting
from .test_minutes_views import case_data, save_url


@pytest.fixture
def future(body):
    """Only the notice is sent; the meeting is two months ahead."""
    return make_meeting(body, status=Meeting.Status.NOTICE_SENT,
                        date=timezone.localdate() + timedelta(days=60))


def first_case(meeting):
    return meeting.items.filter(kind="case").order_by("position").first()


def test_decision_in_a_meeting_ahead_is_refused_and_the_discussion_kept(client, users, future):
    case = first_case(future)
    client.force_login(users["secretariat"])
    response = client.post(save_url(case), case_data(
        case, action="decide", outcome=Outcome.NOTED,
        discussion="<p>Helse Vest ba om en gjennomgang før sommeren.</p>"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Vedtak kan først registreres når møtet har begynt" in html
    case.refresh_from_db()
    assert case.decided_at is None
    assert "Helse Vest ba om en gjennomgang" in case.discussion
    # After a reload the text is there, and no decision event was written.
    page = client.get(reverse("meetings:minutes", args=[future.pk])).content.decode()
    assert "Helse Vest ba om en gjennomgang" in page
    assert not Event.objects.filter(kind=EventKind.DECISION_RECORDED).exists()


def test_refused_decision_over_htmx_keeps_the_text_and_the_next_save_works(
        client, users, future):
    case = first_case(future)
    client.force_login(users["secretariat"])
    response = client.post(save_url(case), case_data(
        case, action="decide", outcome=Outcome.NOTED, discussion="<p>Første utkast.</p>"),
        headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Vedtak kan først registreres" in html
    assert "Første utkast." in html
    case.refresh_from_db()
    # The form carries the saved version: the next autosave is not taken for someone else's.
    assert f'value="{case.version}"' in html
    again = client.post(save_url(case), case_data(case, discussion="<p>Andre utkast.</p>"),
                        headers={"HX-Request": "true"})
    assert again.status_code == 200
    case.refresh_from_db()
    assert "Andre utkast." in case.discussion


def test_begun_meeting_needs_to_be_started_or_held(users, body):
    now = timezone.localtime()
    meeting = make_meeting(body, status=Meeting.Status.NOTICE_SENT, date=now.date(),
                           start_time=(now - timedelta(minutes=5)).time(), end_time=None)
    case = first_case(meeting)
    with pytest.raises(svc.DecisionRefused, match="Marker at møtet pågår"):
        svc.case_record_decision(case, users["secretariat"], Outcome.NOTED, "Tatt til "
                                 "orientering.", case.version)
    svc.meeting_start(meeting, users["secretariat"])
    case.refresh_from_db()
    svc.case_record_decision(case, users["secretariat"], Outcome.NOTED,
                             "Styringsgruppen tar orienteringen til etterretning.", case.version)
    case.refresh_from_db()
    assert case.decided_at is not None
    kinds = list(Event.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == [EventKind.MEETING_STARTED, EventKind.DECISION_RECORDED]


def test_a_meeting_cannot_be_started_before_it_begins(users, future):
    with pytest.raises(svc.ValidationError, match="før møtetidspunktet"):
        svc.meeting_start(future, users["secretariat"])
    future.refresh_from_db()
    assert future.status == Meeting.Status.NOTICE_SENT


def test_minutes_case_in_a_meeting_ahead_approves_nothing(users, body, future):
    previous = make_meeting(body, status=Meeting.Status.MINUTES_REVIEW,
                            date=datetime.date(2023, 9, 27), first_number=23)
    approve = first_case(future)
    approve.standard = AgendaItem.Standard.APPROVE_MINUTES
    approve.previous_meeting = previous
    approve.save()
    with pytest.raises(svc.DecisionRefused):
        svc.case_record_decision(approve, users["secretariat"], Outcome.APPROVED,
                                 "Styringsgruppen godkjenner referatet", approve.version)
    previous.refresh_from_db()
    assert previous.status == Meeting.Status.MINUTES_REVIEW


def test_approving_minutes_writes_the_event_naming_the_case(users, body):
    previous = make_meeting(body, status=Meeting.Status.MINUTES_REVIEW,
                            date=datetime.date(2023, 9, 27), first_number=23)
    meeting = make_meeting(body, status=Meeting.Status.IN_PROGRESS)
    approve = first_case(meeting)
    approve.standard = AgendaItem.Standard.APPROVE_MINUTES
    approve.previous_meeting = previous
    approve.save()
    svc.case_record_decision(approve, users["secretariat"], Outcome.APPROVED,
                             "Styringsgruppen godkjenner referatet", approve.version)
    event = Event.objects.about(previous).get(kind=EventKind.MINUTES_APPROVED)
    assert event.data["approved_in_case"] == approve.pk
    assert event.reason == "Godkjent i sak 11/24"
    assert event.actor == users["secretariat"]


def test_new_meeting_names_the_oldest_held_unapproved_minutes(users, body):
    oldest = make_meeting(body, status=Meeting.Status.HELD, date=datetime.date(2024, 2, 1),
                          cases=0)
    make_meeting(body, status=Meeting.Status.MINUTES_REVIEW, date=datetime.date(2024, 4, 1),
                 cases=0)
    make_meeting(body, status=Meeting.Status.MINUTES_APPROVED, date=datetime.date(2023, 11, 1),
                 cases=0)
    new = meeting_create(body=body, actor=users["secretariat"], date=datetime.date(2024, 9, 2),
                         start_time=datetime.time(10), end_time=datetime.time(14))
    approve = new.items.get(standard=AgendaItem.Standard.APPROVE_MINUTES)
    assert approve.previous_meeting == oldest
    assert approve.title == "Godkjenning av referat fra møte 01.02.2024"


def test_secretariat_changes_which_minutes_the_case_approves(client, users, body):
    first = make_meeting(body, status=Meeting.Status.HELD, date=datetime.date(2024, 2, 1),
                         cases=0)
    second = make_meeting(body, status=Meeting.Status.HELD, date=datetime.date(2024, 4, 1),
                          cases=0)
    new = meeting_create(body=body, actor=users["secretariat"], date=datetime.date(2024, 9, 2),
                         start_time=datetime.time(10), end_time=datetime.time(14))
    approve = new.items.get(standard=AgendaItem.Standard.APPROVE_MINUTES)
    assert approve.previous_meeting == first
    client.force_login(users["secretariat"])
    url = reverse("meetings:item_edit", args=[new.pk, approve.pk])
    form = client.get(url).content.decode()
    assert "Referat som godkjennes" in form
    response = client.post(url, {
        "title": approve.title, "case_type": approve.case_type,
        "proposed_decision": approve.proposed_decision, "previous_meeting": second.pk,
        "version": approve.version,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    approve.refresh_from_db()
    assert approve.previous_meeting == second
    assert approve.title == "Godkjenning av referat fra møte 01.04.2024"


def test_case_cannot_name_minutes_of_another_body_or_approved_ones(users, body, other_body):
    approved = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED,
                            date=datetime.date(2024, 2, 1), cases=0)
    elsewhere = make_meeting(other_body, status=Meeting.Status.HELD,
                             date=datetime.date(2024, 3, 1), cases=0)
    make_meeting(body, status=Meeting.Status.HELD, date=datetime.date(2024, 4, 1), cases=0)
    new = meeting_create(body=body, actor=users["secretariat"], date=datetime.date(2024, 9, 2),
                         start_time=datetime.time(10), end_time=datetime.time(14))
    approve = new.items.get(standard=AgendaItem.Standard.APPROVE_MINUTES)
    for wrong in (approved, elsewhere):
        with pytest.raises(svc.ValidationError, match="tidligere møte i samme"):
            item_update(approve, users["secretariat"], expected_version=approve.version,
                        previous_meeting=wrong)
