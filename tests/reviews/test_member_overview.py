"""The member's page: next meetings with agenda, papers and deadline, draft minutes in review,
open circulations, and what is new or changed since the last visit."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from reviews.models import LastVisit
from reviews.selectors import member_overview
from reviews.services import circulation as circulation_services
from reviews.services import comments as comment_services
from reviews.services.notifications import visit_record

from ..factories import AgendaItemFactory


def render_overview(user):
    request = RequestFactory().get("/start/")
    request.user = user
    return Template("{% load reviews %}{% member_overview %}").render(
        Context({"request": request}))


def test_member_sees_next_meeting_with_papers_and_deadline(users, case, attachment):
    html = render_overview(users["member"])
    assert case.meeting.title in html
    assert f"Sak {case.reference} {case.title}" in html
    assert "Vedlegg 3: Faktaark 59 – utkast" in html
    assert "Frist for innspill:" in html
    assert "Meld forfall eller vara" in html or "Habilitet" in html
    assert "Habilitet" in html  # members declare conflicts of interest


def test_observer_sees_papers_but_declares_no_conflicts(users, case):
    html = render_overview(users["observer"])
    assert case.title in html
    assert "Habilitet" not in html


def test_other_body_and_no_seat_see_nothing_of_the_body(users, case):
    for who in ("other_body_member", "no_seat"):
        html = render_overview(users[who])
        assert case.title not in html
        assert "Du har ingen kommende møter" in html


def test_first_visit_marks_everything_new_then_changes_since(users, case, other_case):
    user = users["member"]
    first = member_overview(user, since=visit_record(user, user))
    [meeting_view] = first.meetings
    assert meeting_view.is_new
    assert all(v.is_new for v in meeting_view.items)

    # The cases were written yesterday; the member opened the meeting three hours ago; since
    # then the secretariat changed one case and added one, and someone commented.
    AgendaItem.history.update(history_date=timezone.now() - timedelta(days=1))
    visit_record(user, case.meeting, now=timezone.now() - timedelta(hours=3))
    LastVisit.objects.filter(object_id=case.meeting.pk).update(
        seen_at=timezone.now() - timedelta(hours=3))
    case.proposed_decision = "Styringsgruppen godkjenner Faktaark 59 med endringer."
    case.save()
    added = AgendaItemFactory(meeting=case.meeting, title="Normkonferansen 2025")
    comment_services.comment_create(actor=users["observer"], target=other_case,
                                    context="case", source="Et innspill.")

    overview = member_overview(user, since=None)
    [meeting_view] = overview.meetings
    by_title = {v.item.title: v for v in meeting_view.items}
    assert by_title[case.title].is_changed and not by_title[case.title].is_new
    assert by_title[added.title].is_new
    assert not by_title[other_case.title].is_new
    assert not by_title[other_case.title].is_changed
    assert by_title[other_case.title].new_comment_count == 1
    assert meeting_view.new_comment_count == 1
    assert meeting_view.changed_count == 2


def test_own_comments_are_not_news(users, case):
    user = users["member"]
    visit_record(user, case.meeting, now=timezone.now() - timedelta(hours=3))
    LastVisit.objects.update(seen_at=timezone.now() - timedelta(hours=3))
    comment_services.comment_create(actor=user, target=case, context="cover_note",
                                    source="Mitt eget.")
    [meeting_view] = member_overview(user).meetings
    assert meeting_view.new_comment_count == 0


def test_a_reload_keeps_the_marks_a_new_session_clears_them(users, case):
    user = users["member"]
    assert visit_record(user, case) is None
    assert visit_record(user, case) is None  # same session: still a first visit
    LastVisit.objects.update(seen_at=timezone.now() - timedelta(hours=2))
    since = visit_record(user, case)
    assert since is not None and since < timezone.now() - timedelta(hours=1)


def test_minutes_in_review_and_open_circulations(users, body, case):
    Meeting.objects.filter(pk=case.meeting_id).update(
        status=Meeting.Status.MINUTES_REVIEW, date=timezone.localdate() - timedelta(days=3),
        minutes_sent_for_review_at=timezone.now())
    circulation = circulation_services.circulation_create(
        actor=users["secretariat"], body=body, title="Publisering av Faktaark 59",
        proposed_decision="Styringsgruppen godkjenner publisering.",
        deadline=timezone.now() + timedelta(days=3))

    overview = member_overview(users["deputy"])
    assert [r["meeting"].pk for r in overview.minutes_in_review] == [case.meeting_id]
    assert overview.minutes_in_review[0]["state"].is_open
    [cv] = overview.circulations
    assert cv.circulation == circulation and cv.can_answer and cv.my_answers == []

    html = render_overview(users["deputy"])
    assert "Referater på høring" in html
    assert "Publisering av Faktaark 59" in html
    assert "Kommenter referatet sak for sak" in html

    observer_view = member_overview(users["observer"])
    assert not observer_view.circulations[0].can_answer


def test_overview_query_count_is_bounded(users, body, case, attachment,
                                         django_assert_max_num_queries):
    for n in range(15):
        AgendaItemFactory(meeting=case.meeting, title=f"Sak {n}", kind=AgendaItem.Kind.CASE)
    for n in range(10):
        comment_services.comment_create(actor=users["observer"], target=case,
                                        context="case", source=f"Innspill {n}")
    user = users["member"]
    with django_assert_max_num_queries(20):
        html = render_overview(user)
    assert html.count("reviews-agenda") == 1


@pytest.mark.parametrize("who", ["anonymous"])
def test_anonymous_gets_no_overview(who, users):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    html = Template("{% load reviews %}{% member_overview %}").render(
        Context({"request": request}))
    assert html.strip() == ""
