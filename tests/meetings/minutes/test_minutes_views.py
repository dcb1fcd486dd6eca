"""The minutes pages through HTTP: who sees what, autosave and its conflict message, deciding,
the meeting's way to approval, corrections."""

import datetime

import pytest
from django.urls import reverse

from governance.models import Organisation
from meetings.models import AgendaItem, Meeting, MinutesCorrection
from normen_portal.concurrency import EditConflict

from ...conftest import client_for
from .conftest import make_meeting

ROLES = ["anonymous", "no_seat", "other_body_member", "observer", "member", "deputy",
         "secretariat"]
READERS = {"observer", "member", "deputy", "secretariat"}


def case_data(item, **overrides):
    prefix = f"sak{item.pk}"
    data = {
        f"{prefix}-discussion": "Helse Nord takker for gode oppdateringer.",
        f"{prefix}-decision_text": "Styringsgruppen tar orienteringen til etterretning.",
        f"{prefix}-outcome": "",
        f"{prefix}-version": str(item.version),
        f"{prefix}-innlegg-TOTAL_FORMS": "0",
        f"{prefix}-innlegg-INITIAL_FORMS": "0",
        f"{prefix}-innlegg-MIN_NUM_FORMS": "0",
        f"{prefix}-innlegg-MAX_NUM_FORMS": "1000",
    }
    data.update({f"{prefix}-{k}" if not k.startswith(("action", "force")) else k: v
                 for k, v in overrides.items()})
    return data


def save_url(item):
    return reverse("meetings:minutes_case_save", args=[item.meeting_id, item.pk])


@pytest.mark.parametrize("who", ROLES)
def test_minutes_page_of_a_held_meeting_is_the_secretariats(client, users, meeting, who):
    response = client_for(client, users[who]).get(reverse("meetings:minutes",
                                                          args=[meeting.pk]))
    assert response.status_code == (200 if who == "secretariat" else 403)
    if who == "secretariat":
        assert "Styringsgruppens vedtak" in response.content.decode()


