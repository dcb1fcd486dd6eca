"""The minutes PDF is public by the public-minutes rule of meetings.visibility
(``minutes_are_public``), the rule the archive and the decision pages follow, not by a copy
of it. Through HTTP: the public downloads a minutes PDF exactly when that rule says the
minutes were public when the revision was taken.

(The kind used ``Meeting.is_minutes_approved``, which ignored the body's publication
setting, ``Body.minutes_public``.)
"""

import pytest
from django.urls import reverse

from meetings.models import Meeting
from meetings.visibility import minutes_are_public
from rendering import registry, services
from rendering.kinds.meetings import MINUTES_STATUSES
from tests.factories import set_status

pytestmark = pytest.mark.django_db

MINUTES = registry.get("meeting_minutes")


@pytest.mark.parametrize("status", sorted(MINUTES_STATUSES))
def test_minutes_pdf_is_public_exactly_when_the_minutes_are(
        client, held_meeting, status, django_capture_on_commit_callbacks):
    meeting = set_status(held_meeting, status)
    with django_capture_on_commit_callbacks(execute=True):
        row = services.request_render(meeting, MINUTES)
    row.refresh_from_db()
    assert row.is_ready
    assert row.is_public == minutes_are_public(meeting)
    response = client.get(reverse("rendering:download", args=[row.pk]))
    assert response.status_code == (200 if minutes_are_public(meeting) else 302)


def test_approved_minutes_of_a_body_that_does_not_publish_stay_private(
        client, held_meeting, django_capture_on_commit_callbacks):
    """The body's publication setting reaches the PDF through the same rule."""
    held_meeting.body.minutes_public = False
    held_meeting.body.save()
    meeting = set_status(held_meeting, Meeting.Status.MINUTES_APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        row = services.request_render(meeting, MINUTES)
    row.refresh_from_db()
    assert row.is_ready and not row.is_public
    assert client.get(reverse("rendering:download", args=[row.pk])).status_code == 302
