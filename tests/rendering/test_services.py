"""Ordering renders: one row per revision, re-render on change, failures, the sweep.

These run Celery in-process (eager), as the portal does without a broker; the real broker and
worker are in test_worker.py.
"""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from meetings.models import AgendaItem, Meeting, Statement
from rendering import pdf, registry, services
from rendering.models import InvalidTransition, RenderedPdf
from tests.worker import publishing_to

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

MINUTES = registry.get("meeting_minutes")
NOTICE = registry.get("meeting_notice")


def rows(meeting, kind="meeting_minutes"):
    return list(RenderedPdf.objects.for_source(meeting, kind).order_by("pk"))


def test_request_renders_once_per_revision(held_meeting, django_capture_on_commit_callbacks):
    with mock.patch.object(pdf, "write_pdf", wraps=pdf.write_pdf) as write:
        with django_capture_on_commit_callbacks(execute=True):
            first = services.request_render(held_meeting, MINUTES)
        with django_capture_on_commit_callbacks(execute=True):
            again = services.request_render(held_meeting, MINUTES)
        assert write.call_count == 1
        # Running the task again for the ready row renders nothing either.
        assert services.render_row(first.pk) == "already ready"
        assert write.call_count == 1
    first.refresh_from_db()
    assert again.pk == first.pk
    assert first.status == RenderedPdf.Status.READY
    assert first.source_revision == MINUTES.revision_for(held_meeting)
    assert first.attempts == 1 and first.pages >= 1
    content = first.file.read()
    import hashlib

    assert hashlib.sha256(content).hexdigest() == first.checksum
    assert first.size == len(content)
    assert "Medisinsk utstyr" in pdf_text(content)


