"""Reading events: a subject's timeline, for the secretariat's meeting and document pages."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import Event


def timeline(*subjects):
    """The events about any of ``subjects`` (e.g. a meeting and its cases), oldest first."""
    condition = Q(pk__in=[])
    by_type = {}
    for subject in subjects:
        if subject is None:
            continue
        by_type.setdefault(ContentType.objects.get_for_model(subject), []).append(subject.pk)
    for content_type, ids in by_type.items():
        condition |= Q(subject_type=content_type, subject_id__in=ids)
    return Event.objects.filter(condition).select_related("actor").order_by("at", "pk")
