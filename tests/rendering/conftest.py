"""Fixtures for the PDF tests: a held meeting shaped like the seed minutes, PDF helpers."""

import io
from datetime import date, time

import pikepdf
import pypdf
import pytest

from governance.models import Membership
from meetings.models import AgendaItem, Attendance, Meeting, Statement
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    OrganisationFactory,
    PersonFactory,
)


def pdf_text(content):
    """The PDF's text as pypdf extracts it, whitespace collapsed (lines wrap anywhere) and
    automatic hyphenation (U+2010 at a line end) undone."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return text.replace("\u2010 ", "")


def archival_problems(content):
    """What keeps ``content`` from being the tagged PDF/A-2u the portal promises: PDF/A
    identification in XMP, output intent with an embedded ICC profile, every font embedded,
    nothing PDF/A forbids (encryption, JavaScript), tags, language, title. The structure check
    is qpdf's (through pikepdf); veraPDF is not available from the package registries."""
    problems = []
    with pikepdf.open(io.BytesIO(content)) as pdf:
        problems += [f"qpdf: {p}" for p in pdf.check_pdf_syntax()]
        meta = pdf.open_metadata()
        if meta.pdfa_status != "2U":
            problems.append(f"XMP says PDF/A {meta.pdfa_status!r}, not 2U")
        if pdf.is_encrypted:
            problems.append("encrypted")
        root = pdf.Root
        intents = root.get("/OutputIntents") or []
        if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
            problems.append("no PDF/A output intent with an ICC profile")
        if "/StructTreeRoot" not in root:
            problems.append("not tagged: no StructTreeRoot")
        if not (root.get("/MarkInfo") or {}).get("/Marked"):
            problems.append("MarkInfo/Marked is not true")
        if str(root.get("/Lang", "")) != "nb":
            problems.append(f"/Lang is {root.get('/Lang')!r}, not nb")
        if "/JavaScript" in (root.get("/Names") or {}) or "/OpenAction" in root:
            problems.append("JavaScript or OpenAction present")
        title = str(pdf.docinfo.get("/Title", ""))
        if not title or meta.get("dc:title") != title:
            problems.append(f"title missing or XMP and Info disagree: {title!r}")
        for page in pdf.pages:
            for name, font in (page.Resources.get("/Font") or {}).items():
                descendants = font.get("/DescendantFonts") or [font]
                for f in descendants:
                    descriptor = f.get("/FontDescriptor") or {}
                    if not any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                         "/FontFile3")):
                        problems.append(f"font {name} ({f.get('/BaseFont')}) not embedded")
    return sorted(set(problems))


@pytest.fixture
def held_meeting(body):
    """A held meeting of ``body`` with attendance, two cases and a break."""
    meeting = MeetingFactory(body=body, date=date(2024, 6, 10), start_time=time(10),
                             end_time=time(15), place="Skøyen", form=Meeting.Form.HYBRID,
                             status=Meeting.Status.HELD)
    helse_nord = OrganisationFactory(name="Helse Nord RHF", short_name="Helse Nord")
    ikt = OrganisationFactory(name="IKT-Norge")
    member = Membership.objects.get_or_create(body=body, organisation=helse_nord)[0]
    observer = Membership.objects.get_or_create(
        body=body, organisation=ikt, defaults={"kind": Membership.Kind.OBSERVER})[0]
    Attendance.objects.create(meeting=meeting, organisation=helse_nord, membership=member,
                              person=PersonFactory(name="Ida-Kristin Martinussen"),
                              status=Attendance.Status.PRESENT, partial_note="frem til 11.05",
                              sort_order=1)
    Attendance.objects.create(meeting=meeting, organisation=ikt, membership=observer,
                              capacity=Attendance.Capacity.OBSERVER,
                              status=Attendance.Status.ABSENT, sort_order=2)
    AgendaItemFactory(meeting=meeting, position=10, number=11, year=2024,
                      title="Godkjenning av innkalling og dagsorden",
                      proposed_decision="Styringsgruppen godkjenner innkalling og dagsorden",
                      decision_text="Styringsgruppen godkjenner innkalling og dagsorden",
                      outcome="approved")
    AgendaItemFactory(meeting=meeting, position=20, kind=AgendaItem.Kind.BREAK, title="Pause",
                      case_type="", proposed_decision="", start_time=time(11, 30))
    case = AgendaItemFactory(
        meeting=meeting, position=30, number=12, year=2024, start_time=time(11, 45),
        title="Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder)",
        case_type="decision", from_unit="Sekretariatet", case_officer="Aasta Hansen",
        purpose="<p>Det er gjort noen strukturendringer i veilederen.</p>",
        background="<p>Det gjenstår noe arbeid rundt ansvar.</p>",
        proposed_decision="Veilederen v3.0 godkjennes",
        discussion="<p>Det har vært et unaturlig skille mellom medisinsk utstyr og "
                   "velferdsteknologi.</p>",
        decision_text="Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder) v3.0 "
                      "godkjennes",
        outcome="approved",
    )
    Statement.objects.create(item=case, organisation=helse_nord, position=1,
                             text="Case 5 er viktig, klargjøre at det er noe annet med den.")
    return meeting


@pytest.fixture(autouse=True)
def render_on_save(settings):
    """These tests are about PDFs following their sources, so saving re-renders here (the
    rest of the suite leaves it off to keep WeasyPrint out of unrelated tests)."""
    settings.PDF_RENDER_ON_SAVE = True
