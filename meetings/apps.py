from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Møter og saker")

    def ready(self):
        # Web processes and Celery workers alike: the task modules (Celery's autodiscovery
        # only finds ``meetings.tasks``), the review features' signal receivers (papers
        # published → notifications, new meeting → pending orientation cases) and the PDF
        # kind of the comment overview.
        from . import pdf_reviews, receivers_reviews, tasks, tasks_minutes, tasks_reviews  # noqa: F401

        receivers_reviews.connect()
        pdf_reviews.register()
