"""Creating meetings and moving them through their life cycle."""

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import AgendaItem, CaseType, InvalidTransition, Meeting
from ..permissions import can_edit_body, require


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
            "title": _("Godkjenning av referat fra møte %(date)s")
            % {"date": formats.date_format(previous.date, "d.m.Y")},
            "previous_meeting": previous,
            "proposed_decision": _("%(body)s godkjenner referatet") % {"body": subject},
        })
    items.append({"standard": AgendaItem.Standard.ANY_OTHER_BUSINESS,
                  "case_type": CaseType.ANY_OTHER_BUSINESS, "title": _("Eventuelt")})
    return items


def previous_meeting(body, before_date):
    return (
        Meeting.objects.filter(body=body, date__lt=before_date)
        .order_by("-date", "-start_time")
        .first()
    )


@transaction.atomic
def meeting_create(*, body, actor, **fields):
    """Create a planned meeting with the standard cases on its agenda.

    ``actor`` None is the system itself (the demo loader); people go through the check.
    """
    if actor is not None:
        require(can_edit_body(actor, body))
    meeting = Meeting(body=body, **fields)
    meeting.full_clean()
    meeting.save()
    for position, spec in enumerate(standard_items(body, previous_meeting(body, meeting.date))):
        # The first case opens the meeting, so it carries the meeting's start (10.00).
        start = meeting.start_time if position == 0 else None
        AgendaItem.objects.create(meeting=meeting, body=body, position=(position + 1) * 10,
                                  kind=AgendaItem.Kind.CASE, start_time=start, **spec)
    return meeting


def meeting_transition(meeting, to_status, *, reason=""):
    """Move ``meeting`` to ``to_status`` or raise InvalidTransition. The caller holds the
    transaction and has checked permission; this is the one place the rule lives."""
    to_status = Meeting.Status(to_status)
    if not meeting.can_move_to(to_status):
        raise InvalidTransition(
            _("Et møte med status «%(from)s» kan ikke få status «%(to)s».")
            % {"from": meeting.get_status_display(), "to": to_status.label}
        )
    meeting.status = to_status
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
    return meeting
