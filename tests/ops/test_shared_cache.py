"""The shared-cache marking (normen_portal/public_cache.py): only what any visitor may see,
and nobody's own state is in, is offered to the caching proxy."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from normen_portal.public_cache import SharedCacheMiddleware

from ..factories import UserFactory


@pytest.fixture(autouse=True)
def proxy_configured(settings, tmp_path):
    settings.PUBLIC_GENERATION_FILE = str(tmp_path / "public-generation")
    settings.SHARED_CACHE_SECONDS = 60


def marked(response, *, user=None, method="get", cookies=None, headers=None):
    request = getattr(RequestFactory(), method)("/dokumenter/", headers=headers or {})
    request.user = user or AnonymousUser()
    request.COOKIES.update(cookies or {})
    return SharedCacheMiddleware(lambda r: response)(request).get("X-Accel-Expires")


def test_an_anonymous_public_page_is_shared():
    response = HttpResponse("side")
    response["Cache-Control"] = "no-cache"  # for browsers; the proxy reads X-Accel-Expires
    assert marked(response) == "60"


def test_nothing_is_shared_when_the_proxy_cannot_be_told_of_changes(settings):
    settings.PUBLIC_GENERATION_FILE = ""
    assert marked(HttpResponse("side")) is None


def test_htmx_fragments_are_never_shared():
    assert marked(HttpResponse("del av side"), headers={"HX-Request": "true"}) is None


@pytest.mark.django_db
def test_what_a_logged_in_person_sees_is_never_shared():
    assert marked(HttpResponse("side"), user=UserFactory()) is None


def test_a_request_with_a_session_cookie_is_never_shared():
    assert marked(HttpResponse("side"), cookies={"sessionid": "abc"}) is None


def test_a_response_that_sets_a_cookie_is_never_shared():
    response = HttpResponse("side")
    response.set_cookie("csrftoken", "x")
    assert marked(response) is None


@pytest.mark.parametrize("control", ["private", "no-store", "private, max-age=60"])
def test_private_responses_are_never_shared(control):
    response = HttpResponse("vedlegg")
    response["Cache-Control"] = control
    assert marked(response) is None


@pytest.mark.parametrize("status", [302, 403, 404, 500])
def test_only_ok_answers_are_shared(status):
    assert marked(HttpResponse("x", status=status)) is None


def test_posts_are_never_shared():
    assert marked(HttpResponse("x"), method="post") is None
