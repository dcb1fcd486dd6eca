from django.conf import settings
from django.db import models
from django.utils import timezone
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


class UsedTotpCode(models.Model):
    """An authenticator-app code that has let someone in: refused from then on.

    allauth records used codes only in the cache, and while Redis is down the cache forgets
    everything, so one code opened any number of logins (issue 11). The record lives here, in
    the database every process shares; the unique constraint makes "check and record" one
    atomic step. A code is valid for a few 30-second time steps (MFA_TOTP_TOLERANCE either
    side), so rows older than that window are deleted (``normen_portal.totp_codes``).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    # The TOTP counter the code belongs to: Unix time // MFA_TOTP_PERIOD.
    time_step = models.BigIntegerField()
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("brukt engangskode")
        verbose_name_plural = _("brukte engangskoder")
        constraints = [
            models.UniqueConstraint(fields=["user", "time_step"], name="totp_code_used_once"),
        ]
        indexes = [models.Index(fields=["time_step"], name="totp_code_time_step")]

    def __str__(self):
        return f"{self.user_id}: {self.time_step}"


class LoginUnlock(models.Model):
    """An e-mailed link that lets the account's owner past the account-wide login limit.

    Made when someone is throttled logging in to the account (at most one per account per
    ``login_guard.UNLOCK_EMAIL_INTERVAL``). The link carries a signed, time-limited token; only
    the hash of its random part is kept, and ``used_at`` makes it work once
    (``normen_portal.login_guard``).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    # Set when the e-mail is written (by the Celery task), so the token never waits in the
    # broker or the outbox.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)
    # The address whose attempts were refused, for the owner's information.
    throttled_from = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("opplåsingslenke for innlogging")
        verbose_name_plural = _("opplåsingslenker for innlogging")
        indexes = [models.Index(fields=["user", "created_at"], name="login_unlock_recent")]

    def __str__(self):
        return f"{self.user_id} ({self.created_at:%d.%m.%Y %H.%M})"
