"""Attendance: the secretariat's register and the members' own «Meld forfall»."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.models import Representation
from governance.permissions.meetings import can_keep_attendance, can_report_for_meeting
from meetings.forms.attendance import AddGuestForm, AddPersonForm, AttendanceRowForm, ReportForm
from meetings.models import Attendance, Meeting
from meetings.selectors.archive import attendance_name, attendance_table, sorted_attendance
from meetings.services.attendance import (
    attendance_add,
    attendance_prefill,
    attendance_remove,
    attendance_report,
    attendance_update,
    deputy_choices,
    is_removable,
    reporter_seat,
    reports_are_open,
    row_token,
)
from normen_portal.access import require
from normen_portal.concurrency import EditConflict
from normen_portal.form_errors import apply_service_error


def _meeting(pk):
    return get_object_or_404(Meeting.objects.select_related("body"), pk=pk)


def _register_people(rows):
    """Who a deputy or substitute can stand in for: the people already in the register."""
    return [r.person for r in rows if r.person_id and r.capacity != Attendance.Capacity.GUEST]


def _addable_people(meeting, rows):
    """The body's people at the meeting date who are not in the register yet."""
    present = {r.person_id for r in rows if r.person_id}
    reps = (
        Representation.objects.seated(meeting.date)
        .filter(body_id=meeting.body_id)
        .exclude(person_id__in=present)
        .select_related("person", "organisation")
        .order_by("person__name", "role")
    )
    people = {}
    for rep in reps:
        if rep.person_id in people:
            continue
        person = rep.person
        person.seat_label = (rep.organisation.display_short if rep.organisation_id
                             else rep.get_role_display())
        if rep.organisation_id and rep.role == Representation.Role.DEPUTY:
            person.seat_label += ", " + _("vara")
        people[rep.person_id] = person
    return list(people.values())


def _register_context(meeting, *, bound=None, add_form=None, guest_form=None):
    rows = sorted_attendance(meeting)
    people = _register_people(rows)
    table = attendance_table(meeting, rows)
    bound = bound or {}
    for line in table.all_lines:
        row = line.row
        line.form = bound.get(row.pk) or AttendanceRowForm(row=row, people=people,
                                                           token=row_token(row))
        line.removable = is_removable(row)
    return {
        "meeting": meeting,
        "table": table,
        "locked": meeting.is_minutes_approved,
        "add_form": add_form or AddPersonForm(people=_addable_people(meeting, rows)),
        "guest_form": guest_form or AddGuestForm(),
    }


def attendance(request, pk):
    """The register: one row per person or organisation, grouped as the minutes print it.
    POST (without JavaScript) saves every row that changed."""
    meeting = _meeting(pk)
    require(can_keep_attendance(request.user, meeting))
    if request.method == "POST":
        return _save_all(request, meeting)
    attendance_prefill(meeting, request.user)
    return render(request, "meetings/attendance.html", _register_context(meeting))


def _save_row(request, meeting, row, people):
    """Validate and save one row's part of the posted register. Returns (form, outcome) where
    outcome is "saved", "unchanged", "conflict" (with form.conflict set) or "invalid"."""
    form = AttendanceRowForm(request.POST, row=row, people=people, token=row_token(row))
    form.conflict = None
    if not form.is_valid():
        return form, "invalid"
    data = form.cleaned_data
    before = row_token(row)
    try:
        saved = attendance_update(
            row, request.user, status=data["status"], digital=data["digital"],
            partial_note=data["partial_note"], substitute_for=data["substitute_for"],
            note=data["note"], expected_token=data["token"],
        )
    except EditConflict as exc:
        form.conflict = exc.current
        form.conflict_name = attendance_name(exc.current)
        form.conflict_message = str(exc)
        return form, "conflict"
    except ValidationError as exc:
        apply_service_error(form, exc)
        return form, "invalid"
    form.saved_row = saved
    return form, ("unchanged" if row_token(saved) == before else "saved")


def _save_all(request, meeting):
    if meeting.is_minutes_approved:
        messages.error(request, _("Referatet er godkjent, og oppmøtelisten kan ikke endres "
                                  "lenger."))
        return redirect("meetings:attendance", pk=meeting.pk)
    rows = sorted_attendance(meeting)
    people = _register_people(rows)
    bound, problems, saved, conflicts = {}, 0, 0, []
    only = request.POST.get("save_row")
    for row in rows:
        if only and str(row.pk) != only:
            continue
        if f"a{row.pk}-status" not in request.POST:
            continue
        form, outcome = _save_row(request, meeting, row, people)
        if outcome in ("invalid", "conflict"):
            bound[row.pk] = form
            problems += 1
            if outcome == "conflict":
                conflicts.append(form.conflict_message)
        elif outcome == "saved":
            saved += 1
    if problems:
        if conflicts:
            # The row says who changed; the page says once what it means.
            messages.error(request, conflicts[0])
        context = _register_context(meeting, bound=bound)
        context["problems"] = problems
        return render(request, "meetings/attendance.html", context, status=400)
    messages.success(request, _("Oppmøtelisten er lagret (%(count)s endret).") % {"count": saved})
    return redirect("meetings:attendance", pk=meeting.pk)


