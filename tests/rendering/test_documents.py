"""What the notice and minutes PDFs say, and that they are tagged PDF/A-2u."""

import pytest

from meetings.models import AgendaItem, Meeting, Statement
from rendering import pdf, registry

from .conftest import archival_problems, pdf_text

NOTICE = registry.get("meeting_notice")
MINUTES = registry.get("meeting_minutes")


@pytest.fixture
def june_2024(demo):
    return Meeting.objects.get(body=demo, date="2024-06-10")


@pytest.mark.django_db
def test_demo_notice_has_header_case_list_and_cover_notes(june_2024):
    rendered = pdf.render(NOTICE, june_2024)
    text = pdf_text(rendered.content)

    assert "Innkalling og dagsorden" in text
    assert "Styringsgruppen for Normen" in text
    assert "Mandag 10.06.2024" in text
    assert "kl. 10.00–15.00" in text
    assert "Skøyen" in text and "Hybrid møte" in text
    # The case list: number, title, time, type.
    assert "16/24 Godkjenning av faktaark 59" in text
    assert "18/24 Handlingsplan 2025 14.25 Drøfting" in text
    # One cover note per case that has one, with the seed's fields.
    for label in ("Til møte", "Saksnummer", "Saksbehandler", "Forslag til vedtak",
                  "Hensikt med saken", "Bakgrunn"):
        assert label in text
    assert "Toppnotat: Medisinsk utstyr; personvern og informasjonssikkerhet" in text
    assert "Det gjenstår noe arbeid rundt ansvar" in text
    assert f"Side 1 av {rendered.pages}" in text
    assert f"Side {rendered.pages} av {rendered.pages}" in text


@pytest.mark.django_db
def test_notice_case_list_points_to_the_cover_note_page(june_2024):
    rendered = pdf.render(NOTICE, june_2024)
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(rendered.content))
    first_page = " ".join(reader.pages[0].extract_text().split())
    # "16/24 … Beslutning side N": the page where the fact sheet's cover note starts.
    cover_page = next(
        number for number, page in enumerate(reader.pages, start=1)
        if "Toppnotat: Godkjenning av faktaark 59" in " ".join(page.extract_text().split())
    )
    assert cover_page > 1
    assert f"Beslutning side {cover_page}" in first_page


@pytest.mark.django_db
def test_demo_minutes_have_attendance_discussion_and_decisions(june_2024):
    rendered = pdf.render(MINUTES, june_2024)
    text = pdf_text(rendered.content)

    assert "Referat" in text
    assert "Utkast til referat" in text  # in review, not approved
    assert "Virksomhet/organisasjon Representant Til stede/forfall" in text
    assert "Den norske legeforening Petter Hurlen Til stede" in text
    assert "Suhail Mushtaq Til stede fra 11:00 (digitalt)" in text
    assert "Arne Ingebrigtsen (leder)" in text
    assert "Observatører" in text
    assert "Apotekforeningen Forfall" in text
    assert "16/24 10.45 Godkjenning av faktaark 59" in text
    assert "Spørsmål/diskusjon" in text
    assert "HSØ – Kan vurdere å henge det opp i artikkel 5" in text
    assert "Styringsgruppens vedtak (trukket)" in text
    assert "Styringsgruppens vedtak Medisinsk utstyr; personvern og informasjonssikkerhet " \
           "(Veileder) v3.0 godkjennes" in text
    assert "11.30 Pause" in text
    # Norwegian hyphenation (lang nb, hyphens: auto) breaks long words at line ends, e.g.
    # "integritets‐begrepet"; pdf_text() joins them again, the raw text keeps the hyphens.
    import io

    import pypdf

    raw = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(rendered.content)).pages)
    assert "\u2010" in raw


@pytest.mark.django_db
def test_approved_minutes_say_so(demo):
    september = Meeting.objects.get(body=demo, date="2023-09-27")
    text = pdf_text(pdf.render(MINUTES, september).content)
    assert "Referatet er godkjent 10.06.2024. Godkjent i sak 12/24." in text
    assert "Utkast" not in text and "UTKAST" not in text


