"""Ordering and rendering PDFs.

``request_render(obj, kind)`` makes sure a row exists for the source's current revision and,
when the transaction commits, puts a render task on the queue. The row in the database is the
record of the job: if the broker cannot take the task, the row stays ``pending`` and
``sweep_pending`` (a beat task every minute, and ``manage.py render_pending``) queues it again
once the broker is back, so nothing is lost.

``render_row(pk)`` is the task's body. It holds a row lock (``SELECT … FOR UPDATE``) for the
whole render: a second task for the same row skips it, a ready row is never rendered again, and
a worker that dies mid-render loses its database connection and with it the lock, so the
redelivered task (``acks_late``) or the sweep can take the row over.
"""

import hashlib
import logging
from datetime import timedelta
from functools import partial

from celery.exceptions import SoftTimeLimitExceeded
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from rendering import pdf, registry
from rendering.models import RenderedPdf

logger = logging.getLogger(__name__)

# Attempts on one row before it is given up, counting attempts lost with a dead worker: a
# document that always kills its worker must not loop through the queue for ever.
MAX_ATTEMPTS = 8
# Publishing must not hang a request: one quick reconnect, then leave it to the sweep.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5,
                        "interval_max": 0.5}

Status = RenderedPdf.Status


# Renders ordered by a save wait this long, so a burst of edits (an autosaving minutes editor)
# renders once: by the time the task runs, every revision but the last is superseded.
AUTO_RENDER_DELAY = 3


def _enqueue(pk, countdown=None):
    """Put the render task for row ``pk`` on the queue; False if the broker is unreachable."""
    from rendering.tasks import render_pdf

    try:
        render_pdf.apply_async((pk,), countdown=countdown, retry=True,
                               retry_policy=PUBLISH_RETRY_POLICY)
    except (BrokerError, OSError) as exc:
        logger.warning("PDF %s stays pending: the task queue is unreachable (%s)", pk, exc)
        return False
    return True


def request_render(obj, kind, *, actor=None, retry=False, delay=None):
    """Make sure the current revision of ``obj`` is (being) rendered as ``kind``.

    Returns the row for the current revision, or None if the kind does not apply to ``obj``
    yet (e.g. minutes of a meeting not yet held). A ready row is returned as it is; a failed
    one only goes back to the queue when ``retry`` is set (an explicit "Lag PDF på nytt").
    ``delay`` (seconds) holds the task back; saves use ``AUTO_RENDER_DELAY``.
    """
    kind = registry.get(kind)
    if not kind.applies(obj):
        return None
    with translation.override(kind.lang):
        revision = kind.revision_for(obj)
    content_type = ContentType.objects.get_for_model(obj)
    lookup = {"content_type": content_type, "object_id": obj.pk, "kind": kind.name,
              "source_revision": revision}
    with transaction.atomic():
        row = RenderedPdf.objects.select_for_update().filter(**lookup).first()
        if row is None:
            row = RenderedPdf(**lookup, is_public=kind.is_public(obj), requested_by=actor)
            row.full_clean(exclude=["file"], validate_constraints=False)
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:  # another request created it a moment ago
                return RenderedPdf.objects.get(**lookup)
        else:
            # The current revision is this row's again (perhaps after an undo): it is the
            # newest one asked for.
            RenderedPdf.objects.filter(pk=row.pk).update(requested_at=timezone.now())
            if row.status == Status.FAILED and retry:
                row.move_to(Status.PENDING, attempts=0, error="", retry_at=None,
                            requested_by=actor)
            elif not (retry and row.is_in_progress):
                # Ready, failed, or already queued: nothing more to do.
                return row
        transaction.on_commit(partial(_enqueue, row.pk, delay))
    return row


def pdf_rerender(*, obj, kind, actor):
    """The secretariat's "Lag PDF på nytt": permission-checked, then as ``request_render``."""
    from normen_portal.access import require

    kind = registry.get(kind)
    require(kind.can_manage(actor, obj))
    return request_render(obj, kind, actor=actor, retry=True)


def _claim(pk):
    """Move the row to ``rendering`` (visible to the status page) unless another worker holds
    it, it is done, or it has had all its attempts. Returns the outcome or None to go on."""
    with transaction.atomic():
        row = RenderedPdf.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        if row is None:
            return "busy" if RenderedPdf.objects.filter(pk=pk).exists() else "gone"
        if row.status in (Status.READY, Status.FAILED):
            return f"already {row.status}"
        if row.attempts >= MAX_ATTEMPTS:
            row.move_to(Status.FAILED, error=_("Ga opp etter %(n)s forsøk.") % {"n": row.attempts})
            return "failed"
        row.move_to(Status.RENDERING, attempts=row.attempts + 1, started_at=timezone.now(),
                    retry_at=None)
    return None


