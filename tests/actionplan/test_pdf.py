"""The action plan PDF (rendering pipeline, kind «action_plan»)."""

import datetime
import io

import pypdf
import pytest
from django.contrib.contenttypes.models import ContentType

from actionplan.services import measures as measure_services
from actionplan.services import plans as plan_services
from rendering import pdf, registry, services
from rendering.models import RenderedPdf
from tests.conftest import client_for
from tests.factories import OrganisationFactory

from .conftest import add_measure

pytestmark = pytest.mark.django_db

KIND = registry.get("action_plan")


def pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    return text.replace("\u2010 ", "")


@pytest.fixture
def filled(plan, users):
    hdir = OrganisationFactory(name="Direktoratet for e-helse")
    add_measure(plan, "Kartlegge sikkerhetstilstand i små virksomheter", area_number=1,
                code="1.16", responsible=[hdir],
                relevant_for="Små til middels store virksomheter i helse- og omsorgstjenesten",
                description="Gjennomføre en undersøkelse blant små helsevirksomheter.")
    done = add_measure(plan, "Normkonferansen 2027", area_number=3, code="3.1",
                       responsible_text="Sekretariatet")
    measure_services.measure_report_status(done, actor=users["secretariat"],
                                           status="not_done", text="Avlyst.")
    return plan


def test_pdf_lays_the_plan_out_like_the_seed(filled):
    rendered = pdf.render(KIND, filled)
    text = pdf_text(rendered.content)
    assert "Handlingsplan 2027" in text and "Styringsgruppen for Normen" in text
    assert "UTKAST" in text  # a draft says so on every page
    assert "Tiltak 1.16: Kartlegge sikkerhetstilstand i små virksomheter" in text
    assert "Ansvarlig Direktoratet for e-helse" in text
    assert "Relevant for Små til middels store virksomheter" in text
    assert "Status Ikke gjennomført" in text
    assert "Oversikt over tiltak" in text
    assert "1 Bransjenormen" in text and "3 Arena" in text


def test_context_changes_when_a_measure_changes(filled, users):
    before = KIND.revision_for(filled)
    measure = filled.measures.get(code="1.16")
    measure_services.measure_update(measure, actor=users["secretariat"],
                                    version=measure.version, title="Kartlegge små virksomheter")
    assert KIND.revision_for(filled) != before


def test_approved_plan_pdf_is_public_a_draft_is_not(client, users, filled):
    row = services.request_render(filled, KIND)
    assert not row.is_public
    client_for(client, users["member"])
    page = client.get("/handlingsplan/normen/2027/").content.decode()
    assert "Handlingsplan (PDF):" in page
    plan_services.plan_transition(filled, "approved", reason="Vedtatt i sak 3/27",
                                  approved_on=datetime.date(2026, 11, 1))
    public = services.request_render(filled, KIND)
    assert public.is_public and public.pk != row.pk
    rows = RenderedPdf.objects.filter(
        content_type=ContentType.objects.get_for_model(filled), object_id=filled.pk)
    assert rows.count() == 2


def test_the_public_gets_only_the_approved_revision(client, users, filled,
                                                   django_capture_on_commit_callbacks):
    # Rendered for real: Celery runs the task in-process in the tests.
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.request_render(filled, KIND)
    plan_services.plan_transition(filled, "approved", reason="Vedtatt i sak 3/27",
                                  approved_on=datetime.date(2026, 11, 1))
    with django_capture_on_commit_callbacks(execute=True):
        public = services.request_render(filled, KIND)
    draft.refresh_from_db()
    public.refresh_from_db()
    assert draft.is_ready and public.is_ready and public.is_public
    response = client.get(f"/pdf/{public.pk}/last-ned/")
    assert response.status_code == 200
    assert "Tiltak 1.16" in pdf_text(b"".join(response.streaming_content))
    # The draft revision stays with the body.
    assert client.get(f"/pdf/{draft.pk}/last-ned/").status_code == 302  # to the login
    client_for(client, users["observer"])
    assert client.get(f"/pdf/{draft.pk}/last-ned/").status_code == 200
