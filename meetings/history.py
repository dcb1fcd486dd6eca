"""A meeting's history as the secretariat reads it: who changed what, and when; and the
portal action that restores an earlier version of a case's cover note, with a reason.

Built from django-simple-history's rows for the meeting, its agenda items and its
attachments. Each row is compared with the row before it for the same object, so an entry
lists the fields that changed with their old and new values, in Norwegian.
"""

import datetime
import html
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.models import AgendaItem, Attachment, Meeting

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


def record_author(record):
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
                when=record.history_date, who=record_author(record),
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


# -- earlier versions of a case, and restoring one -------------------------------------------
#
# What the secretariat restores is a case's cover note (the fields of the agenda service's
# ITEM_FIELDS), never its number, position or decision. The restore goes through
# ``item_update``, the one door every edit of a case uses, so its locks apply unchanged: the
# optimistic lock on ``version``, «only while the agenda is open», and after the notice the
# AgendaChange that tells the members. Approved minutes are the body's record: a mistake
# there is corrected (meetings.services.minutes.minutes_correct), never restored over.


class RestoreRefused(Exception):
    """The record is approved: it is corrected through its own flow, never restored over."""


@dataclass
class DiffField:
    """One field that a restore would change: its label, its value now and after, and (for
    text) the words removed and added, as blocks of ``(op, text)`` segments."""

    label: str
    now: str
    restored: str
    blocks: list = field(default_factory=list)


@dataclass
class Revision:
    """One saved version of a case's cover note, as the history page lists it."""

    history_id: int
    when: datetime.datetime
    who: str
    reason: str
    # What changed from the version before: a list of Change for a case's cover note, the
    # number of paragraphs changed for a document's text.
    changes: object
    is_current: bool


_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|li|h[1-6]|blockquote|tr|div)>")


def plain_blocks(value):
    """The paragraphs of a text (rich HTML or plain) as plain strings, for comparing."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", str(value or ""))))
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _word_segments(old, new):
    a, b = old.split(), new.split()
    segments = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            segments.append(("insert", " ".join(b[j1:j2])))
    return segments


def text_diff(old, new):
    """What changes from ``old`` to ``new``, paragraph by paragraph: only the paragraphs that
    differ, each as ``(op, text)`` segments (op: "equal", "delete" or "insert"). A paragraph
    changed in place is compared word by word, so a one-word change reads as one."""
    a, b = plain_blocks(old), plain_blocks(new)
    blocks = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace":
            pairs = min(i2 - i1, j2 - j1)
            for n in range(pairs):
                blocks.append(_word_segments(a[i1 + n], b[j1 + n]))
            blocks.extend([("delete", text)] for text in a[i1 + pairs:i2])
            blocks.extend([("insert", text)] for text in b[j1 + pairs:j2])
        elif tag == "delete":
            blocks.extend([("delete", text)] for text in a[i1:i2])
        else:
            blocks.extend([("insert", text)] for text in b[j1:j2])
    return blocks


def _restore_fields():
    from meetings.services.agenda import ITEM_FIELDS

    return [AgendaItem._meta.get_field(name) for name in ITEM_FIELDS]


def _values(obj, fields):
    return {f.name: getattr(obj, f.attname) for f in fields}


def item_restore_diff(item, record):
    """The fields of ``item``'s cover note that restoring ``record`` would change."""
    fields = _restore_fields()
    if not item.is_case:
        fields = [f for f in fields if f.name != "case_type"]
    diff = []
    for f in fields:
        now, then = getattr(item, f.attname), getattr(record, f.attname)
        if now == then:
            continue
        is_text = isinstance(now, str) and isinstance(then, str) and not f.choices
        diff.append(DiffField(
            label=str(f.verbose_name).capitalize(), now=_display(f, now),
            restored=_display(f, then), blocks=text_diff(now, then) if is_text else []))
    return diff


def item_revisions(item):
    """Each saved version of ``item``'s cover note, newest first, with what changed from the
    one before; rows that changed nothing in the cover note (a move, a number) are left out.
    ``is_current`` marks the versions whose cover note is the case's as it is now."""
    fields = _restore_fields()
    records = list(AgendaItem.history.filter(id=item.pk)
                   .select_related("history_user__person")
                   .order_by("history_date", "history_id"))
    current = _values(item, fields)
    revisions = []
    previous = None
    for record in records:
        values = _values(record, fields)
        if previous is not None and values == previous:
            continue
        changes = []
        if previous is not None:
            changes = [Change(str(f.verbose_name).capitalize(), _display(f, previous[f.name]),
                              _display(f, values[f.name]))
                       for f in fields if previous[f.name] != values[f.name]]
        revisions.append(Revision(
            history_id=record.history_id, when=record.history_date, who=record_author(record),
            reason=record.history_change_reason or "", changes=changes,
            is_current=values == current))
        previous = values
    revisions.reverse()
    return revisions


