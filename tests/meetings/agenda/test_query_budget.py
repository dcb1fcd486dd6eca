"""The agenda page and the cover-note page cost the same number of queries with 5 cases as
with 50: no query per case or per attachment."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.services.notice import meeting_send_notice
from tests.conftest import client_for
from tests.factories import AgendaItemFactory

from .conftest import PDF, make_meeting, upload

pytestmark = pytest.mark.django_db

# The most either page may cost, whatever the number of cases. Today: session, user, the
# user's roles (representations, memberships), meeting, items, attachments (per item and for
# the meeting's list), the visit mark (one upsert), the notice and minutes PDF status, and for
# the secretariat the count of unsent changes: 11 and 7. The ceiling is 15 per page.
AGENDA_BUDGET = 12
# The cover note also carries its comment thread (comments, visit mark, deadline): 12.
COVER_NOTE_BUDGET = 14


def build(body, secretariat, cases):
    from meetings.services import agenda as agenda_services

    meeting = make_meeting(body, secretariat)
    for n in range(cases - 2):  # the two standard cases count too
        item = AgendaItemFactory(meeting=meeting, title=f"Sak {n}", position=15 + n)
        if n % 2 == 0:
            agenda_services.attachment_add(meeting, secretariat, uploaded=upload("a.pdf", PDF),
                                           title=f"Vedlegg til sak {n}", item=item)
    meeting_send_notice(meeting, secretariat)
    return meeting


def count(client, url):
    client.get(url)  # warm up: sessions, content types
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_agenda_page_query_count_does_not_grow_with_the_cases(client, users, body, role,
                                                              django_assert_max_num_queries):
    small = build(body, users["secretariat"], 5)
    large = build(body, users["secretariat"], 50)
    assert large.items.filter(kind="case").count() == 50
    client_for(client, users[role])

    counts = [count(client, m.get_absolute_url()) for m in (small, large)]

    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(AGENDA_BUDGET):
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(AGENDA_BUDGET):
        client.get(large.get_absolute_url())


@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_cover_note_page_query_count_does_not_grow_with_the_cases(
        client, users, body, role, django_assert_max_num_queries):
    small = build(body, users["secretariat"], 5)
    large = build(body, users["secretariat"], 50)
    client_for(client, users[role])
    urls = [m.items.get(title="Sak 0").get_absolute_url() for m in (small, large)]

    counts = [count(client, url) for url in urls]

    assert counts[0] == counts[1], counts
    for url in urls:
        with django_assert_max_num_queries(COVER_NOTE_BUDGET):
            client.get(url)
