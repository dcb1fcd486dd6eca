"""Case numbers: per body and calendar year, continuing across meetings, drawn when the notice
is sent, never changed and never reused, and unique even when two notices go at once."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction

from meetings.models import AgendaItem, InvalidTransition, Meeting
from meetings.services import agenda as agenda_services
from meetings.services.notice import meeting_send_notice
from tests.factories import AgendaItemFactory, MeetingFactory

from .conftest import add_case, make_meeting, notice_mails


def refs(meeting):
    return [
        (i.title, i.reference)
        for i in meeting.items.order_by("position", "pk")
    ]


def numbered_refs(meeting):
    return [r for _t, r in refs(meeting) if r]


def earlier_2024_cases(body, up_to):
    """The body's cases 1/24 … up_to/24 from a meeting earlier in the year."""
    earlier = MeetingFactory(body=body, date=datetime.date(2024, 3, 4),
                             status=Meeting.Status.MINUTES_APPROVED)
    for n in range(1, up_to + 1):
        AgendaItemFactory(meeting=earlier, number=n, year=2024)
    return earlier


@pytest.mark.django_db
def test_cases_are_numbered_in_agenda_order_when_the_notice_is_sent(meeting, secretariat):
    assert numbered_refs(meeting) == []  # nothing before the notice

    meeting_send_notice(meeting, secretariat)

    assert refs(meeting) == [
        ("Godkjenning av innkalling og dagsorden", "1/24"),
        ("Sekretariatet orienterer", "2/24"),
        ("Pause", ""),  # a break is not a case and never gets a number
        ("Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder)", "3/24"),
        ("Eventuelt", "4/24"),
    ]


@pytest.mark.django_db
def test_numbers_continue_from_the_bodys_last_number_of_the_year(body, meeting, secretariat):
    earlier_2024_cases(body, 10)

    meeting_send_notice(meeting, secretariat)

    assert numbered_refs(meeting) == ["11/24", "12/24", "13/24", "14/24"]


@pytest.mark.django_db
def test_next_meeting_in_the_same_year_continues_and_a_new_year_restarts(body, meeting,
                                                                        secretariat):
    meeting_send_notice(meeting, secretariat)  # 1/24 … 4/24
    autumn = make_meeting(body, secretariat, date=datetime.date(2024, 9, 25))
    january = make_meeting(body, secretariat, date=datetime.date(2025, 1, 15))

    meeting_send_notice(january, secretariat)
    meeting_send_notice(autumn, secretariat)

    # autumn: approve notice, approve minutes of 10.06.2024, Eventuelt
    assert numbered_refs(autumn) == ["5/24", "6/24", "7/24"]
    # january: its previous meeting is autumn 2024, but the numbering is 2025's own
    assert numbered_refs(january) == ["1/25", "2/25", "3/25"]


@pytest.mark.django_db
def test_other_bodies_number_on_their_own(body, other_body, meeting, secretariat):
    earlier_2024_cases(other_body, 30)
    meeting_send_notice(meeting, secretariat)
    assert numbered_refs(meeting)[0] == "1/24"


@pytest.mark.django_db
def test_a_case_added_after_the_notice_is_numbered_at_once(body, meeting, secretariat):
    meeting_send_notice(meeting, secretariat)

    late = add_case(meeting, secretariat, "Orientering om sirkulasjonsvedtak")

    assert late.reference == "5/24"
    assert late.changed_after_notice


@pytest.mark.django_db
def test_a_withdrawn_case_keeps_its_number_and_the_number_is_never_reused(body, meeting,
                                                                          secretariat):
    meeting_send_notice(meeting, secretariat)
    case = meeting.items.get(title="Sekretariatet orienterer")

    withdrawn = agenda_services.item_remove(case, secretariat)

    assert withdrawn.reference == "2/24"
    assert withdrawn.outcome == "withdrawn"
    assert meeting.items.filter(pk=case.pk).exists()  # never deleted
    late = add_case(meeting, secretariat, "Ny sak")
    assert late.reference == "5/24"
    autumn = make_meeting(body, secretariat, date=datetime.date(2024, 9, 25))
    meeting_send_notice(autumn, secretariat)
    assert numbered_refs(autumn)[0] == "6/24"


