"""A body's strategy for a period («Normens strategi 2023–2025») and its focus areas."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body


class Strategy(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="strategies",
                             verbose_name=_("styringsgruppe"))
    title = models.CharField(_("tittel"), max_length=200,
                             help_text=_("F.eks. «Normens strategi 2023–2025»."))
    start_year = models.PositiveIntegerField(_("fra år"))
    end_year = models.PositiveIntegerField(_("til og med år"))
    description = models.TextField(_("beskrivelse"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategi")
        verbose_name_plural = _("strategier")
        ordering = ["body", "-start_year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "title"], name="strategy_title_unique"),
            models.CheckConstraint(condition=models.Q(end_year__gte=models.F("start_year")),
                                   name="strategy_period_ordered"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actionplan:strategy_detail", args=[self.pk])

    @property
    def period(self):
        return f"{self.start_year}–{self.end_year}"

    def covers(self, year):
        return self.start_year <= year <= self.end_year

    def clean(self):
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Perioden kan ikke slutte før den begynner.")})


class FocusArea(models.Model):
    """A goal or focus area of the strategy; an action plan's areas start from these."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="focus_areas",
                                 verbose_name=_("strategi"))
    number = models.PositiveIntegerField(_("nummer"))
    title = models.CharField(_("satsingsområde"), max_length=200)
    goal = models.TextField(_("mål"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("satsingsområde")
        verbose_name_plural = _("satsingsområder")
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"],
                                    name="focus_area_number_unique"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"
