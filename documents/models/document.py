"""What Normen publishes: fact sheets (Faktaark 59, 6b), guides (veiledere) and other documents.

A document is the stable thing people link to (``/faktaark/59/``); its text lives in versions.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.models import Body


class Topic(models.Model):
    """A subject the library can be filtered by, e.g. «Risikostyring»."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("nettadresse"), unique=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """Documents the public can read: those with a published version."""
        return self.filter(current_version__isnull=False)


class Document(models.Model):
    class Kind(models.TextChoices):
        FACT_SHEET = "fact_sheet", _("Faktaark")
        GUIDE = "guide", _("Veileder")
        OTHER = "other", _("Annet dokument")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Gjeldende")
        EXPIRED = "expired", _("Utgått")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="documents",
                             verbose_name=_("styringsgruppe"),
                             help_text=_("Styringsgruppen som godkjenner dokumentet."))
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices,
                            default=Kind.FACT_SHEET)
    number = models.PositiveIntegerField(_("nummer"), null=True, blank=True,
                                         help_text=_("Faktaarkets nummer, f.eks. 59."))
    suffix = models.CharField(_("bokstav"), max_length=2, blank=True,
                              help_text=_("Valgfri bokstav etter nummeret, f.eks. «b» i 6b."))
    slug = models.SlugField(_("nettadresse"), max_length=120, unique=True,
                            help_text=_("Brukes i adressen til veiledere: /veiledere/<adresse>/."))
    title = models.CharField(_("tittel"), max_length=300)
    summary = models.TextField(_("sammendrag"), blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="documents",
                                    verbose_name=_("temaer"))
    audience = models.CharField(_("målgruppe"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.ACTIVE)
    expired_on = models.DateField(_("utgått fra"), null=True, blank=True)
    # The published version the public reads; set by the publishing service only.
    current_version = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("gjeldende versjon"),
    )
    first_published_at = models.DateTimeField(_("først publisert"), null=True, blank=True,
                                              editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        ordering = ["kind", "number", "suffix", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number", "suffix"], condition=Q(number__isnull=False),
                name="document_number_unique_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=False) | ~Q(kind="fact_sheet"),
                name="fact_sheet_has_number",
            ),
        ]

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse(f"documents:{self.kind}_detail", args=self.url_args())

    def clean(self):
        self.suffix = (self.suffix or "").strip().lower()
        if self.suffix and not re.fullmatch(r"[a-z]", self.suffix):
            raise ValidationError({"suffix": _("Bruk én bokstav fra a til z, f.eks. «b».")})
        if self.kind == self.Kind.FACT_SHEET and self.number is None:
            raise ValidationError({"number": _("Et faktaark må ha et nummer.")})
        if self.suffix and self.number is None:
            raise ValidationError({"suffix": _("En bokstav krever et nummer.")})

    @property
    def code(self):
        """«59», «6b»: what follows «Faktaark» and what the URL uses."""
        if self.number is None:
            return ""
        return f"{self.number}{self.suffix}"

    @property
    def label(self):
        """«Faktaark 59», «Veileder»."""
        if self.code:
            return f"{self.get_kind_display()} {self.code}"
        return str(self.get_kind_display())

    @property
    def short_label(self):
        """For breadcrumbs and kickers: «Faktaark 59», or the title of a guide."""
        return self.label if self.code else self.title

    @property
    def display_title(self):
        if self.code:
            return f"{self.label}: {self.title}"
        return self.title

    @property
    def is_expired(self):
        return self.status == self.Status.EXPIRED

    def url_args(self):
        return [self.code] if self.kind == self.Kind.FACT_SHEET else [self.slug]

    def get_workspace_url(self):
        return reverse("documents:work_document", args=[self.pk])
