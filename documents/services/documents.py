"""Creating documents and keeping their catalogue data (title, summary, topics) up to date."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents.models import Document
from documents.search import refresh_vector
from governance.permissions.documents import can_manage_documents
from normen_portal.access import require
from normen_portal.concurrency import check_unchanged

CATALOGUE_FIELDS = ("kind", "number", "suffix", "slug", "title", "summary", "audience")


def unique_slug(title, exclude_pk=None):
    base = slugify(title)[:100].strip("-") or "dokument"
    slug, n = base, 2
    others = Document.objects.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def document_create(*, body, actor, topics=(), **fields):
    if actor is not None:
        require(can_manage_documents(actor, body))
    if not fields.get("slug"):
        fields["slug"] = unique_slug(fields.get("title", ""))
    document = Document(body=body, **fields)
    document.full_clean()
    document.save()
    document.topics.set(topics)
    return document


@transaction.atomic
def document_update(document, *, actor, expected_version, topics=None, **fields):
    """Change the catalogue data. Raises EditConflict if someone saved in between."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(can_manage_documents(actor, document.body_id))
    check_unchanged(document, expected_version, required=True)
    for name, value in fields.items():
        if name not in CATALOGUE_FIELDS:
            raise ValueError(f"{name} is not a catalogue field")
        setattr(document, name, value)
    document.full_clean()
    document.version += 1
    document._change_reason = _("Katalogdata endret")
    document.save()
    if topics is not None:
        document.topics.set(topics)
    # The title and summary are part of every version's search vector.
    refresh_vector(list(document.versions.values_list("pk", flat=True)), sections=False)
    return document


@transaction.atomic
def document_set_expired(document, *, actor, expired, on=None):
    """Mark a document «utgått» (no longer in use), or take it back into use. The text stays
    readable, with a notice, so that old links and references still lead somewhere."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if actor is not None:
        require(can_manage_documents(actor, document.body_id))
    if expired == document.is_expired:
        raise ValidationError(_("Dokumentet har allerede denne statusen."))
    if expired:
        document.status = Document.Status.EXPIRED
        document.expired_on = on or timezone.localdate()
        document._change_reason = _("Utgått")
    else:
        document.status = Document.Status.ACTIVE
        document.expired_on = None
        document._change_reason = _("Tatt i bruk igjen")
    document.version += 1
    document.save()
    return document
