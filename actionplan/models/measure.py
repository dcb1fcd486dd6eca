"""Measures (tiltak) of an action plan and the secretariat's progress notes on them."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplan.models.plan import ActionPlan, PlanArea
from governance.models import Organisation


class MeasureKind(models.TextChoices):
    # Seed 004 marks each measure «Eksisterende tiltak» or plain «Tiltak» (a new one).
    EXISTING = "existing", _("Eksisterende")
    NEW = "new", _("Nytt")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    ONGOING = "ongoing", _("Pågår")
    DONE = "done", _("Gjennomført")
    NOT_DONE = "not_done", _("Ikke gjennomført")
    POSTPONED = "postponed", _("Utsatt")


# Designsystemet colours for the status tags. The text is always shown as well: colour alone
# never carries the status (WCAG 1.4.1). «Ikke gjennomført merket med rødt», as the seed says.
STATUS_COLOURS = {
    MeasureStatus.PLANNED: "neutral",
    MeasureStatus.ONGOING: "info",
    MeasureStatus.DONE: "success",
    MeasureStatus.NOT_DONE: "danger",
    MeasureStatus.POSTPONED: "warning",
}

# A status the plan year can end in without the measure being finished: these are copied
# to next year's plan.
UNFINISHED = {MeasureStatus.PLANNED, MeasureStatus.ONGOING, MeasureStatus.NOT_DONE,
              MeasureStatus.POSTPONED}

code_validator = RegexValidator(
    r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$",
    _("Bruk tall og bokstaver skilt med punktum, f.eks. «1.16»."),
)


def natural_key(code):
    """«1.2» before «1.10»: compare the numeric parts as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"\.", code))


class Measure(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures",
                             verbose_name=_("handlingsplan"))
    area = models.ForeignKey(PlanArea, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="measures", verbose_name=_("område"))
    code = models.CharField(_("ID"), max_length=20, validators=[code_validator],
                            help_text=_("Tiltakets nummer i planen, f.eks. «1.16»."))
    title = models.CharField(_("tiltak"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True)
    responsible = models.ManyToManyField(Organisation, blank=True, related_name="measures",
                                         verbose_name=_("ansvarlige virksomheter"))
    responsible_text = models.CharField(
        _("ansvarlig (slik det står i planen)"), max_length=300, blank=True,
        help_text=_("F.eks. «Norsk Helsenett ved HelseCERT» eller «Sekretariatet». Tomt: "
                    "navnene på de ansvarlige virksomhetene."),
    )
    relevant_for = models.CharField(_("relevant for"), max_length=300, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=MeasureKind.choices,
                            default=MeasureKind.NEW)
    # Changed only through services.measures.measure_report_status, which writes the note.
    status = models.CharField(_("status"), max_length=10, choices=MeasureStatus.choices,
                              default=MeasureStatus.PLANNED, editable=False)
    carried_from = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to",
        editable=False, verbose_name=_("videreført fra"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[responsible])

    class Meta:
        verbose_name = _("tiltak")
        verbose_name_plural = _("tiltak")
        ordering = ["plan", "area__number", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="measure_code_unique_in_plan"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("actionplan:measure_detail", args=[self.pk])

    @property
    def sort_key(self):
        return natural_key(self.code)

    @property
    def status_colour(self):
        return STATUS_COLOURS[MeasureStatus(self.status)]

    @property
    def is_carried_over(self):
        return self.carried_from_id is not None

    @property
    def is_unfinished(self):
        return self.status in UNFINISHED

    def responsible_display(self, organisations=None):
        """«Ansvarlig» as the plan writes it; ``organisations`` lets a caller pass the
        prefetched list so a table of measures does no query per row."""
        if self.responsible_text:
            return self.responsible_text
        orgs = organisations if organisations is not None else self.responsible.all()
        return ", ".join(org.name for org in orgs)

    def clean(self):
        if self.area_id and self.area.plan_id != self.plan_id:
            raise ValidationError({"area": _("Området hører til en annen handlingsplan.")})


class ProgressNote(models.Model):
    """«Aasta presenterer status»: a dated note on a measure, optionally changing its status.

    Notes are a log and are never edited; a correction is a new note.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="notes",
                                verbose_name=_("tiltak"))
    date = models.DateField(_("dato"))
    text = models.TextField(_("status og merknad"), blank=True)
    previous_status = models.CharField(_("status før"), max_length=10,
                                       choices=MeasureStatus.choices, blank=True)
    status = models.CharField(_("ny status"), max_length=10, choices=MeasureStatus.choices,
                              blank=True, help_text=_("Tom når statusen ikke endret seg."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+", verbose_name=_("skrevet av"))
    author_name = models.CharField(_("skrevet av"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("statusnotat")
        verbose_name_plural = _("statusnotater")
        ordering = ["measure", "-date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["date"])]

    def __str__(self):
        return f"{self.measure.code} {self.date:%d.%m.%Y}"

    @property
    def changed_status(self):
        return bool(self.status) and self.status != self.previous_status

    @property
    def status_colour(self):
        return STATUS_COLOURS[MeasureStatus(self.status)] if self.status else ""
