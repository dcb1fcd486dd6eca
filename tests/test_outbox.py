"""Work handed to Celery is kept, not lost, while the broker is down."""

import contextlib

import pytest
from celery import current_app, shared_task

from normen_portal import outbox
from normen_portal.models import PendingTask

SEEN = []


@shared_task(name="tests.record")
def record(value):
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


@pytest.mark.django_db
def test_dead_broker_keeps_the_job(real_broker):
    with broker("redis://127.0.0.1:1/0"):
        assert outbox.enqueue(record, "innkalling") is False
    pending = PendingTask.objects.get()
    assert pending.task_name == "tests.record"
    assert pending.args == ["innkalling"]


@pytest.mark.django_db
def test_flush_sends_when_the_broker_is_back(real_broker):
    PendingTask.objects.create(task_name="tests.record", args=["referat"])
    with broker("redis://127.0.0.1:1/0"):
        assert outbox.flush() == 0
    assert PendingTask.objects.get().attempts == 1
    with broker("redis://127.0.0.1:6379/15"):
        assert outbox.flush() == 1
    assert not PendingTask.objects.exists()
    # Clean the message off the scratch queue so it does not linger.
    import redis

    redis.Redis.from_url("redis://127.0.0.1:6379/15").flushdb()


@pytest.mark.django_db(transaction=True)
def test_enqueue_on_commit_waits_for_the_commit_and_runs_eagerly_in_process():
    from django.db import transaction

    SEEN.clear()
    with transaction.atomic():
        outbox.enqueue_on_commit(record, "etter commit")
        assert SEEN == []
    assert SEEN == ["etter commit"]
