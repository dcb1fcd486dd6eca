"""Benchmark: the portal's PDF pipeline against WeasyPrint alone.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/normen_bench .venv/bin/python bench/pdf_bench.py

Uses the database in DATABASE_URL (default: the settings' default); loads the demo data if
the meeting of 10.06.2024 is not there. Measures, as the median of --runs runs:

* portal: ``rendering.services.render_row`` on a fresh row, i.e. everything a worker does:
  lock and claim the row, build the context from the database, compute the revision, render
  the template, lay out and write the PDF/A with WeasyPrint, checksum, store the file, mark
  the row ready;
* weasyprint: the same HTML through ``weasyprint.HTML(string=...).write_pdf()`` with the same
  options (PDF/A-2u, tags), nothing else.

Documents: the notice and the minutes of the demo meeting 10.06.2024, and a generated notice
of about 40 pages (a meeting with many cases, each with a cover note). The generated meeting
is deleted again afterwards.
"""

import argparse
import gc
import os
import statistics
import sys
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "normen_portal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from weasyprint import HTML  # noqa: E402

from governance.models import Body  # noqa: E402
from meetings.models import AgendaItem, CaseType, Meeting  # noqa: E402
from rendering import pdf, registry, services  # noqa: E402
from rendering.models import RenderedPdf  # noqa: E402

BENCH_DATE = date(2099, 1, 7)


def demo_meeting():
    meeting = Meeting.objects.filter(body__slug="normen", date=date(2024, 6, 10)).first()
    if meeting is None:
        call_command("load_demo", verbosity=0)
        meeting = Meeting.objects.get(body__slug="normen", date=date(2024, 6, 10))
    return meeting


def long_meeting(cases):
    body = Body.objects.get(slug="normen")
    Meeting.objects.filter(body=body, date=BENCH_DATE).delete()
    meeting = Meeting.objects.create(body=body, date=BENCH_DATE, start_time=clock(10),
                                     end_time=clock(15), place="Helsedirektoratet, Oslo",
                                     status=Meeting.Status.NOTICE_SENT)
    paragraph = (
        "<p>Sekretariatet legger fram status for arbeidet med veilederen, med innspill fra "
        "arbeidsgruppen og høringsinstansene. Dokumentet beskriver ansvar, risikovurdering og "
        "tiltak for virksomheter i helse- og omsorgssektoren, og hvordan Normens krav til "
        "informasjonssikkerhet og personvern kan følges opp i praksis.</p>"
    )
    AgendaItem.objects.bulk_create([
        AgendaItem(meeting=meeting, body=body, position=(n + 1) * 10, number=n + 1, year=2099,
                   title=f"Sak {n + 1}: Oppfølging av tiltak i handlingsplanen",
                   case_type=CaseType.DISCUSSION, from_unit="Sekretariatet",
                   case_officer="Saksbehandler i sekretariatet", start_time=clock(10, 0),
                   purpose=paragraph * 4, background=paragraph * 5,
                   proposed_decision="Styringsgruppen drøfter saken og gir sine innspill.")
        for n in range(cases)
    ])
    return meeting


def fresh_row(meeting, kind):
    """A pending row for the current revision (dropping an earlier one of the same revision,
    so every run really renders)."""
    revision = kind.revision_for(meeting)
    content_type = ContentType.objects.get_for_model(meeting)
    for old in RenderedPdf.objects.filter(content_type=content_type, object_id=meeting.pk,
                                          kind=kind.name, source_revision=revision):
        old.file.delete(save=False)
        old.delete()
    return RenderedPdf.objects.create(content_type=content_type, object_id=meeting.pk,
                                      kind=kind.name, source_revision=revision)


def timed(function, *args):
    """(wall seconds, CPU seconds of this process, result). The CPU time is less disturbed by
    other processes on a shared machine; it leaves out the database server's share.
    Garbage from the previous run is collected first, so no run pays for another's."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return time.perf_counter() - wall, time.process_time() - cpu, result


def time_portal(meeting, kind):
    row = fresh_row(meeting, kind)
    wall, cpu, outcome = timed(services.render_row, row.pk)
    assert outcome == "ready", outcome
    row.refresh_from_db()
    return wall, cpu, row.pages


def weasyprint_alone(html):
    # The same input as the portal's: same HTML, same base URL (nothing is fetched).
    document = HTML(string=html, base_url=pdf.TEMPLATE_DIR.as_uri() + "/").render()
    document.write_pdf(pdf_variant=pdf.PDF_VARIANT, pdf_tags=True)
    return len(document.pages)


def time_weasyprint(html):
    wall, cpu, pages = timed(weasyprint_alone, html)
    return wall, cpu, pages


def bench(label, meeting, kind, runs):
    html = pdf.document_html(kind, meeting, kind.context(meeting))
    time_portal(meeting, kind)  # warm-up: fonts, templates, connections
    time_weasyprint(html)
    portal, plain = [], []
    for _ in range(runs):  # interleaved, so load from other processes hits both alike
        wall, cpu, pages = time_portal(meeting, kind)
        portal.append((wall, cpu))
        plain.append(time_weasyprint(html)[:2])
    result = {"label": label, "pages": pages}
    for i, clock_name in enumerate(("wall", "cpu")):
        p = statistics.median(t[i] for t in portal)
        w = statistics.median(t[i] for t in plain)
        result[clock_name] = (p, w, (p - w) / w * 100)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--cases", type=int, default=18,
                        help="cases in the generated notice (18 give about 40 pages)")
    args = parser.parse_args()

    notice, minutes = registry.get("meeting_notice"), registry.get("meeting_minutes")
    meeting = demo_meeting()
    results = [
        bench("Innkalling 10.06.2024 (demo)", meeting, notice, args.runs),
        bench("Referat 10.06.2024 (demo)", meeting, minutes, args.runs),
    ]
    long = long_meeting(args.cases)
    try:
        results.append(bench(f"Generert innkalling, {args.cases} saker", long, notice,
                             args.runs))
    finally:
        long.delete()

    print(f"median of {args.runs} runs; WeasyPrint {pdf.PDF_VARIANT}, tagged; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    print("| dokument                           | sider | klokke | portal (s) | WeasyPrint (s) "
          "| overhead |")
    print("| ---------------------------------- | ----: | ------ | ---------: | -------------: "
          "| -------: |")
    for r in results:
        for clock_name, label in (("wall", "vegg"), ("cpu", "CPU")):
            p, w, overhead = r[clock_name]
            print(f"| {r['label']:<34} | {r['pages']:>5} | {label:<6} | {p:>10.3f} | "
                  f"{w:>14.3f} | {overhead:>7.1f}% |")


if __name__ == "__main__":
    main()
