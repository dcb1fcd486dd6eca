"""Building the agenda: standard cases, adding cases and breaks, order, removing, editing with
the optimistic lock, and the cover note's rich text."""

import datetime

import pytest
from django.urls import reverse

from meetings.forms.richtext import html_to_text, text_to_html
from meetings.models import AgendaItem, CaseType, Meeting
from meetings.services import agenda as agenda_services
from meetings.services.notice import meeting_send_notice
from normen_portal.concurrency import EditConflict
from tests.conftest import client_for

from .conftest import add_case, make_meeting, titles

pytestmark = pytest.mark.django_db


def test_a_new_meeting_starts_with_the_standard_cases(body, secretariat):
    first = make_meeting(body, secretariat, date=datetime.date(2024, 6, 10))
    second = make_meeting(body, secretariat, date=datetime.date(2024, 9, 25))

    assert titles(first) == ["Godkjenning av innkalling og dagsorden", "Eventuelt"]
    assert titles(second) == [
        "Godkjenning av innkalling og dagsorden",
        "Godkjenning av referat fra møte 10.06.2024",
        "Eventuelt",
    ]
    approve_notice, approve_minutes, aob = second.items.order_by("position")
    assert approve_notice.proposed_decision == "Styringsgruppen godkjenner innkalling og dagsorden"
    assert approve_notice.case_type == CaseType.APPROVAL
    assert approve_minutes.previous_meeting == first
    assert approve_minutes.proposed_decision == "Styringsgruppen godkjenner referatet"
    assert aob.case_type == CaseType.ANY_OTHER_BUSINESS


def test_the_create_page_makes_the_meeting_with_standard_cases(client, body, users):
    client_for(client, users["secretariat"])
    response = client.post(reverse("meetings:meeting_create"), {
        "body": body.pk, "date": "2024-06-10", "start_time": "10:00", "end_time": "15:00",
        "place": "Skøyen", "form": "hybrid", "comment_deadline": "2024-06-03T12:00",
    })

    meeting = Meeting.objects.get(body=body)
    assert response.status_code == 302 and response.url == meeting.get_absolute_url()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Godkjenning av innkalling og dagsorden" in page
    assert "Eventuelt" in page
    assert "Møtet er opprettet med standardsakene på dagsordenen." in page


def test_meeting_form_errors_are_norwegian_next_to_the_field_and_keep_the_input(client, body,
                                                                                users):
    client_for(client, users["secretariat"])
    response = client.post(reverse("meetings:meeting_create"), {
        "body": body.pk, "date": "2024-06-10", "start_time": "15:00", "end_time": "10:00",
        "place": "Skøyen på Helsedirektoratet", "form": "physical",
        "comment_deadline": "2024-06-11T12:00",
    })

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_end_time-feil"' in page
    assert "Møtet må slutte etter at det starter." in page
    assert "Fristen for innspill må være før møtet starter." in page
    assert 'aria-describedby="id_end_time-feil' in page
    assert 'value="Skøyen på Helsedirektoratet"' in page
    assert not Meeting.objects.exists()


def test_new_items_go_above_eventuelt_and_move_with_the_buttons(meeting, secretariat):
    assert titles(meeting) == [
        "Godkjenning av innkalling og dagsorden", "Sekretariatet orienterer", "Pause",
        "Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder)", "Eventuelt",
    ]
    pause = meeting.items.get(title="Pause")

    agenda_services.item_move(pause, secretariat, direction="down")
    assert titles(meeting)[3:] == ["Pause", "Eventuelt"]
    agenda_services.item_move(pause, secretariat, direction="down")
    agenda_services.item_move(pause, secretariat, direction="down")  # already last: no-op
    assert titles(meeting)[-1] == "Pause"
    agenda_services.item_move(pause, secretariat, to_index=0)
    assert titles(meeting)[0] == "Pause"
    positions = list(meeting.items.order_by("position").values_list("position", flat=True))
    assert positions == [10, 20, 30, 40, 50]


