"""The ways to the new pages (issue 13): the public archive pages lead to each body's member
list; the secretariat reaches its body's pages from «Min side» and the meeting list, and no
one else is shown those links."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def url(body):
    return reverse("governance:member_list", args=[body.slug])


def test_public_pages_link_to_the_member_lists(client, body, other_body):
    archive = client.get(reverse("meetings:archive")).content.decode()
    assert url(body) in archive and url(other_body) in archive


def test_the_secretariat_finds_its_body_pages(client, body, other_body, users):
    settings_url = reverse("governance:body_settings", args=[body.slug])
    client.force_login(users["secretariat"])
    start = client.get(reverse("start")).content.decode()
    assert settings_url in start
    meetings = client.get(reverse("meetings:meeting_list")).content.decode()
    assert settings_url in meetings
    client.force_login(users["member"])
    assert settings_url not in client.get(reverse("start")).content.decode()
    assert url(body) in client.get(reverse("start")).content.decode()
    assert settings_url not in client.get(reverse("meetings:meeting_list")).content.decode()
