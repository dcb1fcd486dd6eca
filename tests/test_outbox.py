"""The transactional outbox: a job is a row written with the change, published after the
commit or by the sweep, and run once."""

import contextlib
from datetime import timedelta

import pytest
from celery import current_app, shared_task
from django.db import transaction
from django.utils import timezone

from normen_portal import outbox
from normen_portal.models import OutboxJob

SEEN = []


@shared_task(name="tests.record", base=outbox.OutboxTask)
def record(value):
    SEEN.append(value)


@shared_task(name="tests.plain")
def plain(value):
    SEEN.append(value)


@contextlib.contextmanager
def broker(url):
    """Point the Celery app at ``url`` for the duration (publishing only, no worker)."""
    old = current_app.conf.broker_url
    def reset():
        # Connections and producers are pooled per broker URL; drop them with the URL.
        current_app._pool = None
        current_app.amqp._producer_pool = None

    current_app.conf.broker_url = url
    reset()
    try:
        yield
    finally:
        current_app.conf.broker_url = old
        reset()


@pytest.fixture
def real_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False


def _age(job, seconds):
    OutboxJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(seconds=seconds))


@pytest.mark.django_db
def test_enqueue_needs_the_transaction_of_the_change(django_db_blocker):
    # Inside the test's transaction it works; outside any, it refuses.
    with transaction.atomic():
        assert outbox.enqueue(record, "x").pk
    connection = transaction.get_connection()
    # pytest-django wraps the test in atomic(); leave it to see the refusal.
    saved = connection.in_atomic_block
    connection.in_atomic_block = False
    try:
        with pytest.raises(RuntimeError):
            outbox.enqueue(record, "y")
    finally:
        connection.in_atomic_block = saved


@pytest.mark.django_db
def test_only_outbox_tasks_can_be_enqueued():
    with pytest.raises(TypeError):
        outbox.enqueue(plain, "x")


@pytest.mark.django_db
def test_dead_broker_keeps_the_job(real_broker, django_capture_on_commit_callbacks):
    with broker("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        job = outbox.enqueue(record, "innkalling")
    job.refresh_from_db()
    assert job.task_name == "tests.record"
    assert job.args == ["innkalling"]
    assert job.published_at is None and job.publish_attempts == 1
    assert "Error" in job.last_error or job.last_error


@pytest.mark.django_db
def test_sweep_sends_when_the_broker_is_back(real_broker):
    job = OutboxJob.objects.create(task_name="tests.record", args=["referat"])
    # Within the grace period the relay is still expected to publish it.
    with broker("redis://127.0.0.1:6379/15"):
        assert outbox.sweep() == 0
    _age(job, 120)
    with broker("redis://127.0.0.1:1/0"):
        assert outbox.sweep() == 0
    job.refresh_from_db()
    assert job.publish_attempts == 1 and job.published_at is None
    with broker("redis://127.0.0.1:6379/15"):
        assert outbox.sweep() == 1
    job.refresh_from_db()
    assert job.published_at is not None
    with broker("redis://127.0.0.1:6379/15"):
        assert outbox.sweep() == 0  # published and not yet due for another go
    # Clean the message off the scratch queue so it does not linger.
    import redis

    redis.Redis.from_url("redis://127.0.0.1:6379/15").flushdb()


@pytest.mark.django_db
def test_sweep_publishes_again_what_the_broker_lost(real_broker, settings):
    job = OutboxJob.objects.create(task_name="tests.record", args=["tapt"],
                                   published_at=timezone.now() - timedelta(hours=1))
    with broker("redis://127.0.0.1:6379/15"):
        assert outbox.sweep() == 1
    OutboxJob.objects.filter(pk=job.pk).update(done_at=timezone.now(),
                                               published_at=timezone.now() - timedelta(hours=1))
    with broker("redis://127.0.0.1:6379/15"):
        assert outbox.sweep() == 0  # done: left alone
    import redis

    redis.Redis.from_url("redis://127.0.0.1:6379/15").flushdb()


@pytest.mark.django_db(transaction=True)
def test_enqueue_waits_for_the_commit_and_runs_eagerly_in_process():
    SEEN.clear()
    with transaction.atomic():
        job = outbox.enqueue(record, "etter commit")
        assert SEEN == []
    assert SEEN == ["etter commit"]
    job.refresh_from_db()
    assert job.done_at is not None and job.published_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_job():
    SEEN.clear()
    with contextlib.suppress(ZeroDivisionError), transaction.atomic():
        outbox.enqueue(record, "rullet tilbake")
        1 / 0  # noqa: B018
    assert SEEN == [] and not OutboxJob.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_job_runs_once_however_often_it_is_published(settings):
    SEEN.clear()
    settings.OUTBOX_RELAY = False
    with transaction.atomic():
        job = outbox.enqueue(record, "én gang")
    assert SEEN == []  # the relay is off: the job waits for the sweep
    _age(job, 120)
    assert outbox.sweep() == 1
    # Published again (as by a redelivery): skipped by its row id.
    outbox._publish(OutboxJob.objects.get(pk=job.pk))
    assert SEEN == ["én gang"]


@pytest.mark.django_db
def test_sweep_deletes_jobs_done_long_ago(settings):
    old = OutboxJob.objects.create(task_name="tests.record", done_at=timezone.now()
                                   - timedelta(days=settings.OUTBOX_KEEP_DAYS + 1))
    recent = OutboxJob.objects.create(task_name="tests.record", done_at=timezone.now())
    outbox.sweep()
    assert list(OutboxJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not OutboxJob.objects.filter(pk=old.pk).exists()
