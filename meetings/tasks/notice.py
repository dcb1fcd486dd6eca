"""Celery tasks of the meetings app: sending the notice and the change messages.

Enqueued through the outbox (``normen_portal.outbox``) by ``services.notice``, in the
transaction that makes the NoticeDispatch and its per-recipient Delivery rows; the task sends
each delivery on its own (``normen_portal.deliveries``), so a retry sends only what is left.
"""

import logging

from celery import shared_task
from django.utils import timezone

from meetings.emails import delivery_recipient, message_builder
from meetings.models import NoticeDispatch
from normen_portal import deliveries
from normen_portal.outbox import OutboxTask

logger = logging.getLogger(__name__)


@shared_task(bind=True, base=OutboxTask, name="meetings.tasks.send_notice_emails")
def send_notice_emails(self, dispatch_id):
    """Send the pending deliveries of one NoticeDispatch; returns how many went out now.

    ``emails_sent_at`` is set when none is left waiting (each one sent or failed).
    """
    dispatch = NoticeDispatch.objects.select_related("meeting__body").get(pk=dispatch_id)
    build = message_builder(dispatch)
    outcome = deliveries.deliver(
        self, dispatch, lambda delivery: build(delivery_recipient(dispatch, delivery)))
    if not deliveries.pending(dispatch):
        NoticeDispatch.objects.filter(pk=dispatch.pk).update(emails_sent_at=timezone.now())
    logger.info("meeting %s: %s e-mail(s) for %s %s, %s refused", dispatch.meeting_id,
                outcome.sent, dispatch.kind, dispatch.sequence, outcome.failed)
    return outcome.sent
