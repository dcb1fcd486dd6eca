from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """Members' review of the papers: comments, conflicts of interest, circulations and the
    notifications about them."""

    name = "reviews"
    verbose_name = _("Innspill og sirkulasjon")

    def ready(self):
        # Web processes and Celery workers alike: the tasks, the signal receivers (papers
        # published → notifications, new meeting → pending orientation cases) and the PDF
        # kind of the comment overview.
        from reviews import pdf, receivers, tasks  # noqa: F401

        receivers.connect()
        pdf.register()