def render_row(pk):
    """Render row ``pk`` if it still needs it. Returns what happened (for logs and tests):
    "ready", "busy" (another worker has it), "gone", "superseded", "failed" (given up), or
    "already ready" / "already failed" when there was nothing to do."""
    outcome = _claim(pk)
    if outcome is not None:
        return outcome
    with transaction.atomic():
        row = (RenderedPdf.objects.select_for_update(skip_locked=True)
               .filter(pk=pk, status=Status.RENDERING).first())
        if row is None:
            return "busy"
        obj = row.source
        if obj is None:
            row.delete()
            return "gone"
        kind = registry.get(row.kind)
        with translation.override(kind.lang):
            context = kind.context(obj)
            revision = kind.revision_for(obj, context)
        if revision != row.source_revision:
            # The source moved on after this row was ordered; the row would lie about what it
            # shows. Drop it and make sure the current revision is ordered instead.
            row.delete()
            transaction.on_commit(partial(request_render, obj, kind))
            return "superseded"
        rendered = pdf.render(kind, obj, context)
        _store(row, rendered)
    return "ready"


def _store(row, rendered):
    checksum = hashlib.sha256(rendered.content).hexdigest()
    row.file.save(f"{row.source_revision[:16]}.pdf", ContentFile(rendered.content), save=False)
    row.move_to(Status.READY, checksum=checksum, size=len(rendered.content),
                pages=rendered.pages, render_seconds=rendered.seconds, error="")
    logger.info("PDF %s ready: %s, %s pages, %.2f s", row.pk, row.file.name, rendered.pages,
                rendered.seconds)


def describe_error(exc):
    if isinstance(exc, SoftTimeLimitExceeded):
        return _("Det tok for lang tid å lage PDF-en, og arbeidet ble stoppet.")
    return f"{type(exc).__name__}: {exc}"[:2000]


def record_failure(pk, exc, *, retry_in=None):
    """After a failed attempt: back to ``pending`` until the retry (``retry_in`` seconds), or
    ``failed`` with the reason when there will be no retry."""
    with transaction.atomic():
        row = RenderedPdf.objects.select_for_update().filter(pk=pk).first()
        if row is None or not row.is_in_progress:
            return row
        message = describe_error(exc)
        if retry_in is None:
            row.move_to(Status.FAILED, error=message, retry_at=None)
        elif row.status == Status.RENDERING:
            row.move_to(Status.PENDING, error=message,
                        retry_at=timezone.now() + timedelta(seconds=retry_in))
        else:
            row.error = message
            row.retry_at = timezone.now() + timedelta(seconds=retry_in)
            row.save(update_fields=["error", "retry_at", "updated_at"])
    return row


def sweep_pending(min_age=60):
    """Queue again every row that has waited ``min_age`` seconds without a worker on it:
    ``pending`` rows whose task never reached the broker (or was lost with it), and
    ``rendering`` rows whose worker died (their lock is free). Returns how many were queued."""
    now = timezone.now()
    cutoff = now - timedelta(seconds=min_age)
    candidates = list(
        RenderedPdf.objects.filter(status__in=[Status.PENDING, Status.RENDERING],
                                   updated_at__lte=cutoff)
        .filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now))
        .order_by("created_at").values_list("pk", flat=True)
    )
    queued = 0
    for pk in candidates:
        with transaction.atomic():
            # A row a live worker is rendering is locked: leave it to that worker.
            free = RenderedPdf.objects.select_for_update(skip_locked=True).filter(pk=pk).exists()
        if free and _enqueue(pk):
            queued += 1
    return queued


def refresh_all(kinds=None):
    """Request every registered source again (after a layout change). Returns the number of
    rows that are new or back in the queue."""
    ordered = 0
    for kind in registry.all_kinds():
        if kinds and kind.name not in kinds:
            continue
        for obj in kind.model._default_manager.iterator():
            row = request_render(obj, kind)
            if row is not None and row.is_in_progress:
                ordered += 1
    return ordered


def forget_source(model, pk, kind_names):
    """The source object was deleted: delete its rows and their files."""
    content_type = ContentType.objects.get_for_model(model)
    rows = RenderedPdf.objects.filter(content_type=content_type, object_id=pk,
                                      kind__in=kind_names)
    for row in rows:
        if row.file:
            row.file.delete(save=False)
    rows.delete()
