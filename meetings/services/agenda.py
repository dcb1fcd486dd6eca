"""Building an agenda: cases, breaks, their order, their attachments, and the meeting's details.

Every public function is one atomic, permission-checked change saved with simple-history
(``_history_user`` and ``_change_reason`` are set, so the history shows who and why even when
no request is around). Writes lock the body row and then the meeting row, in that order
everywhere (the notice does the same), so concurrent edits queue up instead of deadlocking and
a case added after the notice draws its number under the same lock as the notice itself.

Once the notice is sent the members hold a copy of the agenda, so every change after that:
marks the item ``changed_after_notice``, stamps ``meeting.agenda_changed_at`` and writes an
``AgendaChange`` in words a member understands; the next change message lists those. A case
added after the notice gets its number at once. A numbered case is never deleted: removing it
withdraws it ("Saken trekkes") and it keeps its number.
"""

import re
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from governance.models import Body
from governance.permissions import can_edit_body
from meetings.models import AgendaChange, AgendaItem, Attachment, Meeting, Outcome
from normen_portal.access import require
from normen_portal.concurrency import check_unchanged
from normen_portal.richtext import sanitize
from normen_portal.uploads import check_upload


class AgendaLocked(Exception):
    """The agenda (or this part of it) cannot be changed in the meeting's current state."""


# The fields of a case (or break) the secretariat edits; the rest belong to the minutes.
ITEM_FIELDS = (
    "title", "case_type", "start_time", "presenter", "from_unit", "case_officer", "purpose",
    "background", "proposed_decision", "cover_note_internal",
)
RICH_FIELDS = ("purpose", "background")
MEETING_FIELDS = ("date", "start_time", "end_time", "place", "form", "comment_deadline")
EDITABLE_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT)


# -- helpers shared with the notice -----------------------------------------------------------

def lock_meeting(meeting):
    """Lock the body row, then the meeting row; return the meeting as it is now."""
    Body.objects.select_for_update().only("pk").get(pk=meeting.body_id)
    return (
        Meeting.objects.select_for_update(of=("self",)).select_related("body")
        .get(pk=meeting.pk)
    )


def next_case_number(body_id, year):
    """The next free number of the body's cases in ``year``; the caller holds the body lock.

    Counts numbers in the history as well, so a number stays used even if its case were ever
    deleted with its meeting: numbers are never given out twice. A body that kept its first
    cases of the year outside the portal starts where they ended (Body.first_case_number).
    """
    first = Body.objects.get(pk=body_id).first_case_number(year)
    return max(highest_case_number(body_id, year), first - 1) + 1


def highest_case_number(body_id, year):
    """The highest number the body's cases of ``year`` have had (0 for none), history
    included: a number once given stays used."""
    live = AgendaItem.objects.filter(body_id=body_id, year=year).aggregate(m=Max("number"))["m"]
    past = AgendaItem.history.filter(body_id=body_id, year=year).aggregate(m=Max("number"))["m"]
    return max(live or 0, past or 0)


def _save(obj, actor, reason):
    obj._history_user = actor
    obj._change_reason = reason
    obj.full_clean()
    obj.save()


def _require_open(meeting):
    if meeting.status not in EDITABLE_STATUSES:
        raise AgendaLocked(
            _("Dagsordenen kan ikke endres når møtet har status «%(status)s».")
            % {"status": meeting.get_status_display()}
        )


def _after_notice(meeting):
    return meeting.status == Meeting.Status.NOTICE_SENT


def item_label(item):
    """How a change message names an item: «Sak 13/24 Sekretariatet orienterer»."""
    if not item.is_case:
        return _("Punktet «%(title)s»") % {"title": item.title}
    if item.number:
        return _("Sak %(ref)s «%(title)s»") % {"ref": item.reference, "title": item.title}
    return _("Saken «%(title)s»") % {"title": item.title}


