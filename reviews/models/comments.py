"""Members' review before a meeting: comments (innspill) on cases, cover notes, attachments,
draft minutes and document versions; when commenting closes; conflicts of interest
(habilitet); and the bookkeeping behind notifications and «new since your last visit»."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body, Organisation, Person
from meetings.models.agenda import AgendaItem
from meetings.models.meeting import Meeting

# What a person may type. Long enough for a careful statement on a draft guide, short enough
# that the secretariat can read every comment before the meeting.
COMMENT_MAX_LENGTH = 5000
QUOTE_MAX_LENGTH = 2000
REPLY_MAX_LENGTH = 2000


class Comment(models.Model):
    """One comment, or a reply in a comment's thread. Threads are one level deep: a reply to a
    reply joins the thread of the first comment, which keeps visibility rules simple."""

    class Context(models.TextChoices):
        CASE = "case", _("Saken")
        COVER_NOTE = "cover_note", _("Toppnotatet")
        ATTACHMENT = "attachment", _("Vedlegg")
        MINUTES = "minutes", _("Utkast til referat")
        DOCUMENT_VERSION = "document_version", _("Dokumentversjon")

    class Visibility(models.TextChoices):
        ALL_MEMBERS = "all_members", _("Sekretariatet og alle i styringsgruppen")
        SECRETARIAT_ONLY = "secretariat_only", _("Bare sekretariatet")

    class Status(models.TextChoices):
        OPEN = "open", _("Ikke behandlet")
        ANSWERED = "answered", _("Besvart")
        IN_MINUTES = "in_minutes", _("Tatt inn i referatet")
        NOT_FOLLOWED = "not_followed", _("Ikke fulgt")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="comments",
                             verbose_name=_("styringsgruppe"))
    # Derived from the target when the comment is made, so the per-meeting overview and the
    # deadline need no generic joins.
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="comments", verbose_name=_("møte"))
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="comments", verbose_name=_("sak"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    context = models.CharField(_("gjelder"), max_length=20, choices=Context.choices)
    quote = models.TextField(_("sitat"), blank=True,
                             validators=[MaxLengthValidator(QUOTE_MAX_LENGTH)])
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies", verbose_name=_("svar på"))
    author = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="comments",
                               verbose_name=_("skrevet av"))
    # The organisation the author spoke for when writing; a later change of seat does not
    # rewrite who said what.
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     blank=True, verbose_name=_("virksomhet"))
    visibility = models.CharField(_("synlig for"), max_length=20, choices=Visibility.choices,
                                  default=Visibility.ALL_MEMBERS)
    # What the person typed (shown again when they edit) and the sanitized HTML made from it
    # (what everyone reads).
    source = models.TextField(_("kommentar"),
                              validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    text = models.TextField(_("kommentar (HTML)"), editable=False)
    status = models.CharField(_("behandling"), max_length=20, choices=Status.choices,
                              default=Status.OPEN)
    reply = models.TextField(_("svar fra sekretariatet"), blank=True,
                             validators=[MaxLengthValidator(REPLY_MAX_LENGTH)])
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    withdrawn = models.BooleanField(_("trukket tilbake"), default=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("endret"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(table_name="meetings_historicalcomment")

    class Meta:
        db_table = "meetings_comment"
        verbose_name = _("innspill")
        verbose_name_plural = _("innspill")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "context"]),
            models.Index(fields=["body", "created_at"]),
        ]

    def __str__(self):
        return f"{self.author} ({self.created_at:%d.%m.%Y}): {self.source[:40]}"

    @property
    def is_reply(self):
        return self.parent_id is not None

    @property
    def speaks_for(self):
        """«Martin Medlem, Helse Nord» – or the secretariat, which has no organisation."""
        if self.organisation_id:
            return self.organisation.display_short
        return str(_("Sekretariatet"))


class CommentingPeriod(models.Model):
    """The secretariat's say on when commenting on a meeting closes: it overrides the
    meeting's comment deadline (papers) or sets one for the draft minutes, and reopens
    commenting after a deadline has passed."""

    class Phase(models.TextChoices):
        PAPERS = "papers", _("Sakspapirer")
        MINUTES = "minutes", _("Utkast til referat")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE,
                                related_name="commenting_periods", verbose_name=_("møte"))
    phase = models.CharField(_("gjelder"), max_length=10, choices=Phase.choices)
    closes_at = models.DateTimeField(_("åpent for innspill til"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(table_name="meetings_historicalcommentingperiod")

    class Meta:
        db_table = "meetings_commentingperiod"
        verbose_name = _("frist for innspill")
        verbose_name_plural = _("frister for innspill")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "phase"],
                                    name="commenting_period_once_per_phase"),
        ]

    def __str__(self):
        return f"{self.meeting} – {self.get_phase_display()}: {self.closes_at:%d.%m.%Y %H.%M}"


class ConflictOfInterest(models.Model):
    """A declaration that a person is disqualified (inhabil) on a case. It shows in the
    attendance register and in the minutes of that case."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="conflicts",
                               verbose_name=_("person"))
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="conflicts",
                             verbose_name=_("sak"))
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     blank=True, verbose_name=_("virksomhet"))
    reason = models.TextField(_("begrunnelse"), validators=[MaxLengthValidator(1000)])
    declared_at = models.DateTimeField(_("erklært"), auto_now_add=True)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")

    history = HistoricalRecords(table_name="meetings_historicalconflictofinterest")

    class Meta:
        db_table = "meetings_conflictofinterest"
        verbose_name = _("habilitetserklæring")
        verbose_name_plural = _("habilitetserklæringer")
        ordering = ["item", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "item"], name="conflict_once_per_case"),
        ]

    def __str__(self):
        return f"{self.person} inhabil i {self.item}"