@require_POST
def attendance_row(request, pk, row_pk):
    """htmx: save one row as soon as a field in it changes. Answers with out-of-band updates
    only (the row's status cell, its lock token and the page's live region), so nothing the
    secretariat is typing in the next field is replaced."""
    meeting = _meeting(pk)
    require(can_keep_attendance(request.user, meeting))
    row = get_object_or_404(Attendance.objects.select_related("person", "substitute_for"),
                            pk=row_pk, meeting=meeting)
    if not request.htmx:
        return _save_all(request, meeting)
    people = _register_people(sorted_attendance(meeting))
    if meeting.is_minutes_approved:
        form = AttendanceRowForm(row=row, people=people, token=row_token(row))
        form.conflict = None
        outcome = "locked"
    else:
        form, outcome = _save_row(request, meeting, row, people)
    current = getattr(form, "saved_row", None) or row
    return render(request, "meetings/attendance_row_saved.html", {
        "meeting": meeting, "row": current, "form": form, "outcome": outcome,
        "name": attendance_name(current) or (current.organisation.name
                                            if current.organisation_id else ""),
        "token": row_token(form.conflict) if form.conflict else row_token(current),
        "saved_at": timezone.localtime(),
    })


@require_POST
def attendance_add_view(request, pk):
    meeting = _meeting(pk)
    require(can_keep_attendance(request.user, meeting))
    rows = sorted_attendance(meeting)
    is_guest = "gjest-guest_name" in request.POST
    add_form = AddPersonForm(None if is_guest else request.POST,
                             people=_addable_people(meeting, rows))
    guest_form = AddGuestForm(request.POST if is_guest else None)
    form = guest_form if is_guest else add_form
    if form.is_valid():
        try:
            if is_guest:
                row = attendance_add(meeting, request.user,
                                     guest_name=form.cleaned_data["guest_name"],
                                     note=form.cleaned_data["note"])
            else:
                row = attendance_add(meeting, request.user, person=form.cleaned_data["person"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("%(name)s er lagt til i oppmøtelisten.")
                             % {"name": row.name})
            return redirect("meetings:attendance", pk=meeting.pk)
    context = _register_context(meeting, add_form=add_form, guest_form=guest_form)
    return render(request, "meetings/attendance.html", context, status=400)


@require_POST
def attendance_remove_view(request, pk, row_pk):
    meeting = _meeting(pk)
    require(can_keep_attendance(request.user, meeting))
    row = get_object_or_404(Attendance.objects.select_related("person", "meeting"), pk=row_pk,
                            meeting=meeting)
    name = row.name
    try:
        attendance_remove(row, request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s er fjernet fra oppmøtelisten.") % {"name": name})
    return redirect("meetings:attendance", pk=meeting.pk)


def report_absence(request, pk):
    """A member or observer tells the secretariat whether they come, before the meeting."""
    meeting = _meeting(pk)
    require(can_report_for_meeting(request.user, meeting))
    person, rep = reporter_seat(meeting, request.user)
    if rep is None:
        raise PermissionDenied(_("Du representerer ingen virksomhet i denne styringsgruppen."))
    deputies = deputy_choices(meeting, person, rep.organisation)
    open_ = reports_are_open(meeting)
    own = meeting.attendances.select_related("reported_by__person").filter(person=person).first()
    if request.method == "POST":
        form = ReportForm(request.POST, deputies=deputies)
        if form.is_valid():
            try:
                attendance_report(meeting, request.user, form.cleaned_data["status"],
                                  deputy=form.cleaned_data["deputy"],
                                  note=form.cleaned_data["note"])
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("Takk! Sekretariatet ser meldingen din i "
                                            "oppmøtelisten."))
                return redirect("meetings:report_absence", pk=meeting.pk)
        status = 400
    else:
        form = ReportForm(deputies=deputies, initial=_initial_report(meeting, person, own))
        status = 200
    stand_in = meeting.attendances.select_related("person").filter(
        substitute_for=person, status=Attendance.Status.DEPUTY).first()
    return render(request, "meetings/attendance_report.html", {
        "meeting": meeting, "form": form, "organisation": rep.organisation, "person": person,
        "own": own, "stand_in": stand_in, "open": open_, "has_deputies": bool(deputies),
    }, status=status)


def _initial_report(meeting, person, own):
    if own is None or own.status == Attendance.Status.UNKNOWN:
        return {}
    if own.status == Attendance.Status.ABSENT:
        stand_in = meeting.attendances.filter(substitute_for=person,
                                              status=Attendance.Status.DEPUTY).first()
        if stand_in and stand_in.person_id:
            return {"status": "deputy", "deputy": str(stand_in.person_id), "note": own.note}
        return {"status": "absent", "note": own.note}
    return {"status": "digital" if own.digital else "present", "note": own.note}


urlpatterns = [
    path("moter/<int:pk>/oppmote/", attendance, name="attendance"),
    path("moter/<int:pk>/oppmote/legg-til/", attendance_add_view, name="attendance_add"),
    path("moter/<int:pk>/oppmote/<int:row_pk>/", attendance_row, name="attendance_row"),
    path("moter/<int:pk>/oppmote/<int:row_pk>/fjern/", attendance_remove_view,
         name="attendance_remove"),
    path("moter/<int:pk>/forfall/", report_absence, name="report_absence"),
]
