from celery import shared_task

from normen_portal import outbox


@shared_task(name="normen_portal.flush_outbox", ignore_result=True)
def flush_outbox():
    """Periodic (every minute): publish the outbox jobs still waiting."""
    return outbox.sweep()
