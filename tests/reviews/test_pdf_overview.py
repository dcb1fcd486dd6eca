"""The overview of a meeting's comments as PDF, rendered by the rendering app's worker
(in-process here), for the secretariat only."""

import io

from pypdf import PdfReader

from rendering import selectors
from rendering.models import RenderedPdf
from rendering.services import request_render
from reviews.models import Comment
from reviews.pdf import KIND, overview_context
from reviews.services import comments as services


def rendered_pdf(meeting, secretariat, capture):
    with capture(execute=True):
        row = request_render(meeting, KIND, actor=secretariat)
    row = RenderedPdf.objects.get(pk=row.pk)
    assert row.status == RenderedPdf.Status.READY
    return row


def rendered_text(meeting, secretariat, capture):
    with rendered_pdf(meeting, secretariat, capture).file.open("rb") as f:
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages)


def test_the_secretariat_gets_the_overview_as_pdf(users, case,
                                                  django_capture_on_commit_callbacks):
    services.comment_create(actor=users["member"], target=case,
                            context=Comment.Context.COVER_NOTE,
                            source="Integritetsbegrepet trekkes for langt.",
                            quote="Integritetsbegrepet brukes om")

    row = rendered_pdf(case.meeting, users["secretariat"], django_capture_on_commit_callbacks)
    with row.file.open("rb") as f:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages)
    assert "Innspill før møtet" in text
    assert "Integritetsbegrepet trekkes for langt." in text
    assert "Helse Nord" in text

    assert selectors.pdf_state(case.meeting, KIND, users["secretariat"]).download == row
    for who in ("member", "observer", "anonymous"):
        state = selectors.pdf_state(case.meeting, KIND, users[who])
        assert state is None or state.download is None, who


def test_the_context_changes_when_a_comment_is_answered(users, case):
    comment = services.comment_create(actor=users["member"], target=case,
                                      context=Comment.Context.CASE, source="Spørsmål.")
    before = overview_context(case.meeting)
    services.comment_answer(actor=users["secretariat"], comment=comment, status="answered",
                            reply="Svar.")
    after = overview_context(case.meeting)
    assert before != after
    assert after["by_case"][0]["comments"][0]["status"] == "Besvart"
