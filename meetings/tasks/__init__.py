"""The meetings app's Celery tasks. Celery's autodiscovery imports ``meetings.tasks``, so the
package imports its modules; each task keeps the name it had before the package existed, so
jobs already queued (or waiting in the outbox) still find it."""

from meetings.tasks import minutes, notice  # noqa: F401
