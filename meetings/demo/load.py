"""Create the demo data from the seed documents. Idempotent: a second run saves nothing."""

import re
import unicodedata
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from governance.models import Body, Membership, Organisation, Person, Representation
from meetings.demo import ehelse, ehelse_2021, governance, meetings_2023, meetings_2024
from meetings.models import AgendaItem, Attendance, Meeting, Statement

DEMO_PASSWORD = "Normen-demo-2026"  # noqa: S105 - printed by make run; local demo only


# Reference data the loader keeps up to date on every run. Every other row is the record
# (meetings, cases, minutes, versions, plans …): the loader creates what is missing and may
# complete a row it created in the same run, but never changes a row that was already there,
# so what the secretariat has done since (a decision, a status) stays as they left it.
REFERENCE_MODELS = {
    "governance.body", "governance.organisation", "governance.membership", "governance.person",
    "governance.representation", "documents.topic", "actionplan.strategy",
    "actionplan.focusarea",
}
_created_this_run = set()


def start_run():
    _created_this_run.clear()


def upsert(model, lookup, defaults=None):
    """get_or_create that saves only when a value really differs, so that a second run of the
    loader writes no new history rows; record rows from an earlier run are left alone."""
    defaults = defaults or {}
    label = model._meta.label_lower
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **defaults)
        _created_this_run.add((label, obj.pk))
        return obj, True
    if label not in REFERENCE_MODELS and (label, obj.pk) not in _created_this_run:
        return obj, False
    changed = [k for k, v in defaults.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, defaults[k])
        obj.save()
    return obj, bool(changed)


# Made-up addresses only, on the domain Norid keeps for examples: never a real person's.
DEMO_EMAIL_DOMAIN = "eksempel.no"
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})


def demo_email(name):
    """``firstname.lastname@eksempel.no`` for a demo person, folded to ASCII (æ → ae, ø → o,
    å → a, ü → u) and unique: a second person with the same folded name gets a number."""
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD))
    folded = folded.encode("ascii", "ignore").decode().lower()
    local = re.sub(r"[^a-z0-9_]+", ".", folded.replace("-", "_")).strip("._").replace("_", "-")
    address, n = f"{local}@{DEMO_EMAIL_DOMAIN}", 1
    while Person.objects.filter(email__iexact=address).exclude(name=name).exists():
        n += 1
        address = f"{local}{n}@{DEMO_EMAIL_DOMAIN}"
    return address


def _person(name):
    person, _ = upsert(Person, {"name": name}, {"email": demo_email(name)})
    return person


def load_bodies():
    normen, _ = upsert(Body, {"slug": "normen"}, {
        "name": "Styringsgruppen for Normen", "short_name": "Styringsgruppen",
        "description": "Styringsgruppen for Norm for informasjonssikkerhet og personvern i "
                       "helse- og omsorgssektoren.",
        "email": "normen@helsedir.no",
    })
    for kind, rows in (("member", governance.NORMEN_MEMBERS),
                       ("observer", governance.NORMEN_OBSERVERS)):
        for order, (org_name, short, represents, reps) in enumerate(rows, start=1):
            org, _ = upsert(Organisation, {"name": org_name}, {"short_name": short})
            upsert(Membership, {"body": normen, "organisation": org},
                   {"kind": kind, "represents": represents, "sort_order": order})
            for person_name, role, start, end in reps:
                upsert(Representation, {"person": _person(person_name), "body": normen,
                                        "organisation": org, "role": role},
                       {"start_date": start, "end_date": end})

    # Nasjonalt e-helsestyre: the body row, as the back office makes it in the admin; its
    # members, people and meetings come through the portal's services (meetings.demo.ehelse).
    upsert(Body, {"slug": ehelse_2021.BODY["slug"]},
           {k: v for k, v in ehelse_2021.BODY.items() if k != "slug"})
    return normen


