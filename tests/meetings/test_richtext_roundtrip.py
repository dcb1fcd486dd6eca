"""The cover note's and minutes' rich-text field, as the secretariat meets it: what is typed
is stored as sanitized HTML, shown again in the editor as it was typed, and saving the form
without a change stores exactly the same HTML."""

import html
import re

import pytest
from django import forms
from django.urls import reverse

from meetings.forms.minutes import CaseMinutesForm
from meetings.forms.richtext import RichTextField
from tests.conftest import client_for
from tests.meetings.agenda.conftest import add_case, make_meeting
from tests.security.test_properties import assert_safe

# (typed in the editor, stored, shown in the editor the next time)
PLAIN = [
    ("< 5 % av virksomhetene har rutiner for dette.",
     "<p>&lt; 5 % av virksomhetene har rutiner for dette.</p>",
     "< 5 % av virksomhetene har rutiner for dette."),
    ("<", "<p>&lt;</p>", "<"),
    ("<ca. 5 % svarte", "<p>&lt;ca. 5 % svarte</p>", "<ca. 5 % svarte"),
    ("Andelen er > 90 % & økende", "<p>Andelen er &gt; 90 % &amp; økende</p>",
     "Andelen er > 90 % & økende"),
    ("Helse Sør-Øst & Helse Nord: a < b, b > c",
     "<p>Helse Sør-Øst &amp; Helse Nord: a &lt; b, b &gt; c</p>",
     "Helse Sør-Øst & Helse Nord: a < b, b > c"),
    ("2 * 3 = 6, og **** er ikke fet", "<p>2 * 3 = 6, og **** er ikke fet</p>",
     "2 * 3 = 6, og **** er ikke fet"),
    ("Styringsgruppen tar saken **til orientering**.\nNeste linje.",
     "<p>Styringsgruppen tar saken <strong>til orientering</strong>.<br>Neste linje.</p>",
     "Styringsgruppen tar saken **til orientering**.\nNeste linje."),
    ("Saker:\n\n- Status handlingsplan\n- Kurs og *webinar* < 1 time",
     "<p>Saker:</p><ul><li>Status handlingsplan</li>"
     "<li>Kurs og <em>webinar</em> &lt; 1 time</li></ul>",
     "Saker:\n\n- Status handlingsplan\n- Kurs og *webinar* < 1 time"),
    ("1. Godkjenning av innkalling\n2. Eventuelt",
     "<ol><li>Godkjenning av innkalling</li><li>Eventuelt</li></ol>",
     "1. Godkjenning av innkalling\n2. Eventuelt"),
    ("3. Faktaark 59\n4. Veileder v3.0",
     '<ol start="3"><li>Faktaark 59</li><li>Veileder v3.0</li></ol>',
     "3. Faktaark 59\n4. Veileder v3.0"),
]

# HTML written or pasted by hand: sanitized, and shown as plain text when that says the same.
HAND_WRITTEN = [
    ("<img>alert(1)</img>", "<p>alert(1)</p>", "alert(1)"),
    ("<b>", "", ""),
    ("<p>Styringsgruppen <b></b>tar saken</p>", "<p>Styringsgruppen tar saken</p>",
     "Styringsgruppen tar saken"),
    ("<p>Hei <b>alle</b></p><ul><li>én</li><li>to</li></ul>",
     "<p>Hei <strong>alle</strong></p><ul><li>én</li><li>to</li></ul>",
     "Hei **alle**\n\n- én\n- to"),
    ('<p onclick="x()">Hei</p><script>alert(1)</script>', "<p>Hei</p>", "Hei"),
    # Literal asterisks and a dash that starts a paragraph mean something else in the plain
    # conventions, so these stay HTML in the editor instead of turning bold or into a list.
    ("<p>**ikke fet**</p>", "<p>**ikke fet**</p>", "<p>**ikke fet**</p>"),
    ("<p>- ikke en liste</p>", "<p>- ikke en liste</p>", "<p>- ikke en liste</p>"),
    ("<table><tr><td>1.16</td></tr></table>",
     "<table><tbody><tr><td>1.16</td></tr></tbody></table>",
     "<table><tbody><tr><td>1.16</td></tr></tbody></table>"),
]


