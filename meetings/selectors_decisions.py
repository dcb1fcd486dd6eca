"""The decision register: every recorded decision of a body, for a user.

Visibility, once: the public sees the decisions of approved minutes; whoever may read a
body's papers (observers, members, the secretariat) sees all its recorded decisions, drafts
included.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q

from .models import AgendaItem, Body, Meeting
from .selectors import bodies_with_papers_for

REFERENCE = re.compile(r"^\s*(?:sak\s*)?(\d{1,4})\s*/\s*(\d{2}|\d{4})\s*$", re.IGNORECASE)


def visible_decisions(user):
    readable = bodies_with_papers_for(user)
    return (
        AgendaItem.objects.filter(kind=AgendaItem.Kind.CASE, decided_at__isnull=False,
                                  number__isnull=False)
        .filter(Q(meeting__status=Meeting.Status.MINUTES_APPROVED) | Q(body_id__in=readable))
        .select_related("meeting", "body")
    )


def _full_year(year):
    year = int(year)
    return year + 2000 if year < 100 else year


def _text_search(queryset, q):
    match = REFERENCE.match(q)
    if match:
        return queryset.filter(number=int(match[1]), year=_full_year(match[2]))
    words = Q()
    for word in q.split():
        words &= Q(title__icontains=word) | Q(decision_text__icontains=word)
    if connection.vendor != "postgresql":
        return queryset.filter(words)
    # Norwegian stemming finds «faktaarket» for «faktaark»; the substring match keeps partial
    # words and numbers («59», «v3.0») that the stemmer does not index as typed.
    vector = SearchVector("title", weight="A", config="norwegian") + SearchVector(
        "decision_text", "discussion", weight="B", config="norwegian")
    query = SearchQuery(q, config="norwegian", search_type="websearch")
    return queryset.annotate(search=vector).filter(Q(search=query) | words)


def search_decisions(user, *, q="", year=None, case_type="", outcome="", body=None):
    decisions = visible_decisions(user)
    if body is not None:
        decisions = decisions.filter(body=body)
    if year:
        decisions = decisions.filter(year=year)
    if case_type:
        decisions = decisions.filter(case_type=case_type)
    if outcome:
        decisions = decisions.filter(outcome=outcome)
    if q and q.strip():
        decisions = _text_search(decisions, q.strip())
    return decisions.order_by("-year", "-number", "body__name")


def decision_years(user):
    return list(
        visible_decisions(user).order_by("-year").values_list("year", flat=True).distinct()
    )


def decisions_by_reference(user, year, number):
    """The decisions with this permanent reference (16/24): one, or one per body when two
    bodies happen to share a number."""
    return list(visible_decisions(user).filter(year=year, number=number).order_by("body__name"))


def search_circulation_decisions(user, *, q="", year=None):
    """Decisions made by circulation between meetings, in every body, that ``user`` may read;
    filtered by the register's year and free-text filters."""
    from .selectors_reviews import circulation_decisions

    found = [c for body in Body.objects.order_by("name")
             for c in circulation_decisions(body, user)]
    if year:
        found = [c for c in found if c.closed_at and c.closed_at.year == int(year)]
    if q:
        needle = q.casefold()
        found = [c for c in found
                 if needle in f"{c.title} {c.decision_text} {c.proposed_decision}".casefold()]
    return found
