"""Restoring an earlier version of a case's cover note or of a draft's text, through HTTP: the
secretariat picks a saved version, sees what would change, gives a reason and restores it
through the same service that edits it; the restore is an event. Approved records are refused
with the way to change them; a stale page is an edit conflict."""

import pytest
from django.urls import reverse

from documents.models import DocumentVersion
from events.models import Event, EventKind
from meetings.models import AgendaChange, AgendaItem
from meetings.services import agenda as agenda_services
from meetings.services.notice import meeting_send_notice
from tests.conftest import client_for

from .conftest import (
    FIRST_PURPOSE,
    SECOND_PURPOSE,
    approve,
    first_revision,
    set_meeting_status,
    text_revision_with,
)

pytestmark = pytest.mark.django_db


def restore_url(item):
    return reverse("meetings:item_restore", args=[item.meeting_id, item.pk])


def post_restore(client, item, revision, reason, version=None):
    return client.post(restore_url(item), {
        "revision": revision.history_id, "reason": reason,
        "version": item.version if version is None else version})


@pytest.fixture
def sec_client(client, secretariat):
    return client_for(client, secretariat)


# -- a case's cover note -------------------------------------------------------------------

def test_the_history_page_lists_the_saved_cover_notes_with_a_restore_link(sec_client, case):
    first = first_revision(case)
    page = sec_client.get(reverse("meetings:item_history", args=[case.meeting_id, case.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Lagrede versjoner" in html and "Sara Sekretær" in html
    assert "Handlingsplan 2026 → Handlingsplan 2026 – revidert" in html
    assert f"{restore_url(case)}?versjon={first.history_id}" in html
    assert "Som nå" in html
    # The meeting's history page leads there.
    meeting_page = sec_client.get(reverse("meetings:meeting_history", args=[case.meeting_id]))
    assert reverse("meetings:item_history", args=[case.meeting_id, case.pk]) in \
        meeting_page.content.decode()


def test_the_restore_page_shows_what_would_change(sec_client, case):
    first = first_revision(case)
    html = sec_client.get(f"{restore_url(case)}?versjon={first.history_id}").content.decode()

    assert "Dette blir endret" in html
    assert "<del><span class=\"ds-sr-only\">Fjernes: </span>revidert</del>" in html
    assert "<ins><span class=\"ds-sr-only\">Kommer tilbake: </span>første</ins>" in html
    assert "Hensikt med saken" in html and "Forslag til vedtak" in html
    assert 'name="reason"' in html
    case.refresh_from_db()
    assert case.purpose == SECOND_PURPOSE  # looking changes nothing


def test_a_restore_without_a_reason_is_refused_next_to_the_field(sec_client, case):
    response = post_restore(sec_client, case, first_revision(case), "  ")

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_reason-feil"' in html
    assert "Skriv hvorfor den tidligere versjonen gjenopprettes." in html
    case.refresh_from_db()
    assert case.purpose == SECOND_PURPOSE
    assert not Event.objects.filter(kind=EventKind.RESTORED).exists()


def test_the_secretariat_restores_an_earlier_cover_note_with_a_reason(sec_client, case,
                                                                      secretariat):
    first = first_revision(case)
    response = post_restore(sec_client, case, first, "Revisjonen var lagt inn i feil sak.")

    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("meetings:meeting_history", args=[case.meeting_id]) + "#hendelser")
    case.refresh_from_db()
    assert case.title == "Handlingsplan 2026" and case.purpose == FIRST_PURPOSE
    assert case.proposed_decision == "Styringsgruppen drøfter utkastet."
    event = Event.objects.get(kind=EventKind.RESTORED)
    assert event.subject == case and event.actor == secretariat
    assert event.reason == "Revisjonen var lagt inn i feil sak."
    assert event.data["revision"] == first.history_id
    assert "toppnotatet fra" in event.summary and "Tittel" in event.data["fields"]
    # The field-level history names the restore too.
    latest = AgendaItem.history.filter(id=case.pk).order_by("-history_date").first()
    assert latest.history_change_reason.startswith("Gjenopprettet fra versjonen")
    assert latest.history_user == secretariat
    # And the meeting's timeline shows it: when, what, who, why.
    page = sec_client.get(response["Location"]).content.decode()
    assert "Versjonen fra" in page and "er gjenopprettet" in page
    assert "Tidligere versjon gjenopprettet" in page
    assert "Revisjonen var lagt inn i feil sak." in page


def test_after_the_notice_a_restore_is_an_agenda_change_the_members_are_told(
        sec_client, case, meeting, secretariat):
    meeting_send_notice(meeting, secretariat)
    case.refresh_from_db()

    post_restore(sec_client, case, first_revision(case), "Feil versjon ble sendt ut.")

    case.refresh_from_db()
    assert case.purpose == FIRST_PURPOSE and case.changed_after_notice
    change = AgendaChange.objects.filter(item=case).latest("created_at")
    assert change.kind == AgendaChange.Kind.CHANGED and "ny tittel" in change.description


def test_a_stale_restore_is_an_edit_conflict_not_an_overwrite(sec_client, case, secretariat):
    first = first_revision(case)
    shown = case.version
    # Someone else saves the case after the restore page was opened.
    agenda_services.item_update(case, secretariat, expected_version=case.version,
                                background="<p>Ny bakgrunn fra en annen fane.</p>")

    response = post_restore(sec_client, case, first, "Tilbake til første utkast.", version=shown)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Saken er endret av noen andre etter at du åpnet siden." in html
    assert "Tilbake til første utkast." in html  # the reason typed is kept
    assert "Ny bakgrunn fra en annen fane." in html  # and the diff is against the case now
    case.refresh_from_db()
    assert case.purpose == SECOND_PURPOSE
    assert case.background == "<p>Ny bakgrunn fra en annen fane.</p>"
    assert not Event.objects.filter(kind=EventKind.RESTORED).exists()


def test_approved_minutes_are_refused_and_pointed_to_the_correction(sec_client, case,
                                                                    meeting):
    first = first_revision(case)
    set_meeting_status(meeting, "minutes_approved")
    case.refresh_from_db()

    page = sec_client.get(f"{restore_url(case)}?versjon={first.history_id}").content.decode()
    assert "en feil i et godkjent referat rettes med en rettelse i referatet" in page
    assert reverse("meetings:minutes_correct", args=[meeting.pk, case.pk]) in page
    assert 'name="reason"' not in page
    response = post_restore(sec_client, case, first, "Vil ha den gamle teksten.")

    assert response.status_code == 400
    assert "«Rett referatet»" in response.content.decode()
    case.refresh_from_db()
    assert case.purpose == SECOND_PURPOSE
    assert not Event.objects.filter(kind=EventKind.RESTORED).exists()


def test_a_held_meeting_keeps_its_agenda_lock(sec_client, case, meeting):
    set_meeting_status(meeting, "held")
    case.refresh_from_db()
    response = post_restore(sec_client, case, first_revision(case), "Vil ha den gamle teksten.")
    assert response.status_code == 400
    assert "Dagsordenen kan ikke endres når møtet har status «Avholdt»" in \
        response.content.decode()
    case.refresh_from_db()
    assert case.purpose == SECOND_PURPOSE


def test_only_the_secretariat_restores(client, users, case):
    first = first_revision(case)
    for role in ("member", "observer", "deputy", "other_body_member"):
        client_for(client, users[role])
        assert client.get(reverse("meetings:item_history",
                                  args=[case.meeting_id, case.pk])).status_code == 403
        assert post_restore(client, case, first, "Forsøk.").status_code == 403
    case.refresh_from_db()
    assert case.purpose == SECOND_PURPOSE


def test_a_version_of_another_case_is_not_restored(sec_client, case, meeting):
    other = meeting.items.filter(kind=AgendaItem.Kind.CASE).exclude(pk=case.pk).first()
    foreign = first_revision(other)
    response = sec_client.get(f"{restore_url(case)}?versjon={foreign.history_id}")
    assert response.status_code == 302
    assert post_restore(sec_client, case, foreign, "Feil sak.").status_code == 302
    case.refresh_from_db()
    assert case.purpose == SECOND_PURPOSE


# -- a draft's text ------------------------------------------------------------------------

def version_restore_url(version):
    return reverse("documents:work_version_restore", args=[version.pk])


def post_text_restore(client, version, revision, reason, expected=None):
    return client.post(version_restore_url(version), {
        "revision": revision.history_id, "reason": reason,
        "version": version.version if expected is None else expected})


def test_the_secretariat_restores_an_earlier_text_of_a_draft(sec_client, draft, secretariat):
    earlier = text_revision_with(draft, "all bruk av")
    listing = sec_client.get(reverse("documents:work_version_history", args=[draft.pk]))
    assert f"{version_restore_url(draft)}?versjon={earlier.history_id}" in \
        listing.content.decode()
    preview = sec_client.get(f"{version_restore_url(draft)}?versjon={earlier.history_id}")
    html = preview.content.decode()
    assert "Fjernes: </span>tilgang til</del>" in html
    assert "Loggene skal analyseres jevnlig." in html

    response = post_text_restore(sec_client, draft, earlier, "Avsnittet om analyse hører "
                                                            "til neste versjon.")

    assert response.status_code == 302
    assert response["Location"].endswith(draft.document.get_workspace_url() + "#hendelser")
    draft.refresh_from_db()
    assert draft.text_html == earlier.text_html and "all bruk av" in draft.text_html
    event = Event.objects.get(kind=EventKind.RESTORED)
    assert event.subject == draft and event.actor == secretariat
    assert event.data["revision"] == earlier.history_id
    assert event.reason.startswith("Avsnittet om analyse")
    page = sec_client.get(response["Location"]).content.decode()
    assert "Tidligere versjon gjenopprettet" in page and "Avsnittet om analyse" in page


def test_a_text_restore_needs_a_reason(sec_client, draft):
    response = post_text_restore(sec_client, draft, text_revision_with(draft, "all bruk av"),
                                 "")
    assert response.status_code == 400
    assert "Skriv hvorfor den tidligere versjonen gjenopprettes." in response.content.decode()
    draft.refresh_from_db()
    assert "Loggene skal analyseres" in draft.text_html


def test_a_stale_text_restore_is_an_edit_conflict(sec_client, draft, secretariat):
    from documents.services import versions as version_services

    earlier = text_revision_with(draft, "all bruk av")
    shown = draft.version
    version_services.version_update(draft, actor=secretariat, expected_version=draft.version,
                                    text_html="<p>Skrevet i en annen fane.</p>")

    response = post_text_restore(sec_client, draft, earlier, "Tilbake.", expected=shown)

    assert response.status_code == 400
    assert "Teksten er endret av noen andre etter at du åpnet siden." in response.content.decode()
    assert DocumentVersion.objects.get(pk=draft.pk).text_html == "<p>Skrevet i en annen fane.</p>"
    assert not Event.objects.filter(kind=EventKind.RESTORED).exists()


def test_an_approved_version_is_refused_and_pointed_to_a_new_version(sec_client, draft):
    earlier = text_revision_with(draft, "all bruk av")
    approved = approve(draft)

    page = sec_client.get(f"{version_restore_url(approved)}?versjon={earlier.history_id}")
    assert "en endring blir en ny versjon («Lag ny versjon» på dokumentsiden)" in \
        page.content.decode()
    response = post_text_restore(sec_client, approved, earlier, "Ville ha den gamle.")

    assert response.status_code == 400
    assert "Lag ny versjon" in response.content.decode()
    approved.refresh_from_db()
    assert "Loggene skal analyseres" in approved.text_html
    assert not Event.objects.filter(kind=EventKind.RESTORED).exists()


def test_members_do_not_restore_texts(client, users, draft):
    earlier = text_revision_with(draft, "all bruk av")
    client_for(client, users["member"])
    assert client.get(reverse("documents:work_version_history",
                              args=[draft.pk])).status_code == 403
    assert post_text_restore(client, draft, earlier, "Forsøk.").status_code == 403
    draft.refresh_from_db()
    assert "Loggene skal analyseres" in draft.text_html