def test_saving_the_agenda_renders_a_new_revision(held_meeting,
                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_render(held_meeting, MINUTES)
    old = rows(held_meeting)[0]
    old_file = old.file.name

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        item = AgendaItem.objects.create(
            meeting=held_meeting, body=held_meeting.body, position=40, number=13,
            year=2024, title="Normkonferansen 2025", case_type="orientation")
        Statement.objects.create(item=item, text="KS stiller med foredragsholder.")

    minutes = rows(held_meeting)
    assert len(minutes) == 2
    assert all(r.status == RenderedPdf.Status.READY for r in minutes)
    new = minutes[1]
    assert new.source_revision != old.source_revision
    assert "Normkonferansen 2025" in pdf_text(new.file.read())
    # The old version is untouched: same file, same checksum.
    old.refresh_from_db()
    assert old.file.name == old_file
    assert "Normkonferansen" not in pdf_text(old.file.read())
    # The notice was re-rendered too, and only once for the two saves.
    assert len(rows(held_meeting, "meeting_notice")) == 1


def test_many_saves_in_one_transaction_render_once(held_meeting,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        for item in held_meeting.items.all():
            item.save()
        held_meeting.save()
    keys = [getattr(c, "rendering_key", None) for c in callbacks]
    assert sorted(k for k in keys if k) == [("meeting_minutes", held_meeting.pk),
                                            ("meeting_notice", held_meeting.pk)]


def test_rolled_back_change_renders_nothing(held_meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, \
            pytest.raises(RuntimeError), transaction.atomic():
        held_meeting.place = "Oslo"
        held_meeting.save()
        raise RuntimeError
    assert callbacks == []
    assert RenderedPdf.objects.count() == 0


def test_minutes_only_once_the_meeting_is_held(body, django_capture_on_commit_callbacks):
    from tests.factories import MeetingFactory

    with django_capture_on_commit_callbacks(execute=True):
        planned = MeetingFactory(body=body, status=Meeting.Status.PLANNED)
    assert rows(planned) == []
    assert [r.status for r in rows(planned, "meeting_notice")] == ["ready"]
    assert services.request_render(planned, MINUTES) is None


def test_failure_is_recorded_with_its_reason(held_meeting, django_capture_on_commit_callbacks):
    with mock.patch.object(pdf, "write_pdf", side_effect=OSError("Disken er full")), \
            django_capture_on_commit_callbacks(execute=True):
        row = services.request_render(held_meeting, MINUTES)
    row.refresh_from_db()
    assert row.status == RenderedPdf.Status.FAILED
    assert row.error == "OSError: Disken er full"
    assert row.attempts == 1

    # A new request for the same revision leaves a failed row alone …
    with django_capture_on_commit_callbacks(execute=True):
        services.request_render(held_meeting, MINUTES)
    row.refresh_from_db()
    assert row.status == RenderedPdf.Status.FAILED
    # … "Lag PDF på nytt" tries again.
    with django_capture_on_commit_callbacks(execute=True):
        services.request_render(held_meeting, MINUTES, retry=True)
    row.refresh_from_db()
    assert row.status == RenderedPdf.Status.READY
    assert row.error == "" and row.attempts == 1


def test_rerender_is_for_the_secretariat(held_meeting, users):
    with pytest.raises(PermissionDenied):
        services.pdf_rerender(obj=held_meeting, kind=MINUTES, actor=users["member"])
    with mock.patch.object(services, "_enqueue"):
        row = services.pdf_rerender(obj=held_meeting, kind=MINUTES, actor=users["secretariat"])
    assert row.requested_by == users["secretariat"]


def test_task_retries_with_backoff_then_fails(held_meeting):
    """As on a worker (not eager): a failure goes back to pending with a retry time and the
    task asks Celery for a retry with a growing countdown; the last attempt fails the row."""
    from celery.exceptions import Retry

    from rendering.tasks import MAX_RETRIES, render_pdf

    row = services.request_render(held_meeting, MINUTES)  # on_commit never runs here
    countdowns = []

    def fake_retry(exc=None, countdown=None, **kwargs):
        countdowns.append(countdown)
        return Retry(exc=exc, when=countdown)

    def run(retries):
        render_pdf.push_request(retries=retries, is_eager=False)
        try:
            return render_pdf.run(row.pk)
        finally:
            render_pdf.pop_request()

    with mock.patch.object(pdf, "write_pdf", side_effect=RuntimeError("WeasyPrint krasjet")), \
            mock.patch.object(render_pdf, "retry", side_effect=fake_retry):
        with pytest.raises(Retry):
            run(0)
        row.refresh_from_db()
        assert row.status == RenderedPdf.Status.PENDING
        assert row.retry_at is not None and "WeasyPrint krasjet" in row.error
        with pytest.raises(Retry):
            run(3)
        assert run(MAX_RETRIES) == "failed"
    assert 1 <= countdowns[0] <= 10 and 1 <= countdowns[1] <= 80
    row.refresh_from_db()
    assert row.status == RenderedPdf.Status.FAILED
    assert row.attempts == 3


def test_endless_losses_give_up(held_meeting):
    row = services.request_render(held_meeting, MINUTES)
    RenderedPdf.objects.filter(pk=row.pk).update(
        status=RenderedPdf.Status.RENDERING, attempts=services.MAX_ATTEMPTS)
    assert services.render_row(row.pk) == "failed"
    row.refresh_from_db()
    assert row.status == RenderedPdf.Status.FAILED
    assert "8 forsøk" in row.error


def test_superseded_row_is_dropped_for_the_current_revision(held_meeting,
                                                           django_capture_on_commit_callbacks):
    row = services.request_render(held_meeting, MINUTES)
    Statement.objects.filter(item__meeting=held_meeting).update(text="Et nytt innlegg.")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.render_row(row.pk) == "superseded"
    assert not RenderedPdf.objects.filter(pk=row.pk).exists()
    (current,) = rows(held_meeting)
    assert current.status == RenderedPdf.Status.READY
    assert "Et nytt innlegg." in pdf_text(current.file.read())


def test_broker_down_leaves_the_row_pending_and_the_sweep_queues_it(
        held_meeting, django_capture_on_commit_callbacks):
    # Nothing listens on port 1: publishing fails at once.
    with publishing_to("redis://127.0.0.1:1/0"), \
            django_capture_on_commit_callbacks(execute=True):
        row = services.request_render(held_meeting, MINUTES)
        assert services.sweep_pending(min_age=0) == 0
    row.refresh_from_db()
    assert row.status == RenderedPdf.Status.PENDING

    # The broker is back (here: in-process): the sweep queues it and it renders.
    assert services.sweep_pending(min_age=60) == 0  # too fresh to be considered stuck
    assert services.sweep_pending(min_age=0) == 1
    row.refresh_from_db()
    assert row.status == RenderedPdf.Status.READY


def test_transitions_are_explicit(held_meeting):
    row = services.request_render(held_meeting, MINUTES)
    with pytest.raises(InvalidTransition):
        row.move_to(RenderedPdf.Status.READY)  # pending → ready skips the render
    services.render_row(row.pk)
    row.refresh_from_db()
    with pytest.raises(InvalidTransition):
        row.move_to(RenderedPdf.Status.PENDING)
    row.checksum = "0" * 64
    with pytest.raises(InvalidTransition):
        row.save()  # a ready PDF is immutable


def test_deleting_the_meeting_deletes_its_pdfs(held_meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = services.request_render(held_meeting, MINUTES)
    row.refresh_from_db()
    storage, name = row.file.storage, row.file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        held_meeting.delete()
    assert not RenderedPdf.objects.exists()
    assert not storage.exists(name)


def test_render_pending_command(held_meeting, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    mine = RenderedPdf.objects.filter(kind__in=["meeting_notice", "meeting_minutes"])
    out = io.StringIO()
    call_command("render_pending", "--refresh", "--kind", "meeting_notice", "--kind",
                 "meeting_minutes", stdout=out)
    assert {r.kind for r in RenderedPdf.objects.all()} == {"meeting_notice", "meeting_minutes"}
    assert "Bestilt: 2 PDF-er" in out.getvalue()
    assert mine.filter(status=RenderedPdf.Status.PENDING).count() == 2  # on_commit: not here
    out = io.StringIO()
    call_command("render_pending", "--min-age", "0", stdout=out)
    assert "Lagt i køen igjen: 2" in out.getvalue()
    assert mine.filter(status=RenderedPdf.Status.READY).count() == 2


def test_undoing_an_edit_makes_the_earlier_pdf_current_again(
        held_meeting, django_capture_on_commit_callbacks, users):
    from rendering import selectors

    item = held_meeting.items.get(number=12)
    with django_capture_on_commit_callbacks(execute=True):
        original = services.request_render(held_meeting, MINUTES)
    # (Each edit in its own atomic block, as in a request; the fixture's own saves left
    # requests waiting in the test's outer transaction.)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        item.title = "Feil tittel"
        item.save()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        item.title = "Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder)"
        item.save()
    assert len(rows(held_meeting)) == 2
    state = selectors.pdf_state(held_meeting, MINUTES, users["member"])
    assert state.latest.pk == original.pk
    assert state.is_current and state.download.pk == original.pk


def test_minutes_pdf_records_declared_conflicts_of_interest(held_meeting, users):
    from governance.models import Person
    from rendering.kinds.meetings import minutes_context
    from reviews.models import ConflictOfInterest

    item = held_meeting.items.filter(kind="case").first()
    ConflictOfInterest.objects.create(person=Person.objects.get(user=users["member"]),
                                      item=item, reason="Styreverv i leverandøren.")
    [row] = [r for r in minutes_context(held_meeting)["items"] if r["pk"] == item.pk]
    assert row["conflicts"] == [
        {"person": "Martin Medlem", "organisation": "", "reason": "Styreverv i leverandøren."}]
