"""Health endpoint for the load balancer: database, cache and broker.

The database is essential (503 without it); the cache and the broker are not: pages still
answer and background work waits while Redis is down, so they report "degraded" with 200.

Anyone gets the verdict ({"status": "ok" | "degraded" | "down"} and its status code: all the
load balancer needs). Which component failed, how, and how long each took is for staff and
the secretariat only: to anyone else it would say what the portal runs on.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from normen_portal.accounts import has_totp, two_factor_required


def _check(fn):
    started = time.perf_counter()
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - any failure is the answer we report
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    cache.set("health-probe", "1", 5)
    if cache.get("health-probe") != "1":
        raise RuntimeError("cache did not return the probe")


def _broker():
    if not settings.REDIS_URL:
        return
    import redis

    redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()


@never_cache
@require_GET
def health(request):
    checks = {"database": _check(_database), "cache": _check(_cache),
              "broker": _check(_broker)}
    if not checks["database"]["ok"]:
        status = "down"
    elif all(c["ok"] for c in checks.values()):
        status = "ok"
    else:
        status = "degraded"
    data = {"status": status}
    if _may_see_details(request.user):
        data["checks"] = checks
    return JsonResponse(data, status=503 if status == "down" else 200)


def _may_see_details(user):
    """Staff and the secretariat (the people who must log in with two factors), once they
    have an authenticator: the health check is open to them before they set one up, and a
    password alone should not show more than the public sees."""
    return two_factor_required(user) and has_totp(user)
