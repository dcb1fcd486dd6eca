"""The attendance register: pre-filled from the body's seats, kept by the secretariat, with
absence and deputies reported by the members themselves before the meeting."""

import hashlib
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Membership, Person, Representation
from governance.permissions.meetings import can_keep_attendance, can_report_for_meeting
from meetings.models import Attendance, Meeting
from meetings.services.minutes import MinutesLocked
from normen_portal.access import require
from normen_portal.concurrency import check_unchanged

# The register is built from the seats while the meeting is ahead or just held; once the
# minutes are out for review it is a record, and new seats must not appear in it by themselves.
PREFILL_STATUSES = {Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT, Meeting.Status.IN_PROGRESS,
                    Meeting.Status.HELD}
REPORT_STATUSES = {Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT}
SEAT_ROLES = [Representation.Role.CHAIR, Representation.Role.MEMBER]


class Report:
    """What a member can report for a meeting (the choices on «Meld forfall»)."""

    PRESENT = "present"
    DIGITAL = "digital"
    ABSENT = "absent"
    DEPUTY = "deputy"


def meeting_starts_at(meeting):
    return timezone.make_aware(datetime.combine(meeting.date, meeting.start_time))


def reports_are_open(meeting, now=None):
    """Members report before the meeting starts; after that the secretariat keeps the list."""
    now = now or timezone.now()
    return meeting.status in REPORT_STATUSES and now < meeting_starts_at(meeting)


def row_token(row):
    """A fingerprint of what the secretariat can change on a row: the optimistic lock for the
    register (a row carries no version number, and reading its history for every row would
    cost a query each)."""
    raw = "|".join(str(v) for v in (
        row.status, row.digital, row.partial_note, row.substitute_for_id, row.note,
        row.person_id, row.guest_name, row.reported_at and row.reported_at.isoformat(),
    ))
    return hashlib.blake2s(raw.encode(), digest_size=8).hexdigest()


def _memberships_on(body, on):
    return (
        Membership.objects.current(on).filter(body=body)
        .select_related("organisation")
        .order_by("kind", "sort_order", "organisation__name")
    )


def _check_register_open(meeting):
    if meeting.is_minutes_approved:
        raise MinutesLocked(
            _("Referatet er godkjent, og oppmøtelisten kan ikke endres lenger.")
        )


@transaction.atomic
def attendance_prefill(meeting, actor=None):
    """Add a row for every seat of the body at the meeting date that the register lacks: each
    sitting member or chair of a member or observer organisation, and the organisation alone
    when it has nobody registered (it is listed with «Forfall» or a nameless «Til stede» in
    the seeds). Idempotent: a second call adds nothing. Returns the rows it added.

    ``actor`` None is the system (a member reporting absence triggers it too)."""
    if actor is not None:
        require(can_keep_attendance(actor, meeting) or can_report_for_meeting(actor, meeting))
    if meeting.status not in PREFILL_STATUSES:
        return []
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()  # one prefill at a time
    on = meeting.date
    seats = {}
    reps = (
        Representation.objects.seated(on)
        .filter(body_id=meeting.body_id, role__in=SEAT_ROLES, organisation__isnull=False)
        .select_related("person")
        .order_by("role", "person__name")
    )
    for rep in reps:
        seats.setdefault(rep.organisation_id, []).append(rep)
    existing = list(meeting.attendances.all())
    have_person = {a.person_id for a in existing if a.person_id}
    have_org = {a.organisation_id for a in existing if a.organisation_id}
    added = []
    for index, membership in enumerate(_memberships_on(meeting.body, on)):
        base = (1000 if membership.kind == Membership.Kind.OBSERVER else 0) + index * 10
        org_reps = seats.get(membership.organisation_id, [])
        new_rows = []
        if not org_reps and membership.organisation_id not in have_org:
            new_rows.append(Attendance(organisation=membership.organisation))
        for rep in org_reps:
            if rep.person_id in have_person:
                continue
            have_person.add(rep.person_id)
            new_rows.append(Attendance(organisation=membership.organisation, person=rep.person,
                                       is_chair=rep.role == Representation.Role.CHAIR))
        for offset, row in enumerate(new_rows):
            row.meeting = meeting
            row.membership = membership
            row.capacity = membership.kind
            row.sort_order = base + offset
            row._history_user = actor
            row._change_reason = _("Fylt ut fra medlemslisten")
            row.full_clean()
            row.save()
            added.append(row)
        have_org.add(membership.organisation_id)
    return added


