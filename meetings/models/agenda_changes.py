"""What was sent to the members about a meeting, and what changed on its agenda since.

The notice and every later change message are ``NoticeDispatch`` rows: together they are the
record of what each member was told and when. ``AgendaChange`` rows are written for every change
to an agenda after the notice went out; the ones not yet sent are what the next change message
("Endringer i dagsorden") lists. Both are append-only logs written by the services, so they carry
no simple-history of their own: the items and meetings they describe do.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from meetings.models.agenda import AgendaItem
from meetings.models.meeting import Meeting


class NoticeDispatch(models.Model):
    """One message to the members: the notice itself, or a message about changes to it."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("Innkalling")
        CHANGES = "changes", _("Endringer i dagsorden")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="dispatches",
                                verbose_name=_("møte"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    # The calendar invitation's SEQUENCE: 0 for the notice, one more for every later message,
    # so calendar programs replace the invitation they already have instead of adding another.
    sequence = models.PositiveIntegerField(_("løpenummer"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+", verbose_name=_("sendt av"))
    created_at = models.DateTimeField(_("sendt"), default=timezone.now)
    # Names and addresses as they were when the message went out; the roster changes later.
    recipients = models.JSONField(_("mottakere"), default=list, blank=True)
    emails_sent_at = models.DateTimeField(_("e-post levert til utsending"), null=True,
                                          blank=True)

    class Meta:
        verbose_name = _("utsending")
        verbose_name_plural = _("utsendinger")
        ordering = ["meeting", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "sequence"],
                                    name="notice_dispatch_sequence_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.meeting} ({self.sequence})"


class AgendaChange(models.Model):
    """A change to an agenda after its notice was sent, in words the members read."""

    class Kind(models.TextChoices):
        ADDED = "added", _("Lagt til")
        CHANGED = "changed", _("Endret")
        MOVED = "moved", _("Flyttet")
        WITHDRAWN = "withdrawn", _("Trukket")
        REMOVED = "removed", _("Fjernet")
        ATTACHMENT = "attachment", _("Vedlegg")
        MEETING = "meeting", _("Møtet")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE,
                                related_name="agenda_changes", verbose_name=_("møte"))
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="agenda_changes", verbose_name=_("sak"))
    kind = models.CharField(_("type endring"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("beskrivelse"), max_length=600)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("endret av"))
    created_at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    # Empty until a change message tells the members about it.
    dispatch = models.ForeignKey(NoticeDispatch, on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="changes",
                                 verbose_name=_("sendt i"))

    class Meta:
        verbose_name = _("endring i dagsorden")
        verbose_name_plural = _("endringer i dagsorden")
        ordering = ["meeting", "created_at", "pk"]
        indexes = [models.Index(fields=["meeting", "dispatch"])]

    def __str__(self):
        return self.description
