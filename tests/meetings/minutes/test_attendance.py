"""The attendance register: pre-filled from the seats, kept by the secretariat, absence and
deputies reported by the members themselves before the meeting."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from governance.models import Membership, Person, Representation
from meetings.models import Attendance, Meeting
from meetings.services import attendance as svc
from normen_portal.concurrency import EditConflict

from ...conftest import client_for
from ...factories import MeetingFactory, OrganisationFactory, PersonFactory, RepresentationFactory

ROLES = ["anonymous", "no_seat", "other_body_member", "observer", "member", "deputy",
         "secretariat"]


def future_meeting(body, days=14, status=Meeting.Status.NOTICE_SENT):
    return MeetingFactory(body=body, status=status,
                          date=timezone.localdate() + datetime.timedelta(days=days),
                          start_time=datetime.time(10, 0), end_time=datetime.time(15, 0))


@pytest.fixture
def seats(body, users):
    """Beside the users' seats: KS with its chair, an organisation with nobody registered,
    and Helse Nord's extra deputy."""
    ks = OrganisationFactory(name="KS")
    Membership.objects.create(body=body, organisation=ks, sort_order=1)
    RepresentationFactory(body=body, organisation=ks, role="chair",
                          person=PersonFactory(name="Arne Ingebrigtsen"))
    fhi = OrganisationFactory(name="Folkehelseinstituttet", short_name="FHI")
    Membership.objects.create(body=body, organisation=fhi, sort_order=2)
    old = OrganisationFactory(name="Gammelt medlem")
    Membership.objects.create(body=body, organisation=old, end_date=datetime.date(2020, 1, 1))
    return {"ks": ks, "fhi": fhi}


def test_prefill_lists_every_seat_once(users, body, seats):
    meeting = future_meeting(body)
    added = svc.attendance_prefill(meeting, users["secretariat"])
    rows = {(a.organisation.name, a.person.name if a.person else "", a.capacity, a.is_chair)
            for a in meeting.attendances.select_related("organisation", "person")}
    assert rows == {
        ("Helse Nord RHF", "Martin Medlem", "member", False),
        ("IKT-Norge", "Olivia Observatør", "observer", False),
        ("KS", "Arne Ingebrigtsen", "member", True),
        ("Folkehelseinstituttet", "", "member", False),
    }
    assert len(added) == 4
    # Deputies are not pre-filled (they come when reported); ended memberships are gone.
    assert not meeting.attendances.filter(person__name="Vera Vara").exists()
    assert svc.attendance_prefill(meeting, users["secretariat"]) == []
    assert meeting.attendances.count() == 4


def test_prefill_uses_the_seats_at_the_meeting_date(users, body):
    meeting = future_meeting(body)
    rep = Representation.objects.get(person__user=users["member"])
    rep.end_date = meeting.date - datetime.timedelta(days=1)
    rep.save()
    svc.attendance_prefill(meeting)
    assert not meeting.attendances.filter(person__user=users["member"]).exists()
    assert meeting.attendances.filter(organisation__name="Helse Nord RHF",
                                      person__isnull=True).exists()


def test_prefill_leaves_minutes_in_review_alone(users, body):
    meeting = future_meeting(body, status=Meeting.Status.MINUTES_REVIEW)
    assert svc.attendance_prefill(meeting) == []
    assert not meeting.attendances.exists()


def test_member_reports_absence(users, body):
    meeting = future_meeting(body)
    row = svc.attendance_report(meeting, users["member"], svc.Report.ABSENT, note="Syk")
    assert row.status == Attendance.Status.ABSENT
    assert row.reported_by == users["member"] and row.reported_at is not None
    assert row.note == "Syk"
    assert row.history.latest().history_change_reason == "Meldt av Martin Medlem"


def test_member_sends_a_deputy_and_changes_their_mind(users, body):
    meeting = future_meeting(body)
    deputy = Person.objects.get(user=users["deputy"])
    svc.attendance_report(meeting, users["member"], svc.Report.DEPUTY, deputy=deputy)
    stand_in = meeting.attendances.get(person=deputy)
    assert stand_in.status == Attendance.Status.DEPUTY
    assert stand_in.substitute_for.name == "Martin Medlem"
    assert stand_in.organisation.name == "Helse Nord RHF"
    # Coming after all: the deputy who was announced no longer comes.
    row = svc.attendance_report(meeting, users["member"], svc.Report.DIGITAL)
    assert row.status == Attendance.Status.PRESENT and row.digital
    assert not meeting.attendances.filter(person=deputy).exists()


def test_deputy_must_be_from_the_same_organisation(users, body):
    meeting = future_meeting(body)
    stranger = Person.objects.get(user=users["observer"])
    with pytest.raises(ValidationError) as exc:
        svc.attendance_report(meeting, users["member"], svc.Report.DEPUTY, deputy=stranger)
    assert "deputy" in exc.value.message_dict
    assert not meeting.attendances.filter(status="deputy").exists()


