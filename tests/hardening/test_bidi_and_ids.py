"""Bidi control characters never reach what others read, and rich text keeps no id a person
chose. Through HTTP where people type: a case title, a cover note, a comment, a search."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from normen_portal.richtext import sanitize
from normen_portal.text import BIDI_CONTROLS, strip_bidi
from reviews.models import Comment

from ..factories import AgendaItemFactory, MeetingFactory, UserFactory
from ..meetings.agenda.conftest import add_case, make_meeting

RLO = "\u202e"
ALL_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_strip_bidi_removes_every_bidi_control_and_nothing_else():
    assert set(ALL_BIDI) == BIDI_CONTROLS
    assert strip_bidi(f"faktura{RLO}fdp.exe") == "fakturafdp.exe"
    assert strip_bidi("a" + ALL_BIDI + "b") == "ab"
    kept = "Sør-Øst – «sak» 16/24 \u200b\u00a0 عربى"  # other Unicode is left as it is
    assert strip_bidi(kept) == kept
    assert strip_bidi(None) is None


@pytest.mark.django_db
def test_a_case_title_and_cover_note_posted_with_an_override_are_stored_without_it(
        client, body, users):
    secretariat = users["secretariat"]
    meeting = make_meeting(body, secretariat)
    item = add_case(meeting, secretariat, "Sekretariatet orienterer")
    client.force_login(secretariat)
    response = client.post(reverse("meetings:item_edit", args=[meeting.pk, item.pk]), {
        "title": f"Godkjenning av {RLO}fdp.exe", "case_type": "orientation",
        "start_time": "", "presenter": f"Kari{ALL_BIDI} Nordmann", "from_unit": "",
        "case_officer": "", "version": item.version,
        "purpose": f"Formål {RLO}&#x202e;skjult", "background": "",
        "proposed_decision": f"Styringsgruppen tar {RLO}saken til orientering.",
    })
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Godkjenning av fdp.exe"
    assert item.presenter == "Kari Nordmann"
    assert item.proposed_decision == "Styringsgruppen tar saken til orientering."
    for value in (item.title, item.presenter, item.purpose, item.proposed_decision):
        assert BIDI_CONTROLS.isdisjoint(value), value


@pytest.mark.django_db
def test_a_comment_posted_with_an_override_is_stored_without_it(client, body, users):
    now = timezone.now()
    meeting = MeetingFactory(body=body, date=timezone.localdate() + timedelta(days=14),
                             status=Meeting.Status.NOTICE_SENT,
                             notice_sent_at=now - timedelta(days=1),
                             comment_deadline=now + timedelta(days=7))
    case = AgendaItemFactory(meeting=meeting, number=16, year=meeting.date.year)
    client.force_login(users["member"])
    url = reverse("reviews:comment_thread", args=["sak", case.pk, "toppnotat"])
    client.post(url, {"source": f"Vi støtter {RLO}forslaget\u2066.", "visibility": "all_members"},
                **HTMX)
    comment = Comment.objects.get()
    assert "Vi støtter forslaget." in comment.text
    assert BIDI_CONTROLS.isdisjoint(comment.text)


@pytest.mark.django_db
def test_a_search_typed_with_an_override_is_read_without_it(client):
    response = client.get("/vedtak/", {"q": f"faktaark{RLO} 59"})
    assert response.status_code == 200
    assert response.context["form"].cleaned_data["q"] == "faktaark 59"


@pytest.mark.django_db
def test_a_password_is_checked_as_typed(client):
    # Passwords are never shown, so they are left alone: stripping would lock out anyone who
    # has such a character in theirs.
    password = f"Et-langt{RLO}-passord-2026"
    user = UserFactory(username="bidi-bruker")
    user.set_password(password)
    user.save()
    response = client.post(reverse("login"), {"login": "bidi-bruker", "password": password})
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(user.pk)


# -- rich text ------------------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    f"<p>Se {RLO}vedlegg</p>", "<p>Se &#x202e;vedlegg</p>", "<p>Se &#8238;vedlegg</p>",
    "<p>Se \u2067vedlegg\u2069</p>",
])
def test_rich_text_has_no_bidi_controls_even_as_character_references(source):
    assert sanitize(source) == "<p>Se vedlegg</p>"
    assert sanitize(source, "basic") == "<p>Se vedlegg</p>"


@pytest.mark.parametrize(("source", "clean"), [
    ('<p id="csrfmiddlewaretoken">Tekst</p>', "<p>Tekst</p>"),
    ('<h2 id="csrfmiddlewaretoken">Om saken</h2>', "<h2>Om saken</h2>"),
    ('<h3 id="id_text">Bakgrunn</h3>', "<h3>Bakgrunn</h3>"),
    ('<h2 id="normenComments">normenComments</h2>', "<h2>normenComments</h2>"),
    ('<a name="csrfmiddlewaretoken" href="https://normen.no">x</a>',
     '<a href="https://normen.no" rel="noopener noreferrer">x</a>'),
    ('<table><tr><td id="x">1</td></tr></table>',
     "<table><tbody><tr><td>1</td></tr></tbody></table>"),
    ('<h4 id="main">Tiltak</h4>', "<h4>Tiltak</h4>"),
])
def test_rich_text_keeps_no_id_or_name_a_person_chose(source, clean):
    assert sanitize(source) == clean
    assert sanitize(clean) == clean


@pytest.mark.parametrize("heading", [
    '<h2 id="innledning">Innledning</h2>',
    '<h3 id="risiko-ved-kopier">Risiko ved <em>kopier</em></h3>',
    '<h2 id="tiltak-2">Tiltak</h2>',
    '<h4 id="sr-st-sak">Sør-Øst &amp; sak</h4>',  # Django's slugify drops ø
    '<h2 id="avsnitt"><br></h2>',
])
def test_a_heading_keeps_the_table_of_contents_anchor_of_its_own_text(heading):
    # The anchors documents.converters.html gives headings for the table of contents: derived
    # from the text, so nobody chooses them; saved text round-trips unchanged.
    assert sanitize(heading) == heading


def test_an_imported_document_keeps_its_table_of_contents():
    from documents.converters.html import clean_document_html

    cleaned = clean_document_html(
        "<h1>Innledning</h1><p>Tekst</p><h1>Tiltak</h1><h1>Tiltak</h1>"
        '<h2 id="csrfmiddlewaretoken">Ansvar</h2>')
    assert [e["id"] for e in cleaned.toc] == ["innledning", "tiltak", "tiltak-2", "ansvar"]
    for entry in cleaned.toc:
        assert f'id="{entry["id"]}"' in cleaned.html
    assert sanitize(cleaned.html) == cleaned.html
    assert "csrfmiddlewaretoken" not in cleaned.html