def _record(meeting, actor, kind, description, item=None):
    """Log a change made after the notice; the next change message tells the members."""
    now = timezone.now()
    AgendaChange.objects.create(meeting=meeting, item=item, kind=kind,
                                description=description[:600], actor=actor, created_at=now)
    Meeting.objects.filter(pk=meeting.pk).update(agenda_changed_at=now)
    meeting.agenda_changed_at = now


def _clean_item_fields(fields):
    unknown = set(fields) - set(ITEM_FIELDS) - {"previous_meeting"}
    if unknown:
        raise TypeError(f"not agenda item fields: {sorted(unknown)}")
    fields = dict(fields)
    for name in RICH_FIELDS:
        if name in fields:
            fields[name] = sanitize(fields[name] or "", "document")
    for name, value in list(fields.items()):
        if isinstance(value, str) and name not in RICH_FIELDS:
            fields[name] = value.strip()
    return fields


def _ordered(meeting):
    return list(meeting.items.order_by("position", "pk"))


def _place(items):
    """Give ``items`` positions 10, 20, 30 … in list order; return the saved ones that moved.

    Plain renumbering is written without history rows: the order is recorded on the item that
    was actually moved, and a history row per neighbour would only be noise.
    """
    moved = []
    for index, item in enumerate(items, start=1):
        position = index * 10
        if item.position != position:
            item.position = position
            if item.pk:
                moved.append(item)
    return moved


def _time(value):
    return formats.time_format(value, "H.i") if value else "–"


# -- items -------------------------------------------------------------------------------------

@transaction.atomic
def item_create(meeting, actor, *, kind=AgendaItem.Kind.CASE, **fields):
    """Add a case or a break. It goes above the closing «Eventuelt», as on every agenda.

    ``actor`` None is the system itself (the orientation case of a circulation closed at its
    deadline); people go through the check, as in ``meeting_create``."""
    if actor is not None:
        require(can_edit_body(actor, meeting.body_id))
    meeting = lock_meeting(meeting)
    _require_open(meeting)
    fields = _clean_item_fields(fields)
    kind = AgendaItem.Kind(kind)
    if kind == AgendaItem.Kind.BREAK:
        fields["case_type"] = ""
    item = AgendaItem(meeting=meeting, body_id=meeting.body_id, kind=kind, **fields)

    items = _ordered(meeting)
    index = len(items)
    if items and items[-1].standard == AgendaItem.Standard.ANY_OTHER_BUSINESS:
        index -= 1
    items.insert(index, item)
    neighbours = _place(items)

    after_notice = _after_notice(meeting)
    if after_notice:
        item.changed_after_notice = True
        if item.is_case:
            item.year = meeting.date.year
            item.number = next_case_number(meeting.body_id, item.year)
    if neighbours:
        AgendaItem.objects.bulk_update(neighbours, ["position"])
    _save(item, actor, _("Lagt til på dagsordenen"))
    if after_notice:
        _record(meeting, actor, AgendaChange.Kind.ADDED,
                _("Nytt på dagsordenen: %(item)s, kl. %(time)s.")
                % {"item": item_label(item), "time": _time(item.start_time)}, item)
    return item


def _describe_item_change(item, old, changed):
    parts = []
    for name in changed:
        field = AgendaItem._meta.get_field(name)
        if name == "title":
            parts.append(_("ny tittel (før: «%(old)s»)") % {"old": old[name]})
        elif name == "start_time":
            parts.append(_("tidspunkt endret fra %(old)s til %(new)s")
                         % {"old": _time(old[name]), "new": _time(item.start_time)})
        elif name == "case_type":
            parts.append(_("sakstype endret til %(type)s") % {"type": item.get_case_type_display()})
        else:
            parts.append(_("endret %(field)s") % {"field": field.verbose_name})
    return _("%(item)s: %(changes)s.") % {"item": item_label(item), "changes": "; ".join(parts)}


