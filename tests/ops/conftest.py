"""Fixtures for the reliability tests.

The portal runs in real processes here (gunicorn, a Celery worker), against a throwaway
PostgreSQL cluster of its own on port 5439, so a test may stop and restart that server: the
shared server on 5432 is never touched. The demo data is loaded once into that cluster and
read by several tests; nothing they do writes to the test database of the rest of the suite.
"""

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

from meetings.demo.load import DEMO_PASSWORD

from ..worker import RedisServer
from .processes import ROOT, VENV_BIN, PostgresCluster, database_url

# The pages a visitor reads most: the ones that must keep answering.
PUBLIC_PAGES = ["/", "/arkiv/", "/vedtak/", "/dokumenter/", "/handlingsplan/"]

_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+')


def same_page(html):
    """The page without its per-request CSRF token (a fresh one is masked on every request)."""
    return _TOKEN.sub(r"\1…", html)


def links(html, pattern):
    return sorted(set(re.findall(rf'href="({pattern})"', html)))


def public_pages(portal):
    """The public index pages and one of each kind of page they lead to."""
    pages = list(PUBLIC_PAGES)
    for index, pattern in (("/arkiv/", r"/arkiv/\d{4}/"), (None, r"/arkiv/\d{4}/\d+/"),
                           ("/vedtak/", r"/vedtak/[\w-]+/\d{4}/\d+/"),
                           ("/dokumenter/", r"/(?:faktaark|veiledere)/[\w-]+/")):
        html = portal.get(index or pages[-1])[1]
        found = links(html, pattern)
        assert found, f"{index or pages[-1]} links to no {pattern}"
        pages.append(found[0])
    return pages


def member_pages(portal, opener):
    """What a member reads before a meeting: the meeting list, a meeting and its cases."""
    pages = ["/start/", "/moter/"]
    meetings = links(portal.get("/moter/", opener)[1], r"/moter/\d+/")
    assert meetings, "the member sees no meeting"
    pages += meetings[:2]
    pages += links(portal.get(meetings[0], opener)[1], r"/moter/\d+/saker/\d+/")[:2]
    return pages


@dataclass
class Site:
    """A portal database with the demo data (committed) and its uploaded files."""

    cluster: PostgresCluster
    database: str
    media: Path

    @property
    def url(self):
        return self.cluster.url(self.database)

    member = "medlem"
    password = DEMO_PASSWORD


def copy_database(source, target):
    """pg_dump | psql: one database's schema and rows into another (possibly on another
    server)."""
    dump = subprocess.run(["pg_dump", "--no-owner", "--no-privileges", source],
                          check=True, capture_output=True)
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", target], input=dump.stdout,
                   check=True, capture_output=True)


@pytest.fixture(scope="package")
def private_redis():
    """A Redis of these tests' own: the shared one holds other test runs' login rate limits
    (every browser test logs in from 127.0.0.1 too)."""
    with RedisServer() as redis:
        yield redis


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Under pytest-xdist these tests stay together on one worker (``--dist loadgroup``), so
    # the package's cluster, demo site and Redis are made once, not once per worker.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("ops"))


def _worker_number():
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


@pytest.fixture(scope="package")
def pg_cluster():
    # 5439 is only a preference (the next free port is taken if it is busy); each xdist
    # worker prefers its own, so two workers never race for the same one.
    cluster = PostgresCluster(port=5439 + _worker_number()).init()
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="package")
def demo_site(pg_cluster, django_db_setup, tmp_path_factory):
    """The demo data in database «normen» on the throwaway cluster.

    The schema comes from the migrated test database (a copy is much faster than migrating
    again); the data from ``manage.py load_demo``, as an operator would load it."""
    # pytest-django creates the test database only when a collected test is marked
    # django_db: the tests using this fixture are, so this is never the development database.
    assert connection.settings_dict["NAME"].startswith("test_"), "no test database"
    media = tmp_path_factory.mktemp("demo-media")
    pg_cluster.psql("postgres", "CREATE DATABASE normen")
    copy_database(database_url(connection.settings_dict), pg_cluster.url("normen"))
    # With the PDFs of notices, minutes and documents: files for the backup to carry.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.ops.subprocess_settings",
           "DATABASE_URL": pg_cluster.url("normen"), "MEDIA_ROOT": str(media),
           "PDF_RENDER_ON_SAVE": "1"}
    loaded = subprocess.run([str(VENV_BIN / "python"), "manage.py", "load_demo"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=300)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    return Site(pg_cluster, "normen", media)
