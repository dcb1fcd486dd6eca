"""Celery tasks of the meetings app: sending the notice and the change messages.

Enqueued by ``services.notice`` with ``transaction.on_commit``, so a worker never sees a
dispatch whose transaction was rolled back.
"""

import logging
import smtplib

from celery import shared_task
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from meetings.emails import build_messages
from meetings.models import NoticeDispatch

logger = logging.getLogger(__name__)


@shared_task(
    name="meetings.tasks.send_notice_emails",
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30, retry_backoff_max=600, max_retries=8,
)
def send_notice_emails(dispatch_id):
    """Send the e-mails of one NoticeDispatch; returns how many went out.

    Marked as sent afterwards, and skipped when already marked, so a task delivered twice by
    the broker does not send the notice twice.
    """
    with transaction.atomic():
        dispatch = (
            NoticeDispatch.objects.select_for_update(of=("self",))
            .select_related("meeting__body")
            .get(pk=dispatch_id)
        )
        if dispatch.emails_sent_at is not None:
            return 0
        messages = build_messages(dispatch)
        with get_connection() as connection:
            sent = connection.send_messages(messages) or 0
        dispatch.emails_sent_at = timezone.now()
        dispatch.save(update_fields=["emails_sent_at"])
    logger.info("meeting %s: %s e-mail(s) for %s %s", dispatch.meeting_id, sent, dispatch.kind,
                dispatch.sequence)
    return sent
