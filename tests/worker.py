"""A real Redis and a real Celery worker process, for tests marked ``@pytest.mark.worker``.

    with RedisServer() as redis, CeleryWorker(redis.url) as worker, publishing_to(redis.url):
        ...                      # tasks published by the test go to that Redis
        worker.kill()            # SIGKILL the worker and its pool child, mid-task
        redis.stop(); redis.start()   # the broker goes away and comes back (empty)

Each test gets its own Redis on a free port (never the shared one on 6379), and the worker
uses the test database (``settings.DATABASES["default"]["NAME"]`` at test time), so tests
need ``transactional_db``: the worker only sees committed rows.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
CELERY = ROOT / ".venv" / "bin" / "celery"
LOG_DIR = ROOT / "test-artifacts" / "worker"
# Short, so a job lost with a killed worker is redelivered within the test.
VISIBILITY_TIMEOUT = 4


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout=30.0, interval=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what}")


class RedisServer:
    """``redis-server`` on a free port, in memory only; ``stop``/``start`` keep the port."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def ping(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(self.ping, timeout=10, what=f"redis on port {self.port}")
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def worker_database_url():
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class CeleryWorker:
    """``celery -A normen_portal worker`` (prefork, one child) in its own process group, so
    ``kill()`` takes the pool child with it, as when a machine dies."""

    def __init__(self, broker_url, name="pdftest"):
        self.broker_url = broker_url
        self.name = f"{name}-{os.getpid()}-{free_port()}"
        self.process = None
        self.starts = 0
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        self.log_path = LOG_DIR / f"{self.name}.log"

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        env.update({
            "DJANGO_SETTINGS_MODULE": "normen_portal.settings_test",
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": self.broker_url,
            "CELERY_EAGER": "0",
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            # Connections are not kept between tasks: a killed worker's lock goes with it.
            "CONN_MAX_AGE": "0",
        })
        return env

    def start(self):
        self.starts += 1
        log = self.log_path.open("a")
        log.write(f"\n--- start {self.starts} ---\n")
        log.flush()
        self.process = subprocess.Popen(
            [str(CELERY), "-A", "normen_portal", "worker", "-P", "prefork", "-c", "1",
             "--without-heartbeat", "--without-mingle", "--without-gossip", "-l", "info",
             "-n", f"{self.name}@%h"],
            cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        wait_for(self._ready, timeout=60, interval=0.2, what="the Celery worker")
        return self

    def _ready(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"worker exited; see {self.log_path}:\n{self.log()[-3000:]}")
        return self.log().count(" ready.") >= self.starts

    def log(self):
        return self.log_path.read_text(errors="replace")

    def kill(self):
        """SIGKILL the worker and its pool child at once: no warm shutdown, no ack."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def _reset_connections(app):
    # Forget the pooled broker connections and producers, so the next publish connects to the
    # broker configured now. (Closing them instead would close kombu's shared pools, which
    # the next publish to the same URL would then find closed.)
    app._pool = None
    app.amqp._producer_pool = None


@contextlib.contextmanager
def publishing_to(broker_url):
    """Make this (test) process publish tasks to ``broker_url`` instead of running them."""
    from normen_portal.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = broker_url
    app.conf.task_always_eager = False
    _reset_connections(app)
    try:
        yield app
    finally:
        app.conf.broker_url, app.conf.task_always_eager = saved
        _reset_connections(app)