def _check_minutes_named(item, meeting, fields):
    """«Godkjenning av referat» names earlier, unapproved minutes of the same body; when the
    secretariat picks other minutes, a title that named the old ones follows."""
    from meetings.services.meetings import approvable_minutes, approve_minutes_title

    chosen = fields["previous_meeting"]
    if item.standard != AgendaItem.Standard.APPROVE_MINUTES:
        raise ValidationError(_("Bare saken «Godkjenning av referat» godkjenner et referat."))
    if chosen is not None and not approvable_minutes(meeting.body, meeting.date).filter(
            pk=chosen.pk).exists():
        raise ValidationError({"previous_meeting": _(
            "Velg et tidligere møte i samme styringsgruppe der referatet ikke er godkjent.")})
    old_title = (approve_minutes_title(item.previous_meeting) if item.previous_meeting_id
                 else None)
    if (chosen is not None and chosen.pk != item.previous_meeting_id
            and fields.get("title", item.title) == old_title):
        fields["title"] = approve_minutes_title(chosen)


@transaction.atomic
def item_update(item, actor, *, expected_version, **fields):
    """Save new values for a case or break, unless someone else saved since the form was
    opened (``expected_version``): then EditConflict, and nothing is written."""
    require(can_edit_body(actor, item.body_id))
    meeting = lock_meeting(item.meeting)
    current = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    check_unchanged(current, expected_version, required=True)
    _require_open(meeting)
    fields = _clean_item_fields(fields)
    if not current.is_case:
        fields.pop("case_type", None)
    if "previous_meeting" in fields:
        _check_minutes_named(current, meeting, fields)
    old = {name: getattr(current, name) for name in fields}
    changed = [name for name, value in fields.items() if old[name] != value]
    if not changed:
        return current
    for name in changed:
        setattr(current, name, fields[name])
    current.version += 1
    if _after_notice(meeting):
        current.changed_after_notice = True
    _save(current, actor, _("Endret"))
    if _after_notice(meeting):
        _record(meeting, actor, AgendaChange.Kind.CHANGED,
                _describe_item_change(current, old, changed), current)
    return current


@transaction.atomic
def item_move(item, actor, *, direction=None, to_index=None):
    """Move an item one step ("up"/"down") or to ``to_index`` (0-based, for drag and drop).
    Returns the item; moving the first item up is allowed and changes nothing."""
    require(can_edit_body(actor, item.body_id))
    meeting = lock_meeting(item.meeting)
    _require_open(meeting)
    items = _ordered(meeting)
    current = next((i for i in items if i.pk == item.pk), None)
    if current is None:
        raise AgendaItem.DoesNotExist
    index = items.index(current)
    if direction == "up":
        target = index - 1
    elif direction == "down":
        target = index + 1
    elif to_index is not None:
        target = int(to_index)
    else:
        raise ValueError("direction or to_index is required")
    target = max(0, min(target, len(items) - 1))
    if target == index:
        return current
    items.insert(target, items.pop(index))
    neighbours = [i for i in _place(items) if i.pk != current.pk]
    if neighbours:
        AgendaItem.objects.bulk_update(neighbours, ["position"])
    after_notice = _after_notice(meeting)
    if after_notice:
        current.changed_after_notice = True
    _save(current, actor, _("Flyttet til punkt %(n)s") % {"n": target + 1})
    if after_notice:
        _record(meeting, actor, AgendaChange.Kind.MOVED,
                _("%(item)s er flyttet til punkt %(n)s på dagsordenen.")
                % {"item": item_label(current), "n": target + 1}, current)
    return current


