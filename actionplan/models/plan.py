"""A body's yearly action plan (handlingsplan), its areas and the cases it went through."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actionplan.models.strategy import FocusArea, Strategy
from governance.models import Body
from meetings.models import AgendaItem
from normen_portal.states import InvalidTransition, StateMachine  # noqa: F401 - re-exported


class ActionPlan(StateMachine, models.Model):
    STATE_SUBJECT = _("En handlingsplan")
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        UNDER_DISCUSSION = "discussion", _("Under drøfting")
        APPROVED = "approved", _("Godkjent")

    # The only allowed moves; services.plans.plan_transition() enforces them. A plan can be
    # approved straight from draft: a small plan is sometimes approved in the meeting that
    # first sees it. An approved plan is final; next year's plan replaces it.
    TRANSITIONS = {
        Status.DRAFT: {Status.UNDER_DISCUSSION, Status.APPROVED},
        Status.UNDER_DISCUSSION: {Status.APPROVED, Status.DRAFT},
        Status.APPROVED: set(),
    }

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="action_plans",
                             verbose_name=_("styringsgruppe"))
    year = models.PositiveIntegerField(_("år"))
    title = models.CharField(_("tittel"), max_length=200)
    strategy = models.ForeignKey(Strategy, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="action_plans", verbose_name=_("strategi"))
    introduction = models.TextField(_("innledning"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DRAFT)
    approved_on = models.DateField(_("godkjent dato"), null=True, blank=True)
    approval_note = models.CharField(
        _("grunnlag for godkjenning"), max_length=300, blank=True,
        help_text=_("Saken planen ble vedtatt i, eller hvor og når den ble besluttet."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped on every save through the services: the optimistic lock for concurrent edits.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        ordering = ["body", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="action_plan_unique_year"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actionplan:plan_detail", args=[self.body.slug, self.year])

    def url(self, name):
        """``plan.url("plan_edit")``: the plan's sub-pages share its body/year address."""
        return reverse(f"actionplan:{name}", args=[self.body.slug, self.year])

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    def clean(self):
        if self.strategy_id and self.strategy.body_id != self.body_id:
            raise ValidationError({"strategy": _("Strategien hører til en annen styringsgruppe.")})
        # An approval made outside the portal may be known only as «i november 2023»: then
        # the note says so instead of an invented date.
        if self.status == self.Status.APPROVED and not (self.approved_on or self.approval_note):
            raise ValidationError({"approved_on": _("Skriv inn datoen planen ble godkjent.")})


class PlanArea(models.Model):
    """A heading the plan's measures are grouped under, numbered like the seed's «2.1
    Forebyggende digital sikkerhet»; usually one of the strategy's focus areas."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="areas",
                             verbose_name=_("handlingsplan"))
    number = models.PositiveIntegerField(_("nummer"))
    title = models.CharField(_("område"), max_length=200)
    description = models.TextField(_("mål for området"), blank=True)
    focus_area = models.ForeignKey(FocusArea, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="plan_areas",
                                   verbose_name=_("satsingsområde i strategien"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("område")
        verbose_name_plural = _("områder")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_area_number_unique"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"


class CaseLink(models.Model):
    """A case (sak) in a meeting that dealt with a plan, or with one measure of it."""

    class Purpose(models.TextChoices):
        DISCUSSION = "discussion", _("Drøfting")
        APPROVAL = "approval", _("Godkjenning")
        STATUS = "status", _("Statusrapport")

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="case_links",
                             verbose_name=_("handlingsplan"))
    measure = models.ForeignKey("actionplan.Measure", on_delete=models.CASCADE, null=True,
                                blank=True, related_name="case_links", verbose_name=_("tiltak"))
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="plan_links",
                             verbose_name=_("sak"))
    purpose = models.CharField(_("behandling"), max_length=12, choices=Purpose.choices,
                               default=Purpose.DISCUSSION)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("behandling i sak")
        verbose_name_plural = _("behandlinger i saker")
        ordering = ["item__meeting__date", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "item"], condition=Q(measure__isnull=True),
                                    name="case_link_plan_item_unique"),
            models.UniqueConstraint(fields=["measure", "item"],
                                    condition=Q(measure__isnull=False),
                                    name="case_link_measure_item_unique"),
            # Only a whole plan is approved; a single measure is discussed or reported on.
            models.CheckConstraint(condition=Q(measure__isnull=True) | ~Q(purpose="approval"),
                                   name="case_link_only_plans_are_approved"),
        ]

    def __str__(self):
        return f"{self.item} ({self.get_purpose_display()})"
