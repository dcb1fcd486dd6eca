"""The Atom feed: plain-text summaries that say so, tag URIs (RFC 4151) from SITE_URL as entry
ids, absolute links."""

import re
from datetime import datetime
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from documents.models import Document, DocumentVersion, VersionStatus

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(body):
    document = Document.objects.create(
        body=body, kind=Document.Kind.GUIDE, slug="medisinsk-utstyr",
        title="Medisinsk utstyr; personvern og informasjonssikkerhet",
        summary="Råd om <b>medisinsk</b> utstyr & personvern.\u202e\x0b")
    version = DocumentVersion.objects.create(
        document=document, number="3.0", major=3, minor=0, status=VersionStatus.PUBLISHED,
        published_at=timezone.make_aware(datetime(2024, 6, 14, 10, 0)),
        approval_reference="Godkjent av Styringsgruppen for Normen 10.06.2024, sak 15/24",
        text_html="<p>Tekst</p>", text_plain="Tekst")
    document.current_version = version
    document.save()
    return version


@pytest.fixture
def entry(client, settings, published):
    settings.SITE_URL = "https://normen.example.no/"
    response = client.get("/dokumenter/nytt.atom")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - the portal's own feed
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 1
    return feed, entries[0]


def test_summaries_are_plain_text_and_say_so(entry):
    _feed, item = entry
    summary = item.find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    # The text as typed: a reader shows «<b>» as written instead of making it bold.
    assert summary.text.startswith("Råd om <b>medisinsk</b> utstyr & personvern.")
    assert "sak 15/24" in summary.text
    assert "\u202e" not in summary.text and "\x0b" not in summary.text


def test_entry_ids_are_tag_uris_from_the_site_address(entry, client, settings):
    _feed, item = entry
    entry_id = item.find(f"{ATOM}id").text
    assert entry_id == "tag:normen.example.no,2024-06-14:/veiledere/medisinsk-utstyr/3.0/"
    # RFC 4151: "tag:" authorityName "," date ":" specific
    assert re.fullmatch(r"tag:[a-z0-9.-]+,\d{4}-\d{2}-\d{2}:/[^\s]*", entry_id)
    # The same id whichever host the feed is read under.
    other = ElementTree.fromstring(  # noqa: S314 - the portal's own feed
        client.get("/dokumenter/nytt.atom", HTTP_HOST="localhost").content)
    assert other.find(f"{ATOM}entry/{ATOM}id").text == entry_id


def test_links_are_absolute(entry):
    feed, item = entry
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert links and all(re.match(r"https?://[^/]+/", href) for href in links), links
    assert item.find(f"{ATOM}link").get("href").endswith("/veiledere/medisinsk-utstyr/3.0/")
    assert feed.find(f"{ATOM}id").text == "https://normen.example.no/dokumenter/nytt.atom"
