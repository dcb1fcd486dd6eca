"""The governance app's Celery tasks (Celery's autodiscovery imports ``governance.tasks``)."""

from governance.services.invitations import send_invitation  # noqa: F401
