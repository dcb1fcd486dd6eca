"""Issue 11, finding 5, through HTTP as the secretariat: every hostile file the security test
got through is refused on both upload pages (meeting attachments and document annexes) with
a Norwegian message next to the file field, and nothing is saved, neither a row nor a file.
Ordinary PDF, Word, Excel and PNG files are still accepted."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Annex
from meetings.models import Attachment

from . import files
from .conftest import stored_files

pytestmark = pytest.mark.django_db


class MeetingAttachmentPage:
    name = "meeting attachment"
    refused_status = 200  # the page shows the form again

    def __init__(self, request):
        self.meeting = request.getfixturevalue("meeting")

    def post(self, client, upload):
        return client.post(reverse("meetings:attachment_upload", args=[self.meeting.pk]),
                           {"file": upload, "title": "Toppnotat Sekretariatet orienterer"})

    def saved(self):
        return list(Attachment.objects.filter(meeting=self.meeting))


class DocumentAnnexPage:
    name = "document annex"
    refused_status = 400

    def __init__(self, request):
        self.version = request.getfixturevalue("draft")

    def post(self, client, upload):
        return client.post(reverse("documents:work_annex_create", args=[self.version.pk]),
                           {"title": "Vedlegg", "kind": "file", "file": upload})

    def saved(self):
        return list(Annex.objects.filter(version=self.version))


@pytest.fixture(params=[MeetingAttachmentPage, DocumentAnnexPage], ids=lambda p: p.name)
def page(request):
    return request.param(request)


def field_error(response):
    """The text of the validation message tied to the file field, or None."""
    page = response.content.decode()
    match = re.search(r'<div class="ds-validation-message" data-field="validation" '
                      r'id="id_file-feil">(.*?)</div>', page, re.S)
    if match is None:
        return None
    assert 'aria-describedby="id_file-feil' in page  # read out with the field
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


HOSTILE = [
    pytest.param("Referat.pdf", lambda: files.EXE,
                 ["Innholdet i filen er ikke en gyldig PDF-fil", "Windows-program"],
                 id="exe-renamed-pdf"),
    pytest.param("Referat.pdf", files.pdf_html_polyglot, ["Filen inneholder HTML-kode"],
                 id="pdf-html-polyglot"),
    pytest.param("Referat.pdf", files.html_before_pdf_header,
                 ["Innholdet i filen er ikke en gyldig PDF-fil", "nettside"],
                 id="html-before-pdf-header"),
    pytest.param("Toppnotat.docx", files.macro_docx, ["Filen inneholder makroer"],
                 id="macro-enabled-docx"),
    pytest.param("Toppnotat.docx", files.remote_template_docx,
                 ["Filen henter innhold fra andre steder"], id="docx-remote-template"),
    pytest.param("Toppnotat.docx", files.remote_image_docx,
                 ["Filen henter innhold fra andre steder", "lenkede bilder"],
                 id="docx-linked-image"),
    pytest.param("Toppnotat.docx", files.follina_docx, ["OLE-objekter"],
                 id="docx-external-ole-object"),
    pytest.param("Toppnotat.docx", lambda: files.hyperlink_docx("file:///C:/Windows/calc.exe"),
                 ["lenker til noe annet enn nettsider"], id="docx-file-hyperlink"),
    pytest.param("Toppnotat.docx", files.dde_docx, ["DDEAUTO"], id="docx-dde-field"),
    pytest.param("Toppnotat.docx", files.zip_bomb_docx, ["zip-bombe"], id="zip-bomb-docx"),
    # Shows as «Referatexe.pdf»; what it is, is an .exe.
    pytest.param("Referat\u202efdp.exe", lambda: files.EXE,
                 ["Filtypen er ikke tillatt", ".exe"], id="rtl-override-name"),
]


@pytest.mark.parametrize(("filename", "build", "expected"), HOSTILE)
def test_a_hostile_file_is_refused_next_to_the_field_and_nothing_is_saved(
        signed_in, page, media, filename, build, expected):
    data = build()

    response = page.post(signed_in, SimpleUploadedFile(filename, data, "application/pdf"))

    assert response.status_code == page.refused_status
    message = field_error(response)
    assert message is not None, "the reason must sit next to the file field"
    for text in expected:
        assert text in message
    assert page.saved() == []
    assert stored_files(media) == []


def test_the_zip_bomb_would_unpack_to_a_gibibyte():
    import io
    import zipfile

    info = zipfile.ZipFile(io.BytesIO(files.zip_bomb_docx())).getinfo("word/document.xml")
    assert info.file_size == 1024 ** 3 and info.compress_size < 1.1 * 1024 * 1024


ORDINARY = [
    pytest.param("Referat 10.06.2024.pdf", files.pdf_bytes, "application/pdf", id="pdf"),
    pytest.param("Toppnotat.docx", lambda: files.hyperlink_docx("https://lovdata.no/"),
                 files.DOCX_TYPE, id="docx-with-web-link"),
    pytest.param("Tiltaksplan.xlsx", files.xlsx_bytes, files.XLSX_TYPE, id="xlsx"),
    pytest.param("Figur.png", files.png_bytes, "image/png", id="png"),
]


@pytest.mark.parametrize(("filename", "build", "content_type"), ORDINARY)
def test_ordinary_files_are_accepted(signed_in, page, media, filename, build, content_type):
    data = build()

    response = page.post(signed_in, SimpleUploadedFile(filename, data, "application/evil"))

    assert response.status_code == 302, field_error(response)
    [saved] = page.saved()
    # Served as what the content is, never as what the browser claimed.
    assert saved.content_type == content_type
    assert saved.original_name == filename
    with saved.file.open("rb") as stored:
        assert stored.read() == data
    assert len(stored_files(media)) == 1


def test_a_name_with_hidden_characters_is_kept_clean(signed_in, page, media):
    name = "\u202eReferat\u200f styremøte\u2066 16\u200b24.pdf"

    response = page.post(signed_in, SimpleUploadedFile(name, files.pdf_bytes()))

    assert response.status_code == 302, field_error(response)
    [saved] = page.saved()
    assert saved.original_name == "Referat styremøte 1624.pdf"
    assert not re.search("[\u200b-\u200f\u202a-\u202e\u2066-\u2069]", saved.file.name)


@pytest.mark.parametrize(("field", "filename", "build", "expected"), [
    ("pdf", "Faktaark.pdf", files.pdf_html_polyglot, "Filen inneholder HTML-kode"),
    ("pdf", "Faktaark.pdf", lambda: files.EXE, "Windows-program"),
    ("docx", "Faktaark.docx", files.macro_docx, "Filen inneholder makroer"),
    ("docx", "Faktaark.docx", files.remote_template_docx, "andre steder"),
])
def test_the_version_sources_go_through_the_same_policy(signed_in, draft, media, field,
                                                        filename, build, expected):
    before = (draft.text_html, draft.version)

    response = signed_in.post(reverse("documents:work_version_upload", args=[draft.pk]), {
        field: SimpleUploadedFile(filename, build()), "expected_version": draft.version})

    assert response.status_code == 400
    page = response.content.decode()
    match = re.search(rf'id="id_{field}-feil">(.*?)</div>', page, re.S)
    assert match and expected in html.unescape(match.group(1))
    draft.refresh_from_db()
    assert (draft.text_html, draft.version) == before
    assert not draft.source_pdf and not draft.source_docx
    assert stored_files(media) == []
