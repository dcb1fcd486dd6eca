"""Who was there: the attendance register of a meeting, pre-filled from representations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Membership, Organisation, Person
from meetings.models.meeting import Meeting


class Attendance(models.Model):
    class Status(models.TextChoices):
        UNKNOWN = "unknown", _("Ikke registrert")
        PRESENT = "present", _("Til stede")
        ABSENT = "absent", _("Forfall")
        DEPUTY = "deputy", _("Vara møter")
        SUBSTITUTE = "substitute", _("Stedfortreder")

    class Capacity(models.TextChoices):
        MEMBER = "member", _("Medlem")
        OBSERVER = "observer", _("Observatør")
        SECRETARIAT = "secretariat", _("Sekretariatet")
        GUEST = "guest", _("Gjest")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances",
                                verbose_name=_("møte"))
    capacity = models.CharField(_("deltar som"), max_length=12, choices=Capacity.choices,
                                default=Capacity.MEMBER)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True,
                                     blank=True, verbose_name=_("virksomhet"))
    membership = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="attendances", verbose_name=_("representant"))
    guest_name = models.CharField(_("navn (gjest)"), max_length=200, blank=True)
    is_chair = models.BooleanField(_("leder"), default=False)
    status = models.CharField(_("til stede / forfall"), max_length=12, choices=Status.choices,
                              default=Status.UNKNOWN)
    substitute_for = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="substituted_by",
                                       verbose_name=_("stedfortreder for"))
    digital = models.BooleanField(_("digitalt"), default=False)
    partial_note = models.CharField(
        _("delvis til stede"), max_length=120, blank=True,
        help_text=_("F.eks. «frem til 11.05» eller «fra 11:00»."),
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    reported_at = models.DateTimeField(_("meldt"), null=True, blank=True)
    note = models.CharField(_("merknad"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("oppmøte")
        verbose_name_plural = _("oppmøte")
        ordering = ["meeting", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=models.Q(person__isnull=False),
                name="attendance_person_once_per_meeting",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.status_text}"

    @property
    def name(self):
        return self.person.name if self.person_id else self.guest_name

    @property
    def status_text(self):
        """As the seeds write it: «Til stede frem til 11.05 (digitalt)», «Forfall»."""
        if self.status == self.Status.UNKNOWN:
            return ""
        if self.status == self.Status.ABSENT:
            return str(_("Forfall"))
        text = str(_("Til stede"))
        if self.partial_note:
            text += f" {self.partial_note}"
        if self.digital:
            text += " " + str(_("(digitalt)"))
        return text


class MinutesCorrection(models.Model):
    """A change to approved minutes: allowed only as a recorded revision with a reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="corrections")
    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.SET_NULL, null=True,
                             blank=True)
    reason = models.CharField(_("begrunnelse"), max_length=500)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rettelse i godkjent referat")
        verbose_name_plural = _("rettelser i godkjente referater")
        ordering = ["meeting", "made_at"]

    def __str__(self):
        return f"{self.meeting}: {self.reason}"