@pytest.mark.django_db
def test_numbers_never_change_after_the_notice(meeting, secretariat):
    meeting_send_notice(meeting, secretariat)
    before = dict(meeting.items.values_list("pk", "number"))
    last = meeting.items.order_by("-position").first()

    agenda_services.item_move(last, secretariat, to_index=0)
    item = meeting.items.get(title="Sekretariatet orienterer")
    agenda_services.item_update(item, secretariat, expected_version=item.version,
                                title="Sekretariatet orienterer om status")

    assert dict(meeting.items.values_list("pk", "number")) == before


@pytest.mark.django_db
def test_a_number_once_used_is_not_given_out_even_if_its_case_is_deleted(body, secretariat):
    old = earlier_2024_cases(body, 7)
    old.items.filter(number=7).delete()  # gone from the table, still in the history

    assert agenda_services.next_case_number(body.pk, 2024) == 8


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_number(body, meeting):
    AgendaItemFactory(meeting=meeting, number=16, year=2024)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=meeting, number=16, year=2024)
    # …but the same number in another year or body is fine
    AgendaItemFactory(meeting=meeting, number=16, year=2025)


@pytest.mark.django_db
def test_a_break_cannot_carry_a_number(meeting):
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=meeting, kind=AgendaItem.Kind.BREAK, number=99, year=2024)


# -- concurrency: real threads, real PostgreSQL transactions -------------------------------------

def _in_threads(*calls):
    """Run the calls at the same moment in their own threads (each with its own database
    connection); return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - reported to the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_notices_for_two_meetings_produce_no_duplicate_numbers(body, users):
    secretariat = users["secretariat"]
    for round_ in range(3):
        year = 2030 + round_
        first = make_meeting(body, secretariat, date=datetime.date(year, 3, 1))
        second = make_meeting(body, secretariat, date=datetime.date(year, 3, 2))
        for n in range(4):
            add_case(first, secretariat, f"Sak A{n}")
            add_case(second, secretariat, f"Sak B{n}")

        results = _in_threads(
            lambda m=first: meeting_send_notice(Meeting.objects.get(pk=m.pk), secretariat),
            lambda m=second: meeting_send_notice(Meeting.objects.get(pk=m.pk), secretariat),
        )

        assert not [r for r in results if isinstance(r, Exception)], results
        numbers = sorted(AgendaItem.objects.filter(body=body, year=year)
                         .values_list("number", flat=True))
        cases = AgendaItem.objects.filter(meeting__in=[first, second], kind="case").count()
        # Every case numbered, no duplicates, no gaps: 1 … n of the year.
        assert numbers == list(range(1, cases + 1))


@pytest.mark.django_db(transaction=True)
def test_the_same_notice_sent_twice_at_once_is_sent_once(body, users, mailoutbox):
    secretariat = users["secretariat"]
    meeting = make_meeting(body, secretariat, date=datetime.date(2031, 5, 5))
    add_case(meeting, secretariat, "Handlingsplan 2032")

    results = _in_threads(
        lambda: meeting_send_notice(Meeting.objects.get(pk=meeting.pk), secretariat),
        lambda: meeting_send_notice(Meeting.objects.get(pk=meeting.pk), secretariat),
    )

    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], InvalidTransition), results
    assert "Innkalling sendt" in str(errors[0])
    assert sorted(meeting.items.exclude(number=None).values_list("number", flat=True)) == [
        1, 2, 3]
    recipients = 3  # member, deputy and observer of the body
    assert len(notice_mails(mailoutbox)) == recipients
