"""Meetings and their life cycle: planned → notice sent → in progress → held → minutes in
review → approved."""

from django.db import models
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body
from normen_portal.states import InvalidTransition, StateMachine

__all__ = ["InvalidTransition", "Meeting"]


class Meeting(StateMachine, models.Model):
    STATE_SUBJECT = _("Et møte")
    class Form(models.TextChoices):
        PHYSICAL = "physical", _("Fysisk møte")
        DIGITAL = "digital", _("Digitalt møte")
        HYBRID = "hybrid", _("Hybrid møte")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        NOTICE_SENT = "notice_sent", _("Innkalling sendt")
        IN_PROGRESS = "in_progress", _("Møtet pågår")
        HELD = "held", _("Avholdt")
        MINUTES_REVIEW = "minutes_review", _("Referat på høring")
        MINUTES_APPROVED = "minutes_approved", _("Referat godkjent")

    # The only allowed moves; services.meeting_transition() enforces them.
    TRANSITIONS = {
        Status.PLANNED: {Status.NOTICE_SENT},
        # The secretariat opens the meeting when it begins (decisions are recorded from then
        # on) or marks it held afterwards.
        Status.NOTICE_SENT: {Status.IN_PROGRESS, Status.HELD},
        Status.IN_PROGRESS: {Status.HELD},
        Status.HELD: {Status.MINUTES_REVIEW, Status.MINUTES_APPROVED},
        Status.MINUTES_REVIEW: {Status.MINUTES_APPROVED, Status.HELD},
        Status.MINUTES_APPROVED: set(),
    }

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings",
                             verbose_name=_("styringsgruppe"))
    date = models.DateField(_("dato"))
    # «Møte 3/2021»: for bodies that number their meetings (Body.numbers_meetings), given
    # when the meeting is created and unique within the body's year.
    number = models.PositiveSmallIntegerField(_("møtenummer"), null=True, blank=True)
    start_time = models.TimeField(_("starttid"))
    end_time = models.TimeField(_("sluttid"), null=True, blank=True)
    place = models.CharField(_("sted"), max_length=200, blank=True)
    form = models.CharField(_("møteform"), max_length=10, choices=Form.choices,
                            default=Form.PHYSICAL)
    comment_deadline = models.DateTimeField(
        _("frist for innspill"), null=True, blank=True,
        help_text=_("Medlemmene kan kommentere sakspapirene fram til denne fristen."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PLANNED, db_index=True)
    notice_sent_at = models.DateTimeField(_("innkalling sendt"), null=True, blank=True)
    agenda_changed_at = models.DateTimeField(
        _("dagsorden endret etter utsendelse"), null=True, blank=True
    )
    minutes_sent_for_review_at = models.DateTimeField(_("referat sendt på høring"), null=True,
                                                      blank=True)
    minutes_approved_at = models.DateTimeField(_("referat godkjent"), null=True, blank=True)
    minutes_approval_note = models.CharField(
        _("grunnlag for godkjenning"), max_length=300, blank=True,
        help_text=_("Sak i neste møte, eller sekretariatets begrunnelse."),
    )
    # Bumped on every save through the services: the optimistic lock for concurrent edits.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        ordering = ["-date", "-start_time"]
        indexes = [models.Index(fields=["body", "date"])]
        constraints = [
            models.UniqueConstraint(
                "body", ExtractYear("date"), "number",
                name="meeting_number_once_per_body_and_year",
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.body.short_name} {formats.date_format(self.date, 'd.m.Y')}"

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def reference(self):
        """«3/2021», or empty for a body that does not number its meetings."""
        return f"{self.number}/{self.date.year}" if self.number else ""

    @property
    def title(self):
        body = self.body.short_name.lower() if self.body.short_name else self.body.name
        if self.number:
            return _("Møte %(reference)s i %(body)s") % {"reference": self.reference,
                                                       "body": self.body.name}
        return _("Møte i %(body)s %(date)s") % {
            "body": body, "date": formats.date_format(self.date, "d.m.Y"),
        }

    def get_public_url(self):
        return reverse("meetings:public_meeting", args=[self.date.year, self.pk])

    @property
    def is_minutes_approved(self):
        return self.status == self.Status.MINUTES_APPROVED

    @property
    def notice_is_sent(self):
        return self.notice_sent_at is not None

