"""Attachments: allowed types by content and extension, the size limit, «Vedlegg 1, 2, 3A»
numbering per meeting, and who may download what."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.attachment_files import safe_filename, validate_upload
from meetings.models import Attachment, Meeting
from meetings.services import agenda as agenda_services
from tests.conftest import client_for

from .conftest import JPG, PDF, PNG, docx_bytes, odt_bytes, pptx_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def add(meeting, actor, name="notat.pdf", content=PDF, title="Toppnotat", **kwargs):
    return agenda_services.attachment_add(meeting, actor, uploaded=upload(name, content),
                                          title=title, **kwargs)


# -- what is allowed ---------------------------------------------------------------------------

# The test ids name the file only: Office files are zip archives with a timestamp in them, so
# their bytes (and ids made from them) differ from one collection to the next, and pytest-xdist
# needs every worker to collect the same ids.
ALLOWED_FILES = [
    ("notat.pdf", PDF, "application/pdf"),
    ("Toppnotat.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument."
                                     "wordprocessingml.document"),
    ("Tiltak.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument."
                                  "spreadsheetml.sheet"),
    ("Presentasjon.pptx", pptx_bytes(), "application/vnd.openxmlformats-officedocument."
                                        "presentationml.presentation"),
    ("Notat.odt", odt_bytes(), "application/vnd.oasis.opendocument.text"),
    ("Figur.png", PNG, "image/png"),
    ("Bilde.jpg", JPG, "image/jpeg"),
    ("Bilde.JPEG", JPG, "image/jpeg"),
]


@pytest.mark.parametrize("name, content, content_type", ALLOWED_FILES,
                         ids=[name for name, *_ in ALLOWED_FILES])
def test_allowed_types(name, content, content_type):
    assert validate_upload(upload(name, content)).content_type == content_type


REFUSED_FILES = [
    ("program.exe", b"MZ\x90\x00" + b"\x00" * 20, "Filtypen er ikke tillatt"),
    ("side.html", b"<html><script>alert(1)</script></html>", "Filtypen er ikke tillatt"),
    ("uten-endelse", PDF, "Filtypen er ikke tillatt"),
    ("falsk.pdf", b"Dette er ikke en PDF", "Innholdet i filen er ikke en gyldig PDF-fil"),
    ("program.pdf", b"MZ\x90\x00" + b"\x00" * 20, "Innholdet i filen er ikke en gyldig PDF"),
    ("notat.docx", PDF, "Filen heter .docx, men innholdet er en PDF-fil"),
    ("bilde.png", JPG, "Filen heter .png, men innholdet er en JPEG-fil"),
    ("arkiv.docx", b"PK\x03\x04" + b"\x00" * 40, "Innholdet i filen er ikke en gyldig Word"),
    ("regneark.xlsx", docx_bytes(), "Filen heter .xlsx, men innholdet er en Word-fil"),
    ("tom.pdf", b"", "Filen er tom."),
]


@pytest.mark.parametrize("name, content, message", REFUSED_FILES,
                         ids=[name for name, *_ in REFUSED_FILES])
def test_refused_types(name, content, message):
    with pytest.raises(ValidationError) as err:
        validate_upload(upload(name, content))
    assert message in err.value.messages[0]


def test_the_size_limit(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    validate_upload(upload("liten.pdf", PDF + b"0" * (1024 - len(PDF))))
    with pytest.raises(ValidationError) as err:
        validate_upload(upload("stor.pdf", PDF + b"0" * 1024))
    assert err.value.messages == [
        "Filen er for stor (1,1\xa0KB). Største tillatte størrelse er 1,0\xa0KB."]


def test_a_refused_upload_shows_the_error_next_to_the_field_and_keeps_the_rest(client, users,
                                                                                meeting):
    client_for(client, users["secretariat"])
    response = client.post(reverse("meetings:attachment_upload", args=[meeting.pk]), {
        "file": upload("program.exe", b"MZ" + b"\x00" * 30),
        "title": "Toppnotat Sekretariatet orienterer", "is_public": "on",
    })
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_file-feil"' in page and "Filtypen er ikke tillatt" in page
    assert 'aria-describedby="id_file-feil' in page
    assert 'value="Toppnotat Sekretariatet orienterer"' in page
    assert not Attachment.objects.exists()


# -- numbering ---------------------------------------------------------------------------------

def test_labels_are_numbered_per_meeting_with_letters_for_sub_attachments(body, meeting,
                                                                         secretariat):
    from .conftest import make_meeting

    labels = [add(meeting, secretariat).label for _ in range(3)]
    assert labels == ["1", "2", "3"]
    assert add(meeting, secretariat, parent="3").label == "3A"
    assert add(meeting, secretariat, parent="3").label == "3B"
    assert add(meeting, secretariat, parent="1").label == "1A"
    assert add(meeting, secretariat).label == "4"
    # Another meeting starts at 1.
    other = make_meeting(body, secretariat, date=meeting.date.replace(month=9))
    assert add(other, secretariat).label == "1"


def test_a_label_is_not_reused_after_its_attachment_is_deleted(meeting, secretariat):
    add(meeting, secretariat)
    second = add(meeting, secretariat)
    sub = add(meeting, secretariat, parent="1")
    agenda_services.attachment_remove(second, secretariat)
    agenda_services.attachment_remove(sub, secretariat)
    assert add(meeting, secretariat).label == "3"
    assert add(meeting, secretariat, parent="1").label == "1B"


def test_a_sub_attachment_needs_an_existing_parent(meeting, secretariat):
    with pytest.raises(ValidationError) as err:
        add(meeting, secretariat, parent="7")
    assert err.value.message_dict["parent"] == ["Det finnes ikke noe vedlegg 7 i møtet."]


def test_upload_through_the_page(client, users, meeting):
    item = meeting.items.get(title="Sekretariatet orienterer")
    client_for(client, users["secretariat"])
    url = reverse("meetings:attachment_upload", args=[meeting.pk])
    form = client.get(url + f"?sak={item.pk}").content.decode()
    assert "Nytt vedlegg (Vedlegg 1)" in form
    assert f'<option value="{item.pk}" selected>' in form

    response = client.post(url, {"file": upload("Toppnotat.docx", docx_bytes()),
                                 "title": "Toppnotat", "item": item.pk, "parent": ""})

    assert response.status_code == 302 and response.url == item.get_absolute_url()
    attachment = Attachment.objects.get()
    assert (attachment.label, attachment.item, attachment.original_name) == (
        "1", item, "Toppnotat.docx")
    # Stored under a random name, never the uploader's.
    assert "Toppnotat" not in attachment.file.name
    assert attachment.file.name.startswith(f"vedlegg/{meeting.pk}/")
    assert attachment.file.name.endswith(".docx")
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Vedlegg 1: Toppnotat" in page
    assert "/media/" not in page  # never a direct link to the file
    form = client.get(url).content.decode()
    assert "Nytt vedlegg (Vedlegg 2)" in form and "Undervedlegg til vedlegg 1" in form


# -- downloading -------------------------------------------------------------------------------

@pytest.fixture
def files(meeting, secretariat):
    internal = add(meeting, secretariat, title='Notat "internt"/../../etc', content=PDF)
    public = add(meeting, secretariat, name="figur.png", content=PNG, title="Figur",
                 is_public=True)
    return {"internal": internal, "public": public}


def download(client, attachment):
    return client.get(reverse("meetings:attachment_download",
                              args=[attachment.meeting_id, attachment.pk]))


@pytest.mark.parametrize("role", ["observer", "member", "deputy", "secretariat"])
def test_readers_of_the_papers_download_with_a_safe_name(client, users, files, role):
    client_for(client, users[role])
    response = download(client, files["internal"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Vedlegg 1 Notat internt .. .. etc.pdf"')
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("role", ["anonymous", "other_body_member", "no_seat"])
def test_outsiders_get_nothing_before_the_minutes_are_approved(client, users, files, role):
    client_for(client, users[role])
    for attachment in files.values():
        response = download(client, attachment)
        assert response.status_code in (302, 403)
        assert not hasattr(response, "streaming_content")


@pytest.mark.parametrize("role", ["anonymous", "other_body_member", "no_seat"])
def test_public_attachments_are_public_once_the_minutes_are_approved(client, users, meeting,
                                                                     files, role):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_APPROVED)
    client_for(client, users[role])
    assert download(client, files["public"]).status_code == 200
    assert download(client, files["internal"]).status_code in (302, 403)


def test_a_download_url_of_another_meeting_is_not_found(client, users, body, meeting, files,
                                                        secretariat):
    from .conftest import make_meeting

    other = make_meeting(body, secretariat, date=meeting.date.replace(month=9))
    client_for(client, users["member"])
    url = reverse("meetings:attachment_download", args=[other.pk, files["internal"].pk])
    assert client.get(url).status_code == 404


def test_safe_filename():
    assert safe_filename("Vedlegg 3A Tiltaksoversikt v0.7", "pdf") == (
        "Vedlegg 3A Tiltaksoversikt v0.7.pdf")
    assert safe_filename('../../"x"\r\n<script>', "pdf") == "xscript.pdf"
    assert safe_filename("...", "docx") == "vedlegg.docx"
    assert safe_filename("Fürst – Helse Sør-Øst", "pdf") == "Fürst – Helse Sør-Øst.pdf"
