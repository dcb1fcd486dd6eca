"""Decisions by circulation (sirkulasjonsvedtak): between meetings the secretariat puts a
proposed decision to the member organisations, each answers (and may change its answer until
the deadline), and the result is recorded as a decision of the body and reported at the next
meeting."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body, Organisation, Person
from meetings.models.agenda import AgendaItem
from normen_portal.states import StateMachine


class Circulation(StateMachine, models.Model):
    STATE_SUBJECT = _("En sirkulasjonssak")
    class Status(models.TextChoices):
        OPEN = "open", _("Åpen for svar")
        CLOSED = "closed", _("Avsluttet")

    class Result(models.TextChoices):
        ADOPTED = "adopted", _("Vedtatt")
        REJECTED = "rejected", _("Ikke vedtatt")
        # Too few member organisations answered (Body.circulation_quorum): no decision at all,
        # which is not the same as a proposal the body voted down.
        FAILED = "failed", _("Ikke beslutningsdyktig")

    # The only allowed moves; services.circulation.circulation_close() enforces them.
    TRANSITIONS = {
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="circulations",
                             verbose_name=_("styringsgruppe"))
    title = models.CharField(_("tittel"), max_length=300)
    background = models.TextField(_("bakgrunn"), blank=True,
                                  validators=[MaxLengthValidator(20000)])
    proposed_decision = models.TextField(_("forslag til vedtak"),
                                         validators=[MaxLengthValidator(4000)])
    deadline = models.DateTimeField(_("svarfrist"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    closed_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)
    # None when the deadline closed it (the periodic task), else the secretariat member.
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    result = models.CharField(_("resultat"), max_length=10, choices=Result.choices, blank=True)
    result_summary = models.CharField(_("opptelling"), max_length=300, blank=True)
    decision_text = models.TextField(_("vedtak"), blank=True)
    orientation_item = models.OneToOneField(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="circulation", verbose_name=_("orienteringssak"),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(table_name="meetings_historicalcirculation")

    class Meta:
        db_table = "meetings_circulation"
        verbose_name = _("sirkulasjonssak")
        verbose_name_plural = _("sirkulasjonssaker")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:circulation_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    def can_move_to(self, status):
        return status in self.TRANSITIONS[self.Status(self.status)]


class CirculationAnswer(models.Model):
    """One member organisation's answer. The database keeps it to one per organisation, given
    by the member or the deputy; until the deadline either may change it (the row is updated,
    simple-history keeps the earlier answer and each change writes an event)."""

    class Answer(models.TextChoices):
        AGREE = "agree", _("Enig")
        DISAGREE = "disagree", _("Uenig")
        ABSTAIN = "abstain", _("Avstår")

    circulation = models.ForeignKey(Circulation, on_delete=models.CASCADE,
                                    related_name="answers")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     verbose_name=_("virksomhet"))
    answered_by = models.ForeignKey(Person, on_delete=models.PROTECT,
                                    verbose_name=_("svart av"))
    answer = models.CharField(_("svar"), max_length=10, choices=Answer.choices)
    comment = models.TextField(_("kommentar"), blank=True,
                               validators=[MaxLengthValidator(2000)])
    # The time of the answer as it stands: the service sets it again when the answer changes.
    answered_at = models.DateTimeField(_("svart"), auto_now_add=True)

    history = HistoricalRecords(table_name="meetings_historicalcirculationanswer")

    class Meta:
        db_table = "meetings_circulationanswer"
        verbose_name = _("svar på sirkulasjonssak")
        verbose_name_plural = _("svar på sirkulasjonssaker")
        ordering = ["circulation", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["circulation", "organisation"],
                                    name="circulation_answer_once_per_organisation"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_answer_display()}"
