from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingTask(models.Model):
    """A Celery task that could not be handed to the broker (Redis down).

    Kept in the database, in the same place as the change that asked for it, so the work is not
    lost; ``outbox.flush()`` sends it when the broker answers again.
    """

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("ventende bakgrunnsjobb")
        verbose_name_plural = _("ventende bakgrunnsjobber")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.task_name} ({self.created_at:%d.%m.%Y %H.%M})"
