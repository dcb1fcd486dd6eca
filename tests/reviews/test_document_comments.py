"""Comments on a document version (a draft guide or fact sheet), and documents on
consultation to the member's organisation in their overview."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from documents.models import Consultation, Document, DocumentVersion, VersionStatus
from governance.models import Organisation
from reviews.models import Comment
from reviews.selectors import member_overview

from ..conftest import client_for

HTMX = {"HTTP_HX_REQUEST": "true"}
TEXT = ("<h2>Integritet</h2><p>Informasjon skal være korrekt, fullstendig og oppdatert. "
        "Endringer skal kunne spores.</p>")


@pytest.fixture
def version(body):
    document = Document.objects.create(
        body=body, kind=Document.Kind.FACT_SHEET, number=59, slug="faktaark-59",
        title="Informasjonssikkerhet ved bruk av medisinsk utstyr")
    return DocumentVersion.objects.create(document=document, number="1.0", major=1, minor=0,
                                          status=VersionStatus.CONSULTATION, text_html=TEXT)


def url_for(version):
    return reverse("reviews:comment_thread", args=["dokumentversjon", version.pk, "dokument"])


def test_member_comments_on_a_passage_of_a_draft(client, users, version):
    client_for(client, users["member"])
    page = client.get(url_for(version)).content.decode()
    assert "Faktaark 59: Informasjonssikkerhet ved bruk av medisinsk utstyr v1.0" in page
    assert "data-quotable" in page and "Endringer skal kunne spores." in page

    client.post(url_for(version), {"source": "Sporbarhet bør forklares.",
                                   "quote": "Endringer skal kunne spores.",
                                   "visibility": "all_members"}, **HTMX)

    comment = Comment.objects.get()
    assert comment.context == Comment.Context.DOCUMENT_VERSION
    assert comment.target == version and comment.meeting is None
    assert comment.organisation.name == "Helse Nord RHF"


@pytest.mark.parametrize("who, status", [
    ("observer", 200), ("deputy", 200), ("secretariat", 200),
    ("other_body_member", 403), ("no_seat", 403),
])
def test_who_reads_the_comments_on_a_draft(client, users, version, who, status):
    client_for(client, users[who])
    assert client.get(url_for(version)).status_code == status
    assert client.get(url_for(version), **HTMX).status_code == status


def test_anonymous_is_sent_to_log_in(client, version):
    response = client.get(url_for(version))
    assert response.status_code == 302 and "/konto/" in response["Location"]
    assert client.get(url_for(version), **HTMX).status_code == 403


def test_an_approved_version_takes_no_more_comments(client, users, version):
    DocumentVersion.objects.filter(pk=version.pk).update(status=VersionStatus.APPROVED)
    client_for(client, users["member"])
    response = client.post(url_for(version), {"source": "For sent.",
                                              "visibility": "all_members"}, **HTMX)
    assert "Denne versjonen kan ikke lenger kommenteres." in response.content.decode()
    assert not Comment.objects.exists()


def test_the_consultation_deadline_closes_commenting(client, users, version):
    consultation = Consultation.objects.create(
        version=version, deadline=timezone.localdate() - timedelta(days=1))
    consultation.organisations.add(Organisation.objects.get(name="Helse Nord RHF"))
    client_for(client, users["member"])
    response = client.post(url_for(version), {"source": "Etter fristen.",
                                              "visibility": "all_members"}, **HTMX)
    assert "Fristen for innspill gikk ut" in response.content.decode()
    assert not Comment.objects.exists()


def test_documents_on_consultation_to_my_organisation_are_in_the_overview(users, version):
    consultation = Consultation.objects.create(
        version=version, deadline=timezone.localdate() + timedelta(days=10))
    consultation.organisations.add(Organisation.objects.get(name="Helse Nord RHF"))

    assert [c.pk for c in member_overview(users["member"]).consultations] == [consultation.pk]
    assert member_overview(users["observer"]).consultations == []  # IKT-Norge is not invited
