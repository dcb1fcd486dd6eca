"""PDF status (polled by htmx), "Lag PDF på nytt", and downloads. Thin: the rules live in
selectors (who sees what) and services (ordering a render)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from normen_portal.access import require
from rendering import registry, selectors, services
from rendering.models import RenderedPdf


def _source(kind_name, object_id):
    try:
        kind = registry.get(kind_name)
    except registry.UnknownKind:
        raise Http404 from None
    return kind, get_object_or_404(kind.model, pk=object_id)


def _next_url(request):
    """Where to go back to: the page the status box sits on."""
    candidate = request.POST.get("next") or (request.htmx.current_url if request.htmx else "")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _state_or_404(request, kind, obj):
    state = selectors.pdf_state(obj, kind, request.user)
    if state is None:
        # Nothing this user may see; do not tell them whether a draft exists.
        raise Http404
    return state


@require_GET
def pdf_status(request, kind, object_id):
    kind, obj = _source(kind, object_id)
    state = _state_or_404(request, kind, obj)
    if request.htmx:
        if request.GET.get("vist") == state.token:
            return HttpResponse(status=204)  # unchanged: htmx keeps what it shows
        return render(request, "rendering/_pdf_status_state.html",
                      {"state": state, "next_url": _next_url(request)})
    try:
        source_url = obj.get_absolute_url()
    except (AttributeError, NoReverseMatch):
        source_url = ""
    return render(request, "rendering/status_page.html",
                  {"state": state, "obj": obj, "source_url": source_url,
                   "next_url": request.get_full_path()})


@require_POST
def pdf_order(request, kind, object_id):
    kind, obj = _source(kind, object_id)
    require(kind.can_manage(request.user, obj))
    row = services.pdf_rerender(obj=obj, kind=kind, actor=request.user)
    if row is None:
        message = _("Det er ingenting å lage PDF av ennå.")
    elif row.is_ready:
        message = _("PDF-en er allerede oppdatert.")
    else:
        message = _("PDF-en er bestilt. Den lages i bakgrunnen.")
    if request.htmx:
        state = _state_or_404(request, kind, obj)
        return render(request, "rendering/_pdf_status_state.html",
                      {"state": state, "next_url": _next_url(request), "focus": True})
    messages.success(request, message)
    return redirect(_next_url(request) or reverse("rendering:status", args=[kind.name, obj.pk]))


def _file_response(request, row, kind, obj):
    response = FileResponse(row.file.open("rb"), as_attachment=True,
                            filename=kind.filename(obj, row), content_type="application/pdf")
    # The file behind a row never changes, so its checksum is a perfect ETag. Drafts stay out
    # of shared caches.
    response["ETag"] = f'"{row.checksum}"'
    response["Cache-Control"] = "public, max-age=86400" if row.is_public else "private, no-cache"
    return response


@require_GET
def pdf_download(request, pk):
    row = get_object_or_404(RenderedPdf, pk=pk, status=RenderedPdf.Status.READY)
    obj = row.source
    if obj is None or row.kind not in {k.name for k in registry.all_kinds()}:
        raise Http404
    kind = registry.get(row.kind)
    if not selectors.may_download(request.user, row, obj, kind):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        require(False)
    return _file_response(request, row, kind, obj)


@require_GET
def pdf_latest(request, kind, object_id):
    """A stable address for "the PDF of this object": the newest version the user may get."""
    kind, obj = _source(kind, object_id)
    state = selectors.pdf_state(obj, kind, request.user)
    if state is None or state.download is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    return _file_response(request, state.download, kind, obj)
