import pytest


@pytest.mark.django_db
def test_health_reports_database_cache_and_broker(client):
    response = client.get("/helse/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "broker"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_health_is_degraded_not_down_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    data = client.get("/helse/").json()
    assert data["status"] == "degraded"
    assert data["checks"]["broker"]["ok"] is False
