"""The meeting papers: the notice (innkalling og dagsorden) and the minutes (referat).

The context builders read everything a PDF prints in a fixed number of queries and return
plain values, so the source revision (a hash of the context) changes exactly when the printed
text would. Names of organisations and people are taken as they are when a revision is
rendered; renaming an organisation later does not rewrite approved minutes on its own (a
correction of the minutes, or ``render_pending --refresh``, does).
"""

from django.db.models import Prefetch
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.permissions import can_edit_body, can_read_papers
from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    MinutesCorrection,
    Statement,
)
from meetings.visibility import minutes_are_public
from rendering import registry
from reviews.models import ConflictOfInterest
from reviews.selectors import conflicts_by_item

MINUTES_STATUSES = {
    Meeting.Status.HELD, Meeting.Status.MINUTES_REVIEW, Meeting.Status.MINUTES_APPROVED,
}


def _time(value):
    return formats.time_format(value, "H.i") if value else ""


def _meeting(meeting):
    body = meeting.body
    return {
        "pk": meeting.pk,
        "title": str(meeting.title),
        "date": meeting.date,
        "start_time": _time(meeting.start_time),
        "end_time": _time(meeting.end_time),
        "place": meeting.place,
        "form": str(meeting.get_form_display()),
        "body": {
            "name": body.name,
            "short_name": body.short_name,
            "possessive": body.possessive,
            "description": body.description,
            "email": body.email,
        },
    }


def _attachments(attachments):
    return [{"label": a.label, "title": a.title} for a in attachments]


def notice_context(meeting):
    """Header, case list and one cover note (toppnotat) per case that has one."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
    items = (
        meeting.items.order_by("position", "pk")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("label")))
    )
    rows = []
    for item in items:
        is_case = item.kind == AgendaItem.Kind.CASE
        rows.append({
            "pk": item.pk,
            "is_case": is_case,
            "reference": item.reference,
            "title": item.title,
            "start_time": _time(item.start_time),
            "case_type": str(item.get_case_type_display()) if item.case_type else "",
            "from_unit": item.from_unit,
            "case_officer": item.case_officer,
            "presenter": item.presenter,
            "purpose": item.purpose,
            "background": item.background,
            "proposed_decision": item.proposed_decision,
            "internal": item.cover_note_internal,
            "changed_after_notice": item.changed_after_notice,
            "has_cover_note": is_case and bool(item.purpose.strip() or item.background.strip()),
            "attachments": _attachments(item.attachments.all()),
        })
    return {
        "meeting": {
            **_meeting(meeting),
            "draft": meeting.status == Meeting.Status.PLANNED,
            "comment_deadline": meeting.comment_deadline,
        },
        "items": rows,
        "cover_notes": [row for row in rows if row["has_cover_note"]],
        "attachments": _attachments(meeting.attachments.order_by("label")),
    }


def _attendance_row(attendance, previous_org):
    name = attendance.person.name if attendance.person_id else attendance.guest_name
    notes = []
    if attendance.is_chair:
        notes.append(_("leder"))
    if attendance.status == Attendance.Status.DEPUTY:
        notes.append(_("vara"))
    if attendance.status == Attendance.Status.SUBSTITUTE and attendance.substitute_for_id:
        notes.append(_("stedfortreder for %(name)s") % {"name": attendance.substitute_for.name})
    if attendance.membership_id:
        organisation = attendance.membership.label
    elif attendance.organisation_id:
        organisation = attendance.organisation.name
    else:
        organisation = ""
    return {
        # Like the seed minutes: an organisation with two people is named once.
        "organisation": "" if organisation == previous_org else organisation,
        "name": name,
        "notes": ", ".join(notes),
        "status": attendance.status_text,
        "note": attendance.note,
    }, organisation


def _attendance(meeting):
    groups = {capacity: [] for capacity in Attendance.Capacity.values}
    previous = {}
    records = (
        meeting.attendances.select_related(
            "person", "organisation", "membership__organisation", "substitute_for")
        .order_by("sort_order", "pk")
    )
    for attendance in records:
        row, previous[attendance.capacity] = _attendance_row(
            attendance, previous.get(attendance.capacity))
        groups[attendance.capacity].append(row)
    return [
        {"capacity": capacity, "label": str(label), "rows": groups[capacity]}
        for capacity, label in (
            (Attendance.Capacity.MEMBER, gettext_lazy("Medlemmer")),
            (Attendance.Capacity.OBSERVER, gettext_lazy("Observatører")),
            (Attendance.Capacity.SECRETARIAT, gettext_lazy("Fra sekretariatet")),
            (Attendance.Capacity.GUEST, gettext_lazy("Gjester")),
        )
        if groups[capacity]
    ]


def minutes_context(meeting):
    """Attendance table, then each case with its time, discussion and decision."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
    statements = Statement.objects.select_related("organisation").order_by("position", "pk")
    items = meeting.items.order_by("position", "pk").prefetch_related(
        Prefetch("statements", queryset=statements))
    conflicts = conflicts_by_item(meeting)
    rows = []
    for item in items:
        rows.append({
            "pk": item.pk,
            "is_case": item.kind == AgendaItem.Kind.CASE,
            "reference": item.reference,
            "title": item.title,
            "start_time": _time(item.start_time),
            "case_type": str(item.get_case_type_display()) if item.case_type else "",
            # Internal cover notes never reach minutes that may become public.
            "purpose": "" if item.cover_note_internal else item.purpose,
            "proposed_decision": item.proposed_decision,
            "discussion": item.discussion,
            "statements": [{"who": s.who, "text": s.text} for s in item.statements.all()],
            "decision_text": item.decision_text,
            "outcome": item.outcome,
            "outcome_label": str(item.get_outcome_display()) if item.outcome else "",
            # Declared conflicts of interest (habilitet) are part of the record of the case.
            "conflicts": [
                {"person": c.person.name,
                 "organisation": c.organisation.display_short if c.organisation_id else "",
                 "reason": c.reason}
                for c in conflicts.get(item.pk, [])
            ],
        })
    corrections = [
        {"made_at": c.made_at, "reason": c.reason}
        for c in MinutesCorrection.objects.filter(meeting=meeting).order_by("made_at", "pk")
    ]
    return {
        "meeting": {
            **_meeting(meeting),
            "status": meeting.status,
            "status_label": str(meeting.get_status_display()),
            "approved": meeting.is_minutes_approved,
            "approved_at": meeting.minutes_approved_at,
            "approval_note": meeting.minutes_approval_note,
        },
        "attendance": _attendance(meeting),
        "items": rows,
        "corrections": corrections,
    }


