"""A comment edited after the secretariat handled it: the handling does not silently stay on a
different text. It goes back to «Ikke behandlet», the earlier reply stays in view as an answer
to an earlier version, the secretariat's overview and export flag it «Endret etter
behandling», and the secretariat is told. Handling it again clears the mark."""

import csv
import io

import pytest
from django.urls import reverse

from meetings.services.notice import meeting_send_notice
from reviews.models import Comment, Notification
from reviews.services import comments as services
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def open_case(meeting, case, secretariat):
    """The case, with the notice sent: the papers are out and open for comments."""
    meeting_send_notice(meeting, secretariat)
    case.refresh_from_db()
    return case


@pytest.fixture
def comment(users, open_case):
    return services.comment_create(actor=users["member"], target=open_case,
                                   context=Comment.Context.COVER_NOTE,
                                   source="Tiltak 3 mangler ansvarlig.")


@pytest.fixture
def triaged(comment, secretariat):
    return services.comment_answer(actor=secretariat, comment=comment, status="in_minutes",
                                   reply="Tas inn i referatet under sak 1.")


def edit(client, comment, source):
    return client.post(reverse("reviews:comment_edit", args=[comment.pk]), {
        "source": source, "quote": "", "visibility": "all_members",
        "version": comment.version}, **HTMX)


def thread_url(case):
    return reverse("reviews:comment_thread", args=["sak", case.pk, "toppnotat"])


def csv_rows(client, meeting):
    response = client.get(reverse("reviews:meeting_comments_csv", args=[meeting.pk]))
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_an_edit_after_triage_reopens_it_and_keeps_the_reply_in_view(client, users, triaged):
    client_for(client, users["member"])

    response = edit(client, triaged, "Tiltak 3 og 4 mangler ansvarlig.")

    assert response.status_code == 200
    triaged.refresh_from_db()
    assert triaged.status == Comment.Status.OPEN
    assert triaged.reply == "Tas inn i referatet under sak 1."
    assert services.changed_since_triage(triaged)
    html = response.content.decode()
    assert "Endret etter behandling" in html
    assert "Svar på en tidligere versjon" in html
    assert "Tas inn i referatet under sak 1." in html
    # The history keeps what the handling was, for the text it answered.
    statuses = list(triaged.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == ["open", "in_minutes", "open"]


def test_the_secretariat_is_told_of_the_edit(client, users, triaged, secretariat):
    before = Notification.objects.filter(person__user=secretariat).count()
    client_for(client, users["member"])
    edit(client, triaged, "Tiltak 3 og 4 mangler ansvarlig.")

    told = Notification.objects.filter(person__user=secretariat).order_by("-pk").first()
    assert Notification.objects.filter(person__user=secretariat).count() == before + 1
    assert told.subject.startswith("Innspill endret etter behandling")
    assert "Martin Medlem" in told.text and "«Ikke behandlet»" in told.text
    assert told.url.endswith(f"#kommentar-{triaged.pk}")


def test_the_overview_and_its_export_flag_it(client, users, triaged, open_case, secretariat):
    untouched = services.comment_create(actor=users["observer"], target=open_case,
                                        context=Comment.Context.COVER_NOTE,
                                        source="Vi støtter forslaget.")
    services.comment_answer(actor=secretariat, comment=untouched, status="answered",
                            reply="Takk.")
    client_for(client, users["member"])
    edit(client, triaged, "Tiltak 3 og 4 mangler ansvarlig.")
    client_for(client, secretariat)

    html = client.get(reverse("reviews:meeting_comments",
                              args=[open_case.meeting_id])).content.decode()

    assert html.count("Endret etter behandling") == 1
    assert "<strong>1</strong> endret etter behandling" in html
    row = html[html.index(f'id="kommentar-{triaged.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "Endret etter behandling" in row and "Svar på en tidligere versjon" in row
    rows = csv_rows(client, open_case.meeting)
    assert rows[0][-1] == "Endret etter behandling"
    flags = {r[9]: r[-1] for r in rows[1:]}
    assert flags == {"Tiltak 3 og 4 mangler ansvarlig.": "Ja", "Vi støtter forslaget.": ""}
    assert {r[9]: r[10] for r in rows[1:]}["Tiltak 3 og 4 mangler ansvarlig."] == \
        "Ikke behandlet"


def test_handling_it_again_clears_the_mark(client, users, triaged, secretariat):
    client_for(client, users["member"])
    edit(client, triaged, "Tiltak 3 og 4 mangler ansvarlig.")
    triaged.refresh_from_db()
    client_for(client, secretariat)

    client.post(reverse("reviews:comment_answer", args=[triaged.pk]), {
        "status": "answered", "reply": "Begge tiltakene får ansvarlig.",
        "version": triaged.version}, **HTMX)

    triaged.refresh_from_db()
    assert triaged.status == Comment.Status.ANSWERED
    assert not services.changed_since_triage(triaged)
    html = client.get(reverse("reviews:meeting_comments",
                              args=[triaged.meeting_id])).content.decode()
    assert "Endret etter behandling" not in html


def test_edits_that_do_not_undo_a_triage(client, users, comment, triaged, secretariat):
    # Before any handling, an edit is only an edit.
    client_for(client, users["member"])
    other = services.comment_create(actor=users["member"], target=comment.target,
                                    context=Comment.Context.COVER_NOTE, source="Først.")
    edit(client, other, "Etterpå.")
    other.refresh_from_db()
    assert other.status == Comment.Status.OPEN and not services.changed_since_triage(other)
    # Saving the same text again changes nothing, the handling included.
    edit(client, triaged, "Tiltak 3 mangler ansvarlig.")
    triaged.refresh_from_db()
    assert triaged.status == Comment.Status.IN_MINUTES
    assert not services.changed_since_triage(triaged)
    assert not Notification.objects.filter(subject__startswith="Innspill endret etter").exists()


def test_the_predicate_and_the_overview_annotation_agree(client, users, triaged, comment,
                                                          open_case, secretariat):
    fresh = services.comment_create(actor=users["observer"], target=open_case,
                                    context=Comment.Context.COVER_NOTE, source="Nytt.")
    client_for(client, users["member"])
    edit(client, triaged, "Tiltak 3 og 4 mangler ansvarlig.")
    annotated = {c.pk: c.changed_since_triage for c in services.with_changed_since_triage(
        Comment.objects.filter(pk__in=[triaged.pk, fresh.pk]))}
    plain = {c.pk: services.changed_since_triage(c)
             for c in Comment.objects.filter(pk__in=[triaged.pk, fresh.pk])}
    assert annotated == plain == {triaged.pk: True, fresh.pk: False}


def test_the_overview_pdf_flags_it_and_prints_local_time(client, users, triaged, secretariat,
                                                         django_capture_on_commit_callbacks):
    from django.utils import formats, timezone

    from tests.reviews.test_pdf_overview import rendered_text

    client_for(client, users["member"])
    edit(client, triaged, "Tiltak 3 og 4 mangler ansvarlig.")
    triaged.refresh_from_db()

    text = " ".join(rendered_text(triaged.meeting, secretariat,
                                  django_capture_on_commit_callbacks).split())

    assert "1 er endret etter behandling." in text
    assert "Endret etter behandling" in text
    assert "Svar på en tidligere versjon: Tas inn i referatet under sak 1." in text
    # Europe/Oslo, as the overview page shows it, not the UTC the database keeps.
    local = formats.date_format(timezone.localtime(triaged.created_at), "SHORT_DATETIME_FORMAT")
    assert local in text
