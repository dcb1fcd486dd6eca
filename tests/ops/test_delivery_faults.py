"""Nothing lost, nothing sent twice, with real processes: the portal under gunicorn, a Celery
worker, Redis and an SMTP server (tests/smtp.py), each killed or stopped at the worst moment.

The notice goes to 28 recipients. What is asserted is what the recipients' mail server got.
"""

import http.cookiejar
import os
import re
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from collections import Counter

import pytest
from django.test import Client

from governance.models import Membership
from meetings.models import NoticeDispatch
from meetings.services.notice import meeting_send_notice
from normen_portal import deliveries
from normen_portal.models import Delivery, OutboxJob

from ..factories import OrganisationFactory, RepresentationFactory
from ..meetings.agenda.conftest import add_case, make_meeting
from ..smtp import SmtpServer
from ..worker import (
    VISIBILITY_TIMEOUT,
    CeleryWorker,
    RedisServer,
    publishing_to,
    wait_for,
    worker_database_url,
)
from .processes import ROOT, VENV_BIN, NoRedirect, Portal

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

SUBJECT = "Innkalling: Møte i styringsgruppen 10.06.2024"


@pytest.fixture
def faults_env(monkeypatch):
    """What the processes started here read: short retries and claims, so a test that kills
    a sender sees the outcome within seconds."""
    values = {"DELIVERY_RETRY_SECONDS": "1", "DELIVERY_CLAIM_SECONDS": "3",
              "OUTBOX_GRACE_SECONDS": "0"}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.fixture
def smtp(settings, monkeypatch):
    with SmtpServer() as server:
        server.use(settings)
        for name, value in server.env().items():
            monkeypatch.setenv(name, value)
        yield server


@pytest.fixture
def meeting28(body, users):
    secretariat = users["secretariat"]
    meeting = make_meeting(body, secretariat)
    add_case(meeting, secretariat, "Handlingsplan 2025")
    for i in range(25):
        organisation = OrganisationFactory(name=f"Virksomhet {i:02}")
        Membership.objects.create(body=body, organisation=organisation)
        RepresentationFactory(body=body, organisation=organisation,
                              person__name=f"Mottaker {i:02}",
                              person__email=f"mottaker{i:02}@example.no")
    return meeting


def notice_counts(smtp):
    return Counter(a for m in smtp.received if m.subject == SUBJECT for a in m.to)


def distinct_per_recipient(smtp):
    """How many *different* notices (by Message-ID) each address got."""
    ids = {}
    for m in smtp.received:
        if m.subject == SUBJECT:
            for address in m.to:
                ids.setdefault(address, set()).add(m.message_id)
    return {address: len(found) for address, found in ids.items()}


def all_settled(dispatch):
    return not deliveries.pending(dispatch)


