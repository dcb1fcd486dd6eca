"""Periodic work: publishing approved versions at their planned time.

The beat schedule entry lives here, beside the task, so that enabling scheduled publishing
needs no edit elsewhere: ``celery -A normen_portal beat`` picks it up when it loads the tasks.
"""

from celery import shared_task
from celery.schedules import crontab

from normen_portal import deliveries
from normen_portal.celery import app
from normen_portal.outbox import OutboxTask

PUBLISH_SCHEDULE = {
    "documents-publish-due-versions": {
        "task": "documents.tasks.publish_due_versions",
        # Every quarter of an hour: a version planned for 08.00 is out by 08.15.
        "schedule": crontab(minute="*/15"),
    },
}
app.conf.beat_schedule = {**(app.conf.beat_schedule or {}), **PUBLISH_SCHEDULE}


@shared_task(name="documents.tasks.publish_due_versions")
def publish_due_versions():
    from documents.services.versions import publish_due_versions as publish

    return [v.pk for v in publish()]


@shared_task(bind=True, base=OutboxTask, name="documents.send_consultation_invitations")
def send_consultation_invitations(self, consultation_pk):
    """E-mail the invitations of one consultation, each address once
    (``normen_portal.deliveries``); enqueued through the outbox by ``consultation_send``."""
    from documents.models import Consultation
    from documents.services.consultations import invitation_builder

    consultation = Consultation.objects.select_related("version__document__body").get(
        pk=consultation_pk)
    return deliveries.deliver(self, consultation, invitation_builder(consultation)).sent
