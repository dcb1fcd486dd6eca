"""The meeting's life cycle as far as the agenda goes: planned → notice sent, and what the
agenda allows in each state. Illegal moves are clear Norwegian errors, never silent."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from meetings.models import InvalidTransition, Meeting
from meetings.services import agenda as agenda_services
from meetings.services.agenda import AgendaLocked
from meetings.services.meetings import meeting_transition
from meetings.services.notice import agenda_send_changes, meeting_send_notice

from .conftest import add_case, notice_mails

pytestmark = pytest.mark.django_db


def test_sending_the_notice_moves_the_meeting_to_notice_sent(meeting, secretariat):
    assert meeting.status == Meeting.Status.PLANNED

    meeting_send_notice(meeting, secretariat)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOTICE_SENT
    assert meeting.notice_sent_at is not None
    assert meeting.history.first().history_change_reason == "Innkalling sendt"


def test_sending_the_notice_twice_is_an_error_that_changes_nothing(meeting, secretariat,
                                                                   mailoutbox, committed):
    with committed():
        meeting_send_notice(meeting, secretariat)
    sent = len(notice_mails(mailoutbox))
    assert sent == 3
    numbers = list(meeting.items.values_list("number", flat=True))

    with committed(), pytest.raises(InvalidTransition) as err:
        meeting_send_notice(meeting, secretariat)

    assert str(err.value) == (
        "Et møte med status «Innkalling sendt» kan ikke få status «Innkalling sendt»."
    )
    assert len(notice_mails(mailoutbox)) == sent
    assert list(meeting.items.values_list("number", flat=True)) == numbers


@pytest.mark.parametrize("status", ["held", "minutes_review", "minutes_approved"])
def test_no_notice_for_a_meeting_that_is_already_held(meeting, secretariat, status):
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()

    with pytest.raises(InvalidTransition, match="kan ikke få status «Innkalling sendt»"):
        meeting_send_notice(meeting, secretariat)
    assert not meeting.items.exclude(number=None).exists()


def test_illegal_transitions_raise_with_a_norwegian_message(meeting):
    with pytest.raises(InvalidTransition) as err:
        meeting_transition(meeting, Meeting.Status.MINUTES_APPROVED)
    assert str(err.value) == (
        "Et møte med status «Planlagt» kan ikke få status «Referat godkjent»."
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


@pytest.mark.parametrize("status", ["held", "minutes_review", "minutes_approved"])
def test_the_agenda_is_locked_once_the_meeting_is_held(meeting, secretariat, status):
    item = meeting.items.get(title="Sekretariatet orienterer")
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()

    with pytest.raises(AgendaLocked, match="Dagsordenen kan ikke endres"):
        add_case(meeting, secretariat, "For sent")
    with pytest.raises(AgendaLocked):
        agenda_services.item_update(item, secretariat, expected_version=item.version,
                                    title="Nytt navn")
    with pytest.raises(AgendaLocked):
        agenda_services.item_move(item, secretariat, direction="up")
    with pytest.raises(AgendaLocked):
        agenda_services.item_remove(item, secretariat)
    with pytest.raises(AgendaLocked):
        agenda_services.meeting_update(meeting, secretariat, expected_version=meeting.version,
                                       place="Oslo")
    item.refresh_from_db()
    assert item.title == "Sekretariatet orienterer"


def test_changes_cannot_be_sent_before_the_notice(meeting, secretariat):
    with pytest.raises(ValidationError, match="når innkallingen er sendt"):
        agenda_send_changes(meeting, secretariat)


def test_changes_cannot_be_sent_when_there_are_none(meeting, secretariat):
    meeting_send_notice(meeting, secretariat)
    with pytest.raises(ValidationError, match="ingen nye endringer"):
        agenda_send_changes(meeting, secretariat)


def test_a_meeting_cannot_move_to_another_year_once_its_cases_are_numbered(meeting,
                                                                          secretariat):
    meeting_send_notice(meeting, secretariat)
    meeting.refresh_from_db()

    with pytest.raises(ValidationError) as err:
        agenda_services.meeting_update(meeting, secretariat, expected_version=meeting.version,
                                       date=datetime.date(2025, 1, 8))
    assert "saksnummer for 2024" in err.value.message_dict["date"][0]

    agenda_services.meeting_update(meeting, secretariat, expected_version=meeting.version,
                                   date=datetime.date(2024, 6, 12))
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2024, 6, 12)
