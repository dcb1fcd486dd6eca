"""Redis down: every page still answers, and background work waits until Redis is back.

Redis is the cache and the Celery broker. The cache degrades to misses
(normen_portal.cache); jobs that cannot be published are kept in the database
(normen_portal.outbox) and published by the periodic ``flush_outbox`` once Redis answers.
"""

import io
import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meetings.models import NoticeDispatch
from normen_portal.models import OutboxJob

from ..factories import AgendaItemFactory, MeetingFactory
from ..worker import CeleryWorker, RedisServer, publishing_to, wait_for
from .conftest import member_pages, public_pages
from .processes import Portal

DEAD = "redis://127.0.0.1:1/0"


@pytest.mark.worker
@pytest.mark.django_db
def test_public_pages_answer_while_redis_is_down(demo_site, tmp_path):
    # The portal as deployed, configured with a Redis that does not answer at all.
    with Portal(demo_site.url, demo_site.media, DEAD, tmp_path / "gunicorn.log") as portal:
        status, body = portal.get("/helse/")
        assert status == 200
        health = json.loads(body)
        # Anonymous callers (the load balancer) hear only the verdict, never which
        # component failed or how (tests/test_health.py checks the details for staff).
        assert health == {"status": "degraded"}
        for path in public_pages(portal) + ["/konto/login/"]:
            portal.read(path)


@pytest.mark.worker
@pytest.mark.django_db
def test_members_read_papers_while_redis_is_down(demo_site, tmp_path):
    with RedisServer() as redis, Portal(demo_site.url, demo_site.media, redis.url,
                                        tmp_path / "gunicorn.log") as portal:
        member = portal.login(demo_site.member, demo_site.password)
        pages = member_pages(portal, member)
        redis.stop()
        assert "Logg ut" in portal.read("/start/", member)  # logged in
        for path in pages:
            portal.read(path, member)


@pytest.mark.worker
@pytest.mark.django_db
def test_members_can_log_in_while_redis_is_down(demo_site, tmp_path):
    with Portal(demo_site.url, demo_site.media, DEAD, tmp_path / "gunicorn.log") as portal:
        member = portal.login(demo_site.member, demo_site.password)
        assert "Logg ut" in portal.read("/start/", member)  # logged in


def redis_cache(url):
    return {"default": {
        "BACKEND": "normen_portal.cache.ResilientRedisCache", "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        "KEY_PREFIX": "normen",
    }}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_notice_sent_while_redis_is_down_goes_out_when_redis_is_back(body, users, client,
                                                                     settings):
    meeting = MeetingFactory(body=body, date=timezone.localdate() + timedelta(days=30))
    AgendaItemFactory(meeting=meeting, title="Handlingsplan for Normen")
    client.force_login(users["secretariat"])
    with RedisServer() as redis, publishing_to(redis.url):
        settings.REDIS_URL = redis.url
        settings.CACHES = redis_cache(redis.url)
        settings.CELERY_TASK_ALWAYS_EAGER = False
        settings.OUTBOX_GRACE_SECONDS = 0
        redis.stop()

        response = client.post(reverse("meetings:send_notice", args=[meeting.pk]))
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert re.search(r"Innkallingen er sendt til \d+ mottakere", page)
        dispatch = NoticeDispatch.objects.get(meeting=meeting)
        assert dispatch.recipients
        assert dispatch.emails_sent_at is None
        job = OutboxJob.objects.get(task_name__endswith="send_notice_emails")
        assert job.published_at is None and job.last_error
        # The periodic flush while Redis is still down keeps the job.
        call_command("flush_outbox", stdout=io.StringIO())
        job.refresh_from_db()
        assert job.published_at is None and job.publish_attempts == 2

        redis.start()
        with CeleryWorker(redis.url, name="opstest"):
            call_command("flush_outbox", stdout=io.StringIO())  # what beat runs every minute
            wait_for(lambda: NoticeDispatch.objects.get(pk=dispatch.pk).emails_sent_at,
                     timeout=30, what="the worker to send the notice")
            wait_for(lambda: OutboxJob.objects.get(pk=job.pk).done_at, timeout=10,
                     what="the job marked done")