@transaction.atomic
def item_remove(item, actor):
    """Take an item off the agenda. A numbered case is withdrawn instead (it keeps its number
    and stays on the agenda as «trekkes»); anything else is deleted with its attachments.
    Returns the withdrawn item, or None when it was deleted."""
    require(can_edit_body(actor, item.body_id))
    meeting = lock_meeting(item.meeting)
    _require_open(meeting)
    current = AgendaItem.objects.select_for_update().get(pk=item.pk, meeting=meeting)
    after_notice = _after_notice(meeting)
    if current.number is not None:
        if current.outcome == Outcome.WITHDRAWN:
            raise AgendaLocked(_("Saken er allerede trukket."))
        current.outcome = Outcome.WITHDRAWN
        current.decision_text = _("Saken trekkes.")
        current.changed_after_notice = True
        current.version += 1
        _save(current, actor, _("Saken trekkes"))
        _record(meeting, actor, AgendaChange.Kind.WITHDRAWN,
                _("%(item)s trekkes fra dagsordenen.") % {"item": item_label(current)}, current)
        return current
    label = item_label(current)
    for attachment in current.attachments.all():
        _delete_attachment(attachment, actor)
    current._history_user = actor
    current._change_reason = _("Fjernet fra dagsordenen")
    current.delete()
    _place_and_store(meeting)
    if after_notice:
        _record(meeting, actor, AgendaChange.Kind.REMOVED,
                _("%(item)s er fjernet fra dagsordenen.") % {"item": label})
    return None


def _place_and_store(meeting):
    moved = _place(_ordered(meeting))
    if moved:
        AgendaItem.objects.bulk_update(moved, ["position"])


# -- attachments -------------------------------------------------------------------------------

_LABEL = re.compile(r"^(\d+)([A-Z]?)$")


def _used_labels(meeting):
    """Labels in use now or ever: a withdrawn «Vedlegg 4» is not handed out again."""
    now = set(Attachment.objects.filter(meeting=meeting).values_list("label", flat=True))
    past = set(Attachment.history.filter(meeting_id=meeting.pk).values_list("label", flat=True))
    return now | past


def next_attachment_label(meeting, parent=None):
    """«4» for a new attachment, or «3A», «3B» … for a sub-attachment of «3»."""
    used = [m for m in (_LABEL.match(label) for label in _used_labels(meeting)) if m]
    if not parent:
        return str(max((int(m.group(1)) for m in used), default=0) + 1)
    letters = [m.group(2) for m in used if m.group(1) == str(parent) and m.group(2)]
    if not letters:
        return f"{parent}A"
    last = max(letters)
    if last == "Z":
        raise ValidationError(
            {"parent": _("Vedlegg %(label)s har ikke plass til flere undervedlegg.")
             % {"label": parent}}
        )
    return f"{parent}{chr(ord(last) + 1)}"


def attachment_parents(meeting):
    """Top-level labels of the meeting's attachments, for choosing a sub-attachment's parent."""
    labels = Attachment.objects.filter(meeting=meeting).values_list("label", flat=True)
    return sorted({m.group(1) for m in map(_LABEL.match, labels) if m}, key=int)


@transaction.atomic
def attachment_add(meeting, actor, *, uploaded, title, item=None, parent="", is_public=False):
    """Store an uploaded file as the meeting's next «Vedlegg n» (or «nA» under ``parent``)."""
    require(can_edit_body(actor, meeting.body_id))
    meeting = lock_meeting(meeting)
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise AgendaLocked(_("Møtet er avsluttet og referatet godkjent; vedlegg kan ikke "
                             "legges til."))
    # The form checked the file too; the service checks it again because it is the one
    # door every caller (forms, imports, scripts) goes through.
    try:
        clean = check_upload(uploaded, "meeting_attachment")
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError({"item": _("Saken hører til et annet møte.")})
    if parent and parent not in attachment_parents(meeting):
        raise ValidationError({"parent": _("Det finnes ikke noe vedlegg %(label)s i møtet.")
                                         % {"label": parent}})
    label = next_attachment_label(meeting, parent or None)
    # Stored under a random name: the person's file name never reaches the file system,
    # and the name kept for display is the policy's clean one (no bidi tricks).
    uploaded.name = f"{uuid.uuid4().hex}.{clean.extension}"
    attachment = Attachment(
        meeting=meeting, item=item, label=label, title=title.strip(), file=uploaded,
        original_name=clean.name[:255], content_type=clean.content_type, size=clean.size,
        is_public=is_public, uploaded_by=actor,
    )
    _save(attachment, actor, _("Vedlegg lastet opp"))
    if _after_notice(meeting):
        where = _(" til %(item)s") % {"item": item_label(item)} if item else ""
        _record(meeting, actor, AgendaChange.Kind.ATTACHMENT,
                _("Nytt vedlegg %(label)s: %(title)s%(where)s.")
                % {"label": label, "title": attachment.title, "where": where}, item)
    return attachment


