"""A meeting's history as the secretariat reads it: who changed what, and when.

Built from django-simple-history's rows for the meeting, its agenda items and its
attachments. Each row is compared with the row before it for the same object, so an entry
lists the fields that changed with their old and new values, in Norwegian.
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.utils import formats
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AgendaItem, Attachment, Meeting

_SKIP = {"id", "version", "meeting", "body", "uploaded_at", "file", "size", "content_type"}
_ACTIONS = {"+": gettext_lazy("Opprettet"), "~": gettext_lazy("Endret"),
            "-": gettext_lazy("Slettet")}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str
    subject: str
    reason: str
    changes: list = field(default_factory=list)


def _display(model_field, value):
    if value is None or value == "":
        return "–"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ja") if value else _("Nei")
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "d.m.Y \\k\\l. H.i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d.m.Y")
    if isinstance(value, datetime.time):
        return formats.time_format(value, "H.i")
    if model_field.is_relation:
        return f"#{value}"
    return Truncator(strip_tags(str(value))).chars(140)


def _who(record):
    user = record.history_user
    if user is None:
        return _("Systemet")
    person = getattr(user, "person", None)
    return person.name if person else (user.get_full_name() or user.get_username())


def _fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in _SKIP]


def _subject(model, record):
    if model is Meeting:
        return _("Møtet")
    if model is Attachment:
        return _("Vedlegg %(label)s «%(title)s»") % {"label": record.label, "title": record.title}
    if record.kind == AgendaItem.Kind.CASE:
        ref = f"{record.number}/{record.year % 100:02d} " if record.number else ""
        return _("Sak %(ref)s«%(title)s»") % {"ref": ref, "title": record.title}
    return _("Punktet «%(title)s»") % {"title": record.title}


def _entries_for(model, records):
    fields = _fields(model)
    entries = []
    for _pk, rows in groupby(records, key=lambda r: r.id):
        previous = None
        for record in rows:
            changes = []
            if previous is not None and record.history_type == "~":
                for f in fields:
                    old, new = getattr(previous, f.attname), getattr(record, f.attname)
                    if old != new:
                        changes.append(Change(str(f.verbose_name).capitalize(),
                                              _display(f, old), _display(f, new)))
            entries.append(HistoryEntry(
                when=record.history_date, who=_who(record),
                action=_ACTIONS.get(record.history_type, record.history_type),
                subject=_subject(model, record), reason=record.history_change_reason or "",
                changes=changes,
            ))
            previous = record
    return entries


def meeting_history_entries(meeting, limit=500):
    """Newest first, at most ``limit`` entries; a fixed number of queries."""
    sources = (
        (Meeting, Meeting.history.filter(id=meeting.pk)),
        (AgendaItem, AgendaItem.history.filter(meeting_id=meeting.pk)),
        (Attachment, Attachment.history.filter(meeting_id=meeting.pk)),
    )
    entries = []
    for model, queryset in sources:
        records = queryset.select_related("history_user__person").order_by(
            "id", "history_date", "history_id")
        entries.extend(_entries_for(model, records))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