def item_revision(item, history_id):
    """The saved version ``history_id`` of ``item``, or None (not a number, not this case)."""
    try:
        history_id = int(history_id)
    except (TypeError, ValueError):
        return None
    return (AgendaItem.history.filter(id=item.pk, history_id=history_id)
            .select_related("history_user__person").first())


def restore_refusal(meeting):
    """Why a case of ``meeting`` cannot be restored at all, or None. Approved minutes are the
    body's record: they change only through a correction, with its reason."""
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        return _("Referatet fra møtet er godkjent, og saken er en del av protokollen. Den "
                 "gjenopprettes ikke fra en tidligere versjon; en feil i et godkjent referat "
                 "rettes med en rettelse i referatet («Rett referatet»), med begrunnelse.")
    return None


def revision_label(when):
    return formats.date_format(timezone.localtime(when), "d.m.Y \\k\\l. H.i")


def require_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor den tidligere versjonen "
                                           "gjenopprettes.")})
    return reason


def mark_latest_revision(history, reason):
    """Name the restore in the row the edit service just wrote (it writes «Endret»), so the
    field-level history says what happened too. The caller holds the row lock, so the
    newest row is that one."""
    latest = history.order_by("-history_date", "-history_id").values("history_id")[:1]
    history.model.objects.filter(history_id__in=latest).update(
        history_change_reason=reason[:100])


@transaction.atomic
def item_restore(item, actor, *, revision_id, reason, expected_version):
    """Give ``item`` the cover note it had in the saved version ``revision_id``, through the
    agenda service's ``item_update`` (its locks and after-notice rules), and write a RESTORED
    event with the reason and the version restored.

    Raises ValidationError (no reason, unknown version, nothing to change), RestoreRefused
    (approved minutes), EditConflict for a stale form (in a restore's own words: what the
    restore changes is no longer what the person saw), and whatever ``item_update`` raises:
    AgendaLocked when the agenda is closed."""
    from events.models import EventKind
    from events.services import event_record
    from governance.permissions import can_edit_body
    from meetings.services import agenda as agenda_services
    from normen_portal.access import require
    from normen_portal.concurrency import check_unchanged

    require(can_edit_body(actor, item.body_id))
    reason = require_reason(reason)
    meeting = agenda_services.lock_meeting(item.meeting)
    refusal = restore_refusal(meeting)
    if refusal:
        raise RestoreRefused(refusal)
    record = item_revision(item, revision_id)
    if record is None:
        raise ValidationError({"revision": _("Velg en tidligere versjon av saken.")})
    current = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    check_unchanged(current, expected_version, required=True, message=_(
        "Saken er endret av noen andre etter at du åpnet siden. Se over hva som nå blir "
        "endret, og gjenopprett på nytt hvis det fortsatt skal gjøres."))
    diff = item_restore_diff(current, record)
    values = {f.name: getattr(record, f.attname) for f in _restore_fields()}
    updated = agenda_services.item_update(current, actor, expected_version=expected_version,
                                          **values)
    if updated.version == expected_version or not diff:
        raise ValidationError(_("Den valgte versjonen er lik saken slik den er nå. Det er "
                                "ingenting å gjenopprette."))
    when = revision_label(record.history_date)
    mark_latest_revision(AgendaItem.history.filter(id=updated.pk),
                         _("Gjenopprettet fra versjonen %(when)s") % {"when": when})
    event_record(
        EventKind.RESTORED, updated, body=updated.body_id, actor=actor,
        summary=_("%(item)s: toppnotatet fra %(when)s er gjenopprettet (%(fields)s)") % {
            "item": agenda_services.item_label(updated), "when": when,
            "fields": ", ".join(d.label.lower() for d in diff)},
        reason=reason, meeting=meeting.pk, revision=record.history_id,
        revision_at=record.history_date.isoformat(), item_version=updated.version,
        fields=[d.label for d in diff])
    return updated


class RestoreForm(forms.Form):
    """The restore action's form, for a case and for a document's text alike: the version
    chosen, the version of the record the page showed (the optimistic lock), and the reason,
    which is required and goes into the event."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Begrunnelse"), max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Hvorfor gjenopprettes den tidligere versjonen? Begrunnelsen "
                               "står i hendelsesloggen."),
        error_messages={"required": gettext_lazy("Skriv hvorfor den tidligere versjonen "
                                                 "gjenopprettes.")},
    )
