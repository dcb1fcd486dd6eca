"""The action plan shows what the public may see of a decision by the one rule in
meetings.visibility: a case's outcome («vedtatt med endringer») and the progress notes that
may quote it reach those who may not read the body's papers only once the minutes of the
meeting are approved. The plan page, the measure page and the public plan PDF.

Through HTTP (and the PDF's text). These tests fail on the code where the templates printed
``item.get_outcome_display`` for any decided case, the PDF's «cases» carried every outcome,
and the measure page listed every progress note.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actionplan.models import ActionPlan, CaseLink, ProgressNote
from actionplan.services import measures as measure_services
from actionplan.services import plans as plan_services
from meetings.models import Meeting, Outcome
from meetings.services.minutes import minutes_approve
from rendering import registry, services
from rendering.models import RenderedPdf
from tests.conftest import client_for
from tests.factories import set_status
from tests.meetings.minutes.conftest import make_meeting

from .conftest import add_measure
from .test_pdf import pdf_text

pytestmark = pytest.mark.django_db

KIND = registry.get("action_plan")

PUBLIC_OUTCOME = "(vedtatt)"  # case 1/26, minutes approved
WITHHELD_OUTCOME = "vedtatt med endringer"  # case 2/26, minutes in review
WITHHELD_NOTE = "Revisjonen ble vedtatt med endringer i sak 2/26."
EARLIER_NOTE = "Arbeidsgruppen har hatt to møter."


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Public pages are cached whole; each test starts from an empty cache.
    cache.clear()
    yield
    cache.clear()


def decide(item, outcome, text, when):
    item.outcome = outcome
    item.decision_text = text
    item.decided_at = timezone.make_aware(when)
    item.save()
    return item


@pytest.fixture
def spring(body):
    """04.03.2026, minutes approved: case 1/26 adopted."""
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED,
                           date=datetime.date(2026, 3, 4), first_number=1, cases=1)
    decide(meeting.items.get(number=1), Outcome.APPROVED, "Arbeidet starter.",
           datetime.datetime(2026, 3, 4, 11, 0))
    return meeting


@pytest.fixture
def june(body, spring):
    """10.06.2026, minutes in review: case 2/26 adopted with changes, not public yet."""
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_REVIEW,
                           date=datetime.date(2026, 6, 10), first_number=2, cases=2)
    decide(meeting.items.get(number=2), Outcome.APPROVED_WITH_CHANGES,
           "Revisjonen vedtas med endringene fra møtet.", datetime.datetime(2026, 6, 10, 11, 0))
    return meeting


@pytest.fixture
def approved_plan(body, users, spring, june):
    """The approved 2026 plan, dealt with in 1/26 and 2/26, with one measure linked to both
    cases and two progress notes: one before the June meeting, one written at it."""
    plan = plan_services.plan_create(body=body, year=2026, actor=None)
    set_status(plan, ActionPlan.Status.APPROVED, approved_on=datetime.date(2026, 3, 4))
    measure = add_measure(plan, "Revisjon veileder medisinsk utstyr", code="1")
    secretariat = users["secretariat"]
    measure_services.measure_report_status(measure, actor=secretariat, status="ongoing",
                                           text=EARLIER_NOTE, date=datetime.date(2026, 4, 15))
    measure_services.measure_report_status(measure, actor=secretariat, status="done",
                                           text=WITHHELD_NOTE, date=datetime.date(2026, 6, 10))
    for item in (spring.items.get(number=1), june.items.get(number=2)):
        CaseLink.objects.create(plan=plan, measure=None, item=item,
                                purpose=CaseLink.Purpose.DISCUSSION)
        CaseLink.objects.create(plan=plan, measure=measure, item=item,
                                purpose=CaseLink.Purpose.STATUS)
    return plan


def approve_minutes(meeting, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        minutes_approve(meeting, users["secretariat"], "Godkjent i sak 1/27")


def main_of(response):
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def measure_page(client, plan):
    return main_of(client.get(plan.measures.get().get_absolute_url()))


# -- the plan page --------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["anonymous", "other_body_member", "no_seat"])
def test_plan_page_shows_the_public_only_public_outcomes(client, users, approved_plan, who):
    html = main_of(client_for(client, users[who]).get(approved_plan.get_absolute_url()))
    assert PUBLIC_OUTCOME in html
    assert WITHHELD_OUTCOME not in html
    assert "Sak 2/26" in html  # the case itself is listed, its outcome is not


@pytest.mark.parametrize("who", ["secretariat", "member", "observer"])
def test_plan_page_shows_the_body_every_outcome(client, users, approved_plan, who):
    html = main_of(client_for(client, users[who]).get(approved_plan.get_absolute_url()))
    assert PUBLIC_OUTCOME in html
    assert f"({WITHHELD_OUTCOME})" in html


def test_plan_page_shows_the_outcome_once_the_minutes_are_approved(
        client, users, approved_plan, june, django_capture_on_commit_callbacks):
    approve_minutes(june, users, django_capture_on_commit_callbacks)
    assert f"({WITHHELD_OUTCOME})" in main_of(client.get(approved_plan.get_absolute_url()))


# -- the measure page -----------------------------------------------------------------------

def test_measure_page_shows_the_public_no_withheld_outcome_or_note(client, approved_plan):
    html = measure_page(client, approved_plan)
    assert PUBLIC_OUTCOME in html
    assert WITHHELD_OUTCOME not in html
    assert EARLIER_NOTE in html
    assert "i sak 2/26" not in html
    assert ("1 merknad fra og med 10.06.2026 vises når referatet fra møtet 10.06.2026 er "
            "godkjent") in html


def test_measure_page_for_another_bodys_member_is_the_public_one(client, users,
                                                                 approved_plan):
    html = measure_page(client_for(client, users["other_body_member"]), approved_plan)
    assert WITHHELD_OUTCOME not in html and "i sak 2/26" not in html


@pytest.mark.parametrize("who", ["secretariat", "member", "observer"])
def test_measure_page_shows_the_body_everything_marked_not_yet_public(
        client, users, approved_plan, who):
    html = measure_page(client_for(client, users[who]), approved_plan)
    assert f"({WITHHELD_OUTCOME})" in html
    assert WITHHELD_NOTE in html
    assert "Ikke offentlig ennå: referatet er ikke godkjent." in html
    assert "Referatet fra møtet 10.06.2026 er ikke godkjent ennå." in html


def test_measure_page_shows_everything_once_the_minutes_are_approved(
        client, users, approved_plan, june, django_capture_on_commit_callbacks):
    approve_minutes(june, users, django_capture_on_commit_callbacks)
    html = measure_page(client, approved_plan)
    assert f"({WITHHELD_OUTCOME})" in html
    assert WITHHELD_NOTE in html
    assert "Ikke offentlig ennå" not in html and "vises når referatet" not in html


def test_carried_over_measure_keeps_the_earlier_years_withheld_note_back(client,
                                                                      approved_plan):
    """The measure page lists the notes of the measures it continues: they follow the rule
    too."""
    next_plan = plan_services.plan_create(body=approved_plan.body, year=2027, actor=None)
    measure = approved_plan.measures.get()
    continued = add_measure(next_plan, measure.title, code="1")
    type(continued).objects.filter(pk=continued.pk).update(carried_from=measure)
    set_status(next_plan, ActionPlan.Status.APPROVED)
    html = main_of(client.get(continued.get_absolute_url()))
    assert EARLIER_NOTE in html
    assert WITHHELD_NOTE not in html and WITHHELD_OUTCOME not in html


def test_measure_page_queries_stay_flat_for_the_public(client, approved_plan, june):
    measure = approved_plan.measures.get()
    url = measure.get_absolute_url()
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    cache.clear()
    few = count()
    extra = make_meeting(approved_plan.body, status=Meeting.Status.MINUTES_REVIEW,
                         date=datetime.date(2026, 9, 2), first_number=4, cases=12)
    for item in extra.items.filter(kind="case"):
        decide(item, Outcome.NOTED, "Tatt til orientering.", datetime.datetime(2026, 9, 2, 11))
        CaseLink.objects.create(plan=approved_plan, measure=measure, item=item,
                                purpose=CaseLink.Purpose.STATUS)
        CaseLink.objects.create(plan=approved_plan, measure=None, item=item,
                                purpose=CaseLink.Purpose.DISCUSSION)
    ProgressNote.objects.bulk_create(
        ProgressNote(measure=measure, date=datetime.date(2026, 5, day), text=f"Notat {day}")
        for day in range(1, 25))
    cache.clear()
    many = count()
    assert many == few, f"{few} queries with 2 cases, {many} with 14"


# -- the plan PDF ---------------------------------------------------------------------------

def render(plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        row = services.request_render(plan, KIND)
    row.refresh_from_db()
    assert row.is_ready
    return row


def download(client, row):
    response = client.get(f"/pdf/{row.pk}/last-ned/")
    assert response.status_code == 200
    return pdf_text(b"".join(response.streaming_content))


def test_public_plan_pdf_leaves_out_the_withheld_outcome(client, approved_plan,
                                                         django_capture_on_commit_callbacks):
    row = render(approved_plan, django_capture_on_commit_callbacks)
    assert row.is_public
    text = download(client, row)
    assert "sak 1/26" in text and PUBLIC_OUTCOME in text
    assert "sak 2/26" in text  # the case is listed without its outcome
    assert WITHHELD_OUTCOME not in text


def test_draft_plan_pdf_is_the_bodys_and_has_every_outcome(
        client, users, approved_plan, django_capture_on_commit_callbacks):
    set_status(approved_plan, ActionPlan.Status.UNDER_DISCUSSION, approved_on=None)
    row = render(approved_plan, django_capture_on_commit_callbacks)
    assert not row.is_public
    assert client.get(f"/pdf/{row.pk}/last-ned/").status_code == 302  # to the login
    text = download(client_for(client, users["observer"]), row)
    assert f"({WITHHELD_OUTCOME})" in text


def test_approving_the_minutes_renders_the_plan_pdf_with_the_outcome(
        client, users, settings, approved_plan, june, django_capture_on_commit_callbacks):
    first = render(approved_plan, django_capture_on_commit_callbacks)
    settings.PDF_RENDER_ON_SAVE = True  # the minutes' approval re-requests the plan's PDF
    approve_minutes(june, users, django_capture_on_commit_callbacks)
    rows = RenderedPdf.objects.for_source(approved_plan, KIND.name)
    newest = rows.exclude(pk=first.pk).get()
    assert newest.is_public
    if not newest.is_ready:  # the save's request waits a few seconds; render it now
        services.render_row(newest.pk)
    assert f"({WITHHELD_OUTCOME})" in download(client, newest)
