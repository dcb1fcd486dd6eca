"""Proposals (innspill) from members and observers for next year's action plan."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplan.models.measure import Measure
from governance.models import Body, Organisation


class Proposal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Sendt inn")
        ACCEPTED = "accepted", _("Tatt inn i planen")
        DECLINED = "declined", _("Ikke tatt inn")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="plan_proposals",
                             verbose_name=_("styringsgruppe"))
    year = models.PositiveIntegerField(_("handlingsplan for år"))
    title = models.CharField(_("forslag til tiltak"), max_length=300)
    description = models.TextField(_("beskrivelse og begrunnelse"))
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="plan_proposals",
                                     verbose_name=_("fra virksomhet"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="plan_proposals", verbose_name=_("sendt av"))
    author_name = models.CharField(_("sendt av"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SUBMITTED)
    response = models.TextField(_("svar fra sekretariatet"), blank=True)
    measure = models.OneToOneField(Measure, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="proposal", verbose_name=_("tiltak"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("innspill til handlingsplan")
        verbose_name_plural = _("innspill til handlingsplan")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actionplan:proposal_detail", args=[self.pk])

    @property
    def source(self):
        """«Helse Nord RHF (Martin Medlem)»."""
        who = self.author_name
        if self.organisation_id:
            return f"{self.organisation.name} ({who})" if who else self.organisation.name
        return who
