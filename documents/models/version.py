"""Versions of a document (v1.0, v3.0) and their annexes.

A version moves through explicit states; ``DocumentVersion.TRANSITIONS`` lists every allowed
move and ``documents.services.versions.version_transition`` is the one place that makes them.
Only drafts and versions returned for revision can be edited: what the steering group approves
is exactly the text it was shown, so a change after that is a new version.
"""

import re

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models.document import Document
from normen_portal.states import StateMachine
from normen_portal.uploads import UploadValidator

VERSION_NUMBER = re.compile(r"^(\d{1,3})\.(\d{1,3})$")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Utkast")
    CONSULTATION = "consultation", _("På høring")
    SUBMITTED = "submitted", _("Sendt til behandling")
    APPROVED = "approved", _("Godkjent")
    PUBLISHED = "published", _("Publisert")
    RETURNED = "returned", _("Sendt tilbake for revisjon")
    WITHDRAWN = "withdrawn", _("Trukket")
    SUPERSEDED = "superseded", _("Erstattet av nyere versjon")


def source_path(instance, filename):
    return f"dokumenter/{instance.document_id}/kilder/{filename}"


def annex_path(instance, filename):
    return f"dokumenter/{instance.version.document_id}/vedlegg/{filename}"


class DocumentVersion(StateMachine, models.Model):
    STATE_SUBJECT = _("En versjon")
    S = VersionStatus
    # The only allowed moves; version_transition() enforces them.
    TRANSITIONS = {
        S.DRAFT: {S.CONSULTATION, S.SUBMITTED, S.WITHDRAWN},
        S.CONSULTATION: {S.DRAFT, S.SUBMITTED, S.WITHDRAWN},
        # Back to draft: the secretariat takes the version off the agenda before the meeting.
        S.SUBMITTED: {S.APPROVED, S.RETURNED, S.WITHDRAWN, S.DRAFT},
        S.RETURNED: {S.DRAFT, S.WITHDRAWN},
        S.APPROVED: {S.PUBLISHED},
        S.PUBLISHED: {S.SUPERSEDED},
        S.WITHDRAWN: set(),
        S.SUPERSEDED: set(),
    }
    EDITABLE = {S.DRAFT, S.RETURNED}
    PUBLIC = {S.PUBLISHED, S.SUPERSEDED}
    # A document has at most one version in one of these states at a time.
    OPEN = {S.DRAFT, S.CONSULTATION, S.SUBMITTED, S.RETURNED, S.APPROVED}

    class PublishPlan(models.TextChoices):
        IMMEDIATELY = "immediately", _("Straks vedtaket er registrert")
        SCHEDULED = "scheduled", _("På et bestemt tidspunkt")
        MANUAL = "manual", _("Når sekretariatet publiserer")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions",
                                 verbose_name=_("dokument"))
    number = models.CharField(
        _("versjonsnummer"), max_length=7,
        validators=[RegexValidator(VERSION_NUMBER, _("Skriv versjonsnummeret som 1.0 eller 3.1."))],
    )
    major = models.PositiveIntegerField(default=1, editable=False)
    minor = models.PositiveIntegerField(default=0, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT, db_index=True)
    text_html = models.TextField(_("tekst"), blank=True)
    # Derived from text_html by the services: the plain text for search, the headings for the
    # table of contents.
    text_plain = models.TextField(blank=True, editable=False)
    toc = models.JSONField(default=list, blank=True, editable=False)
    source_docx = models.FileField(_("Word-fil"), upload_to=source_path, blank=True,
                                   max_length=300,
                                   validators=[UploadValidator("document_docx")])
    source_docx_name = models.CharField(max_length=255, blank=True, editable=False)
    source_pdf = models.FileField(_("PDF-kilde"), upload_to=source_path, blank=True,
                                  max_length=300, validators=[UploadValidator("document_pdf")])
    change_log = models.TextField(
        _("endringer i denne versjonen"), blank=True,
        help_text=_("Hva som er nytt eller endret siden forrige versjon."),
    )
    decision_case = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="document_versions", verbose_name=_("vedtakssak"),
    )
    approved_on = models.DateField(_("godkjent dato"), null=True, blank=True)
    approval_reference = models.CharField(
        _("godkjenning"), max_length=300, blank=True,
        help_text=_("F.eks. «Godkjent av Styringsgruppen for Normen 10.06.2024, sak 15/24»."),
    )
    publish_plan = models.CharField(_("publisering"), max_length=12,
                                    choices=PublishPlan.choices,
                                    default=PublishPlan.IMMEDIATELY)
    publish_at = models.DateTimeField(_("publiseres"), null=True, blank=True)
    published_at = models.DateTimeField(_("publisert"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("erstattet"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped on every save through the services: the optimistic lock for concurrent edits.
    version = models.PositiveIntegerField(default=1, editable=False)
    # Title (A), summary (B) and text (C) in the «norwegian» configuration; written by
    # documents.search.refresh_vector() on PostgreSQL, empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector", "text_plain", "toc"])

    class Meta:
        verbose_name = _("dokumentversjon")
        verbose_name_plural = _("dokumentversjoner")
        ordering = ["document", "-major", "-minor"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"],
                                    name="version_number_unique_per_document"),
        ]
        # Migration 0002 creates this index on PostgreSQL only: SQLite, the local default,
        # has no GIN (and no full-text search; see documents.search).
        indexes = [GinIndex(fields=["search_vector"], name="version_search_gin")]

    def __str__(self):
        return f"{self.document.display_title} v{self.number}"

    def get_absolute_url(self):
        """The public URL; only published and superseded versions answer there."""
        return reverse(f"documents:{self.document.kind}_version", args=self.url_args())

    def clean(self):
        match = VERSION_NUMBER.match(self.number or "")
        if match:
            self.major, self.minor = int(match[1]), int(match[2])
        if self.publish_plan == self.PublishPlan.SCHEDULED and not self.publish_at:
            raise ValidationError({"publish_at": _("Velg når versjonen skal publiseres.")})

    @property
    def is_editable(self):
        return self.status in self.EDITABLE

    @property
    def is_public(self):
        return self.status in self.PUBLIC

    @property
    def is_open(self):
        return self.status in self.OPEN

    @property
    def label(self):
        return f"v{self.number}"

    def url_args(self):
        return [*self.document.url_args(), self.number]

    def get_docx_url(self):
        return reverse(f"documents:{self.document.kind}_docx", args=self.url_args())

    def get_workspace_url(self):
        return reverse("documents:work_version", args=[self.pk])

    @property
    def filename_stem(self):
        """«faktaark-59-v1.0», «medisinsk-utstyr-v3.0»."""
        doc = self.document
        stem = f"faktaark-{doc.code}" if doc.kind == Document.Kind.FACT_SHEET else doc.slug
        return f"{stem}-v{self.number}"


class Annex(models.Model):
    """A vedlegg to a version: an uploaded file or a page of text (e.g. the HUKI matrix)."""

    class Kind(models.TextChoices):
        FILE = "file", _("Fil")
        PAGE = "page", _("Side")

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE,
                                related_name="annexes", verbose_name=_("versjon"))
    position = models.PositiveIntegerField(_("rekkefølge"), default=0)
    kind = models.CharField(_("type vedlegg"), max_length=4, choices=Kind.choices,
                            default=Kind.PAGE)
    title = models.CharField(_("tittel"), max_length=300)
    slug = models.SlugField(_("nettadresse"), max_length=120)
    html = models.TextField(_("tekst"), blank=True)
    file = models.FileField(_("fil"), upload_to=annex_path, blank=True, max_length=300,
                            validators=[UploadValidator("document_annex")])
    original_name = models.CharField(max_length=255, blank=True, editable=False)
    content_type = models.CharField(max_length=120, blank=True, editable=False)
    size = models.PositiveBigIntegerField(default=0, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vedlegg")
        verbose_name_plural = _("vedlegg")
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "slug"], name="annex_slug_unique"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        kind = self.version.document.kind
        if self.kind == self.Kind.FILE:
            return reverse(f"documents:{kind}_annex_file", args=[*self.version.url_args(),
                                                                self.slug])
        return reverse(f"documents:{kind}_annex", args=[*self.version.url_args(), self.slug])