def test_a_deputy_attending_is_registered_as_deputy(users, body):
    meeting = future_meeting(body)
    row = svc.attendance_report(meeting, users["deputy"], svc.Report.PRESENT)
    assert row.status == Attendance.Status.DEPUTY
    assert row.person.name == "Vera Vara"


def test_no_reports_after_the_meeting_started(users, body):
    meeting = MeetingFactory(body=body, status=Meeting.Status.NOTICE_SENT,
                             date=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="Møtet har startet"):
        svc.attendance_report(meeting, users["member"], svc.Report.ABSENT)


@pytest.mark.parametrize("who", ["anonymous", "no_seat", "other_body_member"])
def test_outsiders_cannot_report(users, body, who):
    from django.contrib.auth.models import AnonymousUser

    meeting = future_meeting(body)
    with pytest.raises(PermissionDenied):
        svc.attendance_report(meeting, users[who] or AnonymousUser(), svc.Report.ABSENT)


def test_secretariat_without_an_organisation_reports_through_the_register(users, body):
    meeting = future_meeting(body)
    with pytest.raises(PermissionDenied):
        svc.attendance_report(meeting, users["secretariat"], svc.Report.ABSENT)


def test_secretariat_updates_a_row_with_optimistic_lock(users, body):
    meeting = future_meeting(body)
    svc.attendance_prefill(meeting)
    row = meeting.attendances.get(person__user=users["member"])
    token = svc.row_token(row)
    saved = svc.attendance_update(row, users["secretariat"], status="present", digital=True,
                                  partial_note="frem til 11.05", substitute_for=None, note="",
                                  expected_token=token)
    assert saved.status_text == "Til stede frem til 11.05 (digitalt)"
    with pytest.raises(EditConflict) as exc:
        svc.attendance_update(row, users["secretariat"], status="absent", digital=False,
                              partial_note="", substitute_for=None, note="",
                              expected_token=token)
    assert exc.value.current.status == "present"
    row.refresh_from_db()
    assert row.status == "present"


def test_partial_note_does_not_go_with_absence(users, body):
    meeting = future_meeting(body)
    svc.attendance_prefill(meeting)
    row = meeting.attendances.get(person__user=users["member"])
    with pytest.raises(ValidationError) as exc:
        svc.attendance_update(row, users["secretariat"], status="absent", digital=False,
                              partial_note="fra 11:00", substitute_for=None, note="",
                              expected_token=svc.row_token(row))
    assert "partial_note" in exc.value.message_dict


def test_register_is_locked_when_minutes_are_approved(users, body):
    meeting = MeetingFactory(body=body, status=Meeting.Status.MINUTES_APPROVED)
    row = Attendance.objects.create(meeting=meeting, guest_name="Gjest")
    with pytest.raises(ValidationError):
        svc.attendance_update(row, users["secretariat"], status="present", digital=False,
                              partial_note="", substitute_for=None, note="",
                              expected_token=svc.row_token(row))
    with pytest.raises(ValidationError):
        svc.attendance_add(meeting, users["secretariat"], guest_name="Ny gjest")


def test_add_secretariat_person_and_guest_and_remove_them(users, body):
    meeting = future_meeting(body)
    secretary = Person.objects.get(user=users["secretariat"])
    row = svc.attendance_add(meeting, users["secretariat"], person=secretary)
    assert row.capacity == Attendance.Capacity.SECRETARIAT
    guest = svc.attendance_add(meeting, users["secretariat"], guest_name="Ane Hessen Hjelle",
                               note="Helsedirektoratet, faglig påfyll")
    assert guest.capacity == Attendance.Capacity.GUEST
    with pytest.raises(ValidationError):
        svc.attendance_add(meeting, users["secretariat"], person=secretary)
    svc.attendance_remove(guest, users["secretariat"])
    assert not meeting.attendances.filter(guest_name="Ane Hessen Hjelle").exists()


def test_seat_rows_cannot_be_removed(users, body):
    meeting = future_meeting(body)
    svc.attendance_prefill(meeting)
    row = meeting.attendances.get(person__user=users["member"])
    with pytest.raises(ValidationError):
        svc.attendance_remove(row, users["secretariat"])


# -- through HTTP ---------------------------------------------------------------------------

@pytest.mark.parametrize("who", ROLES)
def test_register_is_the_secretariats(client, users, body, who):
    meeting = future_meeting(body)
    c = client_for(client, users[who])
    url = reverse("meetings:attendance", args=[meeting.pk])
    assert c.get(url).status_code == (200 if who == "secretariat" else 403)
    svc.attendance_prefill(meeting)
    row = meeting.attendances.get(person__user=users["member"])
    for target in (url, reverse("meetings:attendance_row", args=[meeting.pk, row.pk])):
        for headers in ({}, {"HX-Request": "true"}):
            row.refresh_from_db()
            data = {f"a{row.pk}-status": "absent", f"a{row.pk}-token": svc.row_token(row)}
            response = c.post(target, data, headers=headers)
            assert response.status_code in ((200, 302) if who == "secretariat" else (403,))
    response = c.post(reverse("meetings:attendance_add", args=[meeting.pk]),
                      {"gjest-guest_name": "Gjest"})
    assert response.status_code in ((302,) if who == "secretariat" else (403,))
    guest = meeting.attendances.filter(guest_name="Gjest").first()
    if guest:
        response = c.post(reverse("meetings:attendance_remove", args=[meeting.pk, guest.pk]))
        assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == ("absent" if who == "secretariat" else "unknown")


