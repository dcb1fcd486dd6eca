"""Re-render when a source changes: the receivers behind ``registry.watch``.

A save only schedules a request for after the commit (the worker must see the committed
data, and a rolled-back change must render nothing). Within one transaction the request for
the same kind and object is scheduled once, however many rows of the agenda were saved.
"""

import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)


class _RenderRequest:
    """An on-commit callback that knows its key, so a second one can be skipped."""

    def __init__(self, kind_name, pk):
        self.rendering_key = (kind_name, pk)

    def __call__(self):
        from rendering import registry, services

        kind_name, pk = self.rendering_key
        kind = registry.get(kind_name)
        obj = kind.model._default_manager.filter(pk=pk).first()
        if obj is not None:  # deleted in the same transaction: nothing to render
            services.request_render(obj, kind, delay=services.AUTO_RENDER_DELAY)


def schedule(kind, pk, using=None):
    """Request ``kind`` for object ``pk`` when the current transaction commits (now, outside
    one). Skipped if the same request is already waiting in the same atomic block: it runs
    after this change is committed, and is discarded only if this change is rolled back too.
    (Across nested blocks a second request may be scheduled; requests are idempotent.)"""
    connection = transaction.get_connection(using)
    key = (kind.name, pk)
    current = set(connection.savepoint_ids)
    if connection.in_atomic_block and any(
        getattr(func, "rendering_key", None) == key and set(sids) == current
        for sids, func, _robust in connection.run_on_commit
    ):
        return
    # robust: a failure to render must never break the save that triggered it; it is logged
    # and the row (if any) shows the failure.
    transaction.on_commit(_RenderRequest(kind.name, pk), using=using, robust=True)


def connect_watch(model, kinds, source):
    def changed(sender, instance, raw=False, **kwargs):
        if raw:  # loaddata: fixtures are not edits
            return
        if not settings.PDF_RENDER_ON_SAVE:
            # In-process mode renders inside the request; there PDFs are made on demand
            # (the status box's "Lag PDF") instead of on every save.
            return
        try:
            target = source(instance)
        except ObjectDoesNotExist:  # the parent went in the same cascade
            return
        if target is None:
            return
        # One source or several (a meeting whose cases deal with more than one plan).
        targets = target if isinstance(target, list | tuple | set | frozenset) else [target]
        for one in targets:
            pk = one.pk if hasattr(one, "pk") else one
            for kind in kinds:
                schedule(kind, pk, using=kwargs.get("using"))

    def deleted(sender, instance, **kwargs):
        if any(kind.model is model for kind in kinds):
            # The source itself is gone: so are its PDFs, once the delete is committed.
            from rendering import services

            pk, names = instance.pk, [k.name for k in kinds if k.model is model]
            transaction.on_commit(lambda: services.forget_source(model, pk, names),
                                  using=kwargs.get("using"), robust=True)
        else:
            changed(sender, instance, **kwargs)

    uid = f"rendering:{model._meta.label}:{','.join(k.name for k in kinds)}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid + ":delete")
