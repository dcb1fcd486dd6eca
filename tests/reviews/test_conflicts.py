"""Conflicts of interest (habilitet): members declare them on a case; the declaration shows in
the attendance and in the minutes."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from meetings.models import Meeting
from reviews.models import ConflictOfInterest
from reviews.services import comments as services
from reviews.services.comments import ReviewError

from ..conftest import client_for


def test_member_declares_a_conflict_on_a_case(client, users, case, other_case):
    client_for(client, users["member"])
    url = reverse("reviews:meeting_conflicts", args=[case.meeting.pk])
    response = client.post(url, {"item": case.pk,
                                 "reason": "Helse Nord har bidratt til faktaarket."})
    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get()
    assert conflict.person == users["member"].person
    assert conflict.organisation.name == "Helse Nord RHF"
    page = client.get(url).content.decode()
    assert "Helse Nord har bidratt til faktaarket." in page
    assert "Trekk erklæringen" in page


def test_a_reason_is_required_and_the_choice_kept(client, users, case):
    client_for(client, users["deputy"])
    url = reverse("reviews:meeting_conflicts", args=[case.meeting.pk])
    response = client.post(url, {"item": case.pk, "reason": ""})
    html = response.content.decode()
    assert "Skriv kort hvorfor du er inhabil i saken." in html
    assert f'<option value="{case.pk}" selected>' in html
    assert not ConflictOfInterest.objects.exists()


def test_declaring_twice_is_refused(users, case):
    services.conflict_declare(actor=users["member"], item=case, reason="Part i saken.")
    with pytest.raises(ReviewError, match="allerede erklært"):
        services.conflict_declare(actor=users["member"], item=case, reason="Igjen.")


def test_a_case_of_another_meeting_cannot_be_chosen(client, users, case, body):
    from ..factories import AgendaItemFactory, MeetingFactory

    elsewhere = AgendaItemFactory(meeting=MeetingFactory(body=body))
    client_for(client, users["member"])
    response = client.post(reverse("reviews:meeting_conflicts", args=[case.meeting.pk]),
                           {"item": elsewhere.pk, "reason": "Feil møte."})
    assert response.status_code == 200
    assert "Velg en sak." in response.content.decode()
    assert not ConflictOfInterest.objects.exists()


def test_after_the_meeting_is_held_declarations_go_through_the_secretariat(users, case):
    Meeting.objects.filter(pk=case.meeting_id).update(status=Meeting.Status.HELD)
    case.refresh_from_db()
    with pytest.raises(ReviewError, match="Møtet er avholdt"):
        services.conflict_declare(actor=users["member"], item=case, reason="For sent.")


def test_withdrawing_only_ones_own(client, users, case):
    conflict = services.conflict_declare(actor=users["member"], item=case,
                                         reason="Part i saken.")
    url = reverse("reviews:conflict_withdraw", args=[case.meeting.pk, conflict.pk])
    client_for(client, users["deputy"])
    assert client.post(url).status_code == 403
    client.force_login(users["member"])
    assert client.post(url).status_code == 302
    assert not ConflictOfInterest.objects.exists()
    assert conflict.history.count() == 2  # declared, then withdrawn: both on record


def _render(template, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load reviews %}" + template).render(
        Context({"request": request, **context}))


def test_the_declaration_shows_in_the_minutes_and_the_attendance(users, case):
    services.conflict_declare(actor=users["member"], item=case, reason="Part i saken.")
    minutes = _render("{% case_conflicts item %}", users["secretariat"], item=case)
    assert ("Martin Medlem (Helse Nord) erklærte seg inhabil og deltok ikke i "
            "behandlingen av saken.") in minutes
    attendance = _render("{% meeting_conflicts meeting %}", users["observer"],
                         meeting=case.meeting)
    assert f"Martin Medlem er inhabil i sak {case}" in attendance
    assert "Part i saken." in attendance
    assert _render("{% meeting_conflicts meeting %}", users["other_body_member"],
                   meeting=case.meeting).strip() == ""
