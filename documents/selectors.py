"""Reads: the public library, and the internal pages for a user. Visibility is applied here."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone

from documents.models import (
    Annex,
    Consultation,
    ConsultationResponse,
    Document,
    DocumentVersion,
    Topic,
    VersionStatus,
)
from governance.permissions import Role, organisation_seats, roles_by_body
from governance.permissions.documents import answering_seats, can_view_version

S = VersionStatus


# -- public ---------------------------------------------------------------------------------

def library(*, kind=None, topic=None, year=None, include_expired=False):
    """Published documents with their current version, newest change first within a kind."""
    documents = (
        Document.objects.published()
        .select_related("current_version")
        .prefetch_related("topics")
        .order_by("kind", "number", "suffix", "title")
    )
    if kind:
        documents = documents.filter(kind=kind)
    if topic:
        documents = documents.filter(topics__slug=topic)
    if year:
        documents = documents.filter(current_version__published_at__year=year)
    if not include_expired:
        documents = documents.filter(status=Document.Status.ACTIVE)
    return documents


def library_topics(kind=None):
    """Topics that have at least one published document (of ``kind``), for the filter."""
    condition = Q(documents__current_version__isnull=False)
    if kind:
        condition &= Q(documents__kind=kind)
    # Explicit order: Meta.ordering is not applied to a query with GROUP BY.
    return (Topic.objects.annotate(n=Count("documents", filter=condition)).filter(n__gt=0)
            .order_by("name"))


def library_years(kind=None):
    versions = Document.objects.published()
    if kind:
        versions = versions.filter(kind=kind)
    years = versions.annotate(y=ExtractYear("current_version__published_at")).values_list(
        "y", flat=True)
    return sorted({y for y in years if y}, reverse=True)


def _public_versions():
    return DocumentVersion.objects.filter(status__in=DocumentVersion.PUBLIC)


def public_document(kind, key):
    """The document at ``/faktaark/59/`` or ``/veiledere/<slug>/``, if the public may read it."""
    documents = Document.objects.published().select_related("current_version", "body")
    if kind == Document.Kind.FACT_SHEET:
        number, suffix = key
        document = documents.filter(kind=kind, number=number, suffix=suffix).first()
    else:
        document = documents.filter(kind=kind, slug=key).first()
    if document is None:
        raise Http404
    return document


def public_version(document, number):
    version = (
        _public_versions().filter(document=document, number=number)
        # The approving case with what the decision rule and its permalink read.
        .select_related("decision_case__meeting", "decision_case__body").first()
    )
    if version is None:
        raise Http404
    version.document = document
    return version


def reading_context(document, version):
    """Everything the reading page shows about ``version``, in a fixed number of queries."""
    earlier = list(
        _public_versions().filter(document=document)
        .exclude(pk=version.pk)
        .only("number", "major", "minor", "status", "change_log", "published_at",
              "approval_reference", "document_id")
        .order_by("-major", "-minor")
    )
    for item in earlier:
        item.document = document
    annexes = list(version.annexes.all())
    for annex in annexes:
        annex.version = version
    return {
        "document": document,
        "version": version,
        "is_current": document.current_version_id == version.pk,
        "earlier_versions": earlier,
        "annexes": annexes,
        "topics": list(document.topics.all()),
    }


def public_annex(version, slug):
    annex = Annex.objects.filter(version=version, slug=slug).first()
    if annex is None:
        raise Http404
    annex.version = version
    return annex


def recently_published(limit=30):
    return list(
        DocumentVersion.objects.filter(status__in=DocumentVersion.PUBLIC,
                                       published_at__isnull=False)
        .select_related("document", "decision_case__meeting", "decision_case__body")
        .order_by("-published_at")[:limit]
    )


# -- internal -------------------------------------------------------------------------------

def _readable_bodies(user):
    return [pk for pk, role in roles_by_body(user).items() if role >= Role.OBSERVER]


def workspace_documents(user):
    """Documents of the bodies where the user reads papers, each with its working version."""
    open_versions = DocumentVersion.objects.filter(status__in=DocumentVersion.OPEN).select_related(
        "decision_case__meeting", "decision_case__body")
    return (
        Document.objects.filter(body_id__in=_readable_bodies(user))
        .select_related("current_version", "body")
        .prefetch_related(Prefetch("versions", queryset=open_versions, to_attr="open_versions"))
        .order_by("kind", "number", "suffix", "title")
    )


def workspace_document(user, pk):
    document = Document.objects.select_related("body", "current_version").filter(pk=pk).first()
    if document is None or document.body_id not in _readable_bodies(user):
        raise Http404
    return document


def document_versions(document):
    return list(
        document.versions.select_related("decision_case__meeting", "decision_case__body")
        .annotate(annex_count=Count("annexes"))
        .order_by("-major", "-minor")
    )


def workspace_version(user, pk):
    version = (
        DocumentVersion.objects.select_related("document__body", "decision_case__meeting",
                                               "decision_case__body")
        .filter(pk=pk).first()
    )
    if version is None or not can_view_version(user, version):
        raise Http404
    return version


def consultations_for(user):
    """Open consultations the user can answer for their organisation (``is_open`` and
    ``organisations_user_answers_for`` as one query: the start page has a query budget)."""
    if user is None or not user.is_authenticated or not organisation_seats(user):
        return []
    seats = answering_seats(user).filter(body_id=OuterRef("version__document__body_id"),
                                         organisation__consultations=OuterRef("pk"))
    return list(
        Consultation.objects.filter(closed_at__isnull=True, deadline__gte=timezone.localdate())
        .filter(Exists(seats))
        .select_related("version__document")
    )


def consultation_overview(consultation):
    """All responses together, plus the invited organisations that have not answered."""
    responses = list(
        ConsultationResponse.objects.filter(consultation=consultation)
        .select_related("organisation", "submitted_by")
        .order_by("organisation__name")
    )
    answered = {r.organisation_id for r in responses}
    missing = [o for o in consultation.organisations.all() if o.pk not in answered]
    return responses, missing


def versions_in_consultation(document):
    return document.versions.filter(status=S.CONSULTATION)
