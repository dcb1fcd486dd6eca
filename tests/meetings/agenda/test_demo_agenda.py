"""The demo's meetings through the agenda pages: they read like the seed papers, and a new
meeting continues the demo's numbering (10.06.2024 used 11/24 … 19/24)."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from meetings.models import Meeting
from meetings.services.notice import meeting_send_notice
from tests.conftest import client_for
from tests.factories import give_totp

from .conftest import add_case, make_meeting

pytestmark = pytest.mark.django_db


def test_the_seed_meeting_of_10_june_2024_reads_like_its_agenda(client, demo):
    meeting = Meeting.objects.get(body=demo, date=datetime.date(2024, 6, 10))
    client_for(client, get_user_model().objects.get(username="medlem"))

    page = client.get(meeting.get_absolute_url()).content.decode()

    for text in ["Møte i styringsgruppen 10.06.2024", "kl. 10.00–15.00", "Skøyen",
                 "Hybrid møte", "11/24", "Godkjenning av innkalling og dagsorden",
                 "12/24", "Godkjenning av referat fra møte 27.09.2023", "13/24",
                 "Sekretariatet orienterer", "10.15", "16/24", "10.45",
                 "Godkjenning av faktaark 59", "Pause", "11.30", "15/24", "11.45",
                 "Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder)"]:
        assert text in page, text
    fact_sheet = meeting.items.get(number=16, year=2024)
    note = client.get(fact_sheet.get_absolute_url()).content.decode()
    assert "Faktaarket skal bidra til økt kunnskap og bevissthet om risiko" in note
    assert "Integritet – Korrekt og oppdatert informasjon til rett tid (faktaark 59) v1.0 " \
           "godkjennes" in note


def test_a_new_2024_meeting_continues_after_19_24(demo):
    secretariat = get_user_model().objects.get(username="sekretariat")
    autumn = make_meeting(demo, secretariat, date=datetime.date(2024, 9, 25))
    add_case(autumn, secretariat, "Handlingsplan 2025", case_type="discussion")

    meeting_send_notice(autumn, secretariat)

    refs = [i.reference for i in autumn.items.order_by("position") if i.reference]
    assert refs == ["20/24", "21/24", "22/24", "23/24"]
    approve_minutes = autumn.items.get(number=21, year=2024)
    assert approve_minutes.title == "Godkjenning av referat fra møte 10.06.2024"


def test_the_demos_planned_meeting_is_open_in_the_builder(client, demo):
    planned = Meeting.objects.get(body=demo, status=Meeting.Status.PLANNED)
    secretariat = get_user_model().objects.get(username="sekretariat")
    give_totp(secretariat)  # the secretariat logs in with a second factor
    client_for(client, secretariat)
    page = client.get(planned.get_absolute_url()).content.decode()
    assert "Send innkalling" in page and "Flytt opp" in page
    assert "Godkjenning av referat fra møte 10.06.2024" in page
