"""The status report for a meeting: what changed in the plan since the previous meeting."""

import datetime

import pytest

from actionplan.services import measures as measure_services
from tests.conftest import client_for
from tests.factories import MeetingFactory

from .conftest import add_measure

pytestmark = pytest.mark.django_db


def test_report_shows_only_changes_since_the_previous_meeting(client, users, plan, body):
    MeetingFactory(body=body, date=datetime.date(2026, 9, 16))
    meeting = MeetingFactory(body=body, date=datetime.date(2026, 11, 18))
    actor = users["secretariat"]
    old = add_measure(plan, "Faktaark Integritet", area_number=2, code="2.1")
    fresh = add_measure(plan, "Normkonferansen 2027", area_number=3, code="3.1")
    late = add_measure(plan, "KI-dag i styringsgruppa", area_number=3, code="3.2")
    measure_services.measure_report_status(old, actor=actor, status="ongoing",
                                           text="Før forrige møte.",
                                           date=datetime.date(2026, 9, 10))
    measure_services.measure_report_status(fresh, actor=actor, status="not_done",
                                           text="Avlyst på grunn av ressurssituasjonen.",
                                           date=datetime.date(2026, 10, 1))
    measure_services.measure_report_status(late, actor=actor, status="ongoing",
                                           text="Etter møtet.", date=datetime.date(2026, 11, 20))
    client_for(client, users["observer"])
    page = client.get(f"/handlingsplan/normen/2027/statusrapport/{meeting.pk}/").content.decode()
    assert "hva som er endret siden forrige møte 16.09.2026" in page
    assert "Avlyst på grunn av ressurssituasjonen." in page and "01.10.2026" in page
    assert 'data-color="danger"' in page and "Ikke gjennomført" in page
    assert "Før forrige møte." not in page and "Etter møtet." not in page


def test_report_for_another_bodys_meeting_is_404(client, users, plan, other_body):
    meeting = MeetingFactory(body=other_body)
    client_for(client, users["member"])
    assert client.get(
        f"/handlingsplan/normen/2027/statusrapport/{meeting.pk}/").status_code == 404


def test_report_of_a_draft_is_not_public(client, plan, body):
    meeting = MeetingFactory(body=body)
    assert client.get(
        f"/handlingsplan/normen/2027/statusrapport/{meeting.pk}/").status_code == 403