# Reference data the secretariat keeps in the admin; everything else there is read-only.
BACK_OFFICE_MODELS = {
    "governance": ["body", "organisation", "membership", "person", "representation"],
    "documents": ["topic"],
    "actionplan": ["strategy", "focusarea"],
}
RECORD_VIEW_MODELS = {
    "meetings": ["meeting", "agendaitem", "statement", "attachment", "attendance",
                 "minutescorrection"],
    "documents": ["document", "documentversion", "annex", "consultation",
                  "consultationresponse"],
    "actionplan": ["actionplan", "planarea", "measure", "proposal"],
    "events": ["event"],
}


def back_office_group():
    """«Sekretariatet (bakkontor)»: edit reference data, view the record."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Sekretariatet (bakkontor)")
    codenames = [f"{action}_{model}" for models in BACK_OFFICE_MODELS.values()
                 for model in models for action in ("add", "change", "view")]
    codenames += [f"view_{model}" for models in RECORD_VIEW_MODELS.values() for model in models]
    group.permissions.set(Permission.objects.filter(
        content_type__app_label__in=[*BACK_OFFICE_MODELS, *RECORD_VIEW_MODELS],
        codename__in=codenames))
    return group


def load_operations_user(password=DEMO_PASSWORD):
    """``drift``: operations, the only superuser. Must use two-factor authentication."""
    User = get_user_model()
    user = User.objects.filter(username="drift").first()
    if user is None:
        user = User.objects.create_user("drift", "drift@eksempel.no", password)
    elif not user.check_password(password):
        user.set_password(password)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def load_users(password=DEMO_PASSWORD):
    users = []
    User = get_user_model()
    for username, name, body_slug, org_name, role in governance.DEMO_USERS:
        email = demo_email(name)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username, email, password)
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        if role == "secretariat":
            # The secretariat keeps reference data in the admin (staff with the back-office
            # group's permissions), but is no superuser: the record is changed in the portal.
            user.is_staff, user.is_superuser = True, False
            user.save(update_fields=["is_staff", "is_superuser"])
            user.groups.add(back_office_group())
        person, _ = upsert(Person, {"name": name}, {"email": email, "user": user})
        org = Organisation.objects.get(name=org_name) if org_name else None
        upsert(Representation, {"person": person, "body": Body.objects.get(slug=body_slug),
                                "organisation": org, "role": role})
        users.append((username, role))
    return users


def _load_meeting(body, data, status):
    meeting, _ = upsert(Meeting, {"body": body, "date": data.MEETING["date"]}, {
        **{k: v for k, v in data.MEETING.items() if k != "date"},
        "status": status,
    })
    orgs = {o.name: o for o in Organisation.objects.all()}
    memberships = {m.organisation_id: m for m in body.memberships.all()}
    for order, (org_name, person_name, status_, partial, digital) in enumerate(
        data.ATTENDANCE, start=1
    ):
        org = orgs[org_name]
        membership = memberships[org.pk]
        person = Person.objects.get(name=person_name) if person_name else None
        upsert(Attendance, {"meeting": meeting, "sort_order": order}, {
            "organisation": org, "membership": membership, "person": person,
            "capacity": membership.kind, "status": status_, "partial_note": partial,
            "digital": digital, "is_chair": person_name == "Arne Ingebrigtsen",
        })
    decided_at = timezone.make_aware(datetime.combine(meeting.date, time(15, 0)))
    for position, spec in enumerate(data.ITEMS, start=1):
        spec = dict(spec)
        statements = spec.pop("statements", [])
        previous = spec.pop("previous", None)
        number = spec.pop("number", None)
        fields = {
            "body": body, "kind": spec.pop("kind", "case"), "title": spec.pop("title"),
            "number": number, "year": meeting.date.year if number else None,
            "decided_at": decided_at if spec.get("outcome") else None,
            "previous_meeting": Meeting.objects.filter(body=body, date=previous).first()
            if previous else None,
            **spec,
        }
        item, _ = upsert(AgendaItem, {"meeting": meeting, "position": position * 10}, fields)
        for s_pos, (org_name, text) in enumerate(statements, start=1):
            upsert(Statement, {"item": item, "position": s_pos},
                   {"organisation": orgs[org_name], "text": text})
    return meeting


def load_meetings(body):
    notice_2023 = timezone.make_aware(datetime(2023, 9, 13, 12, 0))
    m23 = _load_meeting(body, meetings_2023, Meeting.Status.MINUTES_APPROVED)
    m24 = _load_meeting(body, meetings_2024, Meeting.Status.MINUTES_REVIEW)
    upsert(Meeting, {"pk": m23.pk}, {
        "notice_sent_at": notice_2023,
        "minutes_approved_at": timezone.make_aware(datetime(2024, 6, 10, 10, 5)),
        "minutes_approval_note": "Godkjent i sak 12/24",
    })
    upsert(Meeting, {"pk": m24.pk}, {
        "notice_sent_at": timezone.make_aware(datetime(2024, 5, 27, 12, 0)),
        "minutes_sent_for_review_at": timezone.make_aware(datetime(2024, 6, 20, 9, 0)),
    })
    return [m23, m24]


def upcoming_meeting_date(today=None):
    """Second Wednesday of the month after next: far enough ahead to draft an agenda."""
    today = today or timezone.localdate()
    first = (today.replace(day=1) + timedelta(days=62)).replace(day=1)
    offset = (2 - first.weekday()) % 7
    return first + timedelta(days=offset + 7)


def load_upcoming(body):
    """One planned meeting with a draft agenda, created the way the secretariat would."""
    from meetings.services.meetings import (
        meeting_create,  # local: services import the demo-free models
    )

    if Meeting.objects.filter(body=body, status=Meeting.Status.PLANNED).exists():
        return None
    meeting_date = upcoming_meeting_date()
    meeting = meeting_create(
        body=body, actor=None, date=meeting_date, start_time=time(10, 0),
        end_time=time(15, 0), place="Helsedirektoratet, Oslo", form=Meeting.Form.HYBRID,
        comment_deadline=timezone.make_aware(
            datetime.combine(meeting_date - timedelta(days=7), time(12, 0))),
    )
    extra = [
        {"title": "Sekretariatet orienterer", "case_type": "orientation",
         "from_unit": "Sekretariatet", "start_time": time(10, 15),
         "purpose": "<ul><li>Status handlingsplan</li><li>Normkonferansen</li>"
                    "<li>Kurs og webinar</li></ul>",
         "proposed_decision": "Styringsgruppen tar orienteringen til etterretning."},
        # Next year's plan is discussed from the summer on (27/23, 18/24); earlier in the year
        # it is the current year's plan.
        {"title": f"Handlingsplan {meeting_date.year + (meeting_date.month >= 6)}",
         "case_type": "discussion",
         "from_unit": "Sekretariatet", "start_time": time(11, 0),
         "purpose": "<p>Sekretariatet legger fram et første utkast til handlingsplan.</p>",
         "proposed_decision": "Styringsgruppen drøfter utkastet og gir sine innspill."},
    ]
    aob = meeting.items.get(standard=AgendaItem.Standard.ANY_OTHER_BUSINESS)
    for offset, spec in enumerate(extra, start=1):
        AgendaItem.objects.create(meeting=meeting, body=body, kind="case",
                                  position=aob.position - 10 + offset, **spec)
    return meeting


@transaction.atomic
def load(password=DEMO_PASSWORD):
    body = load_bodies()
    users = load_users(password)
    load_operations_user(password)
    users.append(("drift", "drift"))
    meetings = load_meetings(body)
    load_upcoming(body)
    meetings += ehelse.load(demo_email)
    return {"body": body, "users": users, "meetings": meetings}


