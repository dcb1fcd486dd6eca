"""Celery tasks of the members' review: e-mail notices, the daily digest, and closing
circulations at their deadline.

The module is imported as the meetings models load (see the end of models/comments.py), so
every worker knows the tasks and beat knows the schedule below without changes elsewhere.
"""

from celery import shared_task
from celery.schedules import crontab

from normen_portal.celery import app
from normen_portal.outbox import OutboxTask

BEAT_SCHEDULE = {
    # The secretariat's digest of new comments, and everyone else who chose «daily».
    "reviews-daily-digest": {"task": "meetings.send_daily_digests",
                             "schedule": crontab(hour=7, minute=0)},
    "reviews-close-due-circulations": {"task": "meetings.close_due_circulations",
                                       "schedule": crontab(minute="*/5")},
}
app.conf.beat_schedule.update(BEAT_SCHEDULE)


@shared_task(bind=True, base=OutboxTask, name="meetings.send_notification", ignore_result=True)
def send_notification(self, notification_id):
    from reviews.services.notifications import send_immediate

    return send_immediate(notification_id, task=self)


@shared_task(name="meetings.send_daily_digests", ignore_result=True)
def send_daily_digests():
    from reviews.services.notifications import send_daily_digests as send

    return send()


@shared_task(bind=True, base=OutboxTask, name="reviews.send_digest", ignore_result=True)
def send_digest(self, digest_id):
    from reviews.services.notifications import send_digest as send

    return send(digest_id, task=self)


@shared_task(name="meetings.close_due_circulations", ignore_result=True)
def close_due_circulations():
    from reviews.services.circulation import close_due_circulations as close

    return close()