def test_moving_with_htmx_returns_the_agenda_fragment_with_a_status(client, meeting, users):
    client_for(client, users["secretariat"])
    pause = meeting.items.get(title="Pause")
    url = reverse("meetings:item_move", args=[meeting.pk, pause.pk])

    response = client.post(url, {"direction": "up"}, HTTP_HX_REQUEST="true")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="dagsorden-liste"')
    assert "<html" not in page
    assert page.index("Pause") < page.index("Sekretariatet orienterer")
    assert 'id="dagsorden-status" hx-swap-oob="innerHTML"' in page
    assert "«Pause» er nå punkt 2 av 5." in page
    assert f'id="flytt-opp-{pause.pk}"' in page  # focus can return to the same button


def test_moving_without_javascript_redirects_back_to_the_item(client, meeting, users):
    client_for(client, users["secretariat"])
    pause = meeting.items.get(title="Pause")

    response = client.post(reverse("meetings:item_move", args=[meeting.pk, pause.pk]),
                           {"direction": "down"})

    assert response.status_code == 302
    assert response.url.endswith(f"/moter/{meeting.pk}/#punkt-{pause.pk}")
    assert titles(meeting)[3] == "Pause"


def test_removing_before_the_notice_deletes_after_it_withdraws(client, meeting, secretariat,
                                                               users):
    pause = meeting.items.get(title="Pause")
    assert agenda_services.item_remove(pause, secretariat) is None
    assert not AgendaItem.objects.filter(pk=pause.pk).exists()

    meeting_send_notice(meeting, secretariat)
    case = meeting.items.get(title="Sekretariatet orienterer")
    client_for(client, users["secretariat"])
    confirm = client.get(reverse("meetings:item_delete", args=[meeting.pk, case.pk]))
    assert "Trekk sak 2/24" in confirm.content.decode()
    client.post(reverse("meetings:item_delete", args=[meeting.pk, case.pk]))

    case.refresh_from_db()
    assert case.outcome == "withdrawn" and case.reference == "2/24"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Trekkes" in page


def test_a_stale_edit_is_refused_and_keeps_the_second_persons_text(client, meeting, users):
    item = meeting.items.get(title="Sekretariatet orienterer")
    url = reverse("meetings:item_edit", args=[meeting.pk, item.pk])
    form = {
        "version": item.version, "title": "Sekretariatet orienterer", "case_type": "orientation",
        "start_time": "10:15", "presenter": "", "from_unit": "Sekretariatet",
        "case_officer": "", "proposed_decision": "Styringsgruppen tar orienteringen til "
                                                 "etterretning.",
        "purpose": "", "background": "",
    }
    client_for(client, users["secretariat"])
    first = client.post(url, {**form, "purpose": "- Status handlingsplan 2024"})
    assert first.status_code == 302

    # The second person opened the form before the first saved.
    second = client.post(url, {**form, "purpose": "- Normkonferansen 2025"})

    page = second.content.decode()
    assert second.status_code == 200
    assert str(EditConflict.default_message) in page
    assert "- Normkonferansen 2025" in page  # their text, still in the form
    assert "Status handlingsplan 2024" in page  # and the current version beside it
    item.refresh_from_db()
    assert item.purpose == "<ul><li>Status handlingsplan 2024</li></ul>"
    assert f'name="version" value="{item.version}"' in page  # saving again is deliberate


def test_the_service_refuses_a_stale_version(meeting, secretariat):
    item = meeting.items.get(title="Pause")
    agenda_services.item_update(item, secretariat, expected_version=1, title="Lunsj")
    with pytest.raises(EditConflict) as err:
        agenda_services.item_update(item, secretariat, expected_version=1, title="Kaffe")
    assert err.value.current.title == "Lunsj"


