"""What a user may see of an object's PDFs: the one place that applies the download rules."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from rendering import registry
from rendering.models import RenderedPdf

# A job still waiting after this long is probably stuck (broker down, worker gone): the
# secretariat is offered "Lag PDF på nytt" and everyone is told it is still waiting.
STALE_AFTER = timedelta(minutes=2)


@dataclass
class PdfState:
    kind: registry.PdfKind
    obj: Any
    latest: RenderedPdf | None  # the newest row; None for users who see only public PDFs
    download: RenderedPdf | None  # the newest ready row this user may download
    can_manage: bool
    sees_drafts: bool

    @property
    def status(self):
        if not self.sees_drafts:
            return "ready" if self.download else "none"
        return self.latest.status if self.latest else "none"

    @property
    def polling(self):
        return self.latest is not None and self.latest.is_in_progress

    @property
    def is_current(self):
        return self.download is not None and (
            not self.sees_drafts or self.download == self.latest)

    @property
    def is_stale(self):
        return self.polling and timezone.now() - self.latest.updated_at > STALE_AFTER

    @property
    def can_order(self):
        return self.can_manage and (not self.polling or self.is_stale)

    @property
    def token(self):
        """What the page shows now; the status view answers 204 while it stays the same."""
        row = self.latest or self.download
        return f"{row.pk}-{row.status}-{int(self.is_stale)}" if row else "none"

    @property
    def dom_id(self):
        return f"pdf-{self.kind.name}-{self.obj.pk}"

    @property
    def status_url(self):
        return reverse("rendering:status", args=[self.kind.name, self.obj.pk])

    @property
    def order_url(self):
        return reverse("rendering:order", args=[self.kind.name, self.obj.pk])

    @property
    def download_url(self):
        return reverse("rendering:download", args=[self.download.pk]) if self.download else ""


def may_download(user, row, obj, kind):
    """A ready row: anyone if its source was public in that revision, else the kind's rule."""
    return row.is_ready and (row.is_public or kind.can_download(user, obj))


def pdf_state(obj, kind, user):
    """The state of ``obj``'s PDF of ``kind`` as ``user`` may see it, or None if there is
    nothing for them to see (the kind does not apply, or no public PDF exists)."""
    kind = registry.get(kind)
    if not kind.applies(obj):
        return None
    rows = RenderedPdf.objects.for_source(obj, kind.name)
    if kind.can_download(user, obj):
        latest = rows.first()
        download = latest if latest and latest.is_ready else (
            rows.filter(status=RenderedPdf.Status.READY).first())
        return PdfState(kind=kind, obj=obj, latest=latest, download=download,
                        can_manage=kind.can_manage(user, obj), sees_drafts=True)
    public = rows.filter(status=RenderedPdf.Status.READY, is_public=True).first()
    if public is None:
        return None
    return PdfState(kind=kind, obj=obj, latest=None, download=public, can_manage=False,
                    sees_drafts=False)
