"""What the public may see of a decision is one rule (meetings.visibility): the case is
decided and the minutes of its meeting are approved. The register, the decision pages, the
action plan's status report and plan page, the document pages and the feed follow it.

Through HTTP; the status-report and link tests fail on the code where the status report
quoted outcomes of cases whose minutes were not approved and links used /vedtak/<year>/<n>/.
"""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from actionplan.models import ActionPlan, CaseLink
from actionplan.services import measures as measure_services
from actionplan.services import plans as plan_services
from documents.models import Document, VersionStatus
from meetings.models import AgendaItem, Meeting
from meetings.services.minutes import minutes_approve
from meetings.visibility import decision_is_public, public_decisions

from ..actionplan.conftest import add_measure
from ..conftest import client_for
from ..documents.conftest import make_version, publish_directly
from ..factories import set_status
from .minutes.conftest import make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The library caches whole public pages; each test starts from an empty cache.
    cache.clear()
    yield
    cache.clear()


def approve(meeting, actor, django_capture_on_commit_callbacks):
    """Approve the minutes and run what follows the commit, as production does: the new
    public generation that retires cached public pages among it."""
    with django_capture_on_commit_callbacks(execute=True):
        minutes_approve(meeting, actor, "Godkjent i sak 1/27")


def decide(item, text, outcome="approved", when=datetime.datetime(2026, 6, 10, 11, 0)):
    item.outcome = outcome
    item.decision_text = text
    item.decided_at = timezone.make_aware(when)
    item.save()
    return item


@pytest.fixture
def spring(body):
    """04.03.2026, minutes approved: case 1/26 decided."""
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED,
                           date=datetime.date(2026, 3, 4), first_number=1, cases=1)
    decide(meeting.items.get(kind="case"), "Arbeidet med veilederen starter.",
           when=datetime.datetime(2026, 3, 4, 11, 0))
    return meeting


@pytest.fixture
def june(body, spring):
    """10.06.2026, minutes in review: 2/26 approves the guide, 3/26 is not decided yet."""
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_REVIEW,
                           date=datetime.date(2026, 6, 10), first_number=2, cases=2)
    first, _ = meeting.items.filter(kind="case").order_by("position")
    first.title = "Godkjenning av veileder for medisinsk utstyr v3.0"
    first.save()
    decide(first, "Veilederen v3.0 godkjennes med de endringene som kom fram i møtet.")
    return meeting


@pytest.fixture
def report_plan(body, users, spring, june):
    """The approved 2026 plan: a note before the June meeting and one written at it, which
    quotes the June decision."""
    plan = plan_services.plan_create(body=body, year=2026, actor=None)
    set_status(plan, ActionPlan.Status.APPROVED, approved_on=datetime.date(2026, 3, 4))
    before = add_measure(plan, "Faktaark om integritet", code="1")
    at_meeting = add_measure(plan, "Revisjon veileder medisinsk utstyr", code="2")
    secretariat = users["secretariat"]
    measure_services.measure_report_status(before, actor=secretariat, status="ongoing",
                                           text="Arbeidsgruppen har hatt to møter.",
                                           date=datetime.date(2026, 4, 15))
    measure_services.measure_report_status(at_meeting, actor=secretariat, status="done",
                                           text="Veilederen v3.0 ble godkjent i sak 2/26.",
                                           date=datetime.date(2026, 6, 10))
    CaseLink.objects.create(plan=plan, measure=None, item=spring.items.get(number=1),
                            purpose=CaseLink.Purpose.DISCUSSION)
    CaseLink.objects.create(plan=plan, measure=None, item=june.items.get(number=2),
                            purpose=CaseLink.Purpose.DISCUSSION)
    return plan


def report_url(plan, meeting):
    return reverse("actionplan:status_report", args=[plan.body.slug, plan.year, meeting.pk])


# -- the rule -------------------------------------------------------------------------------

def test_predicate_and_queryset_agree(spring, june, other_body):
    make_meeting(other_body, status=Meeting.Status.IN_PROGRESS, date=datetime.date(2026, 6, 3),
                 first_number=1, cases=1)
    items = list(AgendaItem.objects.select_related("meeting"))
    assert {i.pk for i in items if decision_is_public(i)} == set(
        public_decisions().values_list("pk", flat=True))
    assert {i.reference for i in public_decisions()} == {"1/26"}
    assert not decision_is_public(None)


