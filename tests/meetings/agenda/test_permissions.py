"""Who may do what on the agenda pages: every view, GET and POST, htmx included.

Columns of the matrix: anonymous, a member of another body, a user with no seat, an observer,
a member, a deputy and the secretariat of the body. Readers of the papers (observer and up)
read; only the secretariat changes anything; anonymous visitors are sent to log in; everyone
else gets 403 — and a refused POST changes nothing.
"""

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Attachment, Meeting
from meetings.services import agenda as agenda_services
from meetings.services.notice import meeting_send_notice
from tests.conftest import client_for

from .conftest import PDF, upload

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "other_body_member", "no_seat", "observer", "member", "deputy",
         "secretariat"]
READERS = {"observer", "member", "deputy", "secretariat"}


@pytest.fixture
def attachment(meeting, secretariat):
    item = meeting.items.get(title="Sekretariatet orienterer")
    return agenda_services.attachment_add(meeting, secretariat, uploaded=upload("a.pdf", PDF),
                                          title="Toppnotat", item=item)


def expected(role, allowed):
    if role == "anonymous":
        return "login"
    return "ok" if role in allowed else 403


def outcome(response):
    if response.status_code == 302 and "/konto/login/" in response.url:
        return "login"
    if response.status_code in (200, 302):
        return "ok"
    return response.status_code


def read_urls(meeting, attachment):
    item = meeting.items.get(title="Sekretariatet orienterer")
    return {
        "meeting_detail": reverse("meetings:meeting_detail", args=[meeting.pk]),
        "item_detail": reverse("meetings:item_detail", args=[meeting.pk, item.pk]),
        "attachment_download": reverse("meetings:attachment_download",
                                       args=[meeting.pk, attachment.pk]),
    }


def write_get_urls(meeting, attachment):
    item = meeting.items.get(title="Sekretariatet orienterer")
    return {
        "meeting_create": reverse("meetings:meeting_create"),
        "meeting_edit": reverse("meetings:meeting_edit", args=[meeting.pk]),
        "item_create": reverse("meetings:item_create", args=[meeting.pk]),
        "item_create_break": reverse("meetings:item_create", args=[meeting.pk]) + "?type=pause",
        "item_edit": reverse("meetings:item_edit", args=[meeting.pk, item.pk]),
        "item_delete": reverse("meetings:item_delete", args=[meeting.pk, item.pk]),
        "attachment_upload": reverse("meetings:attachment_upload", args=[meeting.pk]),
        "send_notice": reverse("meetings:send_notice", args=[meeting.pk]),
        "send_changes": reverse("meetings:send_changes", args=[meeting.pk]),
        "meeting_history": reverse("meetings:meeting_history", args=[meeting.pk]),
    }


@pytest.mark.parametrize("role", ROLES)
def test_reading_the_papers(client, users, meeting, attachment, role):
    client_for(client, users[role])
    for name, url in read_urls(meeting, attachment).items():
        assert outcome(client.get(url)) == expected(role, READERS), name


@pytest.mark.parametrize("role", ROLES)
def test_secretariat_pages_get(client, users, meeting, attachment, role):
    client_for(client, users[role])
    for name, url in write_get_urls(meeting, attachment).items():
        assert outcome(client.get(url)) == expected(role, {"secretariat"}), name


def _snapshot(meeting):
    meeting.refresh_from_db()
    return (
        meeting.status, meeting.place, meeting.version,
        list(meeting.items.order_by("position").values_list("pk", "title", "number", "outcome")),
        sorted(Attachment.objects.filter(meeting=meeting).values_list("label", flat=True)),
        Meeting.objects.count(),
    )


@pytest.mark.parametrize("role", ["anonymous", "other_body_member", "no_seat", "observer",
                                  "member", "deputy"])
