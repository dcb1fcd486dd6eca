"""Fixtures for the action plan tests: a strategy, a draft plan with areas, a coming
meeting with a case to discuss the plan in."""

import datetime

import pytest

from actionplan.models import FocusArea, Strategy
from actionplan.services import measures as measure_services
from actionplan.services import plans as plan_services
from meetings.models import AgendaItem, CaseType, Meeting, Outcome
from meetings.signals import case_decided
from tests.factories import AgendaItemFactory, MeetingFactory


@pytest.fixture
def strategy(body):
    strategy = Strategy.objects.create(body=body, title="Normens strategi 2026–2028",
                                       start_year=2026, end_year=2028)
    for number, title in enumerate(["Bransjenormen", "Veiledning", "Arena"], start=1):
        FocusArea.objects.create(strategy=strategy, number=number, title=title)
    return strategy


@pytest.fixture
def plan(body, strategy):
    return plan_services.plan_create(body=body, year=2027, actor=None, strategy=strategy)


def add_measure(plan, title, *, area_number=None, actor=None, **fields):
    area = plan.areas.get(number=area_number) if area_number else None
    return measure_services.measure_create(plan, actor=actor, title=title, area=area, **fields)


@pytest.fixture
def coming_meeting(body):
    return MeetingFactory(body=body, date=datetime.date(2027, 1, 13),
                          status=Meeting.Status.PLANNED)


@pytest.fixture
def plan_case(coming_meeting):
    return AgendaItemFactory(meeting=coming_meeting, title="Handlingsplan 2027",
                             case_type=CaseType.DISCUSSION)


def decide(item, outcome=Outcome.NOTED, number=19):
    """What meetings.services.minutes does when the secretariat records the decision: the
    case has a number (from the notice) and an outcome, and case_decided is sent."""
    item.number = item.number or number
    item.year = item.year or item.meeting.date.year
    item.outcome = outcome
    item.save()
    case_decided.send(sender=AgendaItem, item=item, outcome=outcome)
    return item


@pytest.fixture(autouse=True)
def _secretariat_has_two_factor(request):
    """The secretariat must use two-factor authentication (normen_portal.accounts); these
    tests log in with ``force_login``, so the secretariat gets an authenticator on record."""
    from django.apps import apps

    if "users" not in request.fixturenames or not apps.is_installed("allauth.mfa"):
        return
    from allauth.mfa.models import Authenticator

    user = request.getfixturevalue("users")["secretariat"]
    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP,
                                        defaults={"data": {"secret": "test"}})