def _delete_attachment(attachment, actor):
    attachment._history_user = actor
    attachment._change_reason = _("Vedlegg slettet")
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(name) if name else None)


@transaction.atomic
def attachment_remove(attachment, actor):
    require(can_edit_body(actor, attachment.meeting.body_id))
    meeting = lock_meeting(attachment.meeting)
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise AgendaLocked(_("Møtet er avsluttet og referatet godkjent; vedlegg kan ikke "
                             "fjernes."))
    attachment = Attachment.objects.select_related("item").get(pk=attachment.pk,
                                                                meeting=meeting)
    description = _("Vedlegg %(label)s «%(title)s» er fjernet.") % {
        "label": attachment.label, "title": attachment.title}
    item = attachment.item
    _delete_attachment(attachment, actor)
    if _after_notice(meeting):
        _record(meeting, actor, AgendaChange.Kind.ATTACHMENT, description, item)


# -- the meeting's own details -----------------------------------------------------------------

def _when(meeting):
    text = _("%(date)s kl. %(start)s") % {
        "date": formats.date_format(meeting.date, "d.m.Y"), "start": _time(meeting.start_time)}
    if meeting.end_time:
        text += f"–{_time(meeting.end_time)}"
    return text


@transaction.atomic
def meeting_update(meeting, actor, *, expected_version, **fields):
    """Change date, time, place, form or comment deadline (optimistic lock on ``version``)."""
    require(can_edit_body(actor, meeting.body_id))
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"not meeting fields: {sorted(unknown)}")
    current = lock_meeting(meeting)
    check_unchanged(current, expected_version, required=True)
    _require_open(current)
    if isinstance(fields.get("place"), str):
        fields["place"] = fields["place"].strip()
    old = {name: getattr(current, name) for name in fields}
    changed = [name for name, value in fields.items() if old[name] != value]
    if not changed:
        return current
    numbered = current.items.filter(number__isnull=False).exists()
    if "date" in changed and numbered and fields["date"].year != current.date.year:
        raise ValidationError({"date": _(
            "Sakene har fått saksnummer for %(year)s, så møtet kan ikke flyttes til et annet år."
        ) % {"year": current.date.year}})
    old_when = _when(current)
    for name in changed:
        setattr(current, name, fields[name])
    current.version += 1
    _save(current, actor, _("Møtet endret"))
    if _after_notice(current):
        parts = []
        if {"date", "start_time", "end_time"} & set(changed):
            parts.append(_("Møtetidspunkt endret fra %(old)s til %(new)s.")
                         % {"old": old_when, "new": _when(current)})
        if "place" in changed:
            parts.append(_("Sted endret fra «%(old)s» til «%(new)s».")
                         % {"old": old["place"] or "–", "new": current.place or "–"})
        if "form" in changed:
            parts.append(_("Møteform endret til %(form)s.") % {"form": current.get_form_display()})
        if "comment_deadline" in changed:
            deadline = current.comment_deadline
            parts.append(
                _("Frist for innspill endret til %(when)s.")
                % {"when": formats.date_format(timezone.localtime(deadline), "d.m.Y \\k\\l. H.i")}
                if deadline else _("Fristen for innspill er fjernet.")
            )
        _record(current, actor, AgendaChange.Kind.MEETING, " ".join(parts))
    return current
