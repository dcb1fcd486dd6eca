"""Full-text search in the public library.

PostgreSQL: a stored ``search_vector`` per version (title A, summary B, text C, «norwegian»
configuration: stemming, so «risikovurderingen» finds «risikovurdering») with a GIN index,
``websearch`` query syntax («"tilgang til journal" -logg»), ranking, and highlighted excerpts.
Only the result page's rows get an excerpt, and only from the first matching section of the
text (TextSection): ts_headline over a 40-page text costs ~10 ms a row, over one section far
less, and the result can link to the section.

SQLite (the local default) has none of that: a case-insensitive match on title, summary and
text, newest first, with the excerpt cut around the first hit in Python.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import OuterRef, Q, Subquery
from django.utils.html import escape
from django.utils.safestring import mark_safe

from documents.converters.html import sections as text_sections
from documents.models import Document, DocumentVersion, TextSection, VersionStatus
from normen_portal.text import strip_bidi

CONFIG = "norwegian"
HIGHLIGHT = ("<mark>", "</mark>")
HEADLINE_OPTIONS = (
    "StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, "
    "FragmentDelimiter=\" … \""
)


def is_postgres():
    return connection.vendor == "postgresql"


def refresh_vector(version_ids, *, sections=True):
    """Recompute the search index of these versions: their vector from the document's title
    and summary and their text, and (unless ``sections`` is False: only the title or summary
    changed) their text sections."""
    if not is_postgres() or not version_ids:
        return
    # An UPDATE cannot join: the document's title and summary come in as subqueries.
    document = Document.objects.filter(pk=OuterRef("document_id"))
    DocumentVersion.objects.filter(pk__in=version_ids).update(
        search_vector=(
            SearchVector(Subquery(document.values("title")[:1]), weight="A", config=CONFIG)
            + SearchVector(Subquery(document.values("summary")[:1]), weight="B", config=CONFIG)
            + SearchVector("text_plain", weight="C", config=CONFIG)
        )
    )
    if sections:
        _rebuild_sections(version_ids)


def _rebuild_sections(version_ids):
    TextSection.objects.filter(version_id__in=version_ids).delete()
    rows = []
    for pk, html in DocumentVersion.objects.filter(pk__in=version_ids).values_list(
            "pk", "text_html").iterator(chunk_size=20):
        rows += [
            TextSection(version_id=pk, position=n, anchor=anchor[:80], heading=heading[:300],
                        text=text)
            for n, (anchor, heading, text) in enumerate(text_sections(html), start=1)
        ]
    TextSection.objects.bulk_create(rows, batch_size=500)
    TextSection.objects.filter(version_id__in=version_ids).update(
        search_vector=SearchVector("heading", weight="A", config=CONFIG)
        + SearchVector("text", weight="C", config=CONFIG)
    )


@dataclass
class Hit:
    version: DocumentVersion
    excerpt: str  # safe HTML: escaped text with <mark> around the hits
    anchor: str = ""  # the section the excerpt is from, on the reading page
    heading: str = ""

    @property
    def document(self):
        return self.version.document


@dataclass
class Results:
    query: str
    hits: list
    total: int


def published_versions():
    return DocumentVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related(
        "document"
    )


# Control characters (NUL, escape, DEL …) have no meaning in a search and PostgreSQL refuses
# NUL in any text: they separate words like a space does.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_QUERY = 200


def clean_query(query):
    """The search as typed, with control and bidi characters out and runs of white space as
    one space; "" when nothing is left."""
    query = strip_bidi(_CONTROL.sub(" ", query or ""))
    return " ".join(query.split())[:MAX_QUERY]


def search(query, *, kind=None, limit=20, offset=0):
    query = clean_query(query)
    if not query:
        return Results(query="", hits=[], total=0)
    versions = published_versions()
    if is_postgres():
        return _search_postgres(versions, query, limit, offset, kind)
    if kind:
        versions = versions.filter(document__kind=kind)
    return _search_simple(versions, query, limit, offset)


# Matches, their rank and their number in one pass over the vectors (a separate COUNT would
# read every long vector from TOAST a second time): the CTE keeps only (id, rank).
_RANK_SQL = """
WITH q AS (SELECT websearch_to_tsquery(%(config)s::regconfig, %(query)s) AS tsq),
hits AS MATERIALIZED (
    SELECT dv.id, ts_rank(dv.search_vector, q.tsq) AS rank, d.title
    FROM documents_documentversion dv
    JOIN documents_document d ON d.id = dv.document_id, q
    WHERE dv.status = %(status)s AND dv.search_vector @@ q.tsq
      AND (%(kind)s = '' OR d.kind = %(kind)s)
)
SELECT id, (SELECT count(*) FROM hits) FROM hits
ORDER BY rank DESC, title, id
LIMIT %(limit)s OFFSET %(offset)s
"""


def _search_postgres(versions, query, limit, offset, kind=None):
    params = {"config": CONFIG, "query": query, "status": VersionStatus.PUBLISHED,
              "kind": kind or "", "limit": limit, "offset": offset}
    with connection.cursor() as cursor:
        cursor.execute(_RANK_SQL, params)
        rows = cursor.fetchall()
    if not rows:
        total = 0 if offset == 0 else _count(query, kind)
        return Results(query=query, total=total, hits=[])
    ids = [pk for pk, _total in rows]
    by_pk = versions.defer("text_html", "text_plain", "toc", "search_vector").in_bulk(ids)
    excerpts = _excerpts(ids, query)
    return Results(query=query, total=rows[0][1], hits=[
        Hit(version=by_pk[pk], **excerpts.get(pk, {"excerpt": ""})) for pk in ids
        if pk in by_pk])


def _count(query, kind):
    matching = published_versions().filter(
        search_vector=SearchQuery(query, config=CONFIG, search_type="websearch"))
    if kind:
        matching = matching.filter(document__kind=kind)
    return matching.count()


# The page's excerpts in two statements, parameters only (nothing is interpolated): the
# first matching section of each version, with ts_headline over that section alone (ranking
# every section of 20 long documents costs more than it shows); and, for versions whose hit
# is in the title or summary only, a headline of the summary (or of the start of the text
# when there is no summary).
_SECTION_SQL = """
WITH q AS (SELECT websearch_to_tsquery(%(config)s::regconfig, %(query)s) AS tsq),
best AS (
    SELECT DISTINCT ON (s.version_id) s.version_id, s.id
    FROM documents_textsection s, q
    WHERE s.version_id = ANY(%(ids)s) AND s.search_vector @@ q.tsq
    ORDER BY s.version_id, s.position
)
SELECT best.version_id, s.anchor, s.heading,
       ts_headline(%(config)s::regconfig, s.text, q.tsq, %(options)s)