def reporter_seat(meeting, user):
    """The user's own seat at the meeting: (person, representation) or (None, None)."""
    person = Person.objects.filter(user=user).first() if user.is_authenticated else None
    if person is None:
        return None, None
    rep = (
        Representation.objects.seated(meeting.date)
        .filter(body_id=meeting.body_id, person=person, organisation__isnull=False)
        .exclude(role=Representation.Role.SECRETARIAT)
        .select_related("organisation")
        .order_by("role")
        .first()
    )
    return (person, rep) if rep else (None, None)


def deputy_choices(meeting, person, organisation):
    """Who can attend in the person's place: the organisation's other representatives,
    deputies first."""
    reps = (
        Representation.objects.seated(meeting.date)
        .filter(body_id=meeting.body_id, organisation=organisation)
        .exclude(person=person)
        .select_related("person")
        .order_by("person__name")
    )
    seen, people = set(), []
    for rep in sorted(reps, key=lambda r: r.role != Representation.Role.DEPUTY):
        if rep.person_id not in seen:
            seen.add(rep.person_id)
            people.append(rep.person)
    return people


@transaction.atomic
def attendance_report(meeting, user, status, *, deputy=None, note=""):
    """A member or observer reports for their own seat before the meeting starts: attending
    (in person or digitally), absent, or absent with a deputy attending instead."""
    require(can_report_for_meeting(user, meeting))
    person, rep = reporter_seat(meeting, user)
    if rep is None:
        raise PermissionDenied(_("Du representerer ingen virksomhet i denne styringsgruppen."))
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not reports_are_open(meeting):
        raise ValidationError(
            _("Møtet har startet. Ta kontakt med sekretariatet for å endre oppmøtet.")
        )
    if status not in (Report.PRESENT, Report.DIGITAL, Report.ABSENT, Report.DEPUTY):
        raise ValidationError({"status": _("Velg om du deltar eller har forfall.")})
    if status == Report.DEPUTY:
        allowed = {p.pk for p in deputy_choices(meeting, person, rep.organisation)}
        if deputy is None or deputy.pk not in allowed:
            raise ValidationError({"deputy": _("Velg hvem som møter for deg.")})
    attendance_prefill(meeting)
    membership = Membership.objects.current(meeting.date).get(body_id=meeting.body_id,
                                                              organisation=rep.organisation)
    now = timezone.now()
    reason = _("Meldt av %(name)s") % {"name": person.name}

    def row_for(who):
        row = meeting.attendances.select_for_update().filter(person=who).first()
        if row is None:
            last = meeting.attendances.filter(organisation=rep.organisation).order_by(
                "-sort_order").values_list("sort_order", flat=True).first()
            row = Attendance(meeting=meeting, person=who, organisation=rep.organisation,
                             membership=membership, capacity=membership.kind,
                             sort_order=(last or 0) + 1)
        return row

    def save(row):
        row.reported_by = user
        row.reported_at = now
        row._history_user = user
        row._change_reason = reason
        row.full_clean()
        row.save()

    own = row_for(person)
    own.note = note.strip()
    own.substitute_for = None
    if status in (Report.PRESENT, Report.DIGITAL):
        own.status = (Attendance.Status.DEPUTY if rep.role == Representation.Role.DEPUTY
                      else Attendance.Status.PRESENT)
        own.digital = status == Report.DIGITAL
    else:
        own.status = Attendance.Status.ABSENT
        own.digital = False
    save(own)

    # A deputy the person announced earlier no longer comes unless named again.
    earlier = meeting.attendances.filter(substitute_for=person, status=Attendance.Status.DEPUTY,
                                         reported_by__isnull=False)
    if deputy is not None and status == Report.DEPUTY:
        earlier = earlier.exclude(person=deputy)
    for row in earlier:
        row._history_user = user
        row._change_reason = reason
        row.delete()
    if status == Report.DEPUTY:
        stand_in = row_for(deputy)
        stand_in.status = Attendance.Status.DEPUTY
        stand_in.substitute_for = person
        stand_in.digital = False
        stand_in.note = note.strip()
        save(stand_in)
    return own


