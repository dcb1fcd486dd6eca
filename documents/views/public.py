"""The public library: lists, search, reading pages, downloads, annexes, the accessibility
statement. Anonymous visitors get no cookies here (no session, no CSRF token: nothing on these
pages posts), which is also what lets the pages be cached for them."""

import re
from email.utils import parseaddr

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from documents import search as library_search
from documents import selectors
from documents.cache import cached_public_page
from documents.converters.docx_export import build_docx
from documents.forms import LibraryFilterForm
from documents.models import Document
from governance.models import Body

KIND_FROM_PARAM = {k.value: k for k in Document.Kind}
LIST_TITLES = {
    None: _("Veiledere og faktaark"),
    Document.Kind.FACT_SHEET: _("Faktaark"),
    Document.Kind.GUIDE: _("Veiledere"),
    Document.Kind.OTHER: _("Andre dokumenter"),
}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FACT_SHEET_CODE = re.compile(r"^(\d+)([a-z]?)$")
# A page number past this is past every result (20 a page); capping it keeps the offset
# inside PostgreSQL's bigint, which a typed ?side=99999999999999999999 would overflow.
MAX_SEARCH_PAGE = 10_000


def public_render(request, template, context, **kwargs):
    """render() without touching the CSRF token for anonymous visitors: base.html asks for it,
    and asking sets a cookie. Nothing a visitor can do on these pages posts."""
    if not request.user.is_authenticated:
        context = {**context, "csrf_token": ""}
    return render(request, template, context, **kwargs)


def _crumbs(*trail):
    """Forside › Veiledere og faktaark › … as (url, label) pairs for the breadcrumbs."""
    return [(reverse("front"), _("Forside")),
            (reverse("documents:library"), _("Veiledere og faktaark")), *trail]


def _kind_crumb(kind):
    return (reverse(f"documents:{kind}_list"), LIST_TITLES[kind])


def _document_crumbs(document, *trail):
    kind = Document.Kind(document.kind)
    return _crumbs(_kind_crumb(kind), (document.get_absolute_url(), document.short_label),
                   *trail)


def _key(kind, key):
    if kind == Document.Kind.FACT_SHEET:
        match = FACT_SHEET_CODE.match(key)
        if match is None:
            raise Http404
        return int(match[1]), match[2]
    return key


@require_safe
@cached_public_page
def library(request, kind=None):
    kind = Document.Kind(kind) if kind else None
    topics = list(selectors.library_topics(kind))
    years = selectors.library_years(kind)
    form = LibraryFilterForm(request.GET or None, topics=topics, years=years)
    filters = form.cleaned_data if form.is_valid() else {}
    chosen_kind = kind or KIND_FROM_PARAM.get(filters.get("type") or "")
    documents = selectors.library(
        kind=chosen_kind, topic=filters.get("tema") or None, year=filters.get("ar"),
        include_expired=bool(filters.get("utgatte")),
    )
    page = Paginator(documents, 50).get_page(request.GET.get("side"))
    if kind:
        del form.fields["type"]
    query = request.GET.copy()
    query.pop("side", None)
    return public_render(request, "documents/public/library.html", {
        "kind": kind, "title": LIST_TITLES[kind], "form": form, "page": page,
        "crumbs": _crumbs(_kind_crumb(kind)) if kind else None,
        "filtered": bool(filters and any(filters.values())), "query": query.urlencode(),
    })


@require_safe
@cached_public_page
def search(request):
    query = library_search.clean_query(request.GET.get("q", ""))
    kind = KIND_FROM_PARAM.get(request.GET.get("type", ""))
    try:
        page_number = min(max(int(request.GET.get("side", "1")), 1), MAX_SEARCH_PAGE)
    except ValueError:
        page_number = 1
    per_page = 20
    results = library_search.search(query, kind=kind, limit=per_page,
                                    offset=(page_number - 1) * per_page)
    pages = (results.total + per_page - 1) // per_page
    return public_render(request, "documents/public/search.html", {
        "results": results, "query": query, "kind": kind, "page_number": page_number,
        "has_next": page_number < pages, "has_previous": page_number > 1,
        "kinds": Document.Kind.choices, "results_start": (page_number - 1) * per_page + 1,
        "crumbs": _crumbs((reverse("documents:search"), _("Søk"))),
    })


def _reading(request, document, version):
    context = selectors.reading_context(document, version)
    context["crumbs"] = _document_crumbs(document)
    if document.current_version_id != version.pk:
        context["crumbs"].append((version.get_absolute_url(),
                                  _("Versjon %(n)s") % {"n": version.number}))
    return public_render(request, "documents/public/reading.html", context)


@require_safe
@cached_public_page
def document_detail(request, kind, key):
    document = selectors.public_document(kind, _key(kind, key))
    return _reading(request, document, document.current_version)


@require_safe
@cached_public_page
def version_detail(request, kind, key, number):
    document = selectors.public_document(kind, _key(kind, key))
    return _reading(request, document, selectors.public_version(document, number))


def docx_response(version):
    """The whole document as Word. A published version never changes, so its file is built
    once and kept in the cache under the version's own revision."""
    key = f"documents:docx:{version.pk}:{version.version}"
    data = cache.get(key)
    if data is None:
        data = build_docx(version)
        cache.set(key, data, 24 * 60 * 60)
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{version.filename_stem}.docx"'
    return response


@require_safe
def version_docx(request, kind, key, number):
    document = selectors.public_document(kind, _key(kind, key))
    version = selectors.public_version(document, number)
    return docx_response(version)


@require_safe
@cached_public_page
def annex_page(request, kind, key, number, slug):
    document = selectors.public_document(kind, _key(kind, key))
    version = selectors.public_version(document, number)
    annex = selectors.public_annex(version, slug)
    if annex.kind == annex.Kind.FILE:
        return redirect(annex.get_absolute_url())
    return public_render(request, "documents/public/annex.html", {
        "document": document, "version": version, "annex": annex,
        "crumbs": _document_crumbs(document, (annex.get_absolute_url(), annex.title)),
    })


def file_response(annex):
    if not annex.file:
        raise Http404
    return FileResponse(annex.file.open("rb"), as_attachment=True,
                        filename=annex.original_name or annex.file.name.rsplit("/", 1)[-1],
                        content_type=annex.content_type or "application/octet-stream")


@require_safe
def annex_file(request, kind, key, number, slug):
    document = selectors.public_document(kind, _key(kind, key))
    version = selectors.public_version(document, number)
    annex = selectors.public_annex(version, slug)
    if annex.kind != annex.Kind.FILE:
        raise Http404
    return file_response(annex)


@require_safe
@cached_public_page
def accessibility(request):
    body = Body.objects.exclude(email="").order_by("pk").first()
    contact = body.email if body else parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return public_render(request, "documents/public/accessibility.html",
                         {"contact_email": contact})
