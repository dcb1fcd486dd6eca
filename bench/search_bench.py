"""Benchmark: full-text search in the library (issue 6).

    .venv/bin/python bench/search_bench.py            # 500 documents of ~40 pages
    .venv/bin/python bench/search_bench.py --documents 100 --runs 20 --keep

Creates a throwaway PostgreSQL database (``normen_bench_search`` on the server in
BENCH_DATABASE_SERVER, default postgres://postgres@127.0.0.1:5432), migrates it, and fills it
with published fact sheets and guides of about 40 A4 pages each (≈3 000 characters a page),
their words drawn with natural frequencies from real Norwegian text on the subject (the demo
guides and fact sheets, the seed meetings' cover notes and minutes) plus a few words of each
document's own subject. Then it times the search as the search
page calls it (count, ranked top 20, highlighted excerpts) and the whole page through the test
client with the page cache cleared, for typical queries: median and 95th percentile of --runs
runs each, and PostgreSQL's own execution time for the ranking statement (EXPLAIN ANALYZE,
median). The database is dropped afterwards unless --keep.
"""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "normen_bench_search"
os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "normen_portal.settings")
os.environ.setdefault("DEBUG", "1")
os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
os.environ.pop("REDIS_URL", None)  # local-memory cache; the page cache is cleared per run

import psycopg  # noqa: E402

# About 3 000 characters of text an A4 page, as in the seed guides.
PAGE_WORDS = 400
PAGES = 40


def _corpus_words():
    """Words of real Norwegian text on Normen's subject, with their natural frequencies: the
    demo texts of the guides and fact sheets, and the seed meetings' cover notes and minutes.
    Drawing from this keeps each word about as common as it is in real documents (a word like
    «informasjonssikkerhet» in every document, «fjernaksess» in few), which is what decides the
    cost of a full-text query."""
    from documents import demo_content
    from meetings.demo import meetings_2023, meetings_2024

    texts = [demo_content.SUPPLIER_GUIDE["text"], demo_content.MU_V2_TEXT,
             demo_content.MU_V3_TEXT, demo_content.FA59_TEXT, demo_content.FLOW_ANNEX]
    texts += [html for *_, html in demo_content.FACT_SHEETS]
    for module in (meetings_2023, meetings_2024):
        for item in module.ITEMS:
            texts += [str(item.get(k, "")) for k in ("purpose", "background", "discussion",
                                                     "decision_text")]
            texts += [text for _org, text in item.get("statements", [])]
    words = re.findall(r"[A-Za-zÆØÅæøåé][\w-]*", re.sub(r"<[^>]+>", " ", " ".join(texts)))
    return [w.lower() for w in words]


def sentence(rng, words):
    n = rng.randint(8, 18)
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def document_html(rng, corpus, topic_words):
    # Mostly the natural word stream; a few words of the document's own subject on top.
    words = corpus + topic_words * 40
    parts = []
    for page in range(PAGES):
        parts.append(f"<h2>Kapittel {page + 1}: {rng.choice(topic_words)}</h2>")
        words_on_page = 0
        while words_on_page < PAGE_WORDS:
            paragraph = " ".join(sentence(rng, words) for _ in range(5))
            words_on_page += paragraph.count(" ") + 1
            parts.append(f"<p>{paragraph}</p>")
    return "".join(parts)


SUBJECTS = [
    "fjernaksess leverandørkonto tidsbegrenset serviceavtale",
    "sikkerhetskopi gjenoppretting frakoblet oppbevaringstid",
    "trådløst tilgangspunkt segmentering gjestenett",
    "lagringsmedia minnepinne kryptering destruksjon",
    "skadevare løsepengevirus filtrering",
    "autorisasjonsregister tilgangsgjennomgang nødtilgang",
    "nødprosedyrer papirrutiner beredskapsplan",
    "modalitet produsent sårbarhet",
    "legemiddelliste kjernejournal avstemming",
    "skytjenester tredjeland lagringssted",
    "logganalyse sporbarhet innsynslogg",
    "KI-forordningen forklarbarhet",
]


def create_database():
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database():
    from django.db import connections

    connections.close_all()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')