@pytest.mark.django_db
def test_pdfs_are_tagged_pdfa_2u_with_metadata(june_2024):
    for kind, title in ((NOTICE, "Innkalling og dagsorden – Styringsgruppen for Normen – "
                                 "10.06.2024"),
                        (MINUTES, "Referat – Styringsgruppen for Normen – 10.06.2024")):
        content = pdf.render(kind, june_2024).content
        assert archival_problems(content) == []
        import io

        import pikepdf

        with pikepdf.open(io.BytesIO(content)) as doc:
            assert str(doc.docinfo["/Title"]) == title
            assert str(doc.docinfo["/Author"]) == "Styringsgruppen for Normen"
            assert str(doc.docinfo["/Creator"]) == "Normen-portalen"
            assert doc.pdf_version == "1.7"
            # Headings and tables are in the structure tree, not only painted.
            kinds = set()
            stack = [doc.Root.StructTreeRoot]
            while stack:
                node = stack.pop()
                if isinstance(node, pikepdf.Dictionary):
                    if "/S" in node:
                        kinds.add(str(node.S))
                    kids = node.get("/K")
                    if kids is not None:
                        stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
            assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/P"} <= kinds


@pytest.mark.django_db
def test_the_checker_finds_a_plain_pdf_lacking(june_2024):
    """The archival check can fail: an untagged, non-PDF/A PDF of the same HTML is rejected."""
    from weasyprint import HTML

    html = pdf.document_html(MINUTES, june_2024, MINUTES.context(june_2024))
    plain = HTML(string=html).write_pdf()
    problems = " ".join(archival_problems(plain))
    assert "not 2U" in problems
    assert "not tagged" in problems


@pytest.mark.django_db
def test_internal_cover_notes_stay_out_of_the_minutes(held_meeting):
    item = held_meeting.items.get(number=12)
    item.cover_note_internal = True
    item.purpose = "<p>Intern vurdering av leverandøren.</p>"
    item.save()
    assert "Intern vurdering" not in pdf_text(pdf.render(MINUTES, held_meeting).content)
    assert "Intern vurdering" in pdf_text(pdf.render(NOTICE, held_meeting).content)


@pytest.mark.django_db
def test_user_text_cannot_make_the_worker_fetch_urls(held_meeting):
    item = held_meeting.items.get(number=12)
    # Stored unsanitized (e.g. an import that skipped the form): the PDF sanitizes again,
    # and the fetcher refuses anything but local template files.
    item.discussion = ('<p>Se <img src="http://169.254.169.254/latest/meta-data/">'
                       '<a href="https://example.no/x">lenken</a></p>')
    item.save()
    text = pdf_text(pdf.render(MINUTES, held_meeting).content)
    assert "lenken" in text
    with pytest.raises(ValueError):
        pdf.local_url_fetcher("http://169.254.169.254/latest/meta-data/")
    with pytest.raises(ValueError):
        pdf.local_url_fetcher("file:///etc/passwd")


@pytest.mark.django_db
def test_revision_changes_with_what_is_printed_and_only_then(held_meeting):
    before_notice = NOTICE.revision_for(held_meeting)
    before_minutes = MINUTES.revision_for(held_meeting)

    statement = Statement.objects.get(item__meeting=held_meeting)
    statement.text = "Endret innlegg."
    statement.save()
    # A statement is in the minutes, not in the notice.
    assert NOTICE.revision_for(held_meeting) == before_notice
    assert MINUTES.revision_for(held_meeting) != before_minutes

    AgendaItem.objects.filter(meeting=held_meeting, number=12).update(title="Ny tittel")
    assert NOTICE.revision_for(held_meeting) != before_notice


@pytest.mark.django_db
def test_file_names(held_meeting, django_capture_on_commit_callbacks):
    from rendering.models import RenderedPdf

    draft = RenderedPdf(is_public=False)
    approved = RenderedPdf(is_public=True)
    assert MINUTES.filename(held_meeting, approved) == \
        "Referat Styringsgruppen for Normen 2024-06-10.pdf"
    assert MINUTES.filename(held_meeting, draft) == \
        "Referat Styringsgruppen for Normen 2024-06-10 (utkast).pdf"
    assert NOTICE.filename(held_meeting, draft) == \
        "Innkalling Styringsgruppen for Normen 2024-06-10.pdf"
