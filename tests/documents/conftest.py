"""Fixtures for the document tests: a fact sheet and a guide shaped like the seeds, Word files
built with python-docx, and a planned meeting with a case to approve them in."""

import io
from datetime import date, datetime, time

import pytest
from django.core.cache import cache
from django.utils import timezone
from docx import Document as WordDocument

from documents.converters.html import clean_document_html
from documents.models import Document, DocumentVersion, Topic, VersionStatus
from documents.search import refresh_vector
from meetings.models import AgendaItem, CaseType, Meeting
from tests.factories import AgendaItemFactory, MeetingFactory, set_status

FA59_TITLE = "Integritet – Korrekt og oppdatert informasjon til rett tid"
FA59_TEXT = (
    "<h1>Hvorfor integritet?</h1><p>Helsepersonell må kunne stole på at informasjonen er "
    "korrekt og oppdatert.</p><h2>Kopier av informasjon</h2><p>Hver kopi kan bli en kilde til "
    "utdatert informasjon.</p><h1>Tiltak</h1><ul><li>Valider data ved mottak.</li></ul>"
)


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The library caches whole pages; each test starts from an empty cache.
    cache.clear()
    yield
    cache.clear()


def word_file(paragraphs=None, *, title=None):
    """A real .docx: ``paragraphs`` is a list of (style, text); style "h1".."h3", "li", "ol",
    "p", or ("table", rows)."""
    doc = WordDocument()
    if title:
        doc.add_heading(title, level=0)
    for style, content in paragraphs or [
        ("h1", "Innledning"),
        ("p", "Korrekt og oppdatert informasjon til rett tid er en forutsetning for "
              "forsvarlig helsehjelp."),
        ("h2", "Risiko ved kopier"),
        ("li", "Legemiddellisten er ikke oppdatert etter utskrivning."),
        ("li", "En allergi når ikke fram til forskrivningssystemet."),
        ("h1", "Tiltak"),
        ("ol", "Utpek én autoritativ kilde."),
        ("table", [["Nr", "Tiltak"], ["1", "Validering ved mottak"]]),
    ]:
        if style in {"h1", "h2", "h3"}:
            doc.add_heading(content, level=int(style[1]))
        elif style == "li":
            doc.add_paragraph(content, style="List Bullet")
        elif style == "ol":
            doc.add_paragraph(content, style="List Number")
        elif style == "table":
            table = doc.add_table(rows=len(content), cols=len(content[0]))
            for r, row in enumerate(content):
                for c, cell in enumerate(row):
                    table.rows[r].cells[c].text = cell
        else:
            doc.add_paragraph(content)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Integritet og kvalitet", slug="integritet")


@pytest.fixture
def fact_sheet(body, topic):
    document = Document.objects.create(
        body=body, kind=Document.Kind.FACT_SHEET, number=59, slug="faktaark-59",
        title=FA59_TITLE, summary="Om risiko når informasjon ikke er korrekt og oppdatert.",
        audience="Virksomheter i helse- og omsorgssektoren",
    )
    document.topics.add(topic)
    return document


def make_version(document, number="1.0", status=VersionStatus.DRAFT, html=FA59_TEXT,
                 **fields):
    text = clean_document_html(html)
    major, minor = (int(p) for p in number.split("."))
    version = DocumentVersion.objects.create(
        document=document, number=number, major=major, minor=minor, status=status,
        text_html=text.html, text_plain=text.plain, toc=text.toc, **fields)
    refresh_vector([version.pk])
    return version


def publish_directly(version, when=None):
    """Put a version in the library without going through approval (for read-side tests)."""
    when = when or timezone.make_aware(datetime(2024, 6, 14, 10, 0))
    document = version.document  # the caller's instance, which the lines below update
    set_status(version, VersionStatus.PUBLISHED, published_at=when, approved_on=when.date(),
               approval_reference="Godkjent av Styringsgruppen for Normen "
               + when.strftime("%d.%m.%Y"))
    version.document = document
    document.current_version = version
    document.first_published_at = document.first_published_at or when
    document.save()
    refresh_vector([version.pk])
    return version


@pytest.fixture
def draft(fact_sheet):
    return make_version(fact_sheet)


@pytest.fixture
def published(fact_sheet):
    return publish_directly(make_version(fact_sheet, status=VersionStatus.APPROVED))


@pytest.fixture
def planned_meeting(body):
    return MeetingFactory(body=body, date=date(2024, 9, 18), start_time=time(10, 0),
                          status=Meeting.Status.PLANNED)


@pytest.fixture
def case(planned_meeting):
    return AgendaItemFactory(
        meeting=planned_meeting, title="Godkjenning av faktaark 59",
        case_type=CaseType.DECISION, proposed_decision="", kind=AgendaItem.Kind.CASE,
    )
