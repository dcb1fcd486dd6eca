"""Nasjonalt e-helsestyre (seed 004), set up the way its secretariat would set it up in the
portal: every change goes through the service a click on the body's pages or the meeting's
pages goes through, as the body's demo secretariat (``ehelse-sekretariat``), so the numbers
come from the numbering functions and the record has its history and events.

Only the body row itself and its first secretariat login are made directly, as the back
office makes them in the admin (there is no page for creating a body).

Idempotent: what is there already is left alone, so a second run changes nothing.
"""

from datetime import date

from django.contrib.auth import get_user_model

from governance.models import Body, Membership, Organisation, Person, Representation
from governance.services.bodies import body_update
from governance.services.memberships import membership_add
from governance.services.people import person_add, representation_add, representation_replace
from meetings.demo import ehelse_2021 as seed
from meetings.models import AgendaItem, Attendance, Meeting

USERNAME = "ehelse-sekretariat"


def _secretariat_user():
    return get_user_model().objects.get(username=USERNAME)


def load_settings(body, actor):
    """Public minutes, numbered meetings, and 2021's numbering starting at 9/21."""
    year, first = seed.FIRST_CASE
    if (body.minutes_public, body.numbers_meetings, body.case_numbering_year,
            body.case_numbering_first) == (True, True, year, first):
        return body
    # The start is for «this year» as the secretariat sets it: 2021, when the body moved in.
    body, _changed = body_update(
        body, actor=actor, name=body.name, short_name=body.short_name, slug=body.slug,
        minutes_public=True, numbers_meetings=True, case_numbering_first=first,
        today=date(year, 5, 1))
    return body


def _organisation(name):
    return Organisation.objects.filter(name=name).first()


def load_members(body, actor, email_for):
    for kind, rows in (("member", seed.MEMBERS), ("observer", seed.OBSERVERS)):
        for org_name, short, people in rows:
            org = _organisation(org_name)
            if not Membership.objects.filter(body=body, organisation__name=org_name).exists():
                membership = membership_add(
                    body, actor=actor, kind=kind, organisation=org,
                    new_name="" if org else org_name, new_short_name="" if org else short)
                org = membership.organisation
            for name, role in people:
                _seat(body, actor, email_for, name, org, role)
    for org_name, old, new, on in seed.REPLACEMENTS:
        rep = Representation.objects.filter(body=body, organisation__name=org_name,
                                            person__name=old, end_date__isnull=True).first()
        if rep is not None and not Representation.objects.filter(
                body=body, organisation__name=org_name, person__name=new).exists():
            representation_replace(rep, actor=actor, on=on, name=new, email=email_for(new))
    for name in seed.SECRETARIAT:
        _seat(body, actor, email_for, name, None, "secretariat")


def _seat(body, actor, email_for, name, organisation, role):
    if Representation.objects.filter(body=body, person__name=name, organisation=organisation,
                                     role=role).exists():
        return
    person = Person.objects.filter(name=name).first()
    if person is not None and person.representations.filter(body=body).exists():
        representation_add(body, person, actor=actor, organisation=organisation, role=role)
        return
    person_add(body, actor=actor, name=name, email=person.email if person else email_for(name),
               organisation=organisation, role=role)


def _items(meeting, actor, specs):
    """Put the seed's agenda on the meeting: the standard cases meeting_create made are given
    the seed's titles and times, the rest are added in order above «Eventuelt»."""
    from meetings.services.agenda import item_create, item_update

    made = []
    for spec in specs:
        spec = {k: v for k, v in spec.items()
                if k not in ("discussion", "decision_text", "outcome")}
        standard = spec.pop("standard", None)
        kind = spec.pop("kind", AgendaItem.Kind.CASE)
        if standard:
            item = meeting.items.get(standard=standard)
            item = item_update(item, actor, expected_version=item.version, **spec)
        else:
            item = item_create(meeting, actor, kind=kind, **spec)
        made.append(item)
    return made


def _attendance(meeting, actor):
    from meetings.services.attendance import (
        attendance_add,
        attendance_prefill,
        attendance_update,
        row_token,
    )

    attendance_prefill(meeting, actor)
    people = {p.name: p for p in Person.objects.filter(
        name__in=[row[0] for row in seed.ATTENDANCE_2] + seed.SECRETARIAT)}
    for name, status, substitute_for in seed.ATTENDANCE_2:
        row = meeting.attendances.filter(person=people[name]).first()
        if row is None:
            row = attendance_add(meeting, actor, person=people[name])
        attendance_update(row, actor, status=status, digital=False, partial_note="",
                          substitute_for=people.get(substitute_for), note="",
                          expected_token=row_token(row))
    for name in seed.SECRETARIAT:
        row = attendance_add(meeting, actor, person=people[name])
        attendance_update(row, actor, status=Attendance.Status.PRESENT, digital=False,
                          partial_note="", substitute_for=None, note="",
                          expected_token=row_token(row))


def _minutes(items, actor, specs):
    from meetings.services.minutes import minutes_save_case

    for item, spec in zip(items, specs, strict=True):
        if not item.is_case:
            continue
        item.refresh_from_db()
        minutes_save_case(item, actor, discussion=spec.get("discussion", ""),
                          decision_text=spec.get("decision_text", ""),
                          outcome=spec.get("outcome", ""), statements=[],
                          expected_version=item.version, decide=True)


def _notice(meeting, actor):
    """Send the notice, which numbers the cases. The seed's notices went out in 2021, long
    before the demo: their e-mails are marked delivered so no one is sent them today."""
    from django.utils import timezone

    from meetings.services.notice import meeting_send_notice

    dispatch = meeting_send_notice(meeting, actor)
    type(dispatch).objects.filter(pk=dispatch.pk).update(emails_sent_at=timezone.now())
    meeting.refresh_from_db()
    return meeting


def load_meetings(body, actor):
    from meetings.services.meetings import meeting_create
    from meetings.services.minutes import meeting_mark_held, minutes_approve

    if Meeting.objects.filter(body=body).exists():
        return list(Meeting.objects.filter(body=body).order_by("date"))

    # Møte 2/2021: notice, attendance, minutes and decisions, then approved as published.
    second = meeting_create(body=body, actor=actor, **seed.MEETING_2)
    items = _items(second, actor, seed.ITEMS_2)
    second = _notice(second, actor)
    meeting_mark_held(second, actor)
    second.refresh_from_db()
    _attendance(second, actor)
    _minutes(items, actor, seed.ITEMS_2)

    # Møte 3/2021: its «Godkjenning av referat» names 2/2021, so it is made before 2/2021's
    # minutes are approved; then the notice is sent, and the meeting is the demo's to run.
    third = meeting_create(body=body, actor=actor, **seed.MEETING_3)
    _items(third, actor, seed.ITEMS_3)
    second.refresh_from_db()
    minutes_approve(second, actor, seed.APPROVAL_2)
    third = _notice(third, actor)
    return [second, third]


def load(email_for):
    body = Body.objects.get(slug=seed.BODY["slug"])
    actor = _secretariat_user()
    body = load_settings(body, actor)
    load_members(body, actor, email_for)
    return load_meetings(body, actor)
