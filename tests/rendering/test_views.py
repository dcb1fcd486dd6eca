"""Through HTTP: who may download which PDF, the status box and its polling, "Lag PDF på nytt"."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from meetings.models import Meeting
from rendering import registry, services
from rendering.models import RenderedPdf
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

MINUTES = registry.get("meeting_minutes")
NOTICE = registry.get("meeting_notice")


@pytest.fixture
def rendered(held_meeting, django_capture_on_commit_callbacks):
    """Ready draft minutes and notice of ``held_meeting``."""
    with django_capture_on_commit_callbacks(execute=True):
        minutes = services.request_render(held_meeting, MINUTES)
        notice = services.request_render(held_meeting, NOTICE)
    minutes.refresh_from_db()
    notice.refresh_from_db()
    return {"minutes": minutes, "notice": notice}


@pytest.fixture
def approved(held_meeting, rendered, django_capture_on_commit_callbacks):
    """The same meeting with approved minutes: a new, public revision."""
    with django_capture_on_commit_callbacks(execute=True):
        Meeting.objects.filter(pk=held_meeting.pk).update(
            status=Meeting.Status.MINUTES_APPROVED)
        held_meeting.refresh_from_db()
        row = services.request_render(held_meeting, MINUTES)
    row.refresh_from_db()
    assert row.is_public and row.is_ready
    return row


def download(client, row):
    return client.get(reverse("rendering:download", args=[row.pk]))


@pytest.mark.parametrize("role, draft_status, public_status", [
    ("anonymous", 302, 200),
    ("no_seat", 403, 200),
    ("other_body_member", 403, 200),
    ("observer", 200, 200),
    ("member", 200, 200),
    ("secretariat", 200, 200),
])
def test_download_permissions(client, users, rendered, approved, role, draft_status,
                              public_status):
    client = client_for(client, users[role])
    response = download(client, rendered["minutes"])
    assert response.status_code == draft_status
    if draft_status == 302:
        assert response["Location"].startswith(reverse("login"))
    assert download(client, approved).status_code == public_status
    # The notice is never public.
    assert download(client, rendered["notice"]).status_code == draft_status


def test_download_is_the_stored_file_with_a_sensible_name(client, users, approved):
    response = download(client, approved)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Referat Styringsgruppen for Normen 2024-06-10.pdf"')
    assert response["ETag"] == f'"{approved.checksum}"'
    assert response["Cache-Control"].startswith("public")
    body = b"".join(response.streaming_content)
    import hashlib

    assert hashlib.sha256(body).hexdigest() == approved.checksum


def test_draft_download_name_and_caching(client, users, rendered):
    response = download(client_for(client, users["member"]), rendered["minutes"])
    assert "(utkast).pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-cache"


def test_latest_address_gives_each_user_the_newest_they_may_have(client, users, rendered,
                                                                 approved):
    url = reverse("rendering:latest", args=["meeting_minutes", approved.object_id])
    response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"] == f'"{approved.checksum}"'


def test_status_box_for_the_public_shows_only_approved_minutes(client, rendered, approved,
                                                              held_meeting):
    url = reverse("rendering:status", args=["meeting_minutes", held_meeting.pk])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert reverse("rendering:download", args=[approved.pk]) in text
    assert reverse("rendering:download", args=[rendered["minutes"].pk]) not in text
    assert "Lag PDF" not in text
    # No public PDF of the notice exists: nothing to show, nothing to tell.
    assert client.get(reverse("rendering:status", args=["meeting_notice", held_meeting.pk])
                      ).status_code == 404


def test_pending_status_polls_and_answers_204_while_unchanged(client, users, held_meeting):
    row = services.request_render(held_meeting, MINUTES)  # never committed: stays pending
    client = client_for(client, users["member"])
    url = reverse("rendering:status", args=["meeting_minutes", held_meeting.pk])
    page = client.get(url, headers={"HX-Request": "true"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "venter" in text
    assert 'hx-trigger="every 2s"' in text
    token = f"{row.pk}-pending-0"
    assert f"vist={token}" in text
    assert client.get(url, {"vist": token}, headers={"HX-Request": "true"}).status_code == 204

    # The worker finishes: the next poll brings the new state, without a trigger.
    RenderedPdf.objects.filter(pk=row.pk).update(status=RenderedPdf.Status.RENDERING)
    lages = client.get(url, {"vist": token}, headers={"HX-Request": "true"})
    assert "lages nå" in lages.content.decode()
    services.render_row(row.pk)
    done = client.get(url, {"vist": f"{row.pk}-rendering-0"}, headers={"HX-Request": "true"})
    text = done.content.decode()
    assert done.status_code == 200
    assert "PDF-en er oppdatert" in text
    assert "hx-trigger" not in text
    assert reverse("rendering:download", args=[row.pk]) in text


def test_failed_status_shows_the_reason_to_the_secretariat_only(client, users, held_meeting):
    row = services.request_render(held_meeting, MINUTES)
    RenderedPdf.objects.filter(pk=row.pk).update(status=RenderedPdf.Status.FAILED,
                                                 error="OSError: Disken er full")
    url = reverse("rendering:status", args=["meeting_minutes", held_meeting.pk])
    member = client_for(client, users["member"]).get(url).content.decode()
    assert "kunne ikke lages" in member and "Disken er full" not in member
    assert "Lag PDF på nytt" not in member
    client.logout()
    secretariat = client_for(client, users["secretariat"]).get(url).content.decode()
    assert "Årsak: OSError: Disken er full" in secretariat
    assert "Lag PDF på nytt" in secretariat


@pytest.mark.parametrize("role, status", [
    ("anonymous", 403), ("member", 403), ("other_body_member", 403), ("secretariat", 302),
])
def test_order_is_for_the_secretariat(client, users, held_meeting, role, status,
                                      django_capture_on_commit_callbacks):
    url = reverse("rendering:order", args=["meeting_minutes", held_meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(client, users[role]).post(url, {"next": "/start/"})
    assert response.status_code == status
    made = RenderedPdf.objects.for_source(held_meeting, "meeting_minutes")
    if status == 302:
        assert response["Location"] == "/start/"
        assert made.get().status == RenderedPdf.Status.READY
    else:
        assert not made.exists()


def test_order_with_htmx_returns_the_new_state_and_ignores_foreign_next(client, users,
                                                                        held_meeting):
    client = client_for(client, users["secretariat"])
    url = reverse("rendering:order", args=["meeting_minutes", held_meeting.pk])
    response = client.post(url, {"next": "https://evil.example/"},
                           headers={"HX-Request": "true"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "venter" in text and "data-focus-on-load" in text
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("rendering:status",
                                           args=["meeting_minutes", held_meeting.pk])


def test_unknown_kind_and_object_are_404(client, users, held_meeting):
    client = client_for(client, users["secretariat"])
    assert client.get(reverse("rendering:status", args=["nope", held_meeting.pk])
                      ).status_code == 404
    assert client.get(reverse("rendering:status", args=["meeting_minutes", 999999])
                      ).status_code == 404


def test_template_tag_renders_the_box_with_few_queries(users, rendered, held_meeting,
                                                      django_assert_max_num_queries):
    request = RequestFactory().get("/moter/")
    request.user = users["member"]
    template = Template('{% load rendering %}{% pdf_status meeting "meeting_minutes" %}'
                        '{% include "rendering/_pdf_status.html" with obj=meeting '
                        'kind="meeting_notice" %}')
    with django_assert_max_num_queries(6):
        html = template.render(Context({"request": request, "meeting": held_meeting}))
    assert html.count('aria-live="polite"') == 2
    assert "Last ned referat" in html
    assert "Last ned innkalling og dagsorden" in html
    anonymous = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    anonymous.user = AnonymousUser()
    assert template.render(Context({"request": anonymous, "meeting": held_meeting})
                           ).strip() == ""
