"""Reads for the agenda pages: which meetings a person sees, and an agenda in one go.

Visibility is decided here with ``governance.permissions`` and nowhere else in these pages; the
queries are shaped so a page costs the same number of queries with 5 cases as with 50.
"""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from meetings.models import AgendaItem, Attachment, Meeting
from meetings.selectors import bodies_with_papers_for


def meetings_for_user(user, body=None):
    """``(upcoming, past)`` meetings of the bodies whose papers ``user`` may read (of
    ``body`` only, when given)."""
    bodies = bodies_with_papers_for(user)
    if body is not None:
        bodies = [pk for pk in bodies if pk == body.pk]
    meetings = (
        Meeting.objects.filter(body_id__in=bodies)
        .select_related("body")
        .annotate(case_count=Count("items", filter=Q(items__kind=AgendaItem.Kind.CASE)))
    )
    today = timezone.localdate()
    upcoming = list(meetings.filter(date__gte=today).order_by("date", "start_time"))
    past = list(meetings.filter(date__lt=today).order_by("-date", "-start_time"))
    return upcoming, past


def _attachments():
    return Prefetch("attachments", queryset=Attachment.objects.order_by("label"))


def agenda(meeting):
    """The meeting's items in agenda order, each with its attachments."""
    return list(
        meeting.items.order_by("position", "pk").prefetch_related(_attachments())
    )


def meeting_attachments(meeting):
    """All attachments of the meeting, in label order («1», «2», «3», «3A», «4» …)."""
    attachments = list(meeting.attachments.select_related("item"))
    return sorted(attachments, key=attachment_sort_key)


def attachment_sort_key(attachment):
    digits = "".join(c for c in attachment.label if c.isdigit())
    return (int(digits) if digits else 0, attachment.label)


def agenda_item(meeting, item_pk):
    """One item of ``meeting`` with its attachments, or AgendaItem.DoesNotExist."""
    return (
        AgendaItem.objects.select_related("meeting__body", "previous_meeting")
        .prefetch_related(_attachments())
        .get(pk=item_pk, meeting=meeting)
    )
