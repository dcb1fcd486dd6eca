"""Reads for minutes: the minutes of one meeting as a document (attendance table and cases),
and the public archive of approved minutes.

``public=True`` is the archive's view: only what approved minutes may show the world — no
cover notes marked internal, no attachments that are not public. The same document without
it is what the secretariat edits and the body reviews.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from meetings.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    MinutesCorrection,
    Statement,
)
from meetings.visibility import public_minutes

CAPACITY_ORDER = {
    Attendance.Capacity.MEMBER: 0, Attendance.Capacity.OBSERVER: 1,
    Attendance.Capacity.SECRETARIAT: 2, Attendance.Capacity.GUEST: 3,
}


@dataclass
class AttendanceLine:
    """One line of the attendance table, as the seeds print it."""

    row: Attendance
    organisation_label: str  # empty on the second line of the same organisation
    name: str
    status: str

    @property
    def who(self):
        """What to call the row in labels: the person, or the organisation without one."""
        if self.name:
            return self.name
        return self.row.organisation.name if self.row.organisation_id else ""


@dataclass
class AttendanceTable:
    members: list = field(default_factory=list)
    observers: list = field(default_factory=list)
    secretariat: list = field(default_factory=list)
    guests: list = field(default_factory=list)

    @property
    def all_lines(self):
        return self.members + self.observers + self.secretariat + self.guests

    def __bool__(self):
        return bool(self.all_lines)


def attendance_name(row):
    """«Jo Cranner (vara)», «Arne Ingebrigtsen (leder)», «Kari Nordmann (stedfortreder for
    Petter Hurlen)»."""
    name = row.name
    if not name:
        return ""
    if row.is_chair:
        name += " " + _("(leder)")
    if row.status == Attendance.Status.DEPUTY:
        name += " " + _("(vara)")
    elif row.status == Attendance.Status.SUBSTITUTE and row.substitute_for_id:
        name += " " + _("(stedfortreder for %(name)s)") % {"name": row.substitute_for.name}
    return name


def sorted_attendance(meeting):
    rows = list(
        meeting.attendances.select_related(
            "person", "organisation", "membership", "membership__organisation", "substitute_for",
            "reported_by__person",
        )
    )
    rows.sort(key=lambda a: (
        CAPACITY_ORDER.get(a.capacity, 9),
        a.membership.sort_order if a.membership_id else 0,
        a.organisation.name if a.organisation_id else "",
        a.sort_order, a.pk,
    ))
    return rows


def attendance_table(meeting, rows=None):
    table = AttendanceTable()
    groups = {
        Attendance.Capacity.MEMBER: table.members, Attendance.Capacity.OBSERVER: table.observers,
        Attendance.Capacity.SECRETARIAT: table.secretariat,
        Attendance.Capacity.GUEST: table.guests,
    }
    previous_org = None
    for row in sorted_attendance(meeting) if rows is None else rows:
        if row.membership_id:
            label = row.membership.label
        else:
            label = row.organisation.name if row.organisation_id else ""
        shown = "" if row.organisation_id and row.organisation_id == previous_org else label
        previous_org = row.organisation_id
        groups[row.capacity].append(AttendanceLine(row=row, organisation_label=shown,
                                                   name=attendance_name(row),
                                                   status=row.status_text))
    return table


def minutes_items(meeting, *, public):
    """The agenda in order with what the minutes show per case, in a fixed number of
    queries however many cases there are."""
    attachments = Attachment.objects.order_by("label")
    if public:
        attachments = attachments.filter(is_public=True)
    return list(
        # The body along: each decided case links to its permalink, which names the body.
        meeting.items.select_related("body").order_by("position", "pk").prefetch_related(
            Prefetch("statements",
                     queryset=Statement.objects.select_related("organisation")),
            Prefetch("attachments", queryset=attachments, to_attr="shown_attachments"),
        )
    )


def minutes_heading(body):
    """«Referat Styringsgruppemøte i Normen» for «Styringsgruppen for Normen», as the seeds
    head their minutes; «Referat fra møte i Nasjonalt e-helsestyre» for other names."""
    match = re.match(r"^(\w+e)n for (.+)$", body.name)
    if match:
        return _("Referat %(kind)smøte i %(name)s") % {"kind": match[1], "name": match[2]}
    return _("Referat fra møte i %(name)s") % {"name": body.name}


def meeting_when(meeting):
    """«Onsdag 27.09.2023 kl. 9.00–12.00»."""
    text = capfirst(formats.date_format(meeting.date, "l d.m.Y"))
    text += " " + _("kl.") + " " + formats.time_format(meeting.start_time, "G.i")
    if meeting.end_time:
        text += "–" + formats.time_format(meeting.end_time, "G.i")
    return text


@dataclass
class MinutesDocument:
    meeting: Meeting
    attendance: AttendanceTable
    items: list
    corrections: list
    public: bool

    @property
    def cases(self):
        return [i for i in self.items if i.is_case]

    @property
    def heading(self):
        return minutes_heading(self.meeting.body)

    @property
    def when(self):
        return meeting_when(self.meeting)


def minutes_document(meeting, *, public):
    return MinutesDocument(
        meeting=meeting,
        attendance=attendance_table(meeting),
        items=minutes_items(meeting, public=public),
        corrections=list(
            MinutesCorrection.objects.filter(meeting=meeting).select_related("item")
        ),
        public=public,
    )


# -- the public archive ---------------------------------------------------------------------

def archive_years():
    """``[(year, number of meetings)]``, newest first."""
    return list(
        public_minutes()
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by("-year")
        .values_list("year", "count")
    )


def in_calendar(year):
    """Whether ``year`` is one a date can have. A year lookup turns the year into dates, and
    /arkiv/0/ or /arkiv/10000/ would fail there instead of finding nothing."""
    return datetime.MINYEAR <= year <= datetime.MAXYEAR


def archive_meetings(year):
    if not in_calendar(year):
        return []
    return list(
        public_minutes()
        .filter(date__year=year)
        .select_related("body")
        .annotate(case_count=Count("items", filter=Q(items__kind=AgendaItem.Kind.CASE)))
        .order_by("body__name", "-date")
    )


def public_meeting(year, pk):
    """The approved meeting, or 404: drafts are not in the archive, not even by their URL."""
    meeting = None
    if in_calendar(year):
        meeting = (public_minutes().select_related("body")
                   .filter(pk=pk, date__year=year).first())
    if meeting is None:
        raise Http404(_("Fant ikke et godkjent referat for dette møtet."))
    return meeting
