"""The timelines: the meeting's «Endringslogg» and the document's workspace page show the
secretariat the events about the meeting and its cases (the document and its versions):
when, what, who, why. Nobody else sees them, and the page reads them in one query however
many there are."""

import pytest
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import EventKind
from events.services import event_record
from meetings.services.meetings import meeting_create
from meetings.services.notice import meeting_send_notice
from tests.conftest import client_for
from tests.factories import person_with_user

from .conftest import approve

pytestmark = pytest.mark.django_db


def record(kind, subject, *, actor, summary, reason=""):
    """An event written as the services write them: inside the change's transaction."""
    body = subject.body_id if hasattr(subject, "body_id") else subject.document.body_id
    with transaction.atomic():
        return event_record(kind, subject, body=body, actor=actor, summary=summary,
                            reason=reason)


def add_events(subjects, actors, n, kind=EventKind.DECISION_CHANGED):
    for i in range(n):
        record(kind, subjects[i % len(subjects)], actor=actors[i % len(actors)],
               summary=f"Hendelse nummer {i}", reason=f"Begrunnelse {i}")


def test_the_meeting_timeline_shows_when_what_who_and_why(client, users, meeting, case,
                                                          secretariat):
    meeting_send_notice(meeting, secretariat)
    case.refresh_from_db()
    record(EventKind.DECISION_CHANGED, case, actor=secretariat,
           summary=f"Sak {case.reference}: Vedtak endret", reason="Leder ba om ny ordlyd.")
    client_for(client, secretariat)

    html = client.get(reverse("meetings:meeting_history", args=[meeting.pk])).content.decode()

    assert 'id="hendelser"' in html
    # What: the kind's label and the summary; who: the person's name; why: the reason.
    assert "Innkalling sendt" in html and "Vedtak endret før godkjenning" in html
    assert f"Sak {case.reference}: Vedtak endret" in html
    assert "Sara Sekretær" in html and "Leder ba om ny ordlyd." in html
    # Newest first, like the history list beside it.
    assert html.index("Vedtak endret før godkjenning") < html.index("Innkalling sendt")


def test_events_about_another_meetings_cases_stay_out(client, meeting, case, secretariat,
                                                     body):
    second = meeting_create(body=body, actor=secretariat, date=meeting.date,
                            start_time=meeting.start_time)
    record(EventKind.DECISION_CHANGED, second.items.first(), actor=secretariat,
           summary="Om et annet møte")
    record(EventKind.DECISION_CHANGED, case, actor=secretariat, summary="Om dette møtet")
    client_for(client, secretariat)
    html = client.get(reverse("meetings:meeting_history", args=[meeting.pk])).content.decode()
    assert "Om dette møtet" in html
    assert "Om et annet møte" not in html


def test_only_the_secretariat_of_the_body_sees_the_meeting_timeline(client, users, meeting,
                                                                     case, secretariat,
                                                                     other_body):
    record(EventKind.DECISION_CHANGED, case, actor=secretariat, summary="Intern hendelse")
    other_secretariat = person_with_user("annensek", body=other_body, role="secretariat")
    url = reverse("meetings:meeting_history", args=[meeting.pk])
    for user in (users["member"], users["observer"], users["deputy"], other_secretariat):
        client_for(client, user)
        response = client.get(url)
        assert response.status_code == 403
        assert "Intern hendelse" not in response.content.decode()
    # Nor is it on the meeting's agenda page the members read.
    client_for(client, users["member"])
    agenda = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert "Intern hendelse" not in agenda.content.decode()
    # The body's own secretariat does see it.
    client_for(client, secretariat)
    assert "Intern hendelse" in client.get(url).content.decode()


def _queries(client, url):
    """The page's number of queries; of them, the events are read by exactly one."""
    with CaptureQueriesContext(transaction.get_connection()) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert sum('FROM "events_event"' in q["sql"] for q in captured.captured_queries) == 1
    return len(captured), response.content.decode()


def test_the_meeting_timeline_is_one_query_for_3_or_30_events(client, users, meeting, case,
                                                              body, secretariat,
                                                              django_assert_max_num_queries):
    actors = [secretariat] + [person_with_user(f"sek{n}", body=body, role="secretariat",
                                               name=f"Sekretær {n}") for n in range(3)]
    cases = list(meeting.items.filter(kind="case"))
    client_for(client, secretariat)
    url = reverse("meetings:meeting_history", args=[meeting.pk])
    add_events([meeting, *cases], actors, 3)
    few, html = _queries(client, url)
    assert html.count("Hendelse nummer") == 3

    add_events([meeting, *cases], actors, 27)
    with django_assert_max_num_queries(few):
        html = client.get(url).content.decode()
    assert html.count("Hendelse nummer") == 30
    assert "Sekretær 2" in html


def test_the_document_timeline_shows_the_versions_events(client, users, draft, secretariat):
    approve(draft)
    client_for(client, secretariat)

    html = client.get(draft.document.get_workspace_url()).content.decode()

    assert 'id="hendelser"' in html
    assert "Versjon godkjent" in html and "Godkjent i sak 16/26" in html
    assert f"{draft}: Godkjent" in html
    # Members read the document page, not its timeline.
    client_for(client, users["member"])
    html = client.get(draft.document.get_workspace_url()).content.decode()
    assert 'id="hendelser"' not in html and "Godkjent i sak 16/26" not in html


def test_the_document_timeline_is_one_query_for_3_or_30_events(client, body, draft,
                                                               secretariat,
                                                               django_assert_max_num_queries):
    from documents.services import versions as version_services

    document = draft.document
    # Two versions: the first approved and published, the next a draft.
    version_services.version_publish(approve(draft), actor=secretariat)
    subjects = [document, draft, version_services.version_create(document, actor=secretariat)]
    actors = [secretariat] + [person_with_user(f"doksek{n}", body=body, role="secretariat",
                                               name=f"Dokumentsekretær {n}")
                              for n in range(3)]
    client_for(client, secretariat)
    url = document.get_workspace_url()
    add_events(subjects, actors, 3, kind=EventKind.VERSION_STATUS)
    few, html = _queries(client, url)
    assert html.count("Hendelse nummer") == 3

    add_events(subjects, actors, 27, kind=EventKind.VERSION_STATUS)
    with django_assert_max_num_queries(few):
        html = client.get(url).content.decode()
    assert html.count("Hendelse nummer") == 30
    assert "Dokumentsekretær 2" in html
