from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# How often the beat sweep re-enqueues rows left pending (e.g. while the broker was down).
SWEEP_INTERVAL_SECONDS = 60.0


class RenderingConfig(AppConfig):
    name = "rendering"
    verbose_name = _("PDF-produksjon")

    def ready(self):
        from normen_portal.celery import app
        from rendering.kinds import meetings  # noqa: F401 - registers the meeting kinds and watches

        app.add_periodic_task(
            SWEEP_INTERVAL_SECONDS, app.signature("rendering.tasks.sweep_pending_pdfs"),
            name="rendering: re-enqueue pending PDFs",
        )
