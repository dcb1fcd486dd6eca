"""Reading events: a subject's timeline, for the secretariat's meeting and document pages."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from events.models import Event


def timeline(*subjects):
    """The events about any of ``subjects`` (e.g. a meeting and its cases), oldest first.

    A subject is a model instance or a queryset of one model (e.g. every case a meeting has
    ever had, removed ones included): a queryset becomes a subquery, so the timeline stays one
    query however many subjects there are."""
    condition = Q(pk__in=[])
    by_type = {}
    for subject in subjects:
        if subject is None:
            continue
        if isinstance(subject, QuerySet):
            content_type = ContentType.objects.get_for_model(subject.model)
            condition |= Q(subject_type=content_type,
                           subject_id__in=subject.order_by().values("pk"))
            continue
        by_type.setdefault(ContentType.objects.get_for_model(subject), []).append(subject.pk)
    for content_type, ids in by_type.items():
        condition |= Q(subject_type=content_type, subject_id__in=ids)
    return Event.objects.filter(condition).select_related("actor").order_by("at", "pk")


@dataclass
class TimelineEntry:
    """One line of a timeline as the secretariat reads it: when, what, who, why."""

    event: Event
    who: str

    @property
    def at(self):
        return self.event.at

    @property
    def what(self):
        return self.event.get_kind_display()

    @property
    def summary(self):
        return self.event.summary

    @property
    def reason(self):
        return self.event.reason

    @property
    def kind(self):
        return self.event.kind


def _who(user):
    if user is None:
        return _("Systemet")
    # The person's own name where there is one: that is how the minutes name people.
    person = getattr(user, "person", None)
    return person.name if person else (user.get_full_name() or user.get_username())


def timeline_entries(*subjects, newest_first=True):
    """``timeline(*subjects)`` ready to show: one query (the actor and their person joined),
    newest first unless told otherwise, each entry naming who did it."""
    events = timeline(*subjects).select_related("actor__person")
    if newest_first:
        events = events.reverse()
    return [TimelineEntry(event=e, who=_who(e.actor)) for e in events]


def body_entries(body, kinds, limit=15):
    """The latest events of ``kinds`` in ``body``, newest first, ready to show (one query):
    e.g. the changes of a body's settings, organisations and representatives."""
    events = (Event.objects.filter(body=body, kind__in=kinds)
              .select_related("actor__person").order_by("-at", "-pk")[:limit])
    return [TimelineEntry(event=e, who=_who(e.actor)) for e in events]