FROM best JOIN documents_textsection s ON s.id = best.id, q
"""
_SUMMARY_SQL = """
WITH q AS (SELECT websearch_to_tsquery(%(config)s::regconfig, %(query)s) AS tsq)
SELECT dv.id, ts_headline(%(config)s::regconfig,
                          coalesce(nullif(d.summary, ''), left(dv.text_plain, 600)),
                          q.tsq, %(options)s)
FROM documents_documentversion dv JOIN documents_document d ON d.id = dv.document_id, q
WHERE dv.id = ANY(%(ids)s)
"""


def _excerpts(ids, query):
    if not ids:
        return {}
    params = {"config": CONFIG, "query": query, "ids": ids, "options": HEADLINE_OPTIONS}
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(_SECTION_SQL, params)
        for pk, anchor, heading, text in cursor.fetchall():
            found[pk] = {"excerpt": _safe_headline(text), "anchor": anchor, "heading": heading}
        missing = [pk for pk in ids if pk not in found]
        if missing:
            cursor.execute(_SUMMARY_SQL, {**params, "ids": missing})
            for pk, text in cursor.fetchall():
                found[pk] = {"excerpt": _safe_headline(text)}
    return found


def _safe_headline(text):
    """ts_headline returns the source text with <mark> added; the text itself is escaped
    here so that nothing but the marks is markup."""
    if not text:
        return ""
    parts = re.split(r"(<mark>|</mark>)", text)
    out = [part if part in HIGHLIGHT else escape(part) for part in parts]
    return mark_safe("".join(out).replace("\n", " "))  # noqa: S308 - escaped above


def _search_simple(versions, query, limit, offset):
    words = [w for w in re.split(r"\W+", query) if len(w) > 1][:8] or [query]
    condition = Q()
    for word in words:
        condition &= (Q(document__title__icontains=word) | Q(document__summary__icontains=word)
                      | Q(text_plain__icontains=word))
    matching = versions.filter(condition)
    total = matching.count()
    page = list(matching.order_by("-published_at", "document__title")[offset:offset + limit])
    return Results(query=query, total=total,
                   hits=[Hit(version=v, excerpt=_simple_excerpt(v, words)) for v in page])


def _simple_excerpt(version, words):
    for source in (version.text_plain, version.document.summary):
        lower = source.lower()
        positions = [lower.find(w.lower()) for w in words if lower.find(w.lower()) >= 0]
        if positions:
            start = max(min(positions) - 120, 0)
            snippet = source[start:start + 300].replace("\n", " ")
            pattern = re.compile("(" + "|".join(re.escape(w) for w in words) + ")", re.I)
            pieces = pattern.split(snippet)
            marked = "".join(
                f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(pieces)
            )
            prefix = "… " if start else ""
            return mark_safe(prefix + marked + " …")  # noqa: S308 - escaped above
    return escape(version.document.summary[:300])


__all__ = ["Hit", "Results", "clean_query", "refresh_vector", "search"]
