"""The seat rule (issue 11, finding 1): a person holds a seat only while their representation
**and** their organisation's membership of the body are both current on the day in question —
today for access, the meeting date for attendance and the notice, the answering day for
circulations and consultations. An outside test found an organisation that had left the body
in 2023 whose representative still read drafts, answered circulations and got the notice."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from governance import permissions
from governance.models import Membership, Representation
from governance.permissions import Role
from governance.permissions.reviews import answerable_organisations
from meetings.services.attendance import attendance_prefill
from meetings.services.notice import notice_recipients
from meetings.tasks.minutes import minutes_reviewers
from reviews.services import circulation as circulation_services
from reviews.services.notifications import seat_holders

from ..factories import MeetingFactory

LEFT = datetime.date(2023, 1, 1)


@pytest.fixture
def lapsed(users, body):
    """Helse Nord RHF left the body on 01.01.2023; its member's own representation runs on."""
    Membership.objects.filter(body=body, organisation__name="Helse Nord RHF").update(
        start_date=datetime.date(2015, 1, 1), end_date=LEFT)
    for key in ("member", "deputy"):
        permissions.forget_roles(users[key])
    return users["member"]


def test_a_seat_needs_both_periods_current(users, body, lapsed):
    rep = Representation.objects.get(person__user=lapsed)
    assert rep.holds_seat(LEFT)
    assert not rep.holds_seat(LEFT + timedelta(days=1))
    assert not rep.holds_seat()
    assert rep not in Representation.objects.seated()
    assert rep in Representation.objects.seated(datetime.date(2022, 6, 1))


def test_organisation_that_left_gives_no_access(users, body, lapsed):
    assert permissions.role_in(lapsed, body) == Role.PUBLIC
    assert permissions.role_in(users["deputy"], body) == Role.PUBLIC
    assert not permissions.can_read_papers(lapsed, body)
    assert not permissions.can_comment(lapsed, body)
    # The other organisations' people keep theirs.
    assert permissions.role_in(users["observer"], body) == Role.OBSERVER


def test_organisation_not_yet_joined_gives_no_access(users, body):
    Membership.objects.filter(body=body, organisation__name="IKT-Norge").update(
        start_date=timezone.localdate() + timedelta(days=10))
    assert permissions.role_in(users["observer"], body) == Role.PUBLIC


def test_secretariat_needs_no_membership(users, body, lapsed):
    assert permissions.role_in(users["secretariat"], body) == Role.SECRETARIAT


def test_lapsed_member_cannot_open_the_papers(client, users, body, lapsed):
    meeting = MeetingFactory(body=body, date=timezone.localdate() + timedelta(days=20))
    client.force_login(lapsed)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code in (403, 404)


def test_notice_goes_to_the_seats_on_the_meeting_date(users, body, lapsed):
    upcoming = MeetingFactory(body=body, date=timezone.localdate() + timedelta(days=20))
    names = {r.name for r in notice_recipients(upcoming)[0] + notice_recipients(upcoming)[1]}
    assert "Martin Medlem" not in names and "Vera Vara" not in names
    assert "Olivia Observatør" in names
    # A meeting in 2022, while Helse Nord was still a member, had them on the list.
    old = MeetingFactory(body=body, date=datetime.date(2022, 11, 3))
    old_names = {r.name for r in notice_recipients(old)[0] + notice_recipients(old)[1]}
    assert "Martin Medlem" in old_names


def test_attendance_lists_the_organisations_in_the_body_that_day(users, body, lapsed):
    upcoming = MeetingFactory(body=body, date=timezone.localdate() + timedelta(days=20))
    rows = attendance_prefill(upcoming)
    assert "Helse Nord RHF" not in {r.organisation.name for r in rows if r.organisation_id}
    old = MeetingFactory(body=body, date=datetime.date(2022, 11, 3))
    rows = attendance_prefill(old)
    assert "Martin Medlem" in {r.person.name for r in rows if r.person_id}


def test_lapsed_member_cannot_answer_a_circulation(users, body, lapsed):
    circulation = circulation_services.circulation_create(
        actor=users["secretariat"], body=body, title="Godkjenning av Faktaark 59",
        proposed_decision="Styringsgruppen godkjenner Faktaark 59.",
        deadline=timezone.now() + timedelta(days=7))
    assert answerable_organisations(lapsed, circulation) == []
    tally = circulation_services.circulation_tally(circulation)
    assert "Helse Nord RHF" not in {o.name for o in tally.eligible}


def test_lapsed_member_gets_no_mail_and_no_review(users, body, lapsed):
    assert "Martin Medlem" not in {p.name for p in seat_holders(body.pk)}
    meeting = MeetingFactory(body=body, date=timezone.localdate() - timedelta(days=2))
    assert "Martin Medlem" not in {p.name for p in minutes_reviewers(meeting)}
    assert "Olivia Observatør" in {p.name for p in minutes_reviewers(meeting)}
