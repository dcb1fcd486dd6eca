"""The production caching proxy (deploy/nginx/nginx.conf, run as it is) in front of the
portal: anonymous visitors share pages, nobody gets a stale one after a change, and nothing
personal is ever shared."""

import os
import re

import pytest
from django.contrib.auth import get_user_model

from documents.models import Document
from documents.services.documents import document_set_expired
from meetings.models import AgendaItem

pytestmark = pytest.mark.django_db(transaction=True)


def fact_sheet(proxy):
    path = re.findall(r'href="(/faktaark/[\w-]+/)"', proxy.get("/faktaark/")[1])[0]
    return path, next(d for d in Document.objects.all() if d.get_absolute_url() == path)


def test_anonymous_visitors_share_a_page_until_it_is_changed(proxy):
    path, document = fact_sheet(proxy)
    assert proxy.cache_status(path) == "MISS"
    status, page, headers = proxy.get(path)
    assert status == 200 and headers["X-Cache-Status"] == "HIT"
    assert "Utgått" not in page
    # Browsers are still told to check back: only the proxy shares the page.
    assert "no-cache" in headers["Cache-Control"]
    assert "X-Accel-Expires" not in headers

    # The secretariat marks the fact sheet «utgått»: the very next visitor sees it.
    secretariat = get_user_model().objects.get(username="sekretariat")
    document_set_expired(document, actor=secretariat, expired=True)
    status, page, headers = proxy.get(path)
    assert headers["X-Cache-Status"] == "MISS"
    assert "utgått" in page.lower()
    assert proxy.cache_status(path) == "HIT"


def test_a_change_made_without_model_signals_also_reaches_visitors_at_once(proxy):
    """The rule is kept at the database: a queryset update() fires no signals."""
    path = re.findall(r'href="(/vedtak/[\w-]+/\d{4}/\d+/)"', proxy.get("/vedtak/")[1])[0]
    proxy.get(path)
    assert proxy.cache_status(path) == "HIT"
    body, year, number = path.strip("/").split("/")[1:]
    case = AgendaItem.objects.get(body__slug=body, number=int(number), year=int(year))
    AgendaItem.objects.filter(pk=case.pk).update(title="Nytt navn på saken")
    status, page, headers = proxy.get(path)
    assert headers["X-Cache-Status"] == "MISS"
    assert "Nytt navn på saken" in page


def test_reading_is_shared_and_nothing_personal_is(proxy, settings):
    # Reading writes nothing public, so it never empties the cache.
    paths = ["/", "/arkiv/", "/vedtak/", "/dokumenter/", "/faktaark/", "/handlingsplan/"]
    for path in paths:
        proxy.get(path)
    assert [proxy.cache_status(path) for path in paths] == ["HIT"] * len(paths)
    path = "/dokumenter/"
    # A logged-in person, someone with a message waiting, and htmx fragments go to the portal.
    assert proxy.cache_status(path, Cookie="sessionid=abc") == "BYPASS"
    assert proxy.cache_status(path, Cookie="messages=abc") == "BYPASS"
    assert proxy.cache_status(path, **{"HX-Request": "true"}) == "BYPASS"
    # The login page sets a CSRF cookie: it is never stored for the next visitor.
    proxy.get("/konto/login/")
    status, _page, headers = proxy.get("/konto/login/")
    assert headers["X-Cache-Status"] == "MISS" and "csrftoken" in headers["Set-Cookie"]

    # Without a generation (the portal could not write it) the proxy stores nothing.
    os.unlink(settings.PUBLIC_GENERATION_FILE)
    proxy.get("/arkiv/")
    assert proxy.cache_status("/arkiv/") == "BYPASS"