def test_cover_note_rich_text_is_written_plainly_and_stored_sanitized(meeting, secretariat):
    text = ("Faktaarket skal bidra til **økt kunnskap**.\n\n- Status handlingsplan\n"
            "- Kurs og *webinar*\n\n<script>alert(1)</script>")
    html = text_to_html(text)
    assert html == (
        "<p>Faktaarket skal bidra til <strong>økt kunnskap</strong>.</p>"
        "<ul><li>Status handlingsplan</li><li>Kurs og <em>webinar</em></li></ul>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert html_to_text(html) == (
        "Faktaarket skal bidra til **økt kunnskap**.\n\n- Status handlingsplan\n"
        "- Kurs og *webinar*\n\n<script>alert(1)</script>"
    )
    # HTML written as HTML is sanitized; what the plain form can't say stays HTML.
    assert text_to_html('<p onclick="x()">Hei</p><script>x()</script>') == "<p>Hei</p>"
    table = "<table><tbody><tr><td>1.16</td></tr></tbody></table>"
    assert html_to_text(table) == table

    item = meeting.items.get(title="Sekretariatet orienterer")
    agenda_services.item_update(item, secretariat, expected_version=item.version,
                                background='<p>Bakgrunn</p><img src=x onerror="alert(1)">')
    item.refresh_from_db()
    assert item.background == "<p>Bakgrunn</p>"


def test_the_cover_note_page_shows_the_fields_of_a_toppnotat(client, meeting, secretariat,
                                                              users):
    item = meeting.items.get(title="Sekretariatet orienterer")
    agenda_services.item_update(
        item, secretariat, expected_version=item.version, case_officer="Kari Saksbehandler",
        purpose=text_to_html("- Ressurssituasjon i sekretariatet\n- Normkonferansen 2025"),
        background="<p>Sekretariatet redegjør for status.</p>")
    meeting_send_notice(meeting, secretariat)
    client_for(client, users["member"])

    page = client.get(item.get_absolute_url()).content.decode()

    for text in ["Til møte", "Møte i styringsgruppen 10.06.2024", "Saksnummer", "2/24",
                 "Type", "Orientering", "Fra", "Sekretariatet", "Saksbehandler",
                 "Kari Saksbehandler", "Forslag til vedtak",
                 "Styringsgruppen tar orienteringen til etterretning.", "Hensikt med saken",
                 "<li>Ressurssituasjon i sekretariatet</li>", "Bakgrunn",
                 "Sekretariatet redegjør for status.", "10.15"]:
        assert text in page, text
    assert "Rediger saken" not in page  # members read, the secretariat edits


def test_times_are_shown_as_in_the_seeds(client, meeting, users):
    client_for(client, users["member"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "10.15" in page and "11.45" in page and "10:15" not in page
    assert "kl. 10.00–15.00" in page
    assert "10.06.2024" in page


def test_adding_a_break_through_the_page(client, meeting, users):
    client_for(client, users["secretariat"])
    url = reverse("meetings:item_create", args=[meeting.pk]) + "?type=pause"
    assert "Ny pause eller annet punkt" in client.get(url).content.decode()

    response = client.post(url, {"title": "Lunsj", "start_time": "12:00"})

    assert response.status_code == 302
    lunch = meeting.items.get(title="Lunsj")
    assert lunch.kind == AgendaItem.Kind.BREAK and lunch.start_time == datetime.time(12, 0)
    assert titles(meeting)[-2:] == ["Lunsj", "Eventuelt"]


def test_adding_a_case_requires_title_and_type(client, meeting, users):
    client_for(client, users["secretariat"])
    response = client.post(reverse("meetings:item_create", args=[meeting.pk]),
                           {"title": "", "case_type": "", "purpose": "- Mitt utkast"})
    page = response.content.decode()
    assert "Skriv inn en tittel." in page and "Velg sakstype." in page
    assert "- Mitt utkast" in page


def test_add_case_helper_matches_the_page(meeting, secretariat):
    case = add_case(meeting, secretariat, "Handlingsplan 2025", case_type="discussion")
    assert case.position < meeting.items.get(title="Eventuelt").position
