"""Creating meetings and moving them through their life cycle."""

from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import EventKind
from events.services import event_record
from governance.models import Body
from governance.permissions import can_edit_body
from meetings.models import AgendaItem, CaseType, Meeting
from normen_portal.access import require


def standard_items(body, previous):
    """The cases every meeting starts with, with their usual proposed decisions."""
    subject = body.short_name
    items = [
        {"standard": AgendaItem.Standard.APPROVE_NOTICE, "case_type": CaseType.APPROVAL,
         "title": _("Godkjenning av innkalling og dagsorden"),
         "proposed_decision": _("%(body)s godkjenner innkalling og dagsorden") % {"body": subject}},
    ]
    if previous is not None:
        items.append({
            "standard": AgendaItem.Standard.APPROVE_MINUTES, "case_type": CaseType.APPROVAL,
            "title": approve_minutes_title(previous),
            "previous_meeting": previous,
            "proposed_decision": _("%(body)s godkjenner referatet") % {"body": subject},
        })
    items.append({"standard": AgendaItem.Standard.ANY_OTHER_BUSINESS,
                  "case_type": CaseType.ANY_OTHER_BUSINESS, "title": _("Eventuelt")})
    return items


def approvable_minutes(body, before_date):
    """The body's meetings before ``before_date`` whose minutes are not approved yet: what a
    case «Godkjenning av referat» may name."""
    return (Meeting.objects.filter(body=body, date__lt=before_date)
            .exclude(status=Meeting.Status.MINUTES_APPROVED)
            .order_by("date", "start_time"))


def minutes_to_approve(body, before_date):
    """The minutes a new meeting's «Godkjenning av referat» names by default: the body's oldest
    held, unapproved minutes; with none held yet, the latest earlier meeting (it will be held
    by the time the new one meets). The secretariat can change which on the case."""
    candidates = approvable_minutes(body, before_date)
    held = candidates.filter(status__in=[Meeting.Status.HELD, Meeting.Status.MINUTES_REVIEW])
    return held.first() or candidates.order_by("-date", "-start_time").first()


def approve_minutes_title(meeting):
    return _("Godkjenning av referat fra møte %(date)s") % {
        "date": formats.date_format(meeting.date, "d.m.Y")}


@transaction.atomic
def next_meeting_number(body, year):
    """The next free meeting number of the body's year («3» of «Møte 3/2021»), counting the
    history so a number is never given twice."""
    in_year = {"body": body, "date__year": year}
    live = Meeting.objects.filter(**in_year).aggregate(m=Max("number"))["m"]
    past = Meeting.history.filter(**in_year).aggregate(m=Max("number"))["m"]
    return max(live or 0, past or 0) + 1


def meeting_create(*, body, actor, **fields):
    """Create a planned meeting with the standard cases on its agenda.

    ``actor`` None is the system itself (the demo loader); people go through the check.
    """
    if actor is not None:
        require(can_edit_body(actor, body))
    with transaction.atomic():
        # The body lock: two meetings created at once do not get the same number.
        Body.objects.select_for_update().only("pk").get(pk=body.pk)
        meeting = Meeting(body=body, **fields)
        if body.numbers_meetings and meeting.number is None and meeting.date:
            meeting.number = next_meeting_number(body, meeting.date.year)
        meeting.full_clean()
        meeting.save()
        standard = standard_items(body, minutes_to_approve(body, meeting.date))
        for position, spec in enumerate(standard):
            # The first case opens the meeting, so it carries the meeting's start (10.00).
            start = meeting.start_time if position == 0 else None
            AgendaItem.objects.create(meeting=meeting, body=body, position=(position + 1) * 10,
                                      kind=AgendaItem.Kind.CASE, start_time=start, **spec)
    return meeting


# The event each move writes: the meeting's timeline is its record.
MOVE_EVENTS = {
    Meeting.Status.NOTICE_SENT: EventKind.NOTICE_SENT,
    Meeting.Status.IN_PROGRESS: EventKind.MEETING_STARTED,
    Meeting.Status.HELD: EventKind.MEETING_HELD,
    Meeting.Status.MINUTES_REVIEW: EventKind.MINUTES_SENT_FOR_REVIEW,
    Meeting.Status.MINUTES_APPROVED: EventKind.MINUTES_APPROVED,
}


def meeting_transition(meeting, to_status, *, reason="", actor=None, **event_data):
    """Move ``meeting`` to ``to_status`` or raise InvalidTransition, and write its event.
    The caller holds the transaction and has checked permission; this is the one place the
    move is made."""
    to_status = Meeting.Status(to_status)
    from_status = meeting.status
    meeting.move_to(to_status)
    now = timezone.now()
    if to_status == Meeting.Status.NOTICE_SENT:
        meeting.notice_sent_at = now
    elif to_status == Meeting.Status.MINUTES_REVIEW:
        meeting.minutes_sent_for_review_at = now
    elif to_status == Meeting.Status.MINUTES_APPROVED:
        meeting.minutes_approved_at = now
        meeting.minutes_approval_note = reason
    meeting.version += 1
    meeting._change_reason = reason or to_status.label
    meeting.save()
    kind = (EventKind.MINUTES_REOPENED if from_status == Meeting.Status.MINUTES_REVIEW
            and to_status == Meeting.Status.HELD else MOVE_EVENTS[to_status])
    event_record(kind, meeting, body=meeting.body_id,
                 actor=actor or getattr(meeting, "_history_user", None),
                 summary=f"{meeting.title}: {to_status.label}", reason=reason,
                 from_status=from_status, to_status=to_status.value, **event_data)
    return meeting
