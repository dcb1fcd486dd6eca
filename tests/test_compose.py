"""docker-compose.yml is accepted by ``docker-compose config`` (Debian's docker-compose; no
Docker engine needed) and describes the whole production topology: the proxy in front of
the web processes, Celery workers and beat on the same image, PostgreSQL and Redis with
health checks the others wait for."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def compose():
    if shutil.which("docker-compose") is None:
        pytest.fail("docker-compose is missing: make test installs it (scripts/system_packages.sh)")
    done = subprocess.run(["docker-compose", "-f", "docker-compose.yml", "config"], cwd=ROOT,
                          capture_output=True, text=True, check=False, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 60})
    assert done.returncode == 0, done.stderr
    return yaml.safe_load(done.stdout)


def test_compose_file_is_valid_and_complete(compose):
    services = compose["services"]
    assert set(services) == {"proxy", "web", "worker", "beat", "db", "redis"}
    for name in ("web", "worker", "beat"):
        app = services[name]
        assert app["image"] == "normen-portal:latest"
        assert app["environment"]["DATABASE_URL"].endswith("@db:5432/normen")
        assert app["environment"]["REDIS_URL"] == "redis://redis:6379/0"
        assert {k: v["condition"] for k, v in app["depends_on"].items()} == {
            "db": "service_healthy", "redis": "service_healthy"}
    assert "celery -A normen_portal worker" in json.dumps(services["worker"]["command"])
    assert "celery -A normen_portal beat" in json.dumps(services["beat"]["command"])
    assert services["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"
    for name in ("web", "db", "redis"):
        assert services[name]["healthcheck"]["test"], name
    assert (ROOT / "deploy/nginx/nginx.conf").exists()
