"""Benchmark: delivering a notice to 30 recipients through the outbox (issue 18).

    .venv/bin/python bench/delivery_bench.py              # 30 recipients, 20 runs
    .venv/bin/python bench/delivery_bench.py --recipients 30 --runs 50 --keep

Creates a throwaway PostgreSQL database (``normen_bench_delivery`` on the server in
BENCH_DATABASE_SERVER, default postgres://postgres@127.0.0.1:5432) and migrates it; starts a
Redis of its own, a Celery worker (``celery -A normen_portal worker``, prefork, one child,
settings from the environment as in production) and a local SMTP server (aiosmtpd,
tests/smtp.py) in this process. Each run makes a meeting with 30 seated recipients and calls
``meeting_send_notice`` as the «Send innkalling» button does, then measures:

- relay delay: from the COMMIT of the send to the job's ``published_at`` (the relay's
  on_commit hook has handed it to Redis);
- first mail: from the COMMIT to the first message accepted by the SMTP server;
- delivered: from the COMMIT to the last of the 30 deliveries marked sent in the database;

and, in the same run, a direct send: the same 30 messages (built by the same code) sent by a
plain ``smtplib`` loop over one connection, no database, no broker. Median and 95th
percentile of --runs runs. The database is dropped afterwards unless --keep.
"""

import argparse
import os
import signal
import smtplib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "normen_bench_delivery"
DATABASE_URL = f"{SERVER}/{DB_NAME}"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(label, values):
    ms = [v * 1000 for v in values]
    return (f"| {label} | {statistics.median(ms):.0f} ms | {percentile(ms, 95):.0f} ms | "
            f"{min(ms):.0f}–{max(ms):.0f} ms |")


def create_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database():
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def start_worker(redis_url, smtp_port, log_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "normen_portal.settings",
           "DATABASE_URL": DATABASE_URL, "REDIS_URL": redis_url,
           "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}", "DEBUG": "1",
           "ALLOWED_HOSTS": "localhost", "PDF_RENDER_ON_SAVE": "0"}
    log = open(log_path, "w")  # noqa: SIM115 - the worker writes it until it is stopped
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "celery"), "-A", "normen_portal", "worker", "-P",
         "prefork", "-c", "1", "--without-heartbeat", "--without-mingle", "--without-gossip",
         "-l", "info"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    deadline = time.monotonic() + 60
    while " ready." not in Path(log_path).read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(Path(log_path).read_text(errors="replace")[-3000:])
        time.sleep(0.2)
    return process


def make_world(recipients):
    from governance.models import Body, Membership, Organisation, Person, Representation
    from tests.factories import UserFactory

    body = Body.objects.create(name="Styringsgruppen for Normen", short_name="Styringsgruppen",
                               slug="normen")
    staff = UserFactory(username="sekretariat")
    person = Person.objects.create(name="Siri Sekretær", email="sekretariat@example.no",
                                   user=staff)
    Representation.objects.create(person=person, body=body, role="secretariat")
    for i in range(recipients):
        organisation = Organisation.objects.create(name=f"Virksomhet {i:02}")
        Membership.objects.create(body=body, organisation=organisation)
        Representation.objects.create(
            person=Person.objects.create(name=f"Mottaker {i:02}",
                                         email=f"mottaker{i:02}@example.no"),
            body=body, organisation=organisation, role="member")
    return body, staff


def new_meeting(body, staff, n):
    import datetime

    from meetings.models import AgendaItem
    from meetings.services import agenda as agenda_services
    from meetings.services.meetings import meeting_create

    meeting = meeting_create(body=body, actor=staff, date=datetime.date(2030, 1, 1)
                             + datetime.timedelta(days=n), start_time=datetime.time(10),
                             end_time=datetime.time(15), place="Skøyen", form="hybrid")
    agenda_services.item_create(meeting, staff, kind=AgendaItem.Kind.CASE,
                                title="Handlingsplan 2025", case_type="orientation",
                                proposed_decision="Styringsgruppen tar saken til orientering.")
    return meeting


def one_run(body, staff, smtp, n, recipients):
    from django.db import transaction

    from meetings.services.notice import meeting_send_notice
    from normen_portal import deliveries
    from normen_portal.models import Delivery, OutboxJob

    meeting = new_meeting(body, staff, n)
    before = len(smtp.received)
    committed = []
    with transaction.atomic():
        # Registered first, so it runs first after the COMMIT, before the relay's hook.
        transaction.on_commit(lambda: committed.append(time.time()))
        dispatch = meeting_send_notice(meeting, staff)
    rows = deliveries.for_message(dispatch)
    while rows.filter(status=Delivery.Status.SENT).count() < recipients:
        time.sleep(0.005)
    delivered = max(rows.values_list("sent_at", flat=True)).timestamp()
    job = OutboxJob.objects.get(task_name="meetings.tasks.send_notice_emails",
                                args=[dispatch.pk])
    first = smtp.received[before].wall
    assert len(smtp.received) - before == recipients
    return {"relay": job.published_at.timestamp() - committed[0],
            "first": first - committed[0], "delivered": delivered - committed[0],
            "dispatch": dispatch}


def direct_send(dispatch, port):
    """The same messages, built by the same code, sent by a plain smtplib loop over one
    connection: (build + send seconds, send-only seconds)."""
    from meetings.emails import build_messages

    start = time.perf_counter()
    messages = build_messages(dispatch)
    built = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as conn:
        for message in messages:
            conn.sendmail(message.from_email, message.recipients(),
                          message.message().as_bytes(linesep="\r\n"))
    end = time.perf_counter()
    return end - start, end - built


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--recipients", type=int, default=30)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    from tests.smtp import SmtpServer
    from tests.worker import RedisServer

    create_database()
    smtp = SmtpServer().start()
    redis = RedisServer().start()
    os.environ.update({"DATABASE_URL": DATABASE_URL, "REDIS_URL": redis.url, "DEBUG": "1",
                       "DJANGO_SETTINGS_MODULE": "normen_portal.settings",
                       "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
                       "ALLOWED_HOSTS": "localhost", "PDF_RENDER_ON_SAVE": "0"})
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    log = Path(tempfile.mkdtemp(prefix="normen-bench-")) / "worker.log"
    worker = start_worker(redis.url, smtp.port, log)
    try:
        body, staff = make_world(args.recipients)
        results, direct = [], []
        one_run(body, staff, smtp, 0, args.recipients)  # warm-up: imports, connections
        for n in range(1, args.runs + 1):
            result = one_run(body, staff, smtp, n, args.recipients)
            results.append(result)
            direct.append(direct_send(result["dispatch"], smtp.port))
        assert len(smtp.received) == (args.runs + 1) * args.recipients + args.runs * args.recipients
        print(f"{args.recipients} recipients, {args.runs} runs, worker log {log}\n")
        print("| measured | median | p95 | range |\n| --- | --- | --- | --- |")
        print(summary("relay: commit → job published to Redis",
                      [r["relay"] for r in results]))
        print(summary("commit → first e-mail accepted by the SMTP server",
                      [r["first"] for r in results]))
        print(summary(f"commit → all {args.recipients} deliveries marked sent",
                      [r["delivered"] for r in results]))
        print(summary(f"direct: build + plain smtplib loop, {args.recipients} messages, "
                      "one connection", [d[0] for d in direct]))
        print(summary("direct: the smtplib loop alone (messages built beforehand)",
                      [d[1] for d in direct]))
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
        redis.stop()
        smtp.stop()
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database()


if __name__ == "__main__":
    main()