# -- the status report ----------------------------------------------------------------------

def test_status_report_quotes_no_outcome_of_unapproved_minutes_to_the_public(
        client, report_plan, june):
    response = client.get(report_url(report_plan, june))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Arbeidsgruppen har hatt to møter." in html
    assert "godkjent i sak 2/26" not in html
    assert "1 merknad fra og med 10.06.2026 vises når referatet fra møtet 10.06.2026 er " \
           "godkjent" in html


@pytest.mark.parametrize("who", ["secretariat", "member", "observer"])
def test_status_report_shows_the_body_the_note_marked_not_yet_public(client, users,
                                                                    report_plan, june, who):
    html = client_for(client, users[who]).get(report_url(report_plan, june)).content.decode()
    assert "Veilederen v3.0 ble godkjent i sak 2/26." in html
    assert "Ikke offentlig ennå: referatet er ikke godkjent." in html
    assert "Referatet fra møtet 10.06.2026 er ikke godkjent ennå." in html


def test_status_report_shows_the_note_once_the_minutes_are_approved(
        client, users, report_plan, june, django_capture_on_commit_callbacks):
    approve(june, users["secretariat"], django_capture_on_commit_callbacks)
    html = client.get(report_url(report_plan, june)).content.decode()
    assert "Veilederen v3.0 ble godkjent i sak 2/26." in html
    assert "Ikke offentlig ennå" not in html and "vises når referatet" not in html


def test_other_users_of_other_bodies_are_the_public(client, users, report_plan, june):
    html = client_for(client, users["other_body_member"]).get(
        report_url(report_plan, june)).content.decode()
    assert "godkjent i sak 2/26" not in html


# -- links to decisions ---------------------------------------------------------------------

def test_plan_page_links_only_public_decisions_by_their_body_address(client, report_plan):
    html = client.get(report_plan.get_absolute_url()).content.decode()
    assert 'href="/vedtak/normen/2026/1/"' in html
    assert "/vedtak/normen/2026/2/" not in html
    assert "/vedtak/2026/" not in html


@pytest.fixture
def guide_version(body, june):
    document = Document.objects.create(body=body, kind=Document.Kind.GUIDE,
                                       slug="medisinsk-utstyr", title="Medisinsk utstyr",
                                       summary="Personvern og informasjonssikkerhet.")
    version = publish_directly(make_version(document, "3.0", status=VersionStatus.APPROVED))
    type(version).objects.filter(pk=version.pk).update(
        decision_case=june.items.get(number=2),
        approval_reference="Godkjent av Styringsgruppen for Normen 10.06.2026, sak 2/26")
    return version


def test_document_page_links_its_decision_once_it_is_public(
        client, users, guide_version, june, django_capture_on_commit_callbacks):
    page = guide_version.document.get_absolute_url()
    html = client.get(page).content.decode()
    assert "Godkjent av Styringsgruppen for Normen 10.06.2026, sak 2/26" in html
    assert "/vedtak/" not in html.split("<main", 1)[1].split("</main>", 1)[0]

    approve(june, users["secretariat"], django_capture_on_commit_callbacks)
    html = client.get(page).content.decode()
    assert 'href="/vedtak/normen/2026/2/"' in html


def test_feed_links_the_decision_once_it_is_public(
        client, users, settings, guide_version, june, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://normen.example.no"
    feed = reverse("documents:feed")
    assert "/vedtak/" not in client.get(feed).content.decode()
    approve(june, users["secretariat"], django_capture_on_commit_callbacks)
    assert "https://normen.example.no/vedtak/normen/2026/2/" in client.get(feed).content.decode()


def test_register_marks_what_is_not_public_for_the_body_only(client, users, spring, june):
    register = reverse("meetings:decisions")
    public = client.get(register)
    assert [i.reference for i in public.context["page"].object_list] == ["1/26"]
    assert "Referatet er ikke godkjent ennå." not in public.content.decode()
    member = client_for(client, users["member"]).get(register)
    assert [i.reference for i in member.context["page"].object_list] == ["2/26", "1/26"]
    assert "Referatet er ikke godkjent ennå." in member.content.decode()
