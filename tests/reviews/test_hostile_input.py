"""Hostile input: whatever people type, what others read is the portal's small allow-list of
HTML; a comment that is too long is refused with a clear message and the text kept."""

import pytest
from django.urls import reverse

from reviews.models import Comment
from reviews.models.comments import COMMENT_MAX_LENGTH
from reviews.services.comments import comment_html

from ..conftest import client_for

HTMX = {"HTTP_HX_REQUEST": "true"}

HOSTILE = [
    ('<p>Hei</p><script>alert("x")</script>', "<script", "alert("),
    ('<img src="x" onerror="alert(1)"><p>Bilde</p>', "onerror", "<img"),
    ('<p onclick="steal()">Klikk</p>', "onclick", "steal()"),
    ('<a href="javascript:alert(1)">lenke</a>', "javascript:", None),
    ('<a href="JaVaScRiPt:alert(1)">lenke</a>', "javascript:", "JaVaScRiPt"),
    ('<iframe src="https://example.com"></iframe><p>Ramme</p>', "<iframe", None),
    ('<p style="position:fixed">Stil</p>', "style=", None),
    ("<svg><script>alert(1)</script></svg>", "<svg", "<script"),
    ('<form action="https://evil.example"><input name="x"></form>', "<form", "<input"),
]


@pytest.mark.parametrize("source, forbidden, also_forbidden", HOSTILE)
def test_hostile_html_is_stripped_before_anyone_reads_it(client, users, case, source,
                                                         forbidden, also_forbidden):
    client_for(client, users["member"])
    url = reverse("reviews:comment_thread", args=["sak", case.pk, "toppnotat"])
    client.post(url, {"source": source + "<p>Innhold</p>", "visibility": "all_members"},
                **HTMX)

    comment = Comment.objects.get()
    assert forbidden not in comment.text.lower()
    if also_forbidden:
        assert also_forbidden not in comment.text
    client.force_login(users["observer"])
    html = client.get(url, **HTMX).content.decode()
    start = html.index('class="reviews-comments"')
    thread = html[start:html.index("</ol>", start)]
    assert forbidden not in thread.lower()
    assert "Innhold" in thread


def test_allowed_markup_survives_and_links_are_safe():
    html = comment_html('<p>Se <a href="https://normen.no/faktaark">Faktaark 59</a>, '
                        "<strong>viktig</strong>.</p><ul><li>ett</li><li>to</li></ul>")
    assert '<a href="https://normen.no/faktaark" rel="noopener noreferrer">' in html
    assert "<strong>viktig</strong>" in html
    assert "<ul><li>ett</li><li>to</li></ul>" in html


def test_plain_text_becomes_paragraphs_lists_and_links_but_never_script_links():
    html = comment_html("Vi har tre innspill:\n\n- integritet\n- *tilgjengelighet*\n\n"
                        "Se https://normen.no og javascript:alert(1), **viktig**.")
    assert html.startswith("<p>Vi har tre innspill:</p><ul><li>integritet</li>")
    assert "<em>tilgjengelighet</em>" in html
    assert '<a href="https://normen.no" rel="noopener noreferrer">https://normen.no</a>' in html
    assert 'href="javascript' not in html
    assert "<strong>viktig</strong>" in html


def test_text_that_looks_like_markup_in_plain_text_is_shown_not_run():
    html = comment_html("Hvis a < b og c > d, så &amp; videre")
    assert html == "<p>Hvis a &lt; b og c &gt; d, så &amp;amp; videre</p>"


def test_a_comment_that_is_only_a_script_is_refused_as_empty(client, users, case):
    client_for(client, users["member"])
    url = reverse("reviews:comment_thread", args=["sak", case.pk, "toppnotat"])
    response = client.post(url, {"source": "<script>alert(1)</script>",
                                 "visibility": "all_members"}, **HTMX)
    assert not Comment.objects.exists()
    assert "Kommentaren er tom." in response.content.decode()


@pytest.mark.parametrize("length", [COMMENT_MAX_LENGTH + 1, 200_000])
def test_a_huge_comment_gets_a_clear_message_and_keeps_the_text(client, users, case, length):
    client_for(client, users["member"])
    url = reverse("reviews:comment_thread", args=["sak", case.pk, "toppnotat"])
    text = ("Integritet " * (length // 11 + 1))[:length]

    response = client.post(url, {"source": text, "visibility": "all_members"}, **HTMX)

    assert response.status_code == 200
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert f"Kommentaren er for lang: {length} tegn." in html
    assert f"høyst {COMMENT_MAX_LENGTH} tegn" in html
    assert "Teksten din er beholdt" in html
    # The message sits next to the field, tied to it, and the text is all still there.
    field_id = f"innspill-sak-{case.pk}-cover_note-ny-source"
    assert f'aria-describedby="{field_id}-feil' in html
    assert 'aria-invalid="true"' in html
    assert html.count("Integritet ") >= length // 11 - 1


def test_a_hostile_quote_is_shown_as_text(client, users, case):
    client_for(client, users["member"])
    url = reverse("reviews:comment_thread", args=["sak", case.pk, "toppnotat"])
    client.post(url, {"source": "Om dette:", "quote": '<img src=x onerror="alert(1)">',
                      "visibility": "all_members"}, **HTMX)
    html = client.get(url, **HTMX).content.decode()
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_a_request_body_over_the_upload_limit_is_refused(client, users, case, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    client_for(client, users["member"])
    url = reverse("reviews:comment_thread", args=["sak", case.pk, "toppnotat"])
    response = client.post(url, {"source": "x" * 200_000, "visibility": "all_members"})
    assert response.status_code == 400
    assert not Comment.objects.exists()
