"""Handing work to Celery without losing it when the broker is down.

``enqueue_on_commit(task, *args, **kwargs)`` publishes after the surrounding transaction
commits (so a worker never sees data that was rolled back). If Redis does not answer, the job
is stored as a ``PendingTask`` and the request carries on; ``flush()`` (run by a periodic task
and by ``manage.py flush_outbox``) publishes stored jobs once the broker is back.
"""

import logging

from celery import current_app
from django.conf import settings
from django.db import transaction
from kombu.exceptions import OperationalError

from normen_portal.models import PendingTask

logger = logging.getLogger(__name__)


def _publish(task_name, args, kwargs):
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # In-process mode (local run, most tests): run it now, like Celery would.
        current_app.tasks[task_name].apply(args=args, kwargs=kwargs, throw=True)
        return
    # retry=False: one quick attempt; a dead broker must not hold the web request.
    current_app.send_task(task_name, args=args, kwargs=kwargs, retry=False)


def enqueue(task, *args, **kwargs):
    name = task if isinstance(task, str) else task.name
    try:
        _publish(name, list(args), kwargs)
    except (OperationalError, OSError) as exc:
        logger.warning("broker unreachable, keeping %s for later: %s", name, exc)
        PendingTask.objects.create(task_name=name, args=list(args), kwargs=kwargs,
                                   last_error=str(exc)[:300])
        return False
    return True


def enqueue_on_commit(task, *args, **kwargs):
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))


def flush(limit=500):
    """Publish stored jobs, oldest first; stop at the first failure (the broker is still down)."""
    sent = 0
    for pending in PendingTask.objects.all()[:limit]:
        try:
            _publish(pending.task_name, pending.args, pending.kwargs)
        except (OperationalError, OSError) as exc:
            pending.attempts += 1
            pending.last_error = str(exc)[:300]
            pending.save(update_fields=["attempts", "last_error"])
            break
        pending.delete()
        sent += 1
    return sent
