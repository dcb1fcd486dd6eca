"""With a real Redis broker and a real Celery worker process (see tests/worker.py).

The test process plays the web server: it saves meetings (which enqueue renders on commit)
and reads the rows; the worker renders into the same test database and media directory.
"""

import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import AgendaItem, CaseType
from rendering import registry, services
from rendering.models import RenderedPdf
from tests.conftest import client_for
from tests.worker import VISIBILITY_TIMEOUT, CeleryWorker, RedisServer, publishing_to, wait_for

from .conftest import pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

MINUTES = registry.get("meeting_minutes")
NOTICE = registry.get("meeting_notice")


@pytest.fixture
def redis():
    with RedisServer() as server:
        yield server


@pytest.fixture
def worker(redis, transactional_db):  # the worker needs the test database's name
    with CeleryWorker(redis.url) as process:
        yield process


@pytest.fixture
def publishing(redis, transactional_db):
    with publishing_to(redis.url):
        yield


def current_row(meeting, kind, timeout=60):
    """Wait until the current revision of ``meeting`` is rendered; return its row."""
    revision = kind.revision_for(meeting)

    def ready():
        return RenderedPdf.objects.filter(
            object_id=meeting.pk, kind=kind.name, source_revision=revision,
            status=RenderedPdf.Status.READY).first()

    return wait_for(ready, timeout=timeout, interval=0.2, what=f"{kind.name} to be ready")


def test_changed_agenda_gives_a_new_pdf_with_the_new_case(worker, publishing, held_meeting):
    first = current_row(held_meeting, NOTICE)
    assert "Normkonferansen 2025" not in pdf_text(first.file.read())

    # A burst of saves, as from the agenda editor: each orders a render a few seconds ahead,
    # and by then all but the last revision are superseded, so only that one is rendered.
    item = AgendaItem.objects.create(
        meeting=held_meeting, body=held_meeting.body, position=25, number=20, year=2024,
        title="Normkonferansen", case_type=CaseType.ORIENTATION)
    item.purpose = "<p>Program og foredragsholdere for konferansen i juni.</p>"
    item.save()
    item.title = "Normkonferansen 2025"
    item.save()

    second = current_row(held_meeting, NOTICE)
    assert second.pk != first.pk
    text = pdf_text(second.file.read())
    assert "20/24 Normkonferansen 2025" in text
    wait_for(lambda: not RenderedPdf.objects.filter(
        kind=NOTICE.name, object_id=held_meeting.pk, status="pending").exists(),
        timeout=30, what="the superseded rows to go")
    assert list(RenderedPdf.objects.filter(kind=NOTICE.name, object_id=held_meeting.pk)
                .order_by("pk").values_list("pk", flat=True)) == [first.pk, second.pk]
    assert "'superseded'" in worker.log()
    assert "Program og foredragsholdere for konferansen i juni." in text
    # The first version is still there, unchanged.
    first.refresh_from_db()
    assert first.is_ready and "Normkonferansen 2025" not in pdf_text(first.file.read())
    assert "rendering.tasks.render_pdf" in worker.log()


def test_same_revision_is_rendered_once(worker, publishing, held_meeting):
    row = current_row(held_meeting, MINUTES)
    from rendering.tasks import render_pdf

    for _ in range(3):
        render_pdf.delay(row.pk)
    wait_for(lambda: worker.log().count("'already ready'") >= 3, timeout=30,
             what="the duplicate tasks")
    row.refresh_from_db()
    assert row.attempts == 1
    assert RenderedPdf.objects.filter(object_id=held_meeting.pk, kind=MINUTES.name,
                                      source_revision=row.source_revision).count() == 1


def big_agenda(meeting, cases=60):
    """Enough cover notes (some seventy pages) that a render takes seconds; created with
    bulk_create, so no signal orders a render before the test does."""
    paragraph = ("<p>Sekretariatet legger fram status for arbeidet med veilederen, med "
                 "innspill fra arbeidsgruppen og høringsinstansene. Dokumentet beskriver "
                 "ansvar, risikovurdering og tiltak for virksomheter i helse- og "
                 "omsorgssektoren.</p>") * 6
    AgendaItem.objects.bulk_create([
        AgendaItem(meeting=meeting, body=meeting.body, position=100 + n, number=30 + n,
                   year=2024, title=f"Sak nummer {n} om informasjonssikkerhet",
                   case_type=CaseType.DISCUSSION, purpose=paragraph, background=paragraph,
                   proposed_decision="Styringsgruppen tar saken til orientering.")
        for n in range(cases)
    ])


def test_worker_killed_mid_render_and_the_job_still_completes(redis, publishing, body):
    from tests.factories import MeetingFactory

    with CeleryWorker(redis.url, name="killed") as worker:
        meeting = MeetingFactory(body=body)  # planned: notice only
        # The meeting's own save ordered a notice of the empty agenda; let that finish first.
        current_row(meeting, NOTICE)
        big_agenda(meeting)
        row = services.request_render(meeting, NOTICE)
        wait_for(lambda: RenderedPdf.objects.filter(
            pk=row.pk, status=RenderedPdf.Status.RENDERING).exists(),
            timeout=30, interval=0.02, what="the render to start")
        time.sleep(0.5)  # well into the layout, far from done
        worker.kill()
    row.refresh_from_db()
    assert row.status == RenderedPdf.Status.RENDERING, "the render finished before the kill"
    assert not row.file

    # The job was not acknowledged: once its visibility timeout has passed, a new worker gets
    # it from the broker (no sweep involved), takes over the row and finishes it.
    time.sleep(VISIBILITY_TIMEOUT + 1)
    with CeleryWorker(redis.url, name="replacement"):
        row = current_row(meeting, NOTICE, timeout=120)
    assert row.attempts == 2
    text = pdf_text(row.file.read())
    assert "Sak nummer 59 om informasjonssikkerhet" in text
    assert row.pages > 60


def test_broker_down_then_back_and_the_job_completes(redis, worker, publishing, held_meeting,
                                                     client, users):
    current_row(held_meeting, MINUTES)
    redis.stop()

    # The secretariat edits the minutes while the broker is down: the save works …
    item = held_meeting.items.get(number=12)
    item.decision_text = "Veilederen godkjennes med de endringene som kom fram i møtet."
    item.save()
    row = RenderedPdf.objects.for_source(held_meeting, MINUTES.name).first()
    assert row.source_revision == MINUTES.revision_for(held_meeting)
    assert row.status == RenderedPdf.Status.PENDING
    # … and the meeting's PDF status says the new PDF is waiting.
    page = client_for(client, users["member"]).get(
        reverse("rendering:status", args=["meeting_minutes", held_meeting.pk]))
    assert page.status_code == 200
    assert "PDF-en venter på å bli laget" in page.content.decode()

    # The broker comes back, empty (no persistence): the row is the record of the job, and the
    # sweep puts it on the queue again.
    redis.start()
    call_command("render_pending", "--min-age", "0")
    done = current_row(held_meeting, MINUTES, timeout=90)
    assert done.pk == row.pk
    assert "med de endringene som kom fram i møtet" in pdf_text(done.file.read())
