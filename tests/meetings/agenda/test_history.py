"""Everything done to an agenda is in the history: who, when, what changed, and why."""

import datetime

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Attachment, Meeting
from meetings.services import agenda as agenda_services
from meetings.services.notice import meeting_send_notice
from tests.conftest import client_for

from .conftest import PDF, add_case, upload

pytestmark = pytest.mark.django_db


def test_item_changes_record_the_user_and_the_reason(meeting, secretariat):
    case = add_case(meeting, secretariat, "Handlingsplan 2025", case_type="discussion")
    agenda_services.item_update(case, secretariat, expected_version=case.version,
                                title="Handlingsplan 2025 – utkast")
    agenda_services.item_move(case, secretariat, direction="up")

    rows = list(AgendaItem.history.filter(id=case.pk).order_by("history_date", "history_id"))
    assert [(r.history_type, r.history_change_reason) for r in rows] == [
        ("+", "Lagt til på dagsordenen"),
        ("~", "Endret"),
        ("~", "Flyttet til punkt 4"),
    ]
    assert {r.history_user for r in rows} == {secretariat}
    assert rows[0].title == "Handlingsplan 2025" and rows[1].title == "Handlingsplan 2025 – utkast"


def test_numbering_withdrawal_and_attachments_are_recorded(meeting, secretariat):
    meeting_send_notice(meeting, secretariat)
    case = meeting.items.get(title="Sekretariatet orienterer")
    attachment = agenda_services.attachment_add(meeting, secretariat,
                                                uploaded=upload("a.pdf", PDF), title="Notat")
    agenda_services.attachment_remove(attachment, secretariat)
    agenda_services.item_remove(case, secretariat)

    reasons = list(AgendaItem.history.filter(id=case.pk).order_by("history_date", "history_id")
                   .values_list("history_change_reason", "number", "outcome"))
    assert reasons[-2:] == [("Saksnummer 2/24 tildelt ved innkalling", 2, ""),
                            ("Saken trekkes", 2, "withdrawn")]
    attachment_rows = Attachment.history.filter(id=attachment.pk).order_by("history_date")
    assert [(r.history_type, r.history_change_reason, r.history_user)
            for r in attachment_rows] == [("+", "Vedlegg lastet opp", secretariat),
                                          ("-", "Vedlegg slettet", secretariat)]
    meeting_row = Meeting.history.filter(id=meeting.pk).first()
    assert (meeting_row.status, meeting_row.history_user) == ("notice_sent", secretariat)


def test_changes_through_the_pages_record_the_logged_in_person(client, users, meeting):
    item = meeting.items.get(title="Pause")
    client_for(client, users["secretariat"])
    client.post(reverse("meetings:item_edit", args=[meeting.pk, item.pk]),
                {"version": item.version, "title": "Lunsj", "start_time": "12:00"})
    row = AgendaItem.history.filter(id=item.pk).first()
    assert row.title == "Lunsj" and row.history_user == users["secretariat"]


def test_the_history_page_says_who_changed_what_and_when(client, users, meeting, secretariat):
    case = meeting.items.get(title="Sekretariatet orienterer")
    agenda_services.item_update(case, secretariat, expected_version=case.version,
                                title="Sekretariatet orienterer om status",
                                start_time=datetime.time(10, 30))
    meeting.refresh_from_db()
    agenda_services.meeting_update(meeting, secretariat, expected_version=meeting.version,
                                   place="Helsedirektoratet, Oslo")
    meeting_send_notice(meeting, secretariat)
    client_for(client, users["secretariat"])

    page = client.get(reverse("meetings:meeting_history", args=[meeting.pk])).content.decode()

    for text in [
        "Endringslogg", "Sara Sekretær",
        "Endret: Sak «Sekretariatet orienterer om status»",
        "<strong>Tittel:</strong> Sekretariatet orienterer → Sekretariatet orienterer om status",
        "<strong>Tidspunkt:</strong> 10.15 → 10.30",
        "<strong>Sted:</strong> Skøyen → Helsedirektoratet, Oslo",
        "<strong>Status:</strong> Planlagt → Innkalling sendt",
        "<strong>Saksnummer:</strong> – → 2",
        "Saksnummer 2/24 tildelt ved innkalling",
        "Opprettet: Punktet «Pause»",
        "Utsendinger til medlemmene", "Innkalling", "3 mottakere",
    ]:
        assert text in page, text


def test_the_history_page_is_for_the_secretariat_only(client, users, meeting):
    url = reverse("meetings:meeting_history", args=[meeting.pk])
    for role in ["observer", "member", "deputy"]:
        client_for(client, users[role])
        assert client.get(url).status_code == 403