def test_refused_posts_change_nothing(client, users, body, meeting, attachment, role):
    client_for(client, users[role])
    item = meeting.items.get(title="Sekretariatet orienterer")
    before = _snapshot(meeting)
    posts = [
        (reverse("meetings:meeting_create"),
         {"body": body.pk, "date": "2024-09-25", "start_time": "10:00", "end_time": "15:00",
          "form": "physical"}),
        (reverse("meetings:meeting_edit", args=[meeting.pk]),
         {"version": meeting.version, "date": "2024-06-10", "start_time": "10:00",
          "end_time": "15:00", "place": "Et annet sted", "form": "physical"}),
        (reverse("meetings:item_create", args=[meeting.pk]),
         {"title": "Innsmuglet sak", "case_type": "decision"}),
        (reverse("meetings:item_edit", args=[meeting.pk, item.pk]),
         {"version": item.version, "title": "Kapret", "case_type": "decision"}),
        (reverse("meetings:item_move", args=[meeting.pk, item.pk]), {"direction": "down"}),
        (reverse("meetings:item_delete", args=[meeting.pk, item.pk]), {}),
        (reverse("meetings:attachment_upload", args=[meeting.pk]),
         {"title": "Vedlegg", "file": upload("b.pdf", PDF)}),
        (reverse("meetings:attachment_delete", args=[meeting.pk, attachment.pk]), {}),
        (reverse("meetings:send_notice", args=[meeting.pk]), {}),
        (reverse("meetings:send_changes", args=[meeting.pk]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert outcome(response) == expected(role, set()), url
        # htmx requests are checked like full pages
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert outcome(response) == expected(role, set()), url
    assert _snapshot(meeting) == before


def test_secretariat_posts_work(client, users, meeting, attachment):
    client_for(client, users["secretariat"])
    item = meeting.items.get(title="Sekretariatet orienterer")
    assert client.post(reverse("meetings:item_move", args=[meeting.pk, item.pk]),
                       {"direction": "down"}, HTTP_HX_REQUEST="true").status_code == 200
    assert client.post(reverse("meetings:send_notice", args=[meeting.pk])).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.NOTICE_SENT


def test_secretariat_of_another_body_cannot_touch_this_one(client, other_body, meeting):
    from governance.models import Representation
    from tests.factories import person_with_user

    outsider = person_with_user("annet-sekretariat", body=other_body,
                                role=Representation.Role.SECRETARIAT)
    client_for(client, outsider)
    item = meeting.items.get(title="Pause")
    assert client.get(meeting.get_absolute_url()).status_code == 403
    assert client.post(reverse("meetings:item_move", args=[meeting.pk, item.pk]),
                       {"direction": "up"}).status_code == 403
    # Creating a meeting is possible, but only for the body they run.
    page = client.get(reverse("meetings:meeting_create")).content.decode()
    assert other_body.name in page and meeting.body.name not in page
    response = client.post(reverse("meetings:meeting_create"), {
        "body": meeting.body_id, "date": "2024-09-25", "start_time": "10:00",
        "end_time": "15:00", "form": "physical"})
    assert response.status_code == 200
    assert "Velg en styringsgruppe du er sekretariat for." in response.content.decode()


def test_an_item_of_another_meeting_is_not_found_through_this_one(client, users, body,
                                                                   meeting, secretariat):
    from .conftest import make_meeting

    other = make_meeting(body, secretariat, date=meeting.date.replace(month=9))
    foreign = other.items.first()
    client_for(client, users["secretariat"])
    assert client.get(reverse("meetings:item_detail",
                              args=[meeting.pk, foreign.pk])).status_code == 404
    assert client.post(reverse("meetings:item_move", args=[meeting.pk, foreign.pk]),
                       {"direction": "up"}).status_code == 404


def test_meeting_list_shows_only_bodies_the_user_reads(client, users, meeting):
    assert client.get(reverse("meetings:meeting_list")).url == "/arkiv/"
    for role in ["other_body_member", "no_seat"]:
        client_for(client, users[role])
        page = client.get(reverse("meetings:meeting_list")).content.decode()
        assert meeting.title not in page, role
    for role in READERS:
        client_for(client, users[role])
        page = client.get(reverse("meetings:meeting_list")).content.decode()
        assert meeting.title in page, role
        assert ("Nytt møte" in page) == (role == "secretariat"), role


def test_readers_see_the_agenda_without_the_builder(client, users, meeting):
    client_for(client, users["member"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Sekretariatet orienterer" in page
    for builder_only in ["Flytt opp", "Legg til sak", "Send innkalling", "Endringslogg",
                         "Last opp vedlegg"]:
        assert builder_only not in page, builder_only

    client_for(client, users["secretariat"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    for builder in ["Flytt opp", "Legg til sak", "Send innkalling", "Endringslogg"]:
        assert builder in page, builder


def test_the_builder_closes_when_the_meeting_is_held(client, users, meeting, secretariat):
    meeting_send_notice(meeting, secretariat)
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    client_for(client, users["secretariat"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Flytt opp" not in page and "Legg til sak" not in page
    item = AgendaItem.objects.get(meeting=meeting, title="Pause")
    response = client.post(reverse("meetings:item_move", args=[meeting.pk, item.pk]),
                           {"direction": "up"})
    assert response.status_code == 302
    assert "Dagsordenen kan ikke endres" in client.get(response.url).content.decode()