def fill(count, seed=6):
    from django.utils import timezone

    from documents.converters.html import clean_document_html
    from documents.models import Document, DocumentVersion, VersionStatus
    from documents.search import refresh_vector
    from governance.models import Body

    rng = random.Random(seed)
    corpus = _corpus_words()
    body = Body.objects.create(name="Styringsgruppen for Normen", short_name="Styringsgruppen",
                               slug="normen")
    now = timezone.now()
    started = time.perf_counter()
    version_ids = []
    for n in range(count):
        topic_words = rng.choice(SUBJECTS).split()
        kind = Document.Kind.GUIDE if n % 10 == 0 else Document.Kind.FACT_SHEET
        document = Document.objects.create(
            body=body, kind=kind, number=None if kind == Document.Kind.GUIDE else n + 1,
            slug=f"dokument-{n + 1}", title=" ".join(topic_words[:2]).capitalize(),
            summary=sentence(rng, corpus + topic_words * 5))
        text = clean_document_html(document_html(rng, corpus, topic_words))
        # bulk_create: no history rows and no PDF renders (the watch on saves), which are not
        # what is measured here.
        (version,) = DocumentVersion.objects.bulk_create([DocumentVersion(
            document=document, number="1.0", major=1, minor=0,
            status=VersionStatus.PUBLISHED, published_at=now, text_html=text.html,
            text_plain=text.plain, toc=text.toc)])
        Document.objects.filter(pk=document.pk).update(current_version=version,
                                                       first_published_at=now)
        version_ids.append(version.pk)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    for i in range(0, len(version_ids), 50):
        refresh_vector(version_ids[i:i + 50])
    indexed = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE documents_documentversion")
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('documents_documentversion'))"
                       ", avg(length(text_plain)) FROM documents_documentversion")
        size, avg_chars = cursor.fetchone()
    return generated, indexed, size, int(avg_chars)


QUERIES = [
    ("one word in every document", "informasjonssikkerhet"),
    ("inflected form, some documents", "sikkerhetskopiene"),
    ("two words", "fjernaksess leverandørkonto"),
    ("common word", "risikovurdering"),
    ("phrase", '"tjenstlig behov"'),
    ("word and exclusion", "logging -kryptering"),
    ("no hits", "kvantedatamaskin"),
]


def server_ms(query):
    """PostgreSQL's own execution time for the ranking statement (EXPLAIN ANALYZE): the part
    of a search that does not depend on how busy the Python process is."""
    import json

    from django.db import connection

    from documents import search

    params = {"config": search.CONFIG, "query": query, "status": "published", "kind": "",
              "limit": 20, "offset": 0}
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + search._RANK_SQL, params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Execution Time"]


def timed(func, runs):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    create_database()
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from documents import search

    try:
        call_command("migrate", verbosity=0)
        generated, indexed, size, avg_chars = fill(args.documents)
        print(f"{args.documents} published documents, {avg_chars} characters of text each "
              f"(≈{avg_chars // 3000} pages); table with index {size}")
        print(f"generated in {generated:.1f} s, search vectors in {indexed:.1f} s\n")
        client = Client()
        print(f"{'query':<34} {'hits':>5} {'search ms':>16} {'page ms':>16} {'db ms':>8}")
        print(f"{'':<34} {'':>5} {'median':>8}{'p95':>8} {'median':>8}{'p95':>8} "
              f"{'rank':>8}")
        for label, query in QUERIES:
            hits = search.search(query).total  # also warms the caches, as in production
            client.get("/dokumenter/sok/", {"q": query})
            s_median, s_p95 = timed(lambda q=query: search.search(q), args.runs)

            def page(q=query):
                cache.clear()
                response = client.get("/dokumenter/sok/", {"q": q})
                assert response.status_code == 200

            p_median, p_p95 = timed(page, args.runs)
            db = statistics.median(server_ms(query) for _ in range(min(args.runs, 11)))
            print(f"{label + ' «' + query + '»':<34.34} {hits:>5} {s_median:>8.1f}{s_p95:>8.1f} "
                  f"{p_median:>8.1f}{p_p95:>8.1f} {db:>8.1f}")
    finally:
        if not args.keep:
            drop_database()


if __name__ == "__main__":
    main()
