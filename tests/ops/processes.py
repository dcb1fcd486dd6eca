"""Real processes for the reliability tests: the portal under gunicorn and a throwaway
PostgreSQL cluster (Redis and the Celery worker come from ``tests/worker.py``).

Everything listens on 127.0.0.1 only, and each helper stops exactly the process it started
(by its pid): other test runs on this machine share the PostgreSQL on 5432 and the Redis on
6379, which these tests never stop.
"""

import contextlib
import glob
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from ..worker import wait_for

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
LOGIN_PATH = "/konto/login/"


def free_port(preferred=None):
    """``preferred`` if nothing listens there, else any free port."""
    if preferred is not None:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", preferred)) != 0:
                return preferred
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(settings_dict, name=None, port=None):
    user = settings_dict.get("USER") or "postgres"
    password = settings_dict.get("PASSWORD") or ""
    auth = urllib.parse.quote(user) + (":" + urllib.parse.quote(password) if password else "")
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = port or settings_dict.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{name or settings_dict['NAME']}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report a redirect as the answer instead of following it."""

    def redirect_request(self, *args, **kwargs):
        return None


def _answers(portal):
    try:
        return portal.get("/helse/")[0] in (200, 503)
    except OSError:
        return False


class Portal:
    """The portal under gunicorn (one sync worker), configured the way production runs it.

    ``LOG_FORMAT=json`` is on, so the access log it writes is the structured one.
    """

    def __init__(self, database_url, media_root, redis_url, log_path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.ops.subprocess_settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(media_root),
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "1",
            "LOG_FORMAT": "json",
            "PYTHONPATH": str(ROOT),
        }
        self.process = None

    def start(self):
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "python:normen_portal.gunicorn_conf",
             "normen_portal.wsgi:application"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        wait_for(lambda: self.process.poll() is not None or _answers(self), timeout=30,
                 what="gunicorn")
        if self.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited:\n{self.access_log()[-3000:]}")
        return self

    def worker_pids(self):
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
                             capture_output=True, text=True, check=False).stdout
        return sorted(int(p) for p in out.split())

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self._log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @staticmethod
    def opener():
        return urllib.request.build_opener(NoRedirect)

    def get(self, path, opener=None):
        """(status, body text) of a GET; errors are answers too."""
        opener = opener or self.opener()
        try:
            with opener.open(self.url + path, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode(errors="replace")

    def read(self, path, opener=None):
        """The page's text; fails with the portal's log (its traceback) if it is not a 200."""
        status, text = self.get(path, opener)
        assert status == 200, f"{path} answered {status}:\n{self.access_log()[-4000:]}"
        return text

    def login(self, username, password):
        """An opener with a logged-in session, through the real login form and its CSRF."""
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                             NoRedirect)
        status, page = self.get(LOGIN_PATH, opener)
        assert status == 200, page[:500]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        # Django's form calls the field "username", django-allauth's "login".
        field = "login" if 'name="login"' in page else "username"
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, field: username,
                                       "password": password}).encode()
        request = urllib.request.Request(  # noqa: S310 - our own http:// address
            self.url + LOGIN_PATH, data=data, headers={"Referer": self.url + LOGIN_PATH})
        try:
            opener.open(request, timeout=20)
        except urllib.error.HTTPError as exc:
            assert exc.code == 302, f"login failed with {exc.code}"
        assert any(c.name == "sessionid" for c in jar), "login did not give a session"
        return opener

    def access_log(self):
        return self.log_path.read_text(errors="replace")


def _pg_bin(name):
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else shutil.which(name)


class PostgresCluster:
    """A throwaway PostgreSQL cluster under /tmp (never the shared server on 5432)."""

    def __init__(self, port=5439):
        self.port = free_port(port)
        self.dir = Path(tempfile.mkdtemp(prefix="normen-ops-pg-"))
        self.data = self.dir / "data"
        self.as_postgres = []
        if os.geteuid() == 0:
            # initdb refuses to run as root; the cluster belongs to the postgres user.
            shutil.chown(self.dir, "postgres")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]

    def _pg_ctl(self, *args):
        subprocess.run(
            [*self.as_postgres, _pg_bin("pg_ctl"), "-D", str(self.data), "-l",
             str(self.dir / "server.log"), "-w", "-t", "30", *args],
            check=True, capture_output=True,
        )

    def init(self):
        subprocess.run(
            [*self.as_postgres, _pg_bin("initdb"), "-D", str(self.data), "-U", "postgres",
             "-A", "trust", "-E", "UTF8", "--no-sync"],
            check=True, capture_output=True,
        )
        # In the cluster's own configuration, so that a plain restart keeps them.
        settings = (f"\nport = {self.port}\nunix_socket_directories = '{self.dir}'\n"
                    "listen_addresses = '127.0.0.1'\nfsync = off\n"
                    "synchronous_commit = off\nfull_page_writes = off\n")
        subprocess.run([*self.as_postgres, "tee", "-a", str(self.data / "postgresql.conf")],
                       input=settings.encode(), check=True, capture_output=True)
        self.start()
        return self

    def start(self):
        self._pg_ctl("start")

    def stop(self):
        self._pg_ctl("-m", "fast", "stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self._pg_ctl("-m", "immediate", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, database, sql):
        subprocess.run([_pg_bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                        "-p", str(self.port), "-U", "postgres", "-d", database, "-c", sql],
                       check=True, capture_output=True)
