"""The minutes editor and the public meeting page cost the same number of queries with 5 and
with 50 cases: nothing is fetched per case, per statement or per attendance row."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Membership
from meetings.models import Attachment, Attendance, Meeting, Statement
from meetings.services.attendance import attendance_prefill

from ...factories import OrganisationFactory, PersonFactory, RepresentationFactory
from .conftest import make_meeting

# Measured (10 and 6), with a little room for middleware; the point is that 5 and 50 cases
# need the same.
MINUTES_BUDGET = 14
PUBLIC_BUDGET = 10


def filled_meeting(body, cases, status, date=datetime.date(2024, 6, 10)):
    meeting = make_meeting(body, cases=cases, first_number=1, status=status, date=date)
    orgs = []
    for n in range(4):
        org = OrganisationFactory(name=f"Helseforetak {n}")
        Membership.objects.get_or_create(body=body, organisation=org,
                                         defaults={"sort_order": n})
        RepresentationFactory(body=body, organisation=org, person=PersonFactory())
        orgs.append(org)
    for item in meeting.items.filter(kind="case"):
        item.discussion = "<p>Spørsmål og diskusjon.</p>"
        item.decision_text = "Styringsgruppen tar saken til orientering."
        item.outcome = "noted"
        item.decided_at = datetime.datetime(2024, 6, 10, 12, 0, tzinfo=datetime.UTC)
        item.save()
        for position, org in enumerate(orgs[:2], start=1):
            Statement.objects.create(item=item, organisation=org, text="Innlegg", position=position)
        Attachment.objects.create(meeting=meeting, item=item, label=str(item.number),
                                  title="Vedlegg", is_public=True,
                                  file=ContentFile(b"%PDF-1.4", name="v.pdf"))
    status_before = meeting.status
    meeting.status = Meeting.Status.HELD
    attendance_prefill(meeting)
    meeting.status = status_before
    Attendance.objects.filter(meeting=meeting).update(status="present")
    return meeting


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("cases", [5, 50])
def test_minutes_editor_budget(client, users, body, cases, django_assert_max_num_queries):
    meeting = filled_meeting(body, cases, Meeting.Status.HELD)
    client.force_login(users["secretariat"])
    url = reverse("meetings:minutes", args=[meeting.pk])
    client.get(url)  # session and role caches warm, as for a person clicking around
    with django_assert_max_num_queries(MINUTES_BUDGET):
        response = client.get(url)
    assert response.content.decode().count('class="minutes-editor-case"') == cases


@pytest.mark.parametrize("cases", [5, 50])
def test_public_meeting_budget(client, body, cases, django_assert_max_num_queries):
    meeting = filled_meeting(body, cases, Meeting.Status.MINUTES_APPROVED)
    url = meeting.get_public_url()
    with django_assert_max_num_queries(PUBLIC_BUDGET):
        response = client.get(url)
    assert response.content.decode().count('class="minutes-case"') == cases


def test_same_number_of_queries_for_5_and_50_cases(client, users, body):
    small = filled_meeting(body, 5, Meeting.Status.HELD)
    large = filled_meeting(body, 50, Meeting.Status.HELD, date=datetime.date(2023, 9, 27))
    client.force_login(users["secretariat"])
    editor = [reverse("meetings:minutes", args=[m.pk]) for m in (small, large)]
    client.get(editor[0])
    assert count(client, editor[0]) == count(client, editor[1])
    Meeting.objects.update(status=Meeting.Status.MINUTES_APPROVED)
    client.logout()
    small.refresh_from_db()
    large.refresh_from_db()
    assert count(client, small.get_public_url()) == count(client, large.get_public_url())