def sweep_as_cron(redis_url):
    """``manage.py flush_outbox`` in a process of its own, as cron runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update({"DJANGO_SETTINGS_MODULE": "normen_portal.settings_test",
                "DATABASE_URL": worker_database_url(), "REDIS_URL": redis_url,
                "CELERY_EAGER": "0"})
    done = subprocess.run([str(VENV_BIN / "python"), "manage.py", "flush_outbox"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def session_opener(user):
    """An opener carrying a logged-in session of ``user`` (made in the shared database)."""
    client = Client()
    client.force_login(user)
    jar = http.cookiejar.CookieJar()
    jar.set_cookie(http.cookiejar.Cookie(
        0, "sessionid", client.cookies["sessionid"].value, None, False, "127.0.0.1", False,
        False, "/", True, False, None, False, None, None, {}))
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def post_form(portal, opener, path):
    status, page = portal.get(path, opener)
    assert status == 200, page[:2000]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    request = urllib.request.Request(  # noqa: S310 - our own http:// address
        portal.url + path, data=urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode(),
        headers={"Referer": portal.url + path})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_web_process_killed_after_the_commit_the_sweep_delivers_once(
        meeting28, users, smtp, faults_env, tmp_path):
    secretariat = users["secretariat"]
    with RedisServer() as redis:
        portal = Portal(worker_database_url(), tmp_path / "media", redis.url,
                        tmp_path / "gunicorn.log")
        # The relay is switched off in the web process: the commit happens, the publish
        # never does (as when the process dies between the two); then it is killed.
        portal.env.update({"OUTBOX_RELAY": "0", **smtp.env()})
        with portal:
            opener = session_opener(secretariat)
            status = post_form(portal, opener, f"/moter/{meeting28.pk}/innkalling/")
            assert status == 302, portal.access_log()[-3000:]
            for pid in [*portal.worker_pids(), portal.process.pid]:
                os.kill(pid, signal.SIGKILL)
            portal.process.wait(timeout=10)

        dispatch = NoticeDispatch.objects.get(meeting=meeting28)
        assert deliveries.for_message(dispatch).filter(status=Delivery.Status.PENDING).count() \
            == 28
        job = OutboxJob.objects.get(task_name="meetings.tasks.send_notice_emails")
        assert job.published_at is None
        assert smtp.received == []

        with CeleryWorker(redis.url, name="deliverytest"):
            assert "Sendt 1" in sweep_as_cron(redis.url)
            wait_for(lambda: all_settled(dispatch), timeout=60, what="the notice to go out")
            wait_for(lambda: OutboxJob.objects.get(pk=job.pk).done_at, timeout=10,
                     what="the job marked done")
            # Another sweep (beat a minute later) finds nothing to do.
            assert "Sendt 0" in sweep_as_cron(redis.url)
    counts = notice_counts(smtp)
    assert len(counts) == 28 and set(counts.values()) == {1}


def test_worker_killed_mid_send_each_recipient_gets_one_notice(meeting28, users, smtp,
                                                               faults_env):
    smtp.delay = 0.15  # a slow server: the worker is killed in the middle
    with RedisServer() as redis, publishing_to(redis.url), \
            CeleryWorker(redis.url, name="deliverytest") as worker:
        dispatch = meeting_send_notice(meeting28, users["secretariat"])
        wait_for(lambda: len(smtp.received) >= 10, timeout=60, what="ten messages")
        worker.kill()
        before = len(smtp.received)
        sent = deliveries.for_message(dispatch).filter(status=Delivery.Status.SENT).count()
        in_flight = deliveries.for_message(dispatch).filter(status=Delivery.Status.SENDING)
        assert 0 < sent < 28 and in_flight.count() <= 1
        # The job was not acknowledged: once its visibility timeout has passed, the new
        # worker gets it from the broker (as in tests/rendering/test_worker.py), and the
        # dead worker's claim on the message in flight is stale by then.
        time.sleep(VISIBILITY_TIMEOUT + 1)
        worker.start()
        wait_for(lambda: all_settled(dispatch), timeout=90, what="the rest of the notice")
    counts = notice_counts(smtp)
    assert set(counts) == {d.address for d in deliveries.for_message(dispatch)}
    assert len(counts) == 28
    # At-least-once with a per-row mark: the only possible copy is the one message in flight
    # when the worker died (the server may have taken it before the mark was written). It
    # carries the same Message-ID, so every recipient has exactly one distinct notice.
    assert set(distinct_per_recipient(smtp).values()) == {1}
    assert sum(counts.values()) - 28 <= 1, (before, counts)
    assert set(deliveries.for_message(dispatch).values_list("status", flat=True)) == {"sent"}


def test_broker_down_during_the_send_delivered_once_when_it_is_back(meeting28, users, smtp,
                                                                    faults_env, settings):
    settings.OUTBOX_GRACE_SECONDS = 0
    with RedisServer() as redis, publishing_to(redis.url):
        redis.stop()
        dispatch = meeting_send_notice(meeting28, users["secretariat"])
        job = OutboxJob.objects.get(task_name="meetings.tasks.send_notice_emails")
        assert job.published_at is None and job.last_error
        redis.start()
        with CeleryWorker(redis.url, name="deliverytest"):
            assert "Sendt 1" in sweep_as_cron(redis.url)
            wait_for(lambda: all_settled(dispatch), timeout=60, what="the notice to go out")
    counts = notice_counts(smtp)
    assert len(counts) == 28 and set(counts.values()) == {1}


def test_smtp_failure_after_12_with_a_real_worker_sends_each_once(meeting28, users, smtp,
                                                                  faults_env):
    smtp.fail_after(12, code=451)
    smtp.refuse("mottaker07@example.no", 550, "5.1.1 Mottakeren finnes ikke")
    with RedisServer() as redis, publishing_to(redis.url), \
            CeleryWorker(redis.url, name="deliverytest"):
        dispatch = meeting_send_notice(meeting28, users["secretariat"])
        wait_for(lambda: all_settled(dispatch), timeout=60, what="the notice to go out")
    counts = notice_counts(smtp)
    assert len(counts) == 27 and set(counts.values()) == {1}
    failed = deliveries.for_message(dispatch).get(status=Delivery.Status.FAILED)
    assert failed.address == "mottaker07@example.no" and "550" in failed.last_error
