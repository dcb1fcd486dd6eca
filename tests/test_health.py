import pytest

from .factories import UserFactory, give_totp


@pytest.mark.django_db
def test_anyone_gets_the_verdict_and_nothing_more(client):
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_a_member_gets_only_the_verdict(client, users):
    client.force_login(users["member"])
    assert client.get("/helse/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_the_secretariat_sees_database_cache_and_broker(client, users):
    client.force_login(users["secretariat"])
    data = client.get("/helse/").json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "broker"}


@pytest.mark.django_db
def test_staff_see_the_details_only_with_a_second_factor(client):
    staff = UserFactory(username="drift", is_staff=True)
    client.force_login(staff)
    assert "checks" not in client.get("/helse/").json()
    give_totp(staff)
    assert set(client.get("/helse/").json()["checks"]) == {"database", "cache", "broker"}


@pytest.mark.django_db
def test_health_is_degraded_not_down_when_redis_is_unreachable(client, settings, users):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/helse/")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded"}  # no component name, no error class

    client.force_login(users["secretariat"])
    data = client.get("/helse/").json()
    assert data["status"] == "degraded"
    assert data["checks"]["broker"]["ok"] is False
    assert data["checks"]["broker"]["error"]
