"""Meetings with numbered cases, in the state the minutes work starts from."""

import datetime

import pytest

from meetings.models import AgendaItem, CaseType, Meeting

from ...factories import AgendaItemFactory, MeetingFactory


def make_meeting(body, *, status=Meeting.Status.HELD, date=datetime.date(2024, 6, 10),
                 cases=3, first_number=11, **fields):
    """A meeting whose notice has numbered its cases 11/24, 12/24, … and a break after the
    first case, as the seed agenda of 10.06.2024 has."""
    meeting = MeetingFactory(body=body, date=date, status=status,
                             notice_sent_at=datetime.datetime(2024, 5, 27, 12, 0,
                                                              tzinfo=datetime.UTC),
                             **fields)
    position = 10
    for index in range(cases):
        AgendaItemFactory(meeting=meeting, position=position, number=first_number + index,
                          year=date.year, case_type=CaseType.ORIENTATION,
                          title=f"Sekretariatet orienterer {index + 1}",
                          proposed_decision="Styringsgruppen tar orienteringen til etterretning.",
                          start_time=datetime.time(10 + (15 + index) // 60,
                                                   (15 + index) % 60))
        position += 10
        if index == 0:
            AgendaItemFactory(meeting=meeting, position=position, kind=AgendaItem.Kind.BREAK,
                              title="Pause", case_type="", proposed_decision="",
                              start_time=datetime.time(11, 30))
            position += 10
    return meeting


@pytest.fixture
def meeting(body):
    return make_meeting(body)


@pytest.fixture
def case(meeting):
    return meeting.items.filter(kind="case").order_by("position").first()
