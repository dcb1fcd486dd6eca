"""The agenda: cases (saker) and non-case entries such as breaks, with their cover notes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body, Organisation
from meetings.models.meeting import Meeting
from normen_portal.uploads import UploadValidator


class CaseType(models.TextChoices):
    APPROVAL = "approval", _("Godkjenning")
    ORIENTATION = "orientation", _("Orientering")
    DISCUSSION = "discussion", _("Drøfting")
    DECISION = "decision", _("Beslutning")
    ENDORSEMENT = "endorsement", _("Tilslutning")
    LEARNING = "learning", _("Faglig påfyll")
    ANY_OTHER_BUSINESS = "aob", _("Eventuelt")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Vedtatt")
    APPROVED_WITH_CHANGES = "approved_changed", _("Vedtatt med endringer")
    NOTED = "noted", _("Tatt til orientering")
    WITHDRAWN = "withdrawn", _("Trukket")
    POSTPONED = "postponed", _("Utsatt")


def case_reference(number, year):
    """How a case number is written: «16/24» (number / two-digit year)."""
    return f"{number}/{year % 100:02d}"


class AgendaItem(models.Model):
    """One line of the agenda. A case gets its number (16/24) when the notice is sent."""

    class Kind(models.TextChoices):
        CASE = "case", _("Sak")
        BREAK = "break", _("Pause eller annet punkt")

    class Standard(models.TextChoices):
        """The cases every meeting starts with; they carry fixed proposed decisions."""

        NONE = "", _("Ingen")
        APPROVE_NOTICE = "approve_notice", _("Godkjenning av innkalling og dagsorden")
        APPROVE_MINUTES = "approve_minutes", _("Godkjenning av referat")
        ANY_OTHER_BUSINESS = "aob", _("Eventuelt")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items",
                                verbose_name=_("møte"))
    # Denormalised from the meeting so the database can guarantee unique case numbers per body.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="cases",
                             verbose_name=_("styringsgruppe"))
    position = models.PositiveIntegerField(_("rekkefølge"), default=0)
    kind = models.CharField(_("type punkt"), max_length=8, choices=Kind.choices,
                            default=Kind.CASE)
    standard = models.CharField(max_length=20, choices=Standard.choices, blank=True,
                                default=Standard.NONE, editable=False)
    title = models.CharField(_("tittel"), max_length=300)
    case_type = models.CharField(_("sakstype"), max_length=20, choices=CaseType.choices,
                                 blank=True)
    number = models.PositiveIntegerField(_("saksnummer"), null=True, blank=True, editable=False)
    year = models.PositiveIntegerField(_("år"), null=True, blank=True, editable=False)
    start_time = models.TimeField(_("tidspunkt"), null=True, blank=True)
    presenter = models.CharField(_("innleder"), max_length=200, blank=True)
    from_unit = models.CharField(_("fra"), max_length=200, blank=True,
                                 help_text=_("Hvem saken kommer fra, f.eks. «Sekretariatet»."))
    case_officer = models.CharField(_("saksbehandler"), max_length=200, blank=True)
    purpose = models.TextField(_("hensikt med saken"), blank=True)
    background = models.TextField(_("bakgrunn"), blank=True)
    cover_note_internal = models.BooleanField(
        _("toppnotat kun for styringsgruppen"), default=False,
        help_text=_("Interne toppnotater vises aldri i det offentlige arkivet."),
    )
    proposed_decision = models.TextField(_("forslag til vedtak"), blank=True)
    previous_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="approved_in",
        verbose_name=_("referat som godkjennes"),
    )
    # Minutes
    discussion = models.TextField(_("diskusjon"), blank=True)
    decision_text = models.TextField(_("vedtak"), blank=True)
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices, blank=True)
    decided_at = models.DateTimeField(_("vedtak registrert"), null=True, blank=True)
    changed_after_notice = models.BooleanField(_("endret etter utsendelse"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sak")
        verbose_name_plural = _("saker")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "number"], condition=Q(number__isnull=False),
                name="case_number_unique_per_body_year",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(kind="case"),
                name="only_cases_have_numbers",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}".strip()

    def get_absolute_url(self):
        return reverse("meetings:item_detail", args=[self.meeting_id, self.pk])

    @property
    def is_case(self):
        return self.kind == self.Kind.CASE

    @property
    def reference(self):
        """«16/24», or empty before the notice is sent."""
        if self.number is None:
            return ""
        return case_reference(self.number, self.year)

    def get_decision_url(self):
        """The decision's permanent address, /vedtak/<body>/<year>/<number>/: every link to a
        decision is made here. Whether a visitor may see it is meetings.visibility's rule."""
        if self.number is None:
            return ""
        return reverse("meetings:decision_detail", args=[self.body.slug, self.year, self.number])


class Statement(models.Model):
    """What one organisation said on a case, as the minutes record it («HSØ – …»)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="statements")
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     blank=True, verbose_name=_("virksomhet"))
    speaker = models.CharField(_("hvem"), max_length=200, blank=True,
                               help_text=_("Når det ikke er en virksomhet, f.eks. en person."))
    text = models.TextField(_("innlegg"))
    position = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("innlegg")
        verbose_name_plural = _("innlegg")
        ordering = ["item", "position", "pk"]

    def __str__(self):
        return f"{self.who}: {self.text[:40]}"

    @property
    def who(self):
        if self.organisation_id:
            return self.organisation.display_short
        return self.speaker


def attachment_path(instance, filename):
    return f"vedlegg/{instance.meeting_id}/{filename}"


class Attachment(models.Model):
    """«Vedlegg 3A»: numbered per meeting, optionally tied to a case."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("møte"))
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="attachments", verbose_name=_("sak"))
    label = models.CharField(_("vedleggsnummer"), max_length=10)
    title = models.CharField(_("tittel"), max_length=300)
    file = models.FileField(_("fil"), upload_to=attachment_path, max_length=300,
                            validators=[UploadValidator("meeting_attachment")])
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    is_public = models.BooleanField(
        _("offentlig"), default=False,
        help_text=_("Offentlige vedlegg vises i arkivet når referatet er godkjent."),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")
        ordering = ["meeting", "label"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "label"], name="attachment_label_unique"),
        ]

    def __str__(self):
        return f"Vedlegg {self.label}: {self.title}"


