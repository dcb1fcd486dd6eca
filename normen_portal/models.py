from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxJob(models.Model):
    """A Celery task written in the transaction of the change that asks for it.

    The row commits or vanishes with the change, so no job is lost between the commit and the
    publish (a crash, a deploy, Redis down): ``normen_portal.outbox`` publishes it right after
    the commit, a periodic sweep publishes whatever is still waiting, and the task marks the
    row done, so a job delivered twice runs once.
    """

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    # Last handed to the broker (or run in-process); the sweep hands it over again if it is
    # not done long after that (a broker that lost its messages).
    published_at = models.DateTimeField(null=True, blank=True)
    publish_attempts = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    # The task gave up (its retries are spent): the sweep leaves it alone.
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("bakgrunnsjobb")
        verbose_name_plural = _("bakgrunnsjobber")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["created_at"], name="outbox_job_waiting",
                         condition=models.Q(done_at__isnull=True, failed_at__isnull=True)),
        ]

    def __str__(self):
        return f"{self.task_name} #{self.pk} ({self.created_at:%d.%m.%Y %H.%M})"


class Delivery(models.Model):
    """One message to one address: a notice, a change message, the minutes for review, a
    notification.

    Written with the message, in the same transaction, one row per recipient; the sending task
    claims each row on its own, sends it and marks it sent at once, so a retry sends only what
    is left, and a permanent refusal (5xx) is kept with its reason instead of being retried.
    ``normen_portal.deliveries`` holds the rules.
    """

    class Kind(models.TextChoices):
        NOTICE = "notice", _("Innkalling")
        CHANGES = "changes", _("Endringer i dagsorden")
        MINUTES_REVIEW = "minutes_review", _("Referat til gjennomlesning")
        NOTIFICATION = "notification", _("Varsel")
        DIGEST = "digest", _("Daglig oppsummering")
        CONSULTATION = "consultation", _("Invitasjon til høring")

    class Status(models.TextChoices):
        PENDING = "pending", _("Venter")
        SENDING = "sending", _("Sendes")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Feilet")

    # The message the delivery belongs to (a NoticeDispatch, the minutes' review event, a
    # Notification).
    message_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE,
                                     related_name="+")
    message_id = models.PositiveBigIntegerField()
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey("governance.Person", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="deliveries", verbose_name=_("person"))
    name = models.CharField(_("navn"), max_length=200, blank=True)
    address = models.EmailField(_("e-postadresse"), max_length=254)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("forsøk"), default=0)
    last_error = models.CharField(_("siste feil"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("opprettet"), default=timezone.now)
    # When a sender took it (status «sendes»); a claim older than DELIVERY_CLAIM_SECONDS
    # belongs to a sender that died and is taken again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    # How many times the secretariat asked for it again; part of the Message-ID, so a copy
    # sent twice by accident carries the same id (and is one message to a mail program) while a
    # resend is a new message.
    resends = models.PositiveIntegerField(_("sendt på nytt"), default=0)

    class Meta:
        verbose_name = _("levering")
        verbose_name_plural = _("leveringer")
        ordering = ["message_type", "message_id", "name", "address"]
        constraints = [
            models.UniqueConstraint(fields=["message_type", "message_id", "address"],
                                    name="delivery_once_per_address"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.address}: {self.get_status_display()}"


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
