"""Out-of-range and malformed input answers 404 (or a normal page), never 500.

The URL walk is generated from the URL conf: every ``<int:…>`` parameter of every view gets
year 0 and 10000 (outside what ``datetime.date`` can hold), and integers past PostgreSQL's
int and bigint, as an anonymous visitor and as a superuser (who passes every permission
check and so reaches the deepest code), by GET and by POST.
"""

import re

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from ..factories import UserFactory, give_totp

HOSTILE_INTS = [0, 10000, 2**31, 2**63, 10**30]
SKIPPED_PREFIXES = ("admin/", "konto/")
# A valid value for each parameter that is not under attack, by name, so the request gets
# past the other parameters to the one being tried.
SAMPLES = {
    ("int", "year"): "2024", ("slug", "body_slug"): "normen",
    ("str", "kind"): "meeting_notice", ("slug", "kind"): "sak",
    ("slug", "context"): "toppnotat", ("factsheet", "key"): "59",
    ("slug", "key"): "medisinsk-utstyr", ("vnum", "number"): "1.0",
    ("slug", "slug"): "vedlegg",
}
PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def routes():
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    return sorted({r for r in walk(get_resolver().url_patterns)
                   if "<int:" in r and not r.startswith(SKIPPED_PREFIXES)})


def hostile_urls(route):
    """One URL per (int parameter, hostile value), the other parameters valid."""
    params = [(m["converter"] or "str", m["name"]) for m in PARAM.finditer(route)]
    for target in [p for p in params if p[0] == "int"]:
        for value in HOSTILE_INTS:
            def fill(match, target=target, value=value):
                key = (match["converter"] or "str", match["name"])
                if key == target:
                    return str(value)
                return SAMPLES.get(key, "1")
            yield "/" + PARAM.sub(fill, route)


def test_the_walk_covers_the_routes_with_numbers():
    found = routes()
    assert "arkiv/<int:year>/" in found
    assert "handlingsplan/<slug:body_slug>/<int:year>/" in found
    assert len(found) > 50


@pytest.fixture
def superuser(demo):
    user = UserFactory(username="hardening-admin", is_superuser=True, is_staff=True)
    give_totp(user)
    return user


def _status(client, method, url, **kwargs):
    # Each request in its own savepoint: in production a failed statement ends only its own
    # request, here it would abort the test's transaction for every request after it.
    try:
        with transaction.atomic():
            return getattr(client, method)(url, **kwargs).status_code
    except Exception as exc:  # noqa: BLE001 - the exception is the finding we report
        return f"{exc.__class__.__name__}: {exc}"[:200]


def _problems(client, urls, methods=("get", "post")):
    problems = []
    for url in urls:
        for method in methods:
            status = _status(client, method, url)
            if not isinstance(status, int) or status >= 500:
                problems.append(f"{method.upper()} {url}: {status}")
    return problems


@pytest.mark.parametrize("who", ["anonymous", "superuser"])
def test_hostile_numbers_in_urls_never_answer_500(client, demo, superuser, who):
    if who == "superuser":
        client.force_login(superuser)
    urls = [url for route in routes() for url in hostile_urls(route)]
    problems = _problems(client, urls)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_archive_years_out_of_range_are_not_found(client):
    for url in ["/arkiv/0/", "/arkiv/10000/", "/arkiv/0/1/", "/arkiv/10000/1/",
                "/arkiv/99999999999999999999/", "/arkiv/99999999999999999999/1/"]:
        assert _status(client, "get", url) == 404, url


HOSTILE_QUERIES = [
    "/dokumenter/sok/?q=%00", "/dokumenter/sok/?q=a%00b", "/dokumenter/sok/?q=%01%1f%7f",
    "/dokumenter/sok/?q=risiko&side=99999999999999999999", "/dokumenter/sok/?q=risiko&side=-5",
    "/dokumenter/sok/?q=risiko&side=abc", "/dokumenter/sok/?q=%ff%fe",
    "/vedtak/?q=%00", "/vedtak/?year=0", "/vedtak/?year=99999999999999999999",
    "/vedtak/?side=99999999999999999999", "/dokumenter/?ar=0",
    "/dokumenter/?side=10000000000000", "/dokumenter/?tema=%00",
    "/faktaark/?ar=99999999999999999999", "/handlingsplan/innspill/nytt/?ar=99999999999999999999",
    "/moter/1/vedlegg/ny/?sak=99999999999999999999",
]


@pytest.mark.django_db
def test_hostile_query_strings_never_answer_500(client, body):
    problems = _problems(client, HOSTILE_QUERIES, methods=("get",))
    user = UserFactory(username="hardening-admin", is_superuser=True, is_staff=True)
    give_totp(user)
    client.force_login(user)
    problems += _problems(client, HOSTILE_QUERIES, methods=("get",))
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_a_nul_byte_in_the_search_is_no_query(client):
    response = client.get("/dokumenter/sok/?q=%00")
    assert response.status_code == 200
    assert response.context["query"] == ""
    assert response.context["results"].hits == []


@pytest.mark.django_db
def test_control_characters_in_a_search_separate_words(client):
    response = client.get("/dokumenter/sok/?q=risiko%00vurdering%1b")
    assert response.status_code == 200
    assert response.context["query"] == "risiko vurdering"
    assert response.context["results"].query == "risiko vurdering"


@pytest.mark.django_db
def test_a_search_page_past_the_end_is_an_empty_page(client):
    response = client.get("/dokumenter/sok/?q=risiko&side=99999999999999999999")
    assert response.status_code == 200
    assert response.context["results"].hits == []
