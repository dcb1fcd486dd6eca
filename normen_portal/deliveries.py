"""Per-recipient delivery of e-mail: each recipient's message is sent once.

The service that sends a message (the notice, a change message, the minutes for review, a
notification) calls ``create()`` in its transaction: one ``Delivery`` row per address. Its
Celery task calls ``deliver()``, which sends the pending rows one at a time:

- a row is *claimed* with one conditional UPDATE (status «sendes», ``claimed_at``), committed
  at once, so no lock or transaction is held while the mail server talks;
- it is marked sent right after the server accepts it, so a retry sends only what is left;
- a permanent refusal (a 5xx reply) marks that row failed with the server's words and the
  rest go on; a transient one (4xx, a dropped connection) puts the row back and the task
  retries with back-off, up to ``DELIVERY_MAX_RETRIES``, then the rows left are failed;
- a claim older than ``DELIVERY_CLAIM_SECONDS`` belongs to a sender that died and is taken
  again. That is the one case a recipient can get a message twice: the server had accepted it
  and the sender died before the UPDATE that marks it sent. The copy carries the same
  Message-ID (``message_id_for``), so mail programs show it once.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db.models import F, Q
from django.utils import timezone

from normen_portal.models import Delivery

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError)


@dataclass(frozen=True)
class Address:
    address: str
    name: str = ""
    person_id: int | None = None


def for_message(message):
    return Delivery.objects.filter(message_type=ContentType.objects.get_for_model(message),
                                   message_id=message.pk)


def create(message, kind, addresses):
    """One pending delivery of ``message`` per address (a second entry for an address already
    there is left out). Runs in the transaction that makes the message."""
    if not db_connection.in_atomic_block:
        raise RuntimeError("deliveries.create() must run inside the transaction of the message")
    ct = ContentType.objects.get_for_model(message)
    rows = {}
    for entry in addresses:
        address = entry.address.strip()
        if address and address.lower() not in rows:
            rows[address.lower()] = Delivery(
                message_type=ct, message_id=message.pk, kind=kind, person_id=entry.person_id,
                name=entry.name[:200], address=address)
    Delivery.objects.bulk_create(rows.values(), ignore_conflicts=True)
    return len(rows)


def message_id_for(delivery):
    host = urlsplit(settings.SITE_URL).hostname or "normen"
    return f"<levering-{delivery.pk}.{delivery.resends}@{host}>"


def classify(exc):
    """``(permanent, reason)`` for an error from the mail server."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes, words = [], []
        for address, (code, text) in exc.recipients.items():
            codes.append(code)
            words.append(f"{address}: {code} {_text(text)}")
        return bool(codes) and all(500 <= c < 600 for c in codes), "; ".join(words)
    if isinstance(exc, smtplib.SMTPResponseException):
        # SMTPDataError, SMTPSenderRefused, SMTPHeloError, SMTPAuthenticationError.
        return 500 <= exc.smtp_code < 600, f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return False, f"{type(exc).__name__}: {exc}"


def _text(value):
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _claim(pk):
    """The delivery, claimed for this sender, or None if it is sent, failed or someone else's."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.DELIVERY_CLAIM_SECONDS)
    claimed = (
        Delivery.objects.filter(pk=pk)
        .filter(Q(status=Delivery.Status.PENDING)
                | Q(status=Delivery.Status.SENDING, claimed_at__lt=stale))
        .update(status=Delivery.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    return Delivery.objects.get(pk=pk) if claimed else None


def _settle(delivery, **fields):
    # Only while the claim is still ours (a claim taken over by another sender is theirs).
    return Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING,
                                   claimed_at=delivery.claimed_at).update(**fields)


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    # Claimed by another sender that is still within its time: not ours to send.
    elsewhere: int = 0
    # The transient error that stopped this round, if any.
    error: Exception | None = None

    @property
    def finished(self):
        return self.error is None and not self.elsewhere


def send(message, build):
    """Send the pending deliveries of ``message``; ``build(delivery)`` makes its EmailMessage.
    Stops at the first transient error (the server will say the same to the next one)."""
    outcome = Outcome()
    pks = list(for_message(message).filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING])
        .order_by("pk").values_list("pk", flat=True))
    if not pks:
        return outcome
    mail = get_connection()
    try:
        for pk in pks:
            delivery = _claim(pk)
            if delivery is None:
                if Delivery.objects.filter(pk=pk, status=Delivery.Status.SENDING).exists():
                    outcome.elsewhere += 1
                continue
            try:
                email = build(delivery)
                email.extra_headers["Message-ID"] = message_id_for(delivery)
                email.connection = mail
                # Opened here (again after an error), so one conversation carries many
                # messages: send_messages closes only a connection it opened itself.
                mail.open()
                email.send()
            except TRANSIENT_ERRORS as exc:
                mail.close()  # a refused or broken conversation: start the next one afresh
                permanent, reason = classify(exc)
                if permanent:
                    _settle(delivery, status=Delivery.Status.FAILED, last_error=reason[:500])
                    outcome.failed += 1
                    logger.warning("delivery #%s to %s refused: %s", pk, delivery.address,
                                   reason)
                    continue
                _settle(delivery, status=Delivery.Status.PENDING, last_error=reason[:500])
                outcome.error = exc
                break
            except BaseException:
                _settle(delivery, status=Delivery.Status.PENDING)
                raise
            _settle(delivery, status=Delivery.Status.SENT, sent_at=timezone.now(),
                    last_error="")
            outcome.sent += 1
    finally:
        mail.close()
    return outcome


def deliver(task, message, build):
    """``send()`` from inside the Celery ``task`` (bound): retry with back-off while something
    is left; when the retries are spent, fail what is left with its last error. Without a
    task (called directly) one round is made."""
    outcome = send(message, build)
    if outcome.finished or task is None:
        return outcome
    retries = task.request.retries or 0
    if retries < settings.DELIVERY_MAX_RETRIES:
        if outcome.error is None:
            # Only others' claims are left: look again when a dead sender's would be stale.
            countdown = settings.DELIVERY_CLAIM_SECONDS
        else:
            countdown = min(settings.DELIVERY_RETRY_SECONDS * 2 ** retries, 600)
        raise task.retry(exc=outcome.error, countdown=countdown,
                         max_retries=settings.DELIVERY_MAX_RETRIES)
    # Given up: what is left is failed, with the last error (also on the ones never tried).
    reason = classify(outcome.error)[1] if outcome.error is not None else ""
    left = for_message(message).filter(status=Delivery.Status.PENDING)
    left.filter(last_error="").update(last_error=reason[:500])
    left.update(status=Delivery.Status.FAILED)
    return outcome


def pending(message):
    return for_message(message).filter(
        status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]).exists()


def resend(delivery):
    """Put one delivery back in the queue (the caller checks permission, records the event and
    enqueues the message's task in the same transaction)."""
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.PENDING, claimed_at=None, resends=F("resends") + 1)
    delivery.refresh_from_db()
    return delivery
