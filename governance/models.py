"""Who governs: bodies, organisations and the people who represent them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Body(models.Model):
    """A governing group, e.g. Styringsgruppen for Normen or Nasjonalt e-helsestyre."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    short_name = models.CharField(
        _("kortnavn"), max_length=80, help_text=_("Brukes i vedtak: «Styringsgruppen godkjenner …»")
    )
    slug = models.SlugField(_("nettadresse"), unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    email = models.EmailField(_("e-post til sekretariatet"), blank=True)
    # A percentage rather than a count, so the rule stays right when organisations join or
    # leave: the count is worked out from the member organisations on the day it closes.
    circulation_quorum = models.PositiveSmallIntegerField(
        _("beslutningsdyktighet ved sirkulasjon (prosent)"), default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("En sirkulasjonssak er beslutningsdyktig når flere enn så mange prosent av "
                    "medlemsvirksomhetene har svart innen svarfristen. 50 betyr at mer enn "
                    "halvparten må svare; 100 betyr at alle må svare."),
    )
    minutes_public = models.BooleanField(
        _("referater og vedtak er offentlige"), default=True,
        help_text=_("Godkjente referater og vedtak vises for alle. Slå av for en gruppe som "
                    "ikke publiserer protokollen sin."),
    )
    numbers_meetings = models.BooleanField(
        _("møtene nummereres"), default=False,
        help_text=_("Møtene får nummer per år: «Møte 3/2021»."),
    )
    # A body that moves its history into the portal mid-year keeps its numbers: the portal's
    # first case that year gets this number (15/21 after 14 cases kept on paper).
    case_numbering_year = models.PositiveSmallIntegerField(
        _("år for første saksnummer"), null=True, blank=True)
    case_numbering_first = models.PositiveIntegerField(
        _("første saksnummer"), null=True, blank=True,
        help_text=_("For en gruppe som flytter saker inn i portalen midt i året: nummeret den "
                    "første saken i portalen skal få dette året, f.eks. 15 for sak 15/21."),
    )

    history = HistoricalRecords(table_name="meetings_historicalbody")

    class Meta:
        db_table = "meetings_body"
        verbose_name = _("styringsgruppe")
        verbose_name_plural = _("styringsgrupper")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(case_numbering_year__isnull=True,
                                   case_numbering_first__isnull=True)
                | models.Q(case_numbering_year__isnull=False, case_numbering_first__isnull=False,
                           case_numbering_first__gte=1),
                name="body_case_numbering_start_complete",
            ),
        ]

    def __str__(self):
        return self.name

    def first_case_number(self, year):
        """Where the portal starts numbering the body's cases in ``year`` (1 unless the body
        brought its earlier numbers of that year along)."""
        if self.case_numbering_year == year and self.case_numbering_first:
            return self.case_numbering_first
        return 1

    @property
    def possessive(self):
        """«Styringsgruppens vedtak»: Norwegian genitive of the short name."""
        return self.short_name if self.short_name.endswith("s") else f"{self.short_name}s"


