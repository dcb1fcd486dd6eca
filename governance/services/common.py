"""What the governance services share: saving with the history's who and why, and the
periods that overlap."""

from django.db.models import Q


def save(obj, actor, reason):
    """``full_clean()`` and save ``obj``, with ``actor`` and ``reason`` in its history."""
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    reason = str(reason)
    # simple-history keeps at most 100 characters of a reason; the event keeps the whole.
    obj._change_reason = reason if len(reason) <= 100 else reason[:99] + "…"
    obj.full_clean()
    obj.save()
    return obj


def overlapping(start, end):
    """``Q``: a ``start_date``/``end_date`` period (empty = open) that shares a day with
    ``start``–``end`` (None = open)."""
    condition = Q()
    if end is not None:
        condition &= Q(start_date__isnull=True) | Q(start_date__lte=end)
    if start is not None:
        condition &= Q(end_date__isnull=True) | Q(end_date__gte=start)
    return condition


def day(value):
    """A date as the papers write it: 01.03.2026."""
    return value.strftime("%d.%m.%Y")
