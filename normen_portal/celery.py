"""The Celery app. Workers: ``celery -A normen_portal worker``."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "normen_portal.settings")

app = Celery("normen_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work. Apps add their own entries with ``app.conf.beat_schedule.update(...)``.
app.conf.beat_schedule = {
    "flush-outbox": {"task": "normen_portal.flush_outbox", "schedule": 60.0},
}
