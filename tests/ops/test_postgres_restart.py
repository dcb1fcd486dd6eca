"""PostgreSQL restarted under a running portal: the portal recovers by itself.

gunicorn keeps one database connection per worker between requests (CONN_MAX_AGE); a restart
kills it. The next request must notice that (CONN_HEALTH_CHECKS), reconnect and answer, in the
same worker process: no restart of the portal.
"""

import json

import pytest

from .conftest import member_pages, public_pages, same_page
from .processes import Portal

# django_db: the demo_site fixture copies the test database's schema.
pytestmark = [pytest.mark.worker, pytest.mark.django_db]


def test_portal_recovers_from_a_postgresql_restart(demo_site, private_redis, tmp_path):
    with Portal(demo_site.url, demo_site.media, private_redis.url,
                tmp_path / "gunicorn.log") as portal:
        workers = portal.worker_pids()
        member = portal.login(demo_site.member, demo_site.password)
        pages = [(path, None) for path in public_pages(portal)]
        pages += [(path, member) for path in member_pages(portal, member)]
        before = {}
        for path, opener in pages:
            status, html = portal.get(path, opener)
            assert status == 200, path
            before[path] = same_page(html)

        # Restart with no request in between: the worker holds a connection that is now dead.
        demo_site.cluster.stop()
        demo_site.cluster.start()
        for path, opener in pages:
            status, html = portal.get(path, opener)
            assert status == 200, f"{path} answered {status} right after the restart"
            assert same_page(html) == before[path]

        # While the database is down the load balancer hears so, and then that it is back.
        demo_site.cluster.stop()
        status, body = portal.get("/helse/")
        assert status == 503
        assert json.loads(body)["status"] == "down"
        demo_site.cluster.start()
        status, body = portal.get("/helse/")
        assert status == 200
        # "down" means the database; with it back the verdict is ok (or degraded, should
        # another component be slow to answer).
        assert json.loads(body)["status"] in ("ok", "degraded")
        # The session lives in the database: the member is still logged in.
        assert portal.get("/start/", member)[0] == 200

        assert portal.worker_pids() == workers, "the portal restarted a worker to recover"

    # The structured access log saw every request, one JSON object per line.
    entries = [json.loads(line) for line in portal.access_log().splitlines()
               if line.startswith("{") and '"gunicorn.access"' in line]
    health = [e for e in entries if e["path"] == "/helse/"]
    assert {e["status"] for e in health} >= {200, 503}
    assert all(isinstance(e["duration_ms"], int) for e in entries)