@pytest.mark.parametrize("who", ROLES)
def test_draft_in_review_is_read_by_the_body(client, users, body, who):
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_REVIEW)
    response = client_for(client, users[who]).get(reverse("meetings:minutes",
                                                          args=[meeting.pk]))
    assert response.status_code == (200 if who in READERS else 403)
    if who in READERS and who != "secretariat":
        html = response.content.decode()
        assert "Utkast:" in html
        assert 'hx-post' not in html  # read only


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("htmx", [False, True])
def test_only_the_secretariat_saves_a_case(client, users, meeting, case, who, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client_for(client, users[who]).post(save_url(case), case_data(case), headers=headers)
    case.refresh_from_db()
    if who == "secretariat":
        assert response.status_code in (200, 302)
        assert case.version == 2
    else:
        assert response.status_code == 403
        assert case.version == 1


@pytest.mark.parametrize("view", ["meeting_held", "minutes_send_review", "minutes_approve"])
@pytest.mark.parametrize("who", ROLES[:-1])
def test_life_cycle_buttons_are_the_secretariats(client, users, meeting, view, who):
    response = client_for(client, users[who]).post(reverse(f"meetings:{view}", args=[meeting.pk]),
                                                   {"reason": "Godkjent"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD


def test_case_not_in_this_meeting_is_404(client, users, meeting, body):
    other = make_meeting(body, date=datetime.date(2023, 9, 27), first_number=23)
    item = other.items.filter(kind="case").first()
    client.force_login(users["secretariat"])
    url = reverse("meetings:minutes_case_save", args=[meeting.pk, item.pk])
    assert client.post(url, case_data(item)).status_code == 404


def test_editor_prefills_the_decision_from_the_proposal(client, users, meeting, case):
    client.force_login(users["secretariat"])
    html = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert f'id="sak-{case.pk}-skjema"' in html
    assert 'hx-trigger="input changed delay:2s, submit"' in html
    assert f'name="sak{case.pk}-version" value="1"' in html
    assert "Styringsgruppen tar orienteringen til etterretning.</textarea>" in html
    assert "11/24 Sekretariatet orienterer 1" in html
    assert "11.30 Pause" in html


def test_autosave_answers_out_of_band_with_the_new_version(client, users, case):
    client.force_login(users["secretariat"])
    response = client.post(save_url(case), case_data(case), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'name="sak{case.pk}-version" value="2"' in html and 'hx-swap-oob="true"' in html
    assert "Lagret kl." in html
    assert "HX-Retarget" not in response  # the form being typed in is left alone
    case.refresh_from_db()
    assert case.discussion == "<p>Helse Nord takker for gode oppdateringer.</p>"


def test_second_editor_gets_a_conflict_and_keeps_their_text(client, users, case):
    client.force_login(users["secretariat"])
    loaded_version = case.version
    client.post(save_url(case), case_data(case, discussion="Første versjon fra Sara."),
                headers={"HX-Request": "true"})
    # The second editor loaded the page before that save.
    response = client.post(
        save_url(case), case_data(case, discussion="Andre versjon fra Per.",
                                  version=str(loaded_version)),
        headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Noen andre har lagret denne saken mens du skrev" in html
    assert "Første versjon fra Sara." in html  # the other version is shown
    assert 'name="force_version" value="2"' in html
    assert f'name="sak{case.pk}-version"' not in html  # their version stays stale
    case.refresh_from_db()
    assert case.discussion == "<p>Første versjon fra Sara.</p>"

    # Without JavaScript: the whole page with their text in the form and the other version.
    response = client.post(save_url(case), case_data(case, discussion="Andre versjon fra Per.",
                                                     version=str(loaded_version)))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Andre versjon fra Per.</textarea>" in html
    assert "Første versjon fra Sara." in html
    assert str(EditConflict.default_message) in html

    # They choose to keep their own text.
    response = client.post(save_url(case), case_data(case, discussion="Andre versjon fra Per.",
                                                     version=str(loaded_version),
                                                     force_version="2"),
                           headers={"HX-Request": "true"})
    case.refresh_from_db()
    assert case.discussion == "<p>Andre versjon fra Per.</p>" and case.version == 3


def test_reload_after_conflict_shows_the_saved_version(client, users, case):
    client.force_login(users["secretariat"])
    client.post(save_url(case), case_data(case, discussion="Lagret tekst."))
    response = client.post(save_url(case), case_data(case, discussion="Min tekst.",
                                                     action="reload"),
                           headers={"HX-Request": "true"})
    assert response["HX-Retarget"] == f"#sak-{case.pk}"
    html = response.content.decode()
    assert "Lagret tekst.</textarea>" in html and "Min tekst." not in html


def test_record_decision_button(client, users, case):
    client.force_login(users["secretariat"])
    response = client.post(save_url(case), case_data(case, outcome="noted", action="decide"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.decided_at is not None and case.outcome == "noted"
    page = client.get(response["Location"]).content.decode()
    assert "Vedtaket i sak 11/24 er registrert." in page
    assert "Vedtak registrert" in page


def test_record_decision_without_outcome_shows_the_error_next_to_the_field(client, users, case):
    client.force_login(users["secretariat"])
    response = client.post(save_url(case), case_data(case, action="decide",
                                                     discussion="Tekst som ikke må forsvinne"),
                           headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response["HX-Retarget"] == f"#sak-{case.pk}"
    assert f'id="id_sak{case.pk}-outcome-feil"' in html
    assert "Velg utfall for vedtaket." in html
    assert "Tekst som ikke må forsvinne" in html
    case.refresh_from_db()
    assert case.decided_at is None


def test_statements_add_and_remove(client, users, case):
    client.force_login(users["secretariat"])
    hnord = Organisation.objects.get(name="Helse Nord RHF")
    prefix = f"sak{case.pk}"
    response = client.post(save_url(case), case_data(case, action="add"),
                           headers={"HX-Request": "true"})
    html = response.content.decode()
    assert f'name="{prefix}-innlegg-0-text"' in html
    assert f'name="{prefix}-innlegg-TOTAL_FORMS" value="1"' in html
    case.refresh_from_db()
    data = case_data(case)
    data.update({f"{prefix}-innlegg-TOTAL_FORMS": "2",
                 f"{prefix}-innlegg-0-organisation": str(hnord.pk),
                 f"{prefix}-innlegg-0-text": "Takker for gode oppdateringer.",
                 f"{prefix}-innlegg-1-speaker": "SG-leder",
                 f"{prefix}-innlegg-1-text": "Ta med i handlingsplanen."})
    client.post(save_url(case), data, headers={"HX-Request": "true"})
    assert [s.who for s in case.statements.all()] == ["Helse Nord", "SG-leder"]
    case.refresh_from_db()
    data[f"{prefix}-version"] = str(case.version)
    data["action"] = "remove-0"
    client.post(save_url(case), data, headers={"HX-Request": "true"})
    assert [(s.who, s.text) for s in case.statements.all()] == [
        ("SG-leder", "Ta med i handlingsplanen.")]


def test_statement_without_organisation_is_not_saved_and_says_why(client, users, case):
    client.force_login(users["secretariat"])
    prefix = f"sak{case.pk}"
    data = case_data(case)
    data.update({f"{prefix}-innlegg-TOTAL_FORMS": "1",
                 f"{prefix}-innlegg-0-text": "Hvem sa dette?"})
    html = client.post(save_url(case), data, headers={"HX-Request": "true"}).content.decode()
    assert "Ikke lagret:" in html
    assert "Velg virksomhet eller skriv hvem som hadde ordet." in html
    case.refresh_from_db()
    assert case.version == 1


def test_meeting_life_cycle_through_the_pages(client, users, body):
    meeting = make_meeting(body, status=Meeting.Status.NOTICE_SENT)
    client.force_login(users["secretariat"])
    page = reverse("meetings:minutes", args=[meeting.pk])
    assert "Marker møtet som avholdt" in client.get(page).content.decode()
    client.post(reverse("meetings:meeting_held", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert "Send referatet til gjennomlesning" in client.get(page).content.decode()

    response = client.post(reverse("meetings:minutes_approve", args=[meeting.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Skriv grunnlaget for godkjenningen." in response.content.decode()

    response = client.post(reverse("meetings:minutes_approve", args=[meeting.pk]),
                           {"reason": "Godkjent på e-post"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    html = client.get(page).content.decode()
    assert "Rett det godkjente referatet" in html and "hx-post" not in html


def test_illegal_step_is_a_message_not_a_crash(client, users, meeting):
    client.force_login(users["secretariat"])
    response = client.post(reverse("meetings:meeting_held", args=[meeting.pk]), follow=True)
    assert "kan ikke få status" in response.content.decode()


def test_locked_minutes_refuse_autosave(client, users, body):
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED)
    item = meeting.items.filter(kind="case").first()
    client.force_login(users["secretariat"])
    response = client.post(save_url(item), case_data(item), headers={"HX-Request": "true"})
    assert "Referatet er godkjent og låst" in response.content.decode()
    item.refresh_from_db()
    assert item.version == 1


@pytest.mark.parametrize("who", ROLES)
def test_correction_page_is_the_secretariats(client, users, body, who):
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED)
    item = meeting.items.filter(kind="case").first()
    url = reverse("meetings:minutes_correct", args=[meeting.pk, item.pk])
    c = client_for(client, users[who])
    assert c.get(url).status_code == (200 if who == "secretariat" else 403)
    assert c.post(url, case_data(item, reason="x")).status_code in (
        (302,) if who == "secretariat" else (403,))


def test_correction_with_reason(client, users, body):
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED)
    item = meeting.items.filter(kind="case").first()
    client.force_login(users["secretariat"])
    url = reverse("meetings:minutes_correct", args=[meeting.pk, item.pk])
    response = client.post(url, case_data(item, discussion="Rettet tekst."))
    assert response.status_code == 200
    assert "Skriv hvorfor referatet rettes." in response.content.decode()
    assert not MinutesCorrection.objects.exists()
    response = client.post(url, case_data(item, discussion="Rettet tekst.",
                                          reason="Feil navn i innlegget"))
    assert response.status_code == 302
    correction = MinutesCorrection.objects.get()
    assert correction.reason == "Feil navn i innlegget"
    item.refresh_from_db()
    assert item.discussion == "<p>Rettet tekst.</p>"
    public = client.get(meeting.get_public_url()).content.decode()
    assert "Rettelser etter godkjenning" in public and "Feil navn i innlegget" in public


def test_correction_page_of_unapproved_minutes_goes_to_the_editor(client, users, case):
    client.force_login(users["secretariat"])
    url = reverse("meetings:minutes_correct", args=[case.meeting_id, case.pk])
    assert client.get(url).status_code == 302


def test_break_items_have_no_minutes_form(client, users, meeting):
    client.force_login(users["secretariat"])
    pause = meeting.items.get(kind=AgendaItem.Kind.BREAK)
    url = reverse("meetings:minutes_case_save", args=[meeting.pk, pause.pk])
    assert client.post(url, case_data(pause)).status_code == 404


def test_approving_approved_minutes_again_is_a_message(client, users, body):
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED)
    client.force_login(users["secretariat"])
    response = client.post(reverse("meetings:minutes_approve", args=[meeting.pk]),
                           {"reason": "Igjen"}, follow=True)
    assert "kan ikke få status" in response.content.decode()
