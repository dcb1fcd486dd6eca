"""Annexes (vedlegg) of a version: files, or pages of text such as the HUKI matrix.

Annexes belong to the version the steering group approves, so they change only while the
version's text may change.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _

from documents.models import Annex
from documents.services.versions import _check_actor, _locked, _require_editable
from normen_portal.richtext import sanitize
from normen_portal.uploads import check_upload


def _unique_slug(version, title, exclude_pk=None):
    base = slugify(title)[:100].strip("-") or "vedlegg"
    slug, n = base, 2
    taken = set(version.annexes.exclude(pk=exclude_pk).values_list("slug", flat=True))
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_file(upload):
    """The policy's verdict on an annex file (annexes become public with their version)."""
    try:
        return check_upload(upload, "document_annex")
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc


@transaction.atomic
def annex_add(version, *, actor, title, kind, html="", upload=None):
    version = _locked(version)
    _check_actor(actor, version)
    _require_editable(version)
    annex = Annex(version=version, title=title.strip(), kind=kind,
                  slug=_unique_slug(version, title),
                  position=(version.annexes.count() + 1) * 10)
    if kind == Annex.Kind.PAGE:
        annex.html = sanitize(html, "document")
        if not annex.html.strip():
            raise ValidationError({"html": _("Skriv teksten i vedlegget.")})
    else:
        if upload is None:
            raise ValidationError({"file": _("Velg en fil.")})
        clean = _check_file(upload)
        # The content decides how it is served, never the browser's claimed type.
        annex.content_type = clean.content_type
        annex.original_name = clean.name[:255]
        annex.size = clean.size
        # Assigned, not yet stored: full_clean runs the field's validator first, and the
        # file reaches storage only when the row is saved.
        upload.name = get_valid_filename(clean.name) or f"vedlegg.{clean.extension}"
        annex.file = upload
    annex.full_clean()
    annex._change_reason = _("Vedlegg lagt til")
    annex.save()
    return annex


@transaction.atomic
def annex_update(annex, *, actor, title, html=None):
    version = _locked(annex.version)
    _check_actor(actor, version)
    _require_editable(version)
    annex = Annex.objects.select_for_update().get(pk=annex.pk)
    annex.title = title.strip()
    if annex.kind == Annex.Kind.PAGE and html is not None:
        annex.html = sanitize(html, "document")
        if not annex.html.strip():
            raise ValidationError({"html": _("Skriv teksten i vedlegget.")})
    annex.full_clean()
    annex.save()
    return annex


@transaction.atomic
def annex_delete(annex, *, actor):
    version = _locked(annex.version)
    _check_actor(actor, version)
    _require_editable(version)
    # The file stays in storage: earlier versions may share it, and history refers to it.
    annex.delete()


@transaction.atomic
def annex_move(annex, *, actor, offset):
    """Move an annex one place up (offset -1) or down (+1); buttons, not drag and drop."""
    version = _locked(annex.version)
    _check_actor(actor, version)
    _require_editable(version)
    annexes = list(version.annexes.select_for_update())
    index = next(i for i, a in enumerate(annexes) if a.pk == annex.pk)
    target = index + offset
    if not 0 <= target < len(annexes):
        return annexes[index]
    annexes[index], annexes[target] = annexes[target], annexes[index]
    for position, item in enumerate(annexes, start=1):
        if item.position != position * 10:
            item.position = position * 10
            item.save(update_fields=["position"])
    return annexes[target]
