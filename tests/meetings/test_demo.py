"""load_demo recreates the steering group from the seeds and is idempotent."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command

from governance.models import Body, Representation
from governance.permissions import Role, role_in
from meetings.models import AgendaItem, Attendance, Meeting


def snapshot():
    """Row counts of every model, history tables included."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"meetings", "documents", "actionplan", "auth", "governance",
                                     "events"}
    }


@pytest.mark.django_db
def test_load_demo_is_idempotent():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first
    assert "sekretariat" in out.getvalue() and "passord" in out.getvalue()


def test_steering_group_from_the_minutes(demo):
    normen = demo
    members = normen.memberships.filter(kind="member")
    observers = normen.memberships.filter(kind="observer")
    assert members.count() == 19
    assert observers.count() == 8
    assert set(observers.values_list("organisation__name", flat=True)) >= {
        "Digitaliseringsdirektoratet", "IKT-Norge", "Melanor", "NAV", "NSM", "Senior Norge",
    }
    for rhf in ("Helse Midt-Norge RHF", "Helse Nord RHF", "Helse Sør-Øst RHF", "Helse Vest RHF"):
        assert members.filter(organisation__name=rhf).exists()
    chair = Representation.objects.get(body=normen, role="chair")
    assert chair.person.name == "Arne Ingebrigtsen"
    assert chair.organisation.name == "KS"
    deputy = Representation.objects.get(body=normen, person__name="Jo Cranner")
    assert deputy.role == "deputy"
    furst = normen.memberships.get(organisation__name="Fürst")
    assert furst.label == "Private helsevirksomheter (representert ved Fürst)"
    assert Body.objects.filter(slug="e-helsestyre").exists()


def test_seed_meetings_with_cases_and_attendance(demo):
    m23 = Meeting.objects.get(body=demo, date="2023-09-27")
    m24 = Meeting.objects.get(body=demo, date="2024-06-10")
    refs23 = [i.reference for i in m23.items.filter(kind="case")]
    assert refs23[:5] == ["23/23", "24/23", "25/23", "26/23", "27/23"]
    refs24 = [i.reference for i in m24.items.filter(kind="case")]
    # Agenda order; the seed prints 16/24 twice and skips 14/24 (see meetings_2024).
    assert refs24 == [f"{n}/24" for n in (11, 12, 13, 16, 15, 14, 17, 18, 19)]
    fa59 = AgendaItem.objects.get(body=demo, year=2024, number=16)
    assert "faktaark 59" in fa59.title and fa59.outcome == "withdrawn"
    assert AgendaItem.objects.get(body=demo, year=2024, number=15).outcome == "approved"
    cranner = Attendance.objects.get(meeting=m23, person__name="Jo Cranner")
    assert cranner.status_text == "Til stede frem til 11.05"
    ks = Attendance.objects.get(meeting=m24, person__name="Suhail Mushtaq")
    assert ks.status_text == "Til stede fra 11:00 (digitalt)"
    assert m23.is_minutes_approved
    assert Meeting.objects.filter(body=demo, status="planned").count() == 1


def test_demo_users_have_their_roles(demo):
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    assert role_in(users["sekretariat"], demo) == Role.SECRETARIAT
    assert role_in(users["medlem"], demo) == Role.MEMBER
    assert role_in(users["observator"], demo) == Role.OBSERVER


def test_new_meeting_starts_with_the_standard_cases(demo):
    import datetime

    from meetings.services.meetings import meeting_create

    meeting = meeting_create(body=demo, actor=None, date=datetime.date(2024, 9, 18),
                             start_time=datetime.time(10, 0), place="Skøyen")
    items = list(meeting.items.order_by("position"))
    assert [i.title for i in items] == [
        "Godkjenning av innkalling og dagsorden",
        "Godkjenning av referat fra møte 10.06.2024",
        "Eventuelt",
    ]
    assert items[0].start_time == datetime.time(10, 0)
    assert items[1].previous_meeting.date == datetime.date(2024, 6, 10)
    assert items[1].proposed_decision == "Styringsgruppen godkjenner referatet"
