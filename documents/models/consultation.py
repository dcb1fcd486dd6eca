"""Consultations (høringer): a version sent to chosen organisations with a deadline, and
their responses (innspill)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models.version import DocumentVersion
from governance.models import Organisation


class Consultation(models.Model):
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE,
                                related_name="consultations", verbose_name=_("versjon"))
    organisations = models.ManyToManyField(Organisation, related_name="consultations",
                                           verbose_name=_("høringsinstanser"))
    deadline = models.DateField(_("høringsfrist"))
    message = models.TextField(_("følgebrev"), blank=True,
                               help_text=_("Hva dere ønsker innspill på."))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+")
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now)
    closed_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        verbose_name = _("høring")
        verbose_name_plural = _("høringer")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{_('Høring')}: {self.version}"

    def get_absolute_url(self):
        return reverse("documents:consultation", args=[self.pk])

    @property
    def is_open(self):
        """Open for responses: not closed and the deadline day not yet over."""
        return self.closed_at is None and timezone.localdate() <= self.deadline


class ConsultationResponse(models.Model):
    """One organisation's answer; people from the same organisation edit it together."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="responses", verbose_name=_("høring"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="consultation_responses",
                                     verbose_name=_("virksomhet"))
    text = models.TextField(_("innspill"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    on_behalf = models.BooleanField(
        _("registrert av sekretariatet"), default=False,
        help_text=_("Innspillet kom på e-post eller brev og ble lagt inn av sekretariatet."),
    )
    submitted_at = models.DateTimeField(_("sendt inn"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("høringsinnspill")
        verbose_name_plural = _("høringsinnspill")
        ordering = ["consultation", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "organisation"],
                                    name="one_response_per_organisation"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.consultation}"