@pytest.mark.parametrize(("typed", "stored", "shown"), PLAIN + HAND_WRITTEN)
def test_saved_text_is_shown_as_typed_and_saves_unchanged(typed, stored, shown):
    field = RichTextField(required=False)

    saved = field.clean(typed)

    assert saved == stored
    assert_safe(saved)
    assert field.prepare_value(saved) == shown
    assert field.clean(shown) == saved  # saving the editor unchanged changes nothing


def test_an_empty_bold_in_a_required_field_counts_as_empty():
    field = RichTextField()

    with pytest.raises(forms.ValidationError) as err:
        field.clean("<b></b>")

    assert err.value.code == "required"


@pytest.mark.parametrize(("stored_before", "shown", "stored_after"), [
    # What the field stored before this was fixed: escaped bare text and an empty bold.
    ("&lt; 5 % av virksomhetene", "< 5 % av virksomhetene",
     "<p>&lt; 5 % av virksomhetene</p>"),
    ("<b></b>", "", ""),
    ("Tekst uten tagger & mer", "Tekst uten tagger & mer", "<p>Tekst uten tagger &amp; mer</p>"),
])
def test_text_stored_earlier_is_shown_readable_and_repaired_on_the_next_save(
        stored_before, shown, stored_after):
    field = RichTextField(required=False)

    assert field.prepare_value(stored_before) == shown
    assert field.clean(shown) == stored_after


def test_a_form_with_errors_shows_the_text_as_it_was_typed():
    typed = "<p>Hei <b>alle</b></p>\n\n< 5 %"
    form = CaseMinutesForm(data={"discussion": typed, "version": "ikke et tall"})

    assert not form.is_valid()
    assert form["discussion"].value() == typed


def _textarea(page, name):
    """The text a browser shows in the named text area (it drops the first newline)."""
    match = re.search(rf'<textarea name="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    return html.unescape(match[1]).removeprefix("\n")


@pytest.mark.django_db
def test_the_cover_note_editor_shows_what_was_typed_and_an_unchanged_save_keeps_it(
        client, body, users):
    secretariat = users["secretariat"]
    meeting = make_meeting(body, secretariat)
    item = add_case(meeting, secretariat, "Sekretariatet orienterer")
    url = reverse("meetings:item_edit", args=[meeting.pk, item.pk])
    purpose = "< 5 % av virksomhetene har rutiner & planer.\n\n- Tiltak 1.16\n- Tiltak 1.17"
    background = "<p>Bakgrunn med <b></b>tom fet</p>"
    form = {
        "title": "Sekretariatet orienterer", "case_type": "orientation", "start_time": "",
        "presenter": "", "from_unit": "", "case_officer": "",
        "proposed_decision": "Styringsgruppen tar orienteringen til etterretning.",
    }
    client_for(client, secretariat)
    first = client.post(url, {**form, "version": item.version, "purpose": purpose,
                              "background": background})
    assert first.status_code == 302
    item.refresh_from_db()
    saved = (item.purpose, item.background)
    assert saved == ("<p>&lt; 5 % av virksomhetene har rutiner &amp; planer.</p>"
                     "<ul><li>Tiltak 1.16</li><li>Tiltak 1.17</li></ul>",
                     "<p>Bakgrunn med tom fet</p>")

    page = client.get(url).content.decode()
    assert _textarea(page, "purpose") == purpose
    assert _textarea(page, "background") == "Bakgrunn med tom fet"

    again = client.post(url, {**form, "version": item.version,
                              "purpose": _textarea(page, "purpose"),
                              "background": _textarea(page, "background")})
    assert again.status_code == 302
    item.refresh_from_db()
    assert (item.purpose, item.background) == saved
