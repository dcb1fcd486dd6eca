"""Celery tasks: render one PDF row; re-enqueue rows left pending.

``render_pdf`` is acknowledged only after it has run (``acks_late``) and given back to the
queue if its worker process dies (``reject_on_worker_lost``), so a worker killed mid-render
loses no job; the row lock and ``services.MAX_ATTEMPTS`` keep that from rendering twice or
looping. Failures are retried with exponential backoff (10 s, 20 s, 40 s … at most 10 min,
with jitter); after the last retry the row is ``failed`` with the reason.
"""

from celery import shared_task
from celery.utils.log import get_task_logger
from celery.utils.time import get_exponential_backoff_interval

from rendering import services

logger = get_task_logger(__name__)

MAX_RETRIES = 5
BACKOFF_FACTOR = 10
BACKOFF_MAX = 600


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=120,
    time_limit=150,
    ignore_result=True,
)
def render_pdf(self, pk):
    try:
        return services.render_row(pk)
    except Exception as exc:
        # Run in-process (no broker) there is no queue to come back to: fail at once, and let
        # the secretariat's "Lag PDF på nytt" try again.
        final = self.request.is_eager or self.request.retries >= self.max_retries
        # Jitter may draw 0 s; at least a second keeps a broken source from spinning.
        countdown = None if final else max(1, get_exponential_backoff_interval(
            factor=BACKOFF_FACTOR, retries=self.request.retries, maximum=BACKOFF_MAX,
            full_jitter=True))
        logger.warning("PDF %s: attempt failed (%s); %s", pk, exc,
                       "giving up" if final else f"retrying in {countdown} s",
                       exc_info=final)
        services.record_failure(pk, exc, retry_in=countdown)
        if final:
            return "failed"
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(ignore_result=True)
def sweep_pending_pdfs(min_age=60):
    queued = services.sweep_pending(min_age=min_age)
    if queued:
        logger.info("Re-enqueued %s pending PDF(s)", queued)
    return queued
