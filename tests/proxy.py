"""The production caching proxy (deploy/nginx/nginx.conf, rendered by bench/load/proxy_conf.py)
in front of the live test server, as the README's production topology has it."""

import contextlib
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from bench.load import proxy_conf

from .ops.processes import NoRedirect, free_port
from .worker import wait_for


class Proxy:
    def __init__(self, run, upstream, generation_file):
        self.port = free_port()
        self.process = subprocess.Popen(
            proxy_conf.command(run, listen=self.port, upstream=upstream,
                               generation_file=generation_file),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.opener = urllib.request.build_opener(NoRedirect)
        wait_for(self.answers, 15, what="nginx")

    def answers(self):
        try:
            return self.get("/helse/")[0] in (200, 503)
        except OSError:
            return False

    def get(self, path, **headers):
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1
            f"http://127.0.0.1:{self.port}{path}", headers={"X-Forwarded-Proto": "https",
                                                             **headers})
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            return response.status, response.read().decode(), response.headers

    def cache_status(self, path, **headers):
        return self.get(path, **headers)[2].get("X-Cache-Status")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


@contextlib.contextmanager
def proxy_in_front_of(live_server, settings):
    """nginx with the production config in front of ``live_server``; the portal writes the
    public generation where this nginx reads it."""
    # Outside pytest's private temporary folder, which nginx's workers could not enter.
    run = Path(tempfile.mkdtemp(prefix="normen-proxy-"))
    generation = run / "public-generation"
    settings.PUBLIC_GENERATION_FILE = str(generation)
    settings.SECURE_SSL_REDIRECT = False
    from normen_portal.public_cache import bump

    bump()  # what a web process does when it starts (normen_portal/gunicorn_conf.py)
    proxy = Proxy(run, live_server.url.removeprefix("http://"), generation)
    try:
        yield proxy
    finally:
        proxy.stop()
        shutil.rmtree(run, ignore_errors=True)
