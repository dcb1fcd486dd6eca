"""The secretariat's start page is a to-do list across their bodies (issue 13): each task
with a link that does it; members keep their own start page; one body's secretariat never
sees another body's work; the page costs the same queries with more work waiting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from reviews.models import Comment
from reviews.services import comments as comment_services
from reviews.services.circulation import circulation_create
from tests.conftest import client_for
from tests.factories import AgendaItemFactory, MeetingFactory, person_with_user, set_status

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


@pytest.fixture
def work(body, users):
    """One of each kind of task in Normen's steering group."""
    soon = MeetingFactory(body=body, date=today() + datetime.timedelta(days=14))
    held = set_status(MeetingFactory(body=body, date=today() - datetime.timedelta(days=7)),
                      Meeting.Status.HELD)
    review = set_status(MeetingFactory(body=body, date=today() - datetime.timedelta(days=40)),
                        Meeting.Status.MINUTES_REVIEW)
    papers = set_status(MeetingFactory(body=body, date=today() + datetime.timedelta(days=30)),
                        Meeting.Status.NOTICE_SENT)
    case = AgendaItemFactory(meeting=papers, number=7, year=today().year)
    comment_services.comment_create(actor=users["member"], target=case,
                                    context=Comment.Context.CASE,
                                    source="Vi savner en vurdering av risiko.")
    circulation = circulation_create(
        actor=users["secretariat"], body=body, title="Faktaark 59 om skytjenester",
        proposed_decision="Styringsgruppen godkjenner Faktaark 59.",
        deadline=timezone.now() + datetime.timedelta(days=2))
    return {"soon": soon, "held": held, "review": review, "papers": papers,
            "circulation": circulation}


def tasks_on_start_page(client, user):
    client_for(client, user)
    return client.get(reverse("start")).content.decode()


def test_the_secretariat_sees_what_waits_with_a_link_that_does_it(client, users, work):
    page = tasks_on_start_page(client, users["secretariat"])

    assert "Til behandling i sekretariatet" in page
    assert "Innkalling er ikke sendt: " + work["soon"].title in page
    assert reverse("meetings:send_notice", args=[work["soon"].pk]) in page
    assert "referatet er ikke sendt på høring: " + work["held"].title in page
    assert reverse("meetings:minutes", args=[work["held"].pk]) in page
    assert "Referatet venter på godkjenning: " + work["review"].title in page
    assert "1 innspill er ikke behandlet: " + work["papers"].title in page
    assert reverse("reviews:meeting_comments", args=[work["papers"].pk]) in page
    assert "Sirkulasjonssaken har svarfrist" in page and "Faktaark 59 om skytjenester" in page
    assert reverse("reviews:circulation_detail", args=[work["circulation"].pk]) in page
    # A meeting with its notice sent and still ahead is not a task.
    assert "Innkalling er ikke sendt: " + work["papers"].title not in page


def test_a_triaged_comment_leaves_the_list(client, users, work):
    comment = Comment.objects.get()
    comment_services.comment_answer(actor=users["secretariat"], comment=comment,
                                    status="answered", reply="Tas med i saken.")
    page = tasks_on_start_page(client, users["secretariat"])
    assert "innspill er ikke behandlet" not in page


@pytest.mark.parametrize("who", ["member", "observer", "deputy"])
def test_members_keep_their_own_start_page(client, users, work, who):
    page = tasks_on_start_page(client, users[who])
    assert "Til behandling i sekretariatet" not in page
    assert "Innkalling er ikke sendt" not in page


def test_another_bodys_secretariat_sees_only_its_own_work(client, users, other_body, work):
    other = person_with_user("ehelse-sek", body=other_body, role="secretariat",
                             name="Siv Sekretær")
    page = tasks_on_start_page(client, other)
    assert "Til behandling i sekretariatet" in page
    assert "Ingenting venter på sekretariatet nå." in page
    assert work["soon"].title not in page


def test_queries_do_not_grow_with_the_work(client, users, body, work,
                                           django_assert_max_num_queries):
    client_for(client, users["secretariat"])
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("start"))
    for days in range(2, 12):
        MeetingFactory(body=body, date=today() + datetime.timedelta(days=days))
        set_status(MeetingFactory(body=body, date=today() - datetime.timedelta(days=days)),
                   Meeting.Status.MINUTES_REVIEW)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("start")).content.decode()
    assert page.count('data-kind="notice"') == 11


def test_documents_and_measures_that_wait_are_listed(client, users, body):
    from actionplan.services import plans as plan_services
    from documents.models import Document, VersionStatus
    from tests.actionplan.conftest import add_measure
    from tests.documents.conftest import make_version

    sheet = Document.objects.create(body=body, kind=Document.Kind.FACT_SHEET, number=59,
                                    slug="faktaark-59", title="Informasjonssikkerhet ved bruk "
                                    "av skytjenester", summary="Om skytjenester.")
    submitted = make_version(sheet, "2.0", status=VersionStatus.SUBMITTED)
    plan = plan_services.plan_create(body=body, year=today().year, actor=None)
    add_measure(plan, "Oppdatere Faktaark 14")
    add_measure(plan, "Revidere leverandørveilederen")

    page = tasks_on_start_page(client, users["secretariat"])

    assert "v2.0 er sendt til behandling, men ikke satt opp som sak" in page
    assert reverse("documents:work_version", args=[submitted.pk]) in page
    assert f"2 tiltak i {plan.title} har ingen statusrapport i år" in page
    assert plan.get_absolute_url() in page
