"""The record of every change of state: one typed row per event, written in the same
transaction as the change (as Zulip's RealmAuditLog and the IETF datatracker's DocEvent).

simple-history keeps field-level history beside it; an event says *what happened* in the
body's terms ("the minutes of 27.09.2023 were approved in case 14/23"), by whom, when and why.
Events are never changed or deleted: the model refuses both, and the admin shows them only.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    # Meetings and their agenda
    NOTICE_SENT = "notice_sent", _("Innkalling sendt")
    AGENDA_CHANGED = "agenda_changed", _("Endringer i dagsorden sendt")
    MESSAGE_RESENT = "message_resent", _("Sendt på nytt til én mottaker")
    MEETING_STARTED = "meeting_started", _("Møtet startet")
    MEETING_HELD = "meeting_held", _("Møtet avholdt")
    # Minutes and decisions
    DECISION_RECORDED = "decision_recorded", _("Vedtak registrert")
    DECISION_CHANGED = "decision_changed", _("Vedtak endret før godkjenning")
    MINUTES_SENT_FOR_REVIEW = "minutes_review", _("Referat sendt på gjennomlesning")
    MINUTES_REOPENED = "minutes_reopened", _("Referat tatt tilbake fra gjennomlesning")
    MINUTES_APPROVED = "minutes_approved", _("Referat godkjent")
    CORRECTION_MADE = "correction_made", _("Rettelse i godkjent referat")
    RESTORED = "restored", _("Tidligere versjon gjenopprettet")
    # Document versions
    VERSION_STATUS = "version_status", _("Status for versjon endret")
    VERSION_APPROVED = "version_approved", _("Versjon godkjent")
    VERSION_PUBLISHED = "version_published", _("Versjon publisert")
    VERSION_WITHDRAWN = "version_withdrawn", _("Versjon trukket tilbake")
    # Circulations (vedtak ved sirkulasjon)
    CIRCULATION_OPENED = "circulation_opened", _("Sirkulasjonssak sendt")
    CIRCULATION_ANSWERED = "circulation_answered", _("Svar på sirkulasjonssak")
    CIRCULATION_CLOSED = "circulation_closed", _("Sirkulasjonssak avsluttet")
    # Action plans
    PLAN_STATUS = "plan_status", _("Status for handlingsplan endret")
    # Who governs: a body's own settings, its organisations and their representatives
    BODY_CHANGED = "body_changed", _("Innstillinger for styringsgruppen endret")
    MEMBERSHIP_ADDED = "membership_added", _("Virksomhet lagt til i styringsgruppen")
    MEMBERSHIP_ENDED = "membership_ended", _("Medlemskap avsluttet")
    REPRESENTATION_ADDED = "representation_added", _("Representant lagt til")
    REPRESENTATIVE_REPLACED = "representative_replaced", _("Representant byttet")
    INVITATION_SENT = "invitation_sent", _("Invitasjon til innlogging sendt")


class EventQuerySet(models.QuerySet):
    def about(self, obj):
        return self.filter(subject_type=ContentType.objects.get_for_model(obj),
                           subject_id=obj.pk)


class Event(models.Model):
    kind = models.CharField(_("hendelse"), max_length=30, choices=EventKind.choices,
                            db_index=True)
    at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("utført av"))
    body = models.ForeignKey("governance.Body", on_delete=models.PROTECT, related_name="events",
                             verbose_name=_("styringsgruppe"))
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    # What the timeline shows: written when the event happens, in the words of that day.
    summary = models.CharField(_("sammendrag"), max_length=500)
    reason = models.TextField(_("begrunnelse"), blank=True)
    data = models.JSONField(_("detaljer"), default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("hendelse")
        verbose_name_plural = _("hendelser")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Events are the record; they are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Events are the record; they are never deleted.")
