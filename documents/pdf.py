"""PDF of a document version, through the rendering app's registry (WeasyPrint in Celery).

Registered from DocumentsConfig.ready(). A version gets a PDF once the steering group is to
see it (submitted for decision) and keeps it through approval and publication; the PDF of a
published version is public. Drafts are not rendered: their text changes with every save.
Publishing orders the public PDF itself (``request``), whether or not the rendering app
renders on every save (settings.PDF_RENDER_ON_SAVE).
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.models import Annex, Document, DocumentVersion, VersionStatus
from governance.permissions.documents import can_manage_documents, can_view_version

KIND = "document_version"
RENDERED = {VersionStatus.SUBMITTED, VersionStatus.APPROVED, VersionStatus.PUBLISHED,
            VersionStatus.SUPERSEDED}


def _stamp(version):
    """What the PDF says about a version that is not public (nothing once it is)."""
    if version.status == VersionStatus.SUBMITTED:
        return _("TIL BEHANDLING"), _("Versjonen er til behandling i styringsgruppen og er "
                                      "ikke godkjent.")
    if version.status == VersionStatus.APPROVED:
        return _("IKKE PUBLISERT"), _("Versjonen er godkjent, men ikke publisert ennå.")
    return "", ""


def version_context(version):
    """Everything the PDF prints, as plain values (the source revision is a hash of it)."""
    version = DocumentVersion.objects.select_related("document__body").get(pk=version.pk)
    document = version.document
    stamp, stamp_note = _stamp(version)
    return {
        "document": {
            "label": document.label, "title": document.title,
            "display_title": document.display_title, "summary": document.summary,
            "audience": document.audience, "body": document.body.name,
            "topics": [t.name for t in document.topics.all()],
        },
        "version": {
            "number": version.number, "approval_reference": version.approval_reference,
            "published_at": version.published_at, "change_log": version.change_log,
            "stamp": stamp, "stamp_note": stamp_note,
            "url": settings.SITE_URL.rstrip("/") + version.get_absolute_url(),
        },
        "toc": version.toc,
        "text_html": version.text_html,
        "annexes": [
            {"title": a.title, "html": a.html if a.kind == Annex.Kind.PAGE else "",
             "file_name": a.original_name or a.title}
            for a in version.annexes.all()
        ],
    }


def _metadata(version):
    from rendering.registry import PdfMetadata

    document = version.document
    return PdfMetadata(
        title=f"{document.display_title} v{version.number}",
        author=document.body.name,
        subject=version.approval_reference or document.summary[:200],
        keywords=tuple(t.name for t in document.topics.all()),
    )


def request(version_pk):
    """Order the PDF of a version now (publication: the public gets no "Lag PDF" button, so
    the PDF must not wait for someone to ask). Idempotent per revision: if the render on save
    already ordered it, this finds that row."""
    from rendering.services import request_render

    version = DocumentVersion.objects.filter(pk=version_pk).first()
    if version is not None:
        request_render(version, KIND)


def register():
    from rendering import registry

    registry.register(registry.PdfKind(
        name=KIND,
        model=DocumentVersion,
        label=gettext_lazy("Dokumentet"),
        template="documents/pdf/version.html",
        context=version_context,
        filename=lambda version, row: f"{version.filename_stem}.pdf",
        metadata=_metadata,
        can_download=can_view_version,
        can_manage=lambda user, v: can_manage_documents(user, v.document.body_id),
        is_public=lambda v: v.is_public,
        applies=lambda v: v.status in RENDERED,
    ))
    registry.watch(DocumentVersion, kinds=[KIND], source=lambda v: v)
    registry.watch(Annex, kinds=[KIND], source=lambda a: a.version_id)
    registry.watch(Document, kinds=[KIND], source=lambda d: d.current_version_id)