@transaction.atomic
def attendance_update(row, actor, *, status, digital, partial_note, substitute_for, note,
                      expected_token):
    """The secretariat sets one row of the register. ``expected_token`` is the row's
    fingerprint as the secretariat saw it; a stale one raises EditConflict (with the row as it
    is now as ``current``)."""
    require(can_keep_attendance(actor, row.meeting))
    fresh = (Attendance.objects.select_for_update(of=("self",))
             .select_related("meeting", "person").get(pk=row.pk))
    _check_register_open(fresh.meeting)
    before = row_token(fresh)
    check_unchanged(fresh, expected_token or None, now=before)
    errors = {}
    if status == Attendance.Status.ABSENT and partial_note.strip():
        errors["partial_note"] = _("Delvis til stede passer ikke med forfall.")
    if status == Attendance.Status.SUBSTITUTE and substitute_for is None:
        errors["substitute_for"] = _("Velg hvem stedfortrederen møter for.")
    if substitute_for is not None and substitute_for.pk == fresh.person_id:
        errors["substitute_for"] = _("En person kan ikke være stedfortreder for seg selv.")
    if errors:
        raise ValidationError(errors)
    fresh.status = status
    fresh.digital = bool(digital) and status != Attendance.Status.ABSENT
    fresh.partial_note = partial_note.strip()
    fresh.substitute_for = (
        substitute_for if status in (Attendance.Status.SUBSTITUTE, Attendance.Status.DEPUTY)
        else None
    )
    fresh.note = note.strip()
    if row_token(fresh) == before:
        return fresh  # nothing changed: no history row
    fresh._history_user = actor
    fresh._change_reason = _("Oppmøte registrert av sekretariatet")
    fresh.full_clean()
    fresh.save()
    return fresh


@transaction.atomic
def attendance_add(meeting, actor, *, person=None, guest_name="", organisation=None, note=""):
    """Add someone the seats do not give: a deputy or extra representative, someone from the
    secretariat, or a guest (by name)."""
    require(can_keep_attendance(actor, meeting))
    _check_register_open(meeting)
    row = Attendance(meeting=meeting, status=Attendance.Status.PRESENT, note=note.strip())
    if person is not None:
        if meeting.attendances.filter(person=person).exists():
            raise ValidationError({"person": _("%(name)s står allerede i oppmøtelisten.")
                                   % {"name": person.name}})
        rep = (Representation.objects.seated(meeting.date)
               .filter(body_id=meeting.body_id, person=person).order_by("role").first())
        if rep is None:
            raise ValidationError({"person": _("Personen har ingen rolle i styringsgruppen.")})
        row.person = person
        if rep.role == Representation.Role.SECRETARIAT or rep.organisation_id is None:
            row.capacity = Attendance.Capacity.SECRETARIAT
            row.sort_order = 3000
        else:
            membership = Membership.objects.current(meeting.date).filter(
                body_id=meeting.body_id, organisation_id=rep.organisation_id).first()
            if membership is None:
                raise ValidationError(
                    {"person": _("Virksomheten er ikke med i styringsgruppen.")})
            row.organisation_id = rep.organisation_id
            row.membership = membership
            row.capacity = membership.kind
            row.is_chair = rep.role == Representation.Role.CHAIR
            if rep.role == Representation.Role.DEPUTY:
                row.status = Attendance.Status.DEPUTY
            last = meeting.attendances.filter(organisation_id=rep.organisation_id).order_by(
                "-sort_order").values_list("sort_order", flat=True).first()
            row.sort_order = (last or 0) + 1
    else:
        if not guest_name.strip():
            raise ValidationError({"guest_name": _("Skriv navnet på gjesten.")})
        row.guest_name = guest_name.strip()
        row.organisation = organisation
        row.capacity = Attendance.Capacity.GUEST
        row.sort_order = 4000
    row._history_user = actor
    row._change_reason = _("Lagt til av sekretariatet")
    row.full_clean()
    row.save()
    return row


def is_removable(row):
    """Rows the seats would bring back are kept (set them to «Forfall» instead)."""
    return row.capacity in (Attendance.Capacity.SECRETARIAT, Attendance.Capacity.GUEST) or (
        row.status in (Attendance.Status.DEPUTY, Attendance.Status.SUBSTITUTE)
    )


@transaction.atomic
def attendance_remove(row, actor):
    require(can_keep_attendance(actor, row.meeting))
    _check_register_open(row.meeting)
    if not is_removable(row):
        raise ValidationError(
            _("Raden kommer fra medlemslisten og kan ikke fjernes. Sett status i stedet.")
        )
    row._history_user = actor
    row._change_reason = _("Fjernet av sekretariatet")
    row.delete()
