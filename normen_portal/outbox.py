"""The transactional outbox: background work that is never lost and runs once.

``enqueue(task, *args, **kwargs)`` writes an ``OutboxJob`` row inside the transaction of the
change that causes the work, so the job commits or vanishes with it. After the commit a relay
publishes the row's id; if the process dies first, or the broker does not answer, the periodic
``sweep()`` (Celery beat every minute, and ``manage.py flush_outbox`` for cron) publishes every
job still waiting after ``OUTBOX_GRACE_SECONDS``. Tasks run through the outbox are
``OutboxTask``\\ s: each gets the row's id and marks the row done when it succeeds, and skips a
job already done, so a job published twice (the relay and the sweep, a redelivery) runs once.

With ``CELERY_TASK_ALWAYS_EAGER`` (``make run``, most tests) "publishing" runs the task in the
process, as before; a failure there leaves the job for the sweep instead of failing the
request.

Why not a package: django-celery-outbox and its kin are young single-maintainer projects, and
none marks a job done by its row id in the task; this is about a hundred lines.
"""

import logging
from datetime import timedelta

from celery import Task, current_app
from celery._state import _task_stack
from celery.exceptions import Retry
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from normen_portal.models import OutboxJob

logger = logging.getLogger(__name__)

JOB_KWARG = "outbox_job_id"


class OutboxTask(Task):
    """Base class of the tasks enqueued through the outbox: idempotent by the job's row id.

    The id travels as the keyword argument ``outbox_job_id`` (Celery keeps the message's
    keyword arguments for its retries); the task body never sees it.
    """

    # Celery checks a message's arguments against the task body's signature when it is sent
    # (a retry); the body does not take the job's id, so the check would refuse it.
    typing = False

    def __call__(self, *args, **kwargs):
        job_id = kwargs.pop(JOB_KWARG, None)
        if job_id is not None and OutboxJob.objects.filter(
                pk=job_id).exclude(done_at=None, failed_at=None).exists():
            logger.info("outbox job #%s already done; skipped", job_id)
            return None
        if self.request_stack.top is None:
            # Called as a plain function: Celery's __call__ makes the request.
            result = super().__call__(*args, **kwargs)
        else:
            # Run by a worker or apply(): keep the request Celery made from the message
            # (Celery's own __call__ would replace it with one holding only the arguments
            # without the job's id, and its retries would lose the id and the count).
            _task_stack.push(self)
            try:
                result = self.run(*args, **kwargs)
            finally:
                _task_stack.pop()
        if job_id is not None:
            OutboxJob.objects.filter(pk=job_id, done_at=None).update(done_at=timezone.now())
        return result

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        # The task has queued its own retry: the job is alive, so the sweep's "published long
        # ago and not done" (a lost message) counts from now. The longest back-off (600 s) is
        # shorter than OUTBOX_REDELIVER_SECONDS, so a job waiting for its retry is not
        # published a second time.
        job_id = (kwargs or {}).get(JOB_KWARG)
        if job_id is not None:
            OutboxJob.objects.filter(pk=job_id, done_at=None).update(
                published_at=timezone.now(), last_error=f"{type(exc).__name__}: {exc}"[:300])
        super().on_retry(exc, task_id, args, kwargs, einfo)

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        # Called once the task has given up (not on a retry): the sweep must not start it
        # again; the error stays on the row for the secretariat and the logs.
        job_id = (kwargs or {}).get(JOB_KWARG)
        if job_id is not None:
            OutboxJob.objects.filter(pk=job_id, done_at=None).update(
                failed_at=timezone.now(), last_error=f"{type(exc).__name__}: {exc}"[:300])
        super().on_failure(exc, task_id, args, kwargs, einfo)


def _task(task):
    task = current_app.tasks[task] if isinstance(task, str) else task
    if not isinstance(task, OutboxTask):
        raise TypeError(f"{task.name} is not an OutboxTask (base=outbox.OutboxTask)")
    return task


