"""Who was sent what: the deliveries of a meeting's messages, for the secretariat's page."""

from django.contrib.contenttypes.models import ContentType

from events.models import Event, EventKind
from meetings.models import NoticeDispatch
from normen_portal.models import Delivery


def _attach(messages, model):
    """Give each message ``.delivery_list`` (by name) and its counts; one query."""
    rows = Delivery.objects.filter(
        message_type=ContentType.objects.get_for_model(model),
        message_id__in=[m.pk for m in messages],
    ).order_by("name", "address")
    by_message = {}
    for row in rows:
        by_message.setdefault(row.message_id, []).append(row)
    for message in messages:
        message.delivery_list = by_message.get(message.pk, [])
        counts = {}
        for row in message.delivery_list:
            counts[row.status] = counts.get(row.status, 0) + 1
        message.failed_count = counts.get(Delivery.Status.FAILED, 0)
        message.waiting_count = (counts.get(Delivery.Status.PENDING, 0)
                                 + counts.get(Delivery.Status.SENDING, 0))
        message.sent_count = counts.get(Delivery.Status.SENT, 0)
    return messages


def dispatches_with_deliveries(meeting):
    """The meeting's dispatches (notice, change messages), oldest first, each with its
    deliveries."""
    return _attach(list(meeting.dispatches.select_related("sent_by")
                        .prefetch_related("changes")), NoticeDispatch)


def reviews_with_deliveries(meeting, events):
    """Each time the minutes were sent for review, oldest first, with its deliveries.
    ``events``: the meeting's events the page has read already (its timeline), so the page
    reads the events once."""
    meeting_type = ContentType.objects.get_for_model(meeting).pk
    reviews = [e for e in events if e.kind == EventKind.MINUTES_SENT_FOR_REVIEW
               and e.subject_type_id == meeting_type and e.subject_id == meeting.pk]
    return _attach(sorted(reviews, key=lambda e: (e.at, e.pk)), Event)