def _date_iso(meeting):
    return meeting.date.isoformat()


def notice_filename(meeting, row):
    draft = " " + _("(utkast)") if meeting.status == Meeting.Status.PLANNED else ""
    return f"{_('Innkalling')} {meeting.body.name} {_date_iso(meeting)}{draft}.pdf"


def minutes_filename(meeting, row):
    draft = "" if row.is_public else " " + _("(utkast)")
    return f"{_('Referat')} {meeting.body.name} {_date_iso(meeting)}{draft}.pdf"


def _metadata(meeting, what):
    date = formats.date_format(meeting.date, "d.m.Y")
    return registry.PdfMetadata(
        title=f"{what} – {meeting.body.name} – {date}",
        author=meeting.body.name,
        subject=f"{what} {meeting.title}",
        keywords=(meeting.body.short_name, what, date),
    )


def can_download_notice(user, meeting):
    # A planned meeting's agenda is a draft the secretariat is still working on.
    if meeting.status == Meeting.Status.PLANNED:
        return can_edit_body(user, meeting.body_id)
    return can_read_papers(user, meeting.body_id)


def can_download_minutes(user, meeting):
    return can_read_papers(user, meeting.body_id)


def can_manage(user, meeting):
    return can_edit_body(user, meeting.body_id)


NOTICE = registry.register(registry.PdfKind(
    name="meeting_notice",
    model=Meeting,
    label=gettext_lazy("Innkalling og dagsorden"),
    template="pdf/notice.html",
    context=notice_context,
    filename=notice_filename,
    metadata=lambda m: _metadata(m, _("Innkalling og dagsorden")),
    can_download=can_download_notice,
    can_manage=can_manage,
))

MINUTES = registry.register(registry.PdfKind(
    name="meeting_minutes",
    model=Meeting,
    label=gettext_lazy("Referat"),
    template="pdf/minutes.html",
    context=minutes_context,
    filename=minutes_filename,
    metadata=lambda m: _metadata(m, _("Referat")),
    can_download=can_download_minutes,
    can_manage=can_manage,
    # The public-minutes rule (meetings.visibility): a revision taken while the minutes are
    # public may be downloaded by anyone; the drafts before it stay with the body.
    is_public=minutes_are_public,
    applies=lambda m: m.status in MINUTES_STATUSES,
))

_KINDS = ["meeting_notice", "meeting_minutes"]
registry.watch(Meeting, kinds=_KINDS, source=lambda meeting: meeting)
registry.watch(AgendaItem, kinds=_KINDS, source=lambda item: item.meeting_id)
registry.watch(Attachment, kinds=["meeting_notice"], source=lambda a: a.meeting_id)
registry.watch(Attendance, kinds=["meeting_minutes"], source=lambda a: a.meeting_id)
registry.watch(Statement, kinds=["meeting_minutes"], source=lambda s: s.item.meeting_id)
registry.watch(MinutesCorrection, kinds=["meeting_minutes"], source=lambda c: c.meeting_id)
registry.watch(ConflictOfInterest, kinds=["meeting_minutes"], source=lambda c: c.item.meeting_id)
