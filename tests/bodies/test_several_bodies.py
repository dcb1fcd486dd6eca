"""A person in several bodies, with different roles in each (issue 13): the meeting list
shows every body's meetings with the body named, and narrows to one body on request."""

import datetime

import pytest
from django.urls import reverse

from governance.models import Representation
from tests.conftest import client_for
from tests.factories import MeetingFactory, RepresentationFactory, give_totp

pytestmark = pytest.mark.django_db


def test_the_meeting_list_scopes_by_body(client, users, body, other_body):
    member = users["member"]
    # Martin sits for Helse Nord in Normen and is the secretariat of the other body.
    RepresentationFactory(person=member.person, body=other_body,
                          role=Representation.Role.SECRETARIAT)
    give_totp(member)  # the secretariat signs in with two factors
    ahead = datetime.date.today() + datetime.timedelta(days=20)
    MeetingFactory(body=body, date=ahead)
    MeetingFactory(body=other_body, date=ahead + datetime.timedelta(days=1))
    client_for(client, member)

    everything = client.get(reverse("meetings:meeting_list")).content.decode()
    assert "Styringsgruppen for Normen" in everything and "Nasjonalt e-helsestyre" in everything
    assert 'name="body"' in everything

    one = client.get(reverse("meetings:meeting_list"), {"body": other_body.slug})
    html = one.content.decode()
    assert html.count("<tr>") == 2  # the header row and the one meeting
    assert "Nasjonalt e-helsestyre" in html and "Møte i styringsgruppen" not in html
    # A body the user has no papers in, or nonsense, shows all of their own.
    assert client.get(reverse("meetings:meeting_list"), {"body": "ukjent"}).status_code == 200


def test_one_body_needs_no_filter(client, users, body):
    client_for(client, users["observer"])
    assert 'name="body"' not in client.get(reverse("meetings:meeting_list")).content.decode()
