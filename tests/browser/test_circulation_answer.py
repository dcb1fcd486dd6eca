"""A member answers a circulation in a browser and changes the answer before the deadline
(issue 12): the form shows the current answer, the change is confirmed and shown on the
circulation's page. axe checks every page on the way."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reviews.models import CirculationAnswer
from reviews.services import circulation as circulation_services

from .helpers import assert_no_axe_violations, sign_in, visit

pytestmark = pytest.mark.browser


def test_a_member_answers_agree_and_changes_to_disagree_before_the_deadline(
        page, live_server, users, body):
    circulation = circulation_services.circulation_create(
        actor=users["secretariat"], body=body, title="Høringssvar om digital sikkerhet",
        proposed_decision="Styringsgruppen slutter seg til høringssvaret.",
        deadline=timezone.now() + datetime.timedelta(days=3))

    sign_in(page, live_server, users["member"])
    visit(page, circulation.get_absolute_url())
    page.get_by_role("link", name="Svar på saken").click()
    expect(page.get_by_text("Du svarer for Helse Nord RHF.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Enig", exact=True).check()
    page.get_by_role("button", name="Send svaret").click()
    expect(page.get_by_role("status")).to_contain_text("Svaret er registrert.")
    expect(page.get_by_text("Helse Nord RHF har svart enig (Martin Medlem")).to_be_visible()
    assert_no_axe_violations(page)

    # Before the deadline the answer can be changed; the form starts from the current one.
    page.get_by_role("link", name="Endre svaret").click()
    expect(page.get_by_text("Helse Nord RHF har svart enig (Martin Medlem")).to_be_visible()
    expect(page.get_by_label("Enig", exact=True)).to_be_checked()
    assert_no_axe_violations(page)
    page.get_by_label("Uenig", exact=True).check()
    page.get_by_label("Kommentar").fill("Vi trenger mer tid til å lese forslaget.")
    page.get_by_role("button", name="Endre svaret").click()

    expect(page.get_by_role("status")).to_contain_text(
        "Svaret er endret fra «Enig» til «Uenig».")
    expect(page.get_by_text("Helse Nord RHF har svart uenig (Martin Medlem")).to_be_visible()
    expect(page.get_by_text("Helse Nord RHF har svart enig")).to_have_count(0)
    assert_no_axe_violations(page)
    [answer] = CirculationAnswer.objects.all()
    assert answer.answer == "disagree"
    assert answer.history.count() == 2
