"""Rendered PDFs: one immutable file per source object, kind and source revision.

A row is created (``pending``) when a render is requested for the current revision of its
source; a Celery worker moves it to ``rendering`` and then ``ready`` (file, checksum) or, after
its last retry, ``failed``. A ready row never changes again: when the source changes, its new
revision gets a new row, so a downloaded PDF always matches the revision recorded for it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from normen_portal.states import InvalidTransition, StateMachine

__all__ = ["InvalidTransition", "RenderedPdf"]


def pdf_path(instance, filename):
    # The revision in the name keeps every version's file apart; the storage adds a suffix
    # should two workers ever store the same revision.
    return (f"pdf/{instance.kind}/{instance.object_id}/"
            f"{instance.source_revision[:16]}.pdf")


class RenderedPdfQuerySet(models.QuerySet):
    def for_source(self, obj, kind):
        return self.filter(content_type=ContentType.objects.get_for_model(obj),
                           object_id=obj.pk, kind=kind)


class RenderedPdf(StateMachine, models.Model):
    STATE_SUBJECT = _("En PDF")
    class Status(models.TextChoices):
        PENDING = "pending", _("Venter")
        RENDERING = "rendering", _("Lages")
        READY = "ready", _("Klar")
        FAILED = "failed", _("Feilet")

    # The only allowed moves. RENDERING → RENDERING is a worker taking over the job of a worker
    # that died mid-render; RENDERING → PENDING is a failed attempt waiting for its retry.
    TRANSITIONS = {
        Status.PENDING: {Status.RENDERING, Status.FAILED},
        Status.RENDERING: {Status.RENDERING, Status.READY, Status.PENDING, Status.FAILED},
        Status.FAILED: {Status.PENDING},
        Status.READY: set(),
    }

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    source = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("type"), max_length=50)
    source_revision = models.CharField(_("kildeversjon"), max_length=64)
    is_public = models.BooleanField(
        _("offentlig"), default=False,
        help_text=_("Kilden var offentlig i denne versjonen (f.eks. et godkjent referat)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    file = models.FileField(_("fil"), upload_to=pdf_path, max_length=300, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("størrelse i byte"), default=0)
    pages = models.PositiveIntegerField(_("sider"), default=0)
    error = models.TextField(_("feilmelding"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøk"), default=0)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    # Moved forward whenever the current revision resolves to this row, so "the newest row"
    # is the current one even after an edit is undone back to an earlier, rendered revision.
    requested_at = models.DateTimeField(_("sist bestilt"), default=timezone.now)
    updated_at = models.DateTimeField(_("endret"), auto_now=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ferdig"), null=True, blank=True)
    # Set while a failed attempt waits for its retry, so the sweep leaves it alone until then.
    retry_at = models.DateTimeField(_("nytt forsøk"), null=True, blank=True)
    render_seconds = models.FloatField(_("tid brukt (s)"), null=True, blank=True)

    objects = RenderedPdfQuerySet.as_manager()

    class Meta:
        verbose_name = _("PDF")
        verbose_name_plural = _("PDF-er")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "source_revision"],
                name="rendered_pdf_one_row_per_revision",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(checksum=""),
                name="rendered_pdf_ready_has_checksum",
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id", "kind", "-requested_at"],
                         name="rendered_pdf_latest_request"),
            models.Index(fields=["status", "updated_at"], name="rendered_pdf_sweep"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id} ({self.source_revision[:8]}, {self.status})"

    # What a ready row records about its file; none of it may change afterwards.
    IMMUTABLE_WHEN_READY = ("status", "file", "checksum", "size", "pages", "source_revision",
                            "content_type_id", "object_id", "kind", "is_public")

    def save(self, *args, **kwargs):
        # A ready PDF is an archived record: refuse to write over it.
        if self.pk and not self._state.adding:
            stored = (RenderedPdf.objects.filter(pk=self.pk)
                      .values(*self.IMMUTABLE_WHEN_READY).first())
            if stored and stored["status"] == self.Status.READY and any(
                str(getattr(self, f) or "") != str(stored[f] or "")
                for f in self.IMMUTABLE_WHEN_READY
            ):
                raise InvalidTransition(f"PDF {self.pk} is ready and cannot be changed")
        super().save(*args, **kwargs)

    @property
    def is_ready(self):
        return self.status == self.Status.READY

    @property
    def is_in_progress(self):
        return self.status in (self.Status.PENDING, self.Status.RENDERING)

    def move_to(self, status, **changes):
        """Change status (and the given fields) and save, or raise InvalidTransition."""
        status = self.Status(status)
        StateMachine.move_to(self, status)
        for field, value in changes.items():
            setattr(self, field, value)
        if status in (self.Status.READY, self.Status.FAILED):
            self.finished_at = timezone.now()
        self.full_clean(exclude=["file", "content_type"])
        self.save()
