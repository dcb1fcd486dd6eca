"""Property test of the record (issue 12): random sequences of service calls and admin posts
on a meeting, with the invariants checked after every step —

- approved minutes change only through a correction (each change has its correction record
  and CORRECTION_MADE event);
- case numbers are unique per body and year, and a number once drawn never changes or
  returns;
- every change of state has its event: each status a meeting passed through, and each
  recorded decision.

Each example runs in a transaction that is rolled back, so the examples do not see each
other."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.models import Event, EventKind
from meetings.models import AgendaItem, CaseType, Meeting, MinutesCorrection, Outcome
from meetings.services import agenda, minutes, notice
from meetings.services.meetings import meeting_create
from normen_portal.concurrency import EditConflict
from normen_portal.states import InvalidTransition

from ..factories import UserFactory, give_totp

REFUSALS = (ValidationError, InvalidTransition, PermissionDenied, EditConflict,
            agenda.AgendaLocked)
MEETING_EVENTS = {
    Meeting.Status.NOTICE_SENT: EventKind.NOTICE_SENT,
    Meeting.Status.IN_PROGRESS: EventKind.MEETING_STARTED,
    Meeting.Status.HELD: EventKind.MEETING_HELD,
    Meeting.Status.MINUTES_REVIEW: EventKind.MINUTES_SENT_FOR_REVIEW,
    Meeting.Status.MINUTES_APPROVED: EventKind.MINUTES_APPROVED,
}


class World:
    def __init__(self, body, secretariat, superuser):
        self.actor = secretariat
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        self.meeting = meeting_create(body=body, actor=secretariat, date=yesterday,
                                      start_time=datetime.time(10), end_time=datetime.time(14))
        self.admin = Client()
        self.admin.force_login(superuser)
        self.numbers = {}  # item pk -> the number it was given
        self.approved_text = None  # {item pk: (discussion, decision, outcome)} at approval
        self.texts = 0

    def m(self):
        return Meeting.objects.get(pk=self.meeting.pk)

    def cases(self):
        return list(AgendaItem.objects.filter(meeting=self.meeting, kind="case")
                    .order_by("position", "pk"))


def add_case(w):
    w.texts += 1
    agenda.item_create(w.m(), w.actor, title=f"Sak {w.texts}", case_type=CaseType.ORIENTATION,
                       proposed_decision="Styringsgruppen tar saken til orientering.")


def remove_case(w):
    cases = w.cases()
    if cases:
        agenda.item_remove(cases[-1], w.actor)


def send_notice(w):
    notice.meeting_send_notice(w.m(), w.actor)


def start(w):
    minutes.meeting_start(w.m(), w.actor)


def held(w):
    minutes.meeting_mark_held(w.m(), w.actor)


def review(w):
    minutes.minutes_send_for_review(w.m(), w.actor)


def approve(w):
    minutes.minutes_approve(w.m(), w.actor, "Godkjent på e-post")


def decide(w):
    for case in w.cases():
        if case.decided_at is None:
            minutes.case_record_decision(case, w.actor, Outcome.NOTED,
                                         "Styringsgruppen tok saken til orientering.",
                                         case.version)
            return


def write(w):
    cases = w.cases()
    if cases:
        w.texts += 1
        case = cases[0]
        minutes.minutes_save_case(case, w.actor, discussion=f"<p>Drøfting {w.texts}</p>",
                                  decision_text=case.decision_text, outcome=case.outcome,
                                  statements=[], expected_version=case.version)


def correct(w):
    cases = [c for c in w.cases() if c.decided_at]
    if cases:
        w.texts += 1
        case = cases[0]
        minutes.minutes_correct(case, w.actor, "Skrivefeil i vedtaket",
                                discussion=case.discussion,
                                decision_text=f"{case.decision_text} (rettet {w.texts})",
                                outcome=case.outcome, statements=[],
                                expected_version=case.version)


def admin_post(w):
    """The back office tries to change a case and the meeting's status directly."""
    for case in w.cases()[:1]:
        w.admin.post(reverse("admin:meetings_agendaitem_change", args=[case.pk]),
                     {"decision_text": "Endret i admin", "number": "99", "title": case.title})
    w.admin.post(reverse("admin:meetings_meeting_change", args=[w.meeting.pk]),
                 {"status": Meeting.Status.MINUTES_APPROVED})


def save_around(w):
    """A script sets a status by plain assignment."""
    meeting = w.m()
    meeting.status = Meeting.Status.MINUTES_APPROVED
    meeting.save()


ACTIONS = [add_case, remove_case, send_notice, start, held, review, approve, decide, write,
           correct, admin_post, save_around]


def check(w):
    meeting = w.m()
    cases = AgendaItem.objects.filter(meeting=meeting, kind="case")
    # Numbers: unique per body and year, never changed once drawn, never reused.
    numbered = [(c.pk, c.year, c.number) for c in cases if c.number is not None]
    assert len({(y, n) for _pk, y, n in numbered}) == len(numbered)
    for pk, year, number in numbered:
        assert w.numbers.setdefault(pk, (year, number)) == (year, number)
    assert len(set(w.numbers.values())) == len(w.numbers)
    # Every status the meeting went through has its event, in order.
    statuses = [h.status for h in meeting.history.order_by("history_date", "history_id")]
    passed = [s for i, s in enumerate(statuses) if i == 0 or s != statuses[i - 1]][1:]
    events = list(Event.objects.about(meeting).filter(kind__in=MEETING_EVENTS.values())
                  .order_by("pk").values_list("kind", flat=True))
    assert events == [MEETING_EVENTS[s] for s in passed]
    # Every recorded decision has its event.
    decided = {c.pk for c in cases if c.decided_at}
    recorded = set(Event.objects.filter(kind=EventKind.DECISION_RECORDED,
                                        subject_id__in=[c.pk for c in cases])
                   .values_list("subject_id", flat=True))
    assert decided == recorded
    # Approved minutes change only through corrections.
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        now = {c.pk: (c.discussion, c.decision_text, c.outcome) for c in cases}
        if w.approved_text is None:
            w.approved_text = now
        corrected = set(MinutesCorrection.objects.filter(meeting=meeting)
                        .values_list("item_id", flat=True))
        for pk, text in now.items():
            if pk not in corrected:
                assert w.approved_text.get(pk) == text, f"case {pk} changed without correction"
        assert corrected <= set(Event.objects.filter(kind=EventKind.CORRECTION_MADE)
                                .values_list("subject_id", flat=True))


@pytest.mark.django_db
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=10))
def test_the_record_holds_under_any_sequence(users, body, steps):
    with transaction.atomic():
        superuser = UserFactory(username="drift-egenskap", is_staff=True, is_superuser=True)
        give_totp(superuser)  # staff pass the two-factor check, so the admin answers
        w = World(body, users["secretariat"], superuser)
        add_case(w)
        for step in steps:
            try:
                with transaction.atomic():
                    step(w)
            except REFUSALS:
                pass
            check(w)
        transaction.set_rollback(True)