class Organisation(models.Model):
    """A member or observer organisation, e.g. Helse Nord RHF or IKT-Norge."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    short_name = models.CharField(_("kortnavn"), max_length=60, blank=True)

    history = HistoricalRecords(table_name="meetings_historicalorganisation")

    class Meta:
        db_table = "meetings_organisation"
        verbose_name = _("virksomhet")
        verbose_name_plural = _("virksomheter")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def display_short(self):
        return self.short_name or self.name


def check_period(obj):
    """``clean()`` of a model with a ``start_date``/``end_date`` period: it must not end
    before it starts. (Representation's database constraint says so too, in English.)"""
    if obj.start_date and obj.end_date and obj.end_date < obj.start_date:
        raise ValidationError({"end_date": _("Til-datoen kan ikke være før fra-datoen.")})


def period_covers(on, prefix=""):
    """``Q``: a period of ``start_date``/``end_date`` (empty = open-ended) covers the day
    ``on``. Memberships and representations share it, so "current" means one thing."""
    return (
        (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": on}))
        & (Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on}))
    )


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships in force on the day ``on`` (today): an organisation that has left
        the body, or not yet joined it, has no seat."""
        return self.filter(period_covers(on or timezone.localdate()))


class Membership(models.Model):
    """An organisation's seat in a body. The same organisation can be a member of one body and
    an observer in another (Norsk Helsenett), so the kind lives here, not on the organisation."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("Medlem")
        OBSERVER = "observer", _("Observatør")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("styringsgruppe"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="memberships", verbose_name=_("virksomhet"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    represents = models.CharField(
        _("representerer"), max_length=120, blank=True,
        help_text=_("Kategori virksomheten representerer, f.eks. «Pasientorganisasjoner»."),
    )
    sort_order = models.PositiveIntegerField(_("rekkefølge"), default=0)
    start_date = models.DateField(_("fra"), null=True, blank=True)
    end_date = models.DateField(_("til"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords(table_name="meetings_historicalmembership")

    class Meta:
        db_table = "meetings_membership"
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["body", "kind", "sort_order", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["body", "organisation"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_kind_display()}, {self.body.short_name})"

    def clean(self):
        check_period(self)

    def covers(self, on):
        """The membership is in force on the day ``on`` (``MembershipQuerySet.current``)."""
        return ((self.start_date is None or self.start_date <= on)
                and (self.end_date is None or self.end_date >= on))

    @property
    def label(self):
        """As the minutes write it: «Private helsevirksomheter (representert ved Fürst)»."""
        if self.represents:
            return f"{self.represents} (representert ved {self.organisation.display_short})"
        return self.organisation.name


class Person(models.Model):
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    title = models.CharField(_("stilling"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="person", verbose_name=_("brukerkonto"),
    )

    history = HistoricalRecords(table_name="meetings_historicalperson")

    class Meta:
        db_table = "meetings_person"
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class RepresentationQuerySet(models.QuerySet):
    def seated(self, on=None):
        """The seat rule, the one place it is written: a representation gives a seat on the
        day ``on`` (today) only while its own period covers that day **and**, for a seat on
        behalf of an organisation, that organisation's membership of the body does too.
        The secretariat sits for the body itself and needs no membership.

        Access uses it with today; attendance, notices and answers with the meeting's (or
        the answer's) day. ``holds_seat`` below is the same rule for one representation."""
        on = on or timezone.localdate()
        membership = Membership.objects.current(on).filter(
            body_id=OuterRef("body_id"), organisation_id=OuterRef("organisation_id"))
        return self.filter(period_covers(on)).filter(
            Q(role=Representation.Role.SECRETARIAT) | Exists(membership))

    def seat_kind_on(self, on=None):
        """Annotate ``seat_kind``: the kind (member/observer) of the organisation's current
        membership, for a queryset already narrowed by ``seated(on)``."""
        on = on or timezone.localdate()
        return self.annotate(seat_kind=models.Subquery(
            Membership.objects.current(on).filter(
                body_id=OuterRef("body_id"), organisation_id=OuterRef("organisation_id"),
            ).values("kind")[:1]))


class Representation(models.Model):
    """A person's role in a body, usually on behalf of an organisation, for a period."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Leder")
        MEMBER = "member", _("Representant")
        DEPUTY = "deputy", _("Vara")
        SECRETARIAT = "secretariat", _("Sekretariat")

    # The roles that hold an organisation's seat (and speak, answer and get the papers for
    # it), best first: defined once, used by every list of seat holders.
    SEAT_ROLES = (Role.CHAIR, Role.MEMBER, Role.DEPUTY)

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="representations",
                               verbose_name=_("person"))
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="representations",
                             verbose_name=_("styringsgruppe"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True,
        related_name="representations", verbose_name=_("virksomhet"),
        help_text=_("Tom for sekretariatet."),
    )
    role = models.CharField(_("rolle"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("fra"), null=True, blank=True)
    end_date = models.DateField(_("til"), null=True, blank=True)

    objects = RepresentationQuerySet.as_manager()
    history = HistoricalRecords(table_name="meetings_historicalrepresentation")

    class Meta:
        db_table = "meetings_representation"
        verbose_name = _("representasjon")
        verbose_name_plural = _("representasjoner")
        ordering = ["body", "organisation__name", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="representation_period_ordered",
            ),
        ]

    def __str__(self):
        org = f", {self.organisation}" if self.organisation_id else ""
        return f"{self.person} ({self.get_role_display()}{org})"

    def get_absolute_url(self):
        return reverse("admin:governance_representation_change", args=[self.pk])

    def clean(self):
        check_period(self)
        # The secretariat sits for the body itself; every other role holds an
        # organisation's seat (SEAT_ROLES), so it needs the organisation.
        if self.role == self.Role.SECRETARIAT and self.organisation_id:
            raise ValidationError({"organisation": _(
                "Sekretariatet representerer ikke en virksomhet. La feltet stå tomt.")})
        if self.role != self.Role.SECRETARIAT and not self.organisation_id:
            raise ValidationError({"organisation": _(
                "Velg virksomheten personen representerer.")})

    def holds_seat(self, on=None):
        """The seat rule for this representation (``RepresentationQuerySet.seated``)."""
        return Representation.objects.seated(on).filter(pk=self.pk).exists()
