"""Public pages: the archive of approved minutes and the decision register."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from governance.selectors import public_bodies
from meetings.forms.minutes import DecisionFilterForm
from meetings.selectors.archive import (
    archive_meetings,
    archive_years,
    minutes_document,
    public_meeting,
)
from meetings.selectors.decisions import (
    decision_bodies,
    decision_in_body,
    decision_years,
    decisions_by_reference,
    search_circulation_decisions,
    search_decisions,
)

DECISIONS_PER_PAGE = 25


@require_GET
def archive(request):
    return render(request, "public/archive.html", {"years": archive_years(),
                                                   "bodies": public_bodies()})


@require_GET
def archive_year(request, year):
    meetings = archive_meetings(year)
    if not meetings:
        raise Http404(_("Arkivet har ingen godkjente referater fra %(year)s.") % {"year": year})
    return render(request, "public/archive_year.html", {
        "year": year, "meetings": meetings, "years": archive_years(),
    })


@require_GET
def public_meeting_view(request, year, pk):
    meeting = public_meeting(year, pk)
    return render(request, "public/meeting.html", {
        "meeting": meeting, "document": minutes_document(meeting, public=True),
    })


@require_GET
def decisions(request):
    bodies = decision_bodies(request.user)
    form = DecisionFilterForm(request.GET or None, years=decision_years(request.user),
                              bodies=bodies)
    filters = form.cleaned_data if form.is_valid() else {}
    body = next((b for b in bodies if b.slug == filters.get("body")), None)
    results = search_decisions(
        request.user, q=filters.get("q", ""), year=filters.get("year"),
        case_type=filters.get("case_type", ""), outcome=filters.get("outcome", ""), body=body,
    )
    page = Paginator(results, DECISIONS_PER_PAGE).get_page(request.GET.get("side"))
    # Circulation decisions have no case type or outcome of a meeting case; a filter on those
    # leaves them out.
    circulations = [] if filters.get("case_type") or filters.get("outcome") else (
        search_circulation_decisions(request.user, q=filters.get("q", ""),
                                     year=filters.get("year"), body=body))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "public/decisions.html", {
        "form": form, "page": page, "query": query.urlencode(), "circulations": circulations,
        "filtered": any(filters.get(k) for k in ("q", "body", "year", "case_type", "outcome")),
    })


@require_GET
def decision_detail(request, body_slug, year, number):
    """The decision's permanent address: one body's case, whatever other bodies decide."""
    item = decision_in_body(request.user, body_slug, year, number)
    if item is None:
        raise Http404(_("Fant ikke noe vedtak i sak %(number)s/%(year)s.")
                      % {"number": number, "year": year})
    return render(request, "public/decision_detail.html", {"item": item})


@require_GET
def decision_by_reference(request, year, number):
    """The old address without the body, /vedtak/<year>/<number>/: it sends a visitor to
    the decision when one body has it, and lets them choose when several do.

    The redirect is temporary (302): which bodies have a number can change when another
    body's minutes are approved, and a cached permanent redirect would then be wrong."""
    found = decisions_by_reference(request.user, year, number)
    if not found:
        raise Http404(_("Fant ikke noe vedtak i sak %(number)s/%(year)s.")
                      % {"number": number, "year": year})
    if len(found) == 1:
        return redirect(found[0].get_decision_url())
    return render(request, "public/decision_choice.html", {
        "decisions": found, "reference": found[0].reference,
    })


urlpatterns = [
    path("arkiv/", archive, name="archive"),
    path("arkiv/<int:year>/", archive_year, name="archive_year"),
    path("arkiv/<int:year>/<int:pk>/", public_meeting_view, name="public_meeting"),
    path("vedtak/", decisions, name="decisions"),
    path("vedtak/<slug:body_slug>/<int:year>/<int:number>/", decision_detail,
         name="decision_detail"),
    path("vedtak/<int:year>/<int:number>/", decision_by_reference,
         name="decision_by_reference"),
]