class NotificationPreference(models.Model):
    """How a person wants to hear about papers, comments and circulations by e-mail."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Straks")
        DAILY = "daily", _("Daglig oppsummering")
        NONE = "none", _("Ingen e-post")

    person = models.OneToOneField(Person, on_delete=models.CASCADE,
                                  related_name="notification_preference")
    frequency = models.CharField(_("e-postvarsler"), max_length=10, choices=Frequency.choices)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(table_name="meetings_historicalnotificationpreference")

    class Meta:
        db_table = "meetings_notificationpreference"
        verbose_name = _("varslingsvalg")
        verbose_name_plural = _("varslingsvalg")

    def __str__(self):
        return f"{self.person}: {self.get_frequency_display()}"


class Digest(models.Model):
    """One person's daily digest: the notifications it gathered (``notifications``) and, as
    for every message, one ``Delivery`` of it (normen_portal.deliveries). Made in one short
    transaction that claims the notifications; sent afterwards by its task, so no lock is
    held while the mail server talks and a retry sends it once."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="digests")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("daglig oppsummering")
        verbose_name_plural = _("daglige oppsummeringer")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.person}: {self.created_at:%d.%m.%Y}"


class Notification(models.Model):
    """One thing a person is told by e-mail: sent at once, or kept for the daily digest.
    The table is also the record of what the portal has told whom."""

    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("Straks")
        DAILY = "daily", _("Daglig oppsummering")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notifications")
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    subject = models.CharField(max_length=250)
    text = models.TextField()
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The daily digest that took it (a daily notification belongs to one digest only).
    digest = models.ForeignKey(Digest, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="notifications")

    class Meta:
        db_table = "meetings_notification"
        verbose_name = _("varsel")
        verbose_name_plural = _("varsler")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["delivery", "sent_at"])]

    def __str__(self):
        return f"{self.person}: {self.subject}"


class LastVisit(models.Model):
    """When a user last looked at something (a meeting, a case, their overview), so that what
    is new or changed since then can be marked.

    ``seen_at`` is the latest visit; ``since`` the last visit of the previous session. Marks
    are computed against ``since``, so reloading a page does not make them disappear."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="last_visits")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    seen_at = models.DateTimeField()
    since = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "meetings_lastvisit"
        verbose_name = _("siste besøk")
        verbose_name_plural = _("siste besøk")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"],
                                    name="last_visit_once_per_object"),
        ]

    def __str__(self):
        return f"{self.user} {self.content_type.model}#{self.object_id} {self.seen_at}"
