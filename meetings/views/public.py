"""Public pages: the archive of approved minutes and the decision register."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ..forms.minutes import DecisionFilterForm
from ..selectors_archive import archive_meetings, archive_years, minutes_document, public_meeting
from ..selectors_decisions import (
    decision_years,
    decisions_by_reference,
    search_circulation_decisions,
    search_decisions,
)

DECISIONS_PER_PAGE = 25


@require_GET
def archive(request):
    return render(request, "public/archive.html", {"years": archive_years()})


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
    form = DecisionFilterForm(request.GET or None, years=decision_years(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    results = search_decisions(
        request.user, q=filters.get("q", ""), year=filters.get("year"),
        case_type=filters.get("case_type", ""), outcome=filters.get("outcome", ""),
    )
    page = Paginator(results, DECISIONS_PER_PAGE).get_page(request.GET.get("side"))
    # Circulation decisions have no case type or outcome of a meeting case; a filter on those
    # leaves them out.
    circulations = [] if filters.get("case_type") or filters.get("outcome") else (
        search_circulation_decisions(request.user, q=filters.get("q", ""),
                                     year=filters.get("year")))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "public/decisions.html", {
        "form": form, "page": page, "query": query.urlencode(), "circulations": circulations,
        "filtered": any(filters.get(k) for k in ("q", "year", "case_type", "outcome")),
    })


@require_GET
def decision_detail(request, year, number):
    found = decisions_by_reference(request.user, year, number)
    if not found:
        raise Http404(_("Fant ikke noe vedtak i sak %(number)s/%(year)s.")
                      % {"number": number, "year": year})
    return render(request, "public/decision_detail.html", {
        "decisions": found, "reference": found[0].reference,
    })


urlpatterns = [
    path("arkiv/", archive, name="archive"),
    path("arkiv/<int:year>/", archive_year, name="archive_year"),
    path("arkiv/<int:year>/<int:pk>/", public_meeting_view, name="public_meeting"),
    path("vedtak/", decisions, name="decisions"),
    path("vedtak/<int:year>/<int:number>/", decision_detail, name="decision_detail"),
]
