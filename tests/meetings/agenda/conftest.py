"""Fixtures for the agenda tests: a planned meeting made the way the secretariat makes one,
and real files of every allowed attachment type."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import AgendaItem
from meetings.services import agenda as agenda_services
from meetings.services.meetings import meeting_create


def make_meeting(body, actor, *, date=datetime.date(2024, 6, 10), **extra):
    fields = {"start_time": datetime.time(10, 0), "end_time": datetime.time(15, 0),
              "place": "Skøyen", "form": "hybrid"}
    fields.update(extra)
    return meeting_create(body=body, actor=actor, date=date, **fields)


def add_case(meeting, actor, title, **fields):
    fields.setdefault("case_type", "orientation")
    fields.setdefault("proposed_decision", "Styringsgruppen tar orienteringen til etterretning.")
    return agenda_services.item_create(meeting, actor, kind=AgendaItem.Kind.CASE, title=title,
                                       **fields)


def add_break(meeting, actor, title="Pause", start_time=datetime.time(11, 30)):
    return agenda_services.item_create(meeting, actor, kind=AgendaItem.Kind.BREAK, title=title,
                                       start_time=start_time)


def titles(meeting):
    return list(meeting.items.order_by("position", "pk").values_list("title", flat=True))


@pytest.fixture
def secretariat(users):
    return users["secretariat"]


@pytest.fixture
def meeting(body, secretariat):
    """10.06.2024 with the standard cases and two of its own, like the seed's meeting."""
    m = make_meeting(body, secretariat)
    add_case(m, secretariat, "Sekretariatet orienterer", start_time=datetime.time(10, 15),
             from_unit="Sekretariatet")
    add_break(m, secretariat, "Pause", datetime.time(11, 30))
    add_case(m, secretariat, "Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder)",
             case_type="decision", start_time=datetime.time(11, 45),
             proposed_decision="Veilederen godkjennes.")
    return m


# -- files -------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(entries, first=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if first:
            archive.writestr(first[0], first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes():
    import docx

    document = docx.Document()
    document.add_paragraph("Toppnotat: Handlingsplan 2025")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes():
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "Tiltak 1.16"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def pptx_bytes():
    return _zip({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p:presentation/>"})


def odt_bytes():
    return _zip({"content.xml": "<office:document-content/>"},
                first=("mimetype", "application/vnd.oasis.opendocument.text"))


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs the on_commit callbacks (the e-mail task) of what
    happens inside, as the real commit would; a test's transaction never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def notice_mails(outbox):
    """The notice and change messages in ``outbox`` (other parts of the portal may e-mail
    about the same event in their own words)."""
    return [m for m in outbox if m.subject.startswith(("Innkalling:", "Endret dagsorden:"))]
