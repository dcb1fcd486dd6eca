"""What can be commented on, and how to find the body, meeting and case behind it.

A comment points at its target through a generic relation, so that meetings need not import
the documents app. Each kind of target is described once here: which comment contexts it
allows, which body's members may see it, and when commenting on it closes. The URL names a
target as ``<kind>/<pk>/<context>`` (``/kommentarer/sak/12/toppnotat/``); anything not
registered is a 404.

Document versions are registered lazily, only when the documents app provides the model.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Meeting
from reviews.models import Comment

# Contexts as they appear in URLs: /kommentarer/sak/12/toppnotat/.
CONTEXT_SLUGS = {
    Comment.Context.CASE: "sak",
    Comment.Context.COVER_NOTE: "toppnotat",
    Comment.Context.ATTACHMENT: "vedlegg",
    Comment.Context.MINUTES: "referat",
    Comment.Context.DOCUMENT_VERSION: "dokument",
}
CONTEXTS_BY_SLUG = {slug: context for context, slug in CONTEXT_SLUGS.items()}


@dataclass(frozen=True)
class TargetKind:
    label: str
    slug: str
    contexts: tuple[str, ...]
    body_id: Callable[[Any], int]
    meeting: Callable[[Any], Meeting | None]
    item: Callable[[Any], AgendaItem | None]
    title: Callable[[Any], str]
    url: Callable[[Any], str]
    # For targets outside a meeting (document versions): whether commenting is open at all,
    # and the deadline, if the target has one. Meeting targets use the meeting's periods.
    open_for_comments: Callable[[Any], bool] | None = None
    deadline: Callable[[Any], Any] | None = None
    select_related: tuple[str, ...] = ()


_REGISTRY: dict[str, TargetKind] = {}


def register(kind: TargetKind):
    _REGISTRY[kind.label] = kind


def _item_title(item):
    return f"{_('Sak')} {item.reference} {item.title}".replace("  ", " ")


def _attachment_title(attachment):
    return _("Vedlegg %(label)s: %(title)s") % {"label": attachment.label,
                                                 "title": attachment.title}


def _attachment_url(attachment):
    if attachment.item_id:
        return attachment.item.get_absolute_url()
    return attachment.meeting.get_absolute_url()


register(TargetKind(
    label="meetings.agendaitem",
    slug="sak",
    contexts=(Comment.Context.CASE, Comment.Context.COVER_NOTE, Comment.Context.MINUTES),
    body_id=lambda item: item.body_id,
    meeting=lambda item: item.meeting,
    item=lambda item: item,
    title=_item_title,
    url=lambda item: item.get_absolute_url(),
    select_related=("meeting", "meeting__body"),
))
register(TargetKind(
    label="meetings.attachment",
    slug="vedlegg",
    contexts=(Comment.Context.ATTACHMENT,),
    body_id=lambda att: att.meeting.body_id,
    meeting=lambda att: att.meeting,
    item=lambda att: att.item,
    title=_attachment_title,
    url=_attachment_url,
    select_related=("meeting", "meeting__body", "item"),
))


def _version_deadline(version):
    """The end of the deadline day of the version's open consultation, if it has one."""
    consultation = (version.consultations.filter(closed_at__isnull=True)
                    .order_by("-deadline").first())
    if consultation is None:
        return None
    return timezone.make_aware(datetime.combine(consultation.deadline + timedelta(days=1),
                                                time(0)))


# Document versions. Commenting is open while the version is being worked on (draft, on
# consultation, submitted, returned) and, during a consultation, until the end of its
# deadline day.
_DOCUMENT_OPEN_STATES = {"draft", "consultation", "submitted", "returned"}
register(TargetKind(
    label="documents.documentversion",
    slug="dokumentversjon",
    contexts=(Comment.Context.DOCUMENT_VERSION,),
    body_id=lambda v: v.document.body_id,
    meeting=lambda v: v.decision_case.meeting if v.decision_case_id else None,
    item=lambda v: v.decision_case if v.decision_case_id else None,
    title=lambda v: f"{v.document.display_title} v{v.number}",
    url=lambda v: v.get_workspace_url(),
    open_for_comments=lambda v: v.status in _DOCUMENT_OPEN_STATES,
    deadline=_version_deadline,
    select_related=("document", "decision_case", "decision_case__meeting"),
))


def kind_for_label(label):
    return _REGISTRY.get(label)


def kind_for_slug(slug):
    return next((k for k in _REGISTRY.values() if k.slug == slug), None)


def label_for(obj):
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def kind_for(obj):
    kind = kind_for_label(label_for(obj))
    if kind is None:
        raise LookupError(f"{label_for(obj)} cannot be commented on")
    return kind


def thread_url(target, context):
    return reverse("reviews:comment_thread", args=[
        kind_for(target).slug, target.pk, CONTEXT_SLUGS[context]])


def comment_url(comment):
    """The thread page, scrolled to the comment."""
    ct = comment.content_type
    kind = kind_for_label(f"{ct.app_label}.{ct.model}")
    return reverse("reviews:comment_thread", args=[
        kind.slug, comment.object_id, CONTEXT_SLUGS[comment.context],
    ]) + f"#kommentar-{comment.pk}"


def resolve(slug, object_id, context_slug):
    """The target and context named in a URL (``sak``, 12, ``toppnotat``), or 404."""
    kind = kind_for_slug(slug)
    context = CONTEXTS_BY_SLUG.get(context_slug)
    if kind is None or context not in kind.contexts:
        raise Http404(_("Fant ikke det du vil kommentere."))
    app_label, model_name = kind.label.split(".")
    model = apps.get_model(app_label, model_name)
    obj = model.objects.select_related(*kind.select_related).filter(pk=object_id).first()
    if obj is None:
        raise Http404(_("Fant ikke det du vil kommentere."))
    return obj, kind, context