def enqueue(task, *args, **kwargs):
    """Write the job in the current transaction and publish it after the commit. Returns the
    OutboxJob."""
    if not connection.in_atomic_block:
        raise RuntimeError("outbox.enqueue() must run inside the transaction of the change")
    task = _task(task)
    job = OutboxJob.objects.create(task_name=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: relay([job.pk]))
    return job


def _eager():
    # Django's setting and the Celery app's (tests switch either one).
    return settings.CELERY_TASK_ALWAYS_EAGER and current_app.conf.task_always_eager


def _publish(job):
    kwargs = {**job.kwargs, JOB_KWARG: job.pk}
    if _eager():
        # In-process mode: run it now, like a worker would, its retries too (at once: there
        # is no one to wait for the countdown). Celery's own eager retries raise Retry from
        # the second one on when exceptions propagate, so the loop is here.
        task = current_app.tasks[job.task_name]
        retries = 0
        while True:
            try:
                task.apply(args=job.args, kwargs=kwargs, retries=retries, throw=True)
            except Retry:
                retries += 1
                continue
            break
        return
    # retry=False: one quick attempt; a dead broker must not hold the web request. The task id
    # names the job, so the worker's log says which row a message came from.
    current_app.send_task(job.task_name, args=job.args, kwargs=kwargs, retry=False,
                          task_id=f"outbox-{job.pk}-{job.publish_attempts + 1}")


def _publish_jobs(jobs):
    """Publish ``jobs``; returns how many went. Stops at the first broker error (it is down:
    the rest would wait for the same time-out)."""
    sent = 0
    for job in jobs:
        try:
            _publish(job)
        except Exception as exc:  # noqa: BLE001 - whatever it was, the sweep tries again
            logger.warning("outbox job #%s (%s) not published: %s", job.pk, job.task_name, exc)
            OutboxJob.objects.filter(pk=job.pk).update(
                publish_attempts=job.publish_attempts + 1, last_error=str(exc)[:300])
            if not _eager():
                break
            continue
        OutboxJob.objects.filter(pk=job.pk).update(published_at=timezone.now(),
                                                   publish_attempts=job.publish_attempts + 1)
        sent += 1
    return sent


def relay(job_ids):
    """After the commit: publish the jobs just written. ``OUTBOX_RELAY`` off (a fault test's
    hook) leaves them all to the sweep."""
    if not getattr(settings, "OUTBOX_RELAY", True):
        return 0
    return _publish_jobs(list(OutboxJob.objects.filter(pk__in=job_ids, published_at=None)))


def sweep(limit=500):
    """Publish the jobs still waiting: never published ``OUTBOX_GRACE_SECONDS`` after they were
    written (the relay died or the broker was down), or published ``OUTBOX_REDELIVER_SECONDS``
    ago and still not done (the broker lost the message). Returns how many were published.
    Jobs done more than ``OUTBOX_KEEP_DAYS`` ago are deleted."""
    now = timezone.now()
    grace = timedelta(seconds=settings.OUTBOX_GRACE_SECONDS)
    redeliver = timedelta(seconds=settings.OUTBOX_REDELIVER_SECONDS)
    # Done jobs are kept a while for the record (what ran, when), then deleted.
    OutboxJob.objects.filter(done_at__lt=now - timedelta(days=settings.OUTBOX_KEEP_DAYS)).delete()
    with transaction.atomic():
        # skip_locked: two sweeps at once (beat and cron) take different jobs.
        jobs = list(
            OutboxJob.objects.select_for_update(skip_locked=True)
            .filter(done_at=None, failed_at=None)
            .filter(Q(published_at=None, created_at__lte=now - grace)
                    | Q(published_at__lte=now - redeliver))
            .order_by("created_at", "pk")[:limit]
        )
        return _publish_jobs(jobs)


# The name the periodic task and the command have always used.
flush = sweep
