"""The kinds of PDF the portal renders, and what each needs to know about its source.

An app that wants a PDF of one of its objects registers a kind once, in its ``AppConfig.ready``
(or a module imported from there), and says which saved models change it::

    from rendering import registry

    registry.register(registry.PdfKind(
        name="document_version",                 # stored on each row; used in URLs
        model=DocumentVersion,                   # the source object's model
        label=_("Veileder"),                     # shown in the UI: "Last ned veileder (PDF)"
        template="pdf/document_version.html",    # extends "pdf/base.html"
        context=document_context,                # obj -> dict for the template
        filename=document_filename,              # (obj, row) -> "Veileder … v3.0.pdf"
        metadata=document_metadata,              # obj -> PdfMetadata (title, author, …)
        can_download=can_read_document,          # (user, obj) -> bool, for every revision
        can_manage=is_editor,                    # (user, obj) -> bool: may order a new render
        is_public=lambda v: v.is_approved,       # obj -> bool: the revision may be public
        applies=lambda v: True,                  # obj -> bool: is there anything to render?
    ))
    registry.watch(DocumentVersion, kinds=["document_version"], source=lambda v: v)
    registry.watch(Annex, kinds=["document_version"], source=lambda a: a.version_id)

Rules the rest of the app relies on:

* ``context(obj)`` returns everything the template shows. By default the source revision is
  the SHA-256 of that context (as canonical JSON, plus ``layout_version``), so any change to
  what would be printed gives a new revision and a new PDF, and nothing else does. Keep the
  context to plain values (str, numbers, dates, lists, dicts) for that reason; a kind whose
  context cannot be serialised passes its own ``revision(obj) -> str``.
* Bump ``layout_version`` when the template or print CSS changes, then run
  ``manage.py render_pending --refresh`` to render every source again.
* ``can_download`` covers every revision; a row whose source was public when it was taken
  (``is_public(obj)`` at request time) may in addition be downloaded by anyone.
* ``watch(model, kinds, source)``: after a save or delete of ``model``, on commit, the kinds
  are re-requested for ``source(instance)`` (an object or a primary key, or a list of them).
  Requests are debounced per transaction and idempotent per revision, so noisy saves cost
  little.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class PdfMetadata:
    """Document metadata written into the PDF (Info dictionary and XMP) by WeasyPrint."""

    title: str
    author: str
    subject: str = ""
    keywords: tuple[str, ...] = ()
    lang: str = "nb"


@dataclass(frozen=True)
class PdfKind:
    name: str
    model: type[models.Model]
    label: str
    template: str
    context: Callable[[Any], dict]
    filename: Callable[[Any, Any], str]
    metadata: Callable[[Any], PdfMetadata]
    can_download: Callable[[Any, Any], bool]
    can_manage: Callable[[Any, Any], bool]
    is_public: Callable[[Any], bool] = lambda obj: False
    applies: Callable[[Any], bool] = lambda obj: True
    revision: Callable[[Any], str] | None = None
    layout_version: int = 1
    lang: str = "nb"

    def revision_for(self, obj, context=None):
        """The source revision of ``obj`` as this kind would print it now."""
        if self.revision is not None:
            return self.revision(obj)
        if context is None:
            context = self.context(obj)
        return context_revision(context, self.layout_version)


def context_revision(context, layout_version=1):
    payload = json.dumps({"layout": layout_version, "context": context}, sort_keys=True,
                         default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


_KINDS: dict[str, PdfKind] = {}


class UnknownKind(LookupError):
    pass


def register(kind: PdfKind) -> PdfKind:
    if kind.name in _KINDS and _KINDS[kind.name] is not kind:
        raise ValueError(f"PDF kind {kind.name!r} is already registered")
    _KINDS[kind.name] = kind
    return kind


def get(name) -> PdfKind:
    if isinstance(name, PdfKind):
        return name
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownKind(name) from None


def all_kinds():
    return list(_KINDS.values())


def watch(model, *, kinds, source):
    """Re-request ``kinds`` for ``source(instance)`` whenever ``model`` is saved or deleted."""
    from rendering import signals  # local: signals imports services, which imports this module

    signals.connect_watch(model, [get(k) for k in kinds], source)