def test_register_page_groups_and_labels(client, users, body, seats):
    meeting = future_meeting(body)
    svc.attendance_report(meeting, users["member"], svc.Report.ABSENT)
    client.force_login(users["secretariat"])
    html = client.get(reverse("meetings:attendance", args=[meeting.pk])).content.decode()
    assert "Observatører" in html and "Medlemmer" in html
    assert "Arne Ingebrigtsen (leder)" in html
    assert "Til stede eller forfall for Martin Medlem" in html  # a label on every field
    assert "Meldt av Martin Medlem" in html
    assert 'hx-trigger="change"' in html


def test_htmx_row_save_answers_out_of_band(client, users, body):
    meeting = future_meeting(body)
    svc.attendance_prefill(meeting)
    row = meeting.attendances.get(person__user=users["member"])
    client.force_login(users["secretariat"])
    url = reverse("meetings:attendance_row", args=[meeting.pk, row.pk])
    stale = svc.row_token(row)
    response = client.post(url, {f"a{row.pk}-status": "present", f"a{row.pk}-digital": "on",
                                 f"a{row.pk}-partial_note": "fra 11:00",
                                 f"a{row.pk}-token": stale}, headers={"HX-Request": "true"})
    html = response.content.decode()
    row.refresh_from_db()
    assert row.status_text == "Til stede fra 11:00 (digitalt)"
    assert f'id="id_a{row.pk}-token"' in html and svc.row_token(row) in html
    assert "Martin Medlem: Til stede – lagret kl." in html

    # A second person with the old token: told, not overwritten; their choice stays.
    response = client.post(url, {f"a{row.pk}-status": "absent", f"a{row.pk}-token": stale},
                           headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "ble endret av noen andre" in html
    row.refresh_from_db()
    assert row.status == "present"


def test_register_without_javascript_shows_errors_next_to_the_field(client, users, body):
    meeting = future_meeting(body)
    svc.attendance_prefill(meeting)
    row = meeting.attendances.get(person__user=users["member"])
    client.force_login(users["secretariat"])
    response = client.post(reverse("meetings:attendance", args=[meeting.pk]),
                           {f"a{row.pk}-status": "absent", f"a{row.pk}-partial_note": "fra 11",
                            f"a{row.pk}-token": svc.row_token(row)})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_a{row.pk}-partial_note-feil"' in html
    assert "Delvis til stede passer ikke med forfall." in html
    assert 'value="fra 11"' in html  # what they typed is kept


@pytest.mark.parametrize("who", ROLES)
def test_report_page_is_for_seat_holders(client, users, body, who):
    meeting = future_meeting(body)
    c = client_for(client, users[who])
    url = reverse("meetings:report_absence", args=[meeting.pk])
    allowed = who in ("observer", "member", "deputy")
    assert c.get(url).status_code == (200 if allowed else 403)
    response = c.post(url, {"status": "absent"})
    assert response.status_code == (302 if allowed else 403)


def test_report_absence_page_flow(client, users, body):
    meeting = future_meeting(body)
    client.force_login(users["member"])
    url = reverse("meetings:report_absence", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert "Du representerer Helse Nord RHF" in html
    assert "Vera Vara" in html  # the deputy to choose
    response = client.post(url, {"status": "deputy"})
    assert response.status_code == 400
    assert "Velg hvem som møter for deg." in response.content.decode()
    deputy = Person.objects.get(user=users["deputy"])
    response = client.post(url, {"status": "deputy", "deputy": str(deputy.pk),
                                 "note": "Vera tar over"}, follow=True)
    html = response.content.decode()
    assert "Sekretariatet ser meldingen din" in html
    assert "Vera Vara møter som vara for deg." in html


def test_report_page_after_start_has_no_form(client, users, body):
    meeting = MeetingFactory(body=body, status=Meeting.Status.HELD,
                             date=timezone.localdate() - datetime.timedelta(days=2))
    client.force_login(users["member"])
    html = client.get(reverse("meetings:report_absence", args=[meeting.pk])).content.decode()
    assert "Møtet har startet eller er avholdt" in html
    assert 'name="status"' not in html


def test_deputies_are_offered_first(users, body):
    meeting = future_meeting(body)
    helse_nord = Person.objects.get(user=users["member"]).representations.get().organisation
    RepresentationFactory(body=body, organisation=helse_nord, role="member",
                          person=PersonFactory(name="Anne Andre"))
    member = Person.objects.get(user=users["member"])
    names = [p.name for p in svc.deputy_choices(meeting, member, helse_nord)]
    assert names == ["Vera Vara", "Anne Andre"]
