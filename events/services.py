"""Writing an event: the one function every service calls after it changes state."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from events.models import Event, EventKind


def event_record(kind: EventKind, subject, *, body, actor=None, summary, reason="", **data):
    """Write one event about ``subject`` in ``body``. Must run inside the transaction of the
    change it records, so that the change and its event commit or vanish together."""
    if not connection.in_atomic_block:
        raise RuntimeError("event_record() must run inside the transaction of the change")
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    return Event.objects.create(
        kind=EventKind(kind), body_id=body if isinstance(body, int) else body.pk, actor=user,
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk,
        summary=str(summary)[:500], reason=str(reason or ""), data=data,
    )
