"""The PDF of a published version (through the rendering app), and the demo data."""

import io

import pikepdf
import pypdf
from django.core.management import call_command

from documents.models import (
    Annex,
    Consultation,
    ConsultationResponse,
    Document,
    DocumentVersion,
    VersionStatus,
)
from documents.services import versions as services
from rendering.models import RenderedPdf

from .conftest import make_version

S = VersionStatus


def test_published_version_gets_a_public_archival_tagged_pdf(
        client, fact_sheet, users, django_capture_on_commit_callbacks, settings):
    # Publishing orders the public PDF itself, also where PDFs are not made on every save.
    settings.PDF_RENDER_ON_SAVE = False
    version = make_version(fact_sheet, status=S.APPROVED,
                           change_log="Første versjon.")
    version.approval_reference = "Godkjent av Styringsgruppen for Normen 18.09.2024, sak 15/24"
    version.save()
    Annex.objects.create(version=version, title="HUKI-matrise", slug="huki", position=10,
                         html="<table><tbody><tr><td>H</td><td>Hovedansvarlig</td></tr></tbody>"
                              "</table>")

    with django_capture_on_commit_callbacks(execute=True):
        services.version_publish(version, actor=users["secretariat"])

    row = RenderedPdf.objects.get(kind="document_version", object_id=version.pk,
                                  status=RenderedPdf.Status.READY)
    assert row.is_public
    html = client.get("/faktaark/59/").content.decode()
    download = f"/pdf/{row.pk}/last-ned/"
    assert download in html
    response = client.get(download)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert 'filename="faktaark-59-v1.0.pdf"' in response["Content-Disposition"]

    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.split())
    for expected in ("Integritet – Korrekt og oppdatert informasjon til rett tid",
                     "Versjon 1.0", "sak 15/24", "Kopier av informasjon", "Hovedansvarlig",
                     "Vedlegg 1: HUKI-matrise"):
        assert expected in text, expected
    with pikepdf.open(io.BytesIO(content)) as pdf:
        assert pdf.open_metadata().pdfa_status == "2U"
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "nb"
        assert str(pdf.docinfo["/Title"]) == f"{fact_sheet.display_title} v1.0"


def test_drafts_get_no_pdf_but_a_version_up_for_decision_does(
        draft, case, users, django_capture_on_commit_callbacks, settings):
    settings.PDF_RENDER_ON_SAVE = True
    with django_capture_on_commit_callbacks(execute=True):
        draft.change_log = "Endret"
        draft.save()

    assert not RenderedPdf.objects.filter(kind="document_version").exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.version_link_case(draft, actor=users["secretariat"], case=case)

    row = RenderedPdf.objects.get(kind="document_version", object_id=draft.pk)
    assert not row.is_public  # the steering group's paper, not the public's


def test_demo_library_matches_the_seeds(demo, client):
    supplier = Document.objects.get(slug="leverandorer")
    v1 = supplier.current_version
    assert v1.number == "1.0"
    assert v1.approval_reference == "Godkjent av Styringsgruppen for Normen 08.06.2023"
    assert v1.decision_case is None
    huki = v1.annexes.get(slug="huki-matrise")
    assert "<caption>HUKI-matrise</caption>" in huki.html
    assert "Risikovurdering" in huki.html

    mu = Document.objects.get(slug="medisinsk-utstyr")
    assert mu.current_version.number == "3.0"
    assert mu.current_version.decision_case.reference == "15/24"
    assert mu.current_version.approval_reference.endswith("10.06.2024, sak 15/24")
    assert mu.versions.get(number="2.0").status == S.SUPERSEDED

    fa59 = Document.objects.get(kind=Document.Kind.FACT_SHEET, number=59)
    v10 = fa59.versions.get(number="1.0")
    assert v10.status == S.WITHDRAWN and v10.decision_case.reference == "16/24"
    assert v10.decision_case.decision_text.startswith("Saken trekkes")
    assert fa59.versions.get(number="1.1").status == S.DRAFT
    assert fa59.current_version is None
    assert ConsultationResponse.objects.filter(consultation__version=v10).count() == 3

    numbers = set(Document.objects.published().filter(kind=Document.Kind.FACT_SHEET)
                  .values_list("number", flat=True))
    assert numbers == {5, 7, 4, 36, 21, 26, 34, 19, 14, 47, 11}

    assert client.get("/veiledere/medisinsk-utstyr/").status_code == 200
    assert client.get("/veiledere/leverandorer/1.0/vedlegg/huki-matrise/").status_code == 200
    assert client.get("/faktaark/59/").status_code == 404
    assert "Faktaark 36" in client.get("/dokumenter/sok/?q=fjernaksess").content.decode()


def test_demo_loader_is_idempotent(demo):
    counts = [m.history.count() for m in (Document, DocumentVersion, Annex, Consultation,
                                          ConsultationResponse)]
    vectors = list(DocumentVersion.objects.order_by("pk").values_list("search_vector",
                                                                       flat=True))

    call_command("load_demo", verbosity=0, stdout=io.StringIO())

    assert [m.history.count() for m in (Document, DocumentVersion, Annex, Consultation,
                                        ConsultationResponse)] == counts
    assert list(DocumentVersion.objects.order_by("pk").values_list("search_vector",
                                                                    flat=True)) == vectors
