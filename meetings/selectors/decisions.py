"""The decision register: every recorded decision of a body, for a user.

Visibility, once: the public sees what ``meetings.visibility.public_decisions`` holds (the
decisions of approved minutes); whoever may read a body's papers (observers, members, the
secretariat) sees all its recorded decisions, drafts included.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q

from governance.models import Body
from meetings.selectors import bodies_with_papers_for
from meetings.visibility import public_decisions, recorded_decisions

REFERENCE = re.compile(r"^\s*(?:sak\s*)?(\d{1,4})\s*/\s*(\d{2}|\d{4})\s*$", re.IGNORECASE)


def visible_decisions(user):
    decisions = public_decisions()
    readable = bodies_with_papers_for(user)
    if readable:
        decisions = decisions | recorded_decisions().filter(body_id__in=readable)
    # The register and the decision pages show the meeting and link by the body's slug.
    return decisions.select_related("meeting", "body")


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


def decision_bodies(user):
    """The bodies with a decision ``user`` may see: the register's body filter."""
    return list(Body.objects.filter(pk__in=visible_decisions(user).values("body_id"))
                .order_by("name"))


def decision_in_body(user, body_slug, year, number):
    """The decision at /vedtak/<body>/<year>/<number>/, or None. Only this body's case is
    read, so the page never changes with another body's record."""
    return visible_decisions(user).filter(body__slug=body_slug, year=year,
                                          number=number).first()


def decisions_by_reference(user, year, number):
    """The decisions with this reference (16/24) in any body: one, or one per body when
    bodies share a number. For the old address /vedtak/<year>/<number>/."""
    return list(visible_decisions(user).filter(year=year, number=number).order_by("body__name"))


def search_circulation_decisions(user, *, q="", year=None, body=None):
    """Decisions made by circulation between meetings, in every body (or ``body``), that
    ``user`` may read; filtered by the register's year and free-text filters."""
    from reviews.selectors import circulation_decisions

    bodies = [body] if body is not None else Body.objects.order_by("name")
    found = [c for b in bodies for c in circulation_decisions(b, user)]
    if year:
        found = [c for c in found if c.closed_at and c.closed_at.year == int(year)]
    if q:
        needle = q.casefold()
        found = [c for c in found
                 if needle in f"{c.title} {c.decision_text} {c.proposed_decision}".casefold()]
    return found
