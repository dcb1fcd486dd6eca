"""Every page of this part renders with the demo data from the seeds, for the people who use
it: the 2023 minutes approved, the 2024 minutes in review, an upcoming meeting planned."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from meetings.models import Meeting

from ...factories import give_totp


@pytest.fixture
def demo_users(demo):
    User = get_user_model()
    users = {name: User.objects.get(username=name)
             for name in ("sekretariat", "medlem", "observator")}
    give_totp(users["sekretariat"])  # the secretariat logs in with a second factor
    return users


@pytest.fixture
def meetings(demo):
    return {
        "2023": Meeting.objects.get(body=demo, date=datetime.date(2023, 9, 27)),
        "2024": Meeting.objects.get(body=demo, date=datetime.date(2024, 6, 10)),
        "planned": Meeting.objects.get(body=demo, status=Meeting.Status.PLANNED),
    }


def test_secretariat_pages_with_demo_data(client, demo_users, meetings):
    client.force_login(demo_users["sekretariat"])
    june = meetings["2024"]
    html = client.get(reverse("meetings:minutes", args=[june.pk])).content.decode()
    assert "16/24 Godkjenning av faktaark 59" in html
    assert "Saken trekkes, og det jobbes videre med saken frem til september." in html
    # The stored HTML is shown in the editor's plain conventions.
    assert "- Beredskapsplaner i kommunen" in html
    html = client.get(reverse("meetings:attendance", args=[june.pk])).content.decode()
    assert "Suhail Mushtaq" in html and "fra 11:00" in html
    html = client.get(reverse("meetings:minutes", args=[meetings["2023"].pk])).content.decode()
    assert "Rett det godkjente referatet" in html
    response = client.get(reverse("meetings:attendance", args=[meetings["2023"].pk]))
    assert "kan ikke endres lenger" in response.content.decode()


def test_member_pages_with_demo_data(client, demo_users, meetings):
    client.force_login(demo_users["medlem"])
    html = client.get(reverse("meetings:minutes", args=[meetings["2024"].pk])).content.decode()
    assert "Utkast: Referat Styringsgruppemøte i Normen" in html
    assert "HSØ</strong> – Kan vurdere å henge det opp i artikkel 5" in html
    report = reverse("meetings:report_absence", args=[meetings["planned"].pk])
    html = client.get(report).content.decode()
    assert "Du representerer Helse Nord RHF" in html
    assert "Ida-Kristin Martinussen" in html  # the organisation's other representative
    response = client.post(report, {"status": "absent"})
    assert response.status_code == 302
    html = client.get(reverse("meetings:decisions")).content.decode()
    assert "Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder)" in html


def test_public_pages_with_demo_data(client, meetings):
    assert client.get(reverse("meetings:minutes",
                              args=[meetings["2024"].pk])).status_code == 403
    html = client.get(reverse("meetings:decisions")).content.decode()
    assert "23/23" in html and "Medisinsk utstyr" not in html
    html = client.get(meetings["2023"].get_public_url()).content.decode()
    assert "Godkjent i sak 12/24" in html
