from celery import shared_task

from normen_portal import outbox


@shared_task(name="normen_portal.flush_outbox", ignore_result=True)
def flush_outbox():
    """Periodic: publish the jobs that waited while the broker was down."""
    return outbox.flush()
