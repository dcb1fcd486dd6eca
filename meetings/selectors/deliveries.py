"""Who was sent what: the deliveries of a meeting's messages, for the secretariat's page."""

from django.contrib.contenttypes.models import ContentType

from meetings.models import NoticeDispatch
from normen_portal.models import Delivery


def dispatches_with_deliveries(meeting):
    """The meeting's dispatches, newest last, each with ``.delivery_list`` (by name) and
    ``.delivery_counts`` ({status: n}); two queries."""
    dispatches = list(meeting.dispatches.select_related("sent_by").prefetch_related("changes"))
    rows = Delivery.objects.filter(
        message_type=ContentType.objects.get_for_model(NoticeDispatch),
        message_id__in=[d.pk for d in dispatches],
    ).order_by("name", "address")
    by_dispatch = {}
    for row in rows:
        by_dispatch.setdefault(row.message_id, []).append(row)
    for dispatch in dispatches:
        dispatch.delivery_list = by_dispatch.get(dispatch.pk, [])
        counts = {}
        for row in dispatch.delivery_list:
            counts[row.status] = counts.get(row.status, 0) + 1
        dispatch.delivery_counts = counts
        dispatch.failed_count = counts.get(Delivery.Status.FAILED, 0)
        dispatch.waiting_count = (counts.get(Delivery.Status.PENDING, 0)
                                  + counts.get(Delivery.Status.SENDING, 0))
        dispatch.sent_count = counts.get(Delivery.Status.SENT, 0)
    return dispatches
