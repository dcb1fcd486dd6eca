"""The secretariat's and the steering group's pages, through HTTP: who may do what, uploads
that fail cleanly, edit conflicts that keep the text, annexes, linking a case, publishing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Annex, Document, DocumentVersion, VersionStatus
from normen_portal.concurrency import EditConflict
from tests.factories import set_status
from tests.meetings.agenda.conftest import xlsx_bytes

from .conftest import make_version, word_file

S = VersionStatus
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def login(client, user):
    client.force_login(user)
    return client


def docx_upload(data=None, name="faktaark-59.docx"):
    return SimpleUploadedFile(name, data if data is not None else word_file(), DOCX)


@pytest.mark.parametrize(("who", "list_status", "version_status", "edit_status"), [
    ("anonymous", 302, 302, 302),
    ("no_seat", 403, 404, 404),
    ("other_body_member", 200, 404, 404),
    ("observer", 200, 200, 403),
    ("member", 200, 200, 403),
    ("deputy", 200, 200, 403),
    ("secretariat", 200, 200, 200),
])
def test_permission_matrix(client, users, draft, who, list_status, version_status,
                           edit_status):
    user = users[who]
    if user is not None:
        client.force_login(user)

    assert client.get("/dokumenter/arbeid/").status_code == list_status
    assert client.get(draft.get_workspace_url()).status_code == version_status
    assert client.get(f"/dokumenter/arbeid/versjon/{draft.pk}/tekst/").status_code == edit_status
    response = client.post(f"/dokumenter/arbeid/versjon/{draft.pk}/tekst/",
                           {"text_html": "<p>Inntrenger</p>", "expected_version": draft.version})
    assert response.status_code in {edit_status, 302}
    assert "Inntrenger" not in DocumentVersion.objects.get(pk=draft.pk).text_html or (
        who == "secretariat")


def test_secretariat_creates_a_fact_sheet_with_a_first_draft(client, users, body, topic):
    login(client, users["secretariat"])

    response = client.post("/dokumenter/arbeid/nytt/", {
        "kind": "fact_sheet", "number": "60", "suffix": "", "title": "Logging og logganalyse",
        "summary": "Om logging.", "audience": "", "topics": [topic.pk], "slug": "",
    })

    document = Document.objects.get(number=60)
    assert response.status_code == 302 and response["Location"] == document.get_workspace_url()
    assert document.slug == "logging-og-logganalyse"
    assert list(document.versions.values_list("number", "status")) == [("1.0", "draft")]


def test_fact_sheet_without_number_gets_an_error_next_to_the_field(client, users, body):
    login(client, users["secretariat"])

    response = client.post("/dokumenter/arbeid/nytt/", {
        "kind": "fact_sheet", "number": "", "title": "Uten nummer", "slug": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_number-feil"' in html and "Et faktaark må ha et nummer." in html
    assert 'value="Uten nummer"' in html
    assert not Document.objects.filter(title="Uten nummer").exists()


def test_uploading_word_replaces_the_text(client, users, draft):
    login(client, users["secretariat"])

    response = client.post(f"/dokumenter/arbeid/versjon/{draft.pk}/word-fil/",
                           {"docx": docx_upload(), "expected_version": draft.version})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert '<h2 id="innledning">Innledning</h2>' in draft.text_html
    assert draft.source_docx_name == "faktaark-59.docx"
    page = client.get(draft.get_workspace_url()).content.decode()
    assert '<a class="ds-link" href="#risiko-ved-kopier">Risiko ved kopier</a>' in page


@pytest.mark.parametrize(("data", "message"), [
    (b"%PDF-1.7 not word", "ikke et Word-dokument"),
    (b"PK\x03\x04" + b"\0" * 100, "skadet"),
])
def test_bad_upload_gets_an_error_next_to_the_field_and_changes_nothing(
        client, users, draft, data, message):
    login(client, users["secretariat"])
    before = (draft.text_html, draft.version)

    response = client.post(f"/dokumenter/arbeid/versjon/{draft.pk}/word-fil/",
                           {"docx": docx_upload(data), "expected_version": draft.version})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_docx-feil"' in html and message in html
    assert 'aria-describedby="id_docx-feil id_docx-hjelp"' in html
    draft.refresh_from_db()
    assert (draft.text_html, draft.version) == before
    assert not draft.source_docx


def test_approved_version_has_no_edit_page(client, users, fact_sheet):
    version = make_version(fact_sheet, status=S.APPROVED)
    login(client, users["secretariat"])

    response = client.post(f"/dokumenter/arbeid/versjon/{version.pk}/tekst/",
                           {"text_html": "<p>Endret</p>", "expected_version": version.version})

    assert response.status_code == 302
    assert "Endret" not in DocumentVersion.objects.get(pk=version.pk).text_html
    response = client.post(f"/dokumenter/arbeid/versjon/{version.pk}/word-fil/",
                           {"docx": docx_upload(), "expected_version": version.version})
    assert "kan ikke endres" in response.content.decode()


def test_edit_conflict_keeps_the_second_persons_text(client, users, draft):
    login(client, users["secretariat"])
    url = f"/dokumenter/arbeid/versjon/{draft.pk}/tekst/"
    opened = draft.version
    client.post(url, {"text_html": "<p>Kari lagret først.</p>", "expected_version": opened})

    response = client.post(url, {"text_html": "<p>Ola sin tekst.</p>",
                                 "change_log": "Olas endringslogg", "expected_version": opened})

    html = response.content.decode()
    assert response.status_code == 200
    assert str(EditConflict.default_message) in html
    assert "Kari lagret først." in html  # what is saved now, shown above the form
    assert "&lt;p&gt;Ola sin tekst.&lt;/p&gt;" in html  # Ola's own text, kept in the form
    assert "Olas endringslogg" in html
    assert "Kari lagret først." in DocumentVersion.objects.get(pk=draft.pk).text_html


def test_annexes_added_moved_with_buttons_and_removed(client, users, draft):
    login(client, users["secretariat"])
    base = f"/dokumenter/arbeid/versjon/{draft.pk}/vedlegg/ny/"
    client.post(base, {"title": "Flytskjema", "kind": "page", "html": "<ol><li>Steg</li></ol>"})
    client.post(base, {"title": "HUKI-matrise", "kind": "page",
                       "html": "<table><tr><td>H</td></tr></table>"})
    client.post(base, {"title": "Regneark", "kind": "file",
                       "file": SimpleUploadedFile("huki.xlsx", xlsx_bytes(),
                                                  "application/evil")})
    annexes = list(draft.annexes.all())
    assert [a.title for a in annexes] == ["Flytskjema", "HUKI-matrise", "Regneark"]
    assert annexes[2].content_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    client.post(f"/dokumenter/arbeid/vedlegg/{annexes[1].pk}/flytt/", {"direction": "up"})
    assert [a.title for a in draft.annexes.all()] == ["HUKI-matrise", "Flytskjema", "Regneark"]

    client.post(f"/dokumenter/arbeid/vedlegg/{annexes[2].pk}/slett/")
    assert [a.title for a in draft.annexes.all()] == ["HUKI-matrise", "Flytskjema"]


def test_annex_file_type_is_checked(client, users, draft):
    login(client, users["secretariat"])

    response = client.post(f"/dokumenter/arbeid/versjon/{draft.pk}/vedlegg/ny/", {
        "title": "Skript", "kind": "file",
        "file": SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")})

    assert response.status_code == 400
    assert "Filtypen er ikke tillatt (.exe)" in response.content.decode()
    assert not Annex.objects.exists()


def test_linking_a_case_from_the_version_page(client, users, draft, case):
    login(client, users["secretariat"])
    page = client.get(draft.get_workspace_url()).content.decode()
    assert "Godkjenning av faktaark 59" in page  # the case is offered

    response = client.post(f"/dokumenter/arbeid/versjon/{draft.pk}/sak/",
                           {"case": case.pk, "expected_version": draft.version})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED and draft.decision_case == case


def test_publish_now_for_an_approved_version(client, users, fact_sheet):
    version = make_version(fact_sheet, status=S.APPROVED,
                           publish_plan=DocumentVersion.PublishPlan.MANUAL)
    login(client, users["secretariat"])

    client.post(f"/dokumenter/arbeid/versjon/{version.pk}/publisering/", {"publish_now": "1"})

    version.refresh_from_db()
    assert version.status == S.PUBLISHED
    assert client.get("/faktaark/59/").status_code == 200


def test_scheduled_plan_needs_a_time(client, users, draft):
    login(client, users["secretariat"])

    response = client.post(f"/dokumenter/arbeid/versjon/{draft.pk}/publisering/", {
        "publish_plan": "scheduled", "publish_at": "", "expected_version": draft.version})

    assert response.status_code == 400
    assert "Velg når versjonen skal publiseres." in response.content.decode()


def test_new_version_from_the_document_page(client, users, draft):
    login(client, users["secretariat"])
    set_status(draft, S.WITHDRAWN)

    response = client.post(reverse("documents:work_version_create", args=[draft.document_id]),
                           {"number": "1.1", "change_log": "Revidert etter sak 14/24."})

    new = DocumentVersion.objects.get(document=draft.document, number="1.1")
    assert response["Location"] == new.get_workspace_url()
    assert new.text_html == draft.text_html


def test_expire_and_reactivate(client, users, draft):
    login(client, users["secretariat"])
    url = reverse("documents:work_document_expire", args=[draft.document_id])

    client.post(url, {"expired": "1"})
    assert Document.objects.get(pk=draft.document_id).is_expired
    client.post(url, {"expired": "0"})
    assert not Document.objects.get(pk=draft.document_id).is_expired
