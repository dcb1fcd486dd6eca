"""Choosing the body of a new document in a browser (issue 11, finding 2): the secretariat of
two bodies creates a fact sheet, first forgets to choose the body and is told so next to the
field with everything typed kept, then chooses «Nasjonalt e-helsestyre»; the document is that
body's, read by its members and not by Normen's. axe checks every page on the way."""

import re

import pytest
from playwright.sync_api import expect

from documents.models import Document
from governance.models import Representation
from tests.factories import RepresentationFactory, person_with_user

from .helpers import assert_no_axe_violations, sign_in, visit

pytestmark = pytest.mark.browser

TITLE = "Tilgangsstyring i journalsystemer"
SUMMARY = "Om hvem som skal få se hvilke opplysninger, og hvordan det kontrolleres."


@pytest.fixture
def two_body_secretariat(body, other_body):
    user = person_with_user("to-sekretariat", body=body, role=Representation.Role.SECRETARIAT,
                            name="Siri Sekretær")
    RepresentationFactory(person=user.person, body=other_body, organisation=None,
                          role=Representation.Role.SECRETARIAT)
    return user


def test_secretariat_of_two_bodies_chooses_the_body_of_a_new_fact_sheet(
        page, live_server, users, body, other_body, two_body_secretariat):
    sign_in(page, live_server, two_body_secretariat)
    visit(page, "/dokumenter/arbeid/")
    page.get_by_role("link", name="Nytt dokument").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt dokument")
    assert_no_axe_violations(page)

    # Nothing is chosen for her: the select starts on «Velg styringsgruppe».
    choice = page.get_by_label("Styringsgruppe", exact=True)
    expect(choice).to_have_value("")
    expect(choice.locator("option")).to_have_text(
        ["Velg styringsgruppe", other_body.name, body.name])

    page.get_by_label("Faktaark", exact=True).check()
    page.get_by_label(re.compile("^Nummer")).fill("61")
    page.get_by_label("Tittel", exact=True).fill(TITLE)
    page.get_by_label(re.compile("^Sammendrag")).fill(SUMMARY)
    page.get_by_role("button", name="Opprett dokumentet").click()

    # Forgot the body: the message is next to the field, and nothing typed is lost.
    expect(page.locator("#id_body-feil")).to_have_text(
        "Velg hvilken styringsgruppe dokumentet hører til.")
    expect(choice).to_have_attribute("aria-invalid", "true")
    expect(choice).to_have_value("")
    expect(page.get_by_label("Faktaark", exact=True)).to_be_checked()
    expect(page.get_by_label(re.compile("^Nummer"))).to_have_value("61")
    expect(page.get_by_label("Tittel", exact=True)).to_have_value(TITLE)
    expect(page.get_by_label(re.compile("^Sammendrag"))).to_have_value(SUMMARY)
    assert not Document.objects.exists()
    assert_no_axe_violations(page)

    choice.select_option(label="Nasjonalt e-helsestyre")
    page.get_by_role("button", name="Opprett dokumentet").click()
    expect(page.get_by_text("Dokumentet er opprettet for Nasjonalt e-helsestyre med et utkast "
                            "til versjon 1.0.")).to_be_visible()
    assert_no_axe_violations(page)
    document = Document.objects.get()
    assert document.body == other_body and document.title == TITLE

    # The document is e-helsestyre's: its member reads it, Normen's member does not see it.
    listed = re.compile("Faktaark 61")
    sign_in(page, live_server, users["other_body_member"])
    visit(page, "/dokumenter/arbeid/")
    page.get_by_role("link", name=listed).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    assert_no_axe_violations(page)

    sign_in(page, live_server, users["member"])
    visit(page, "/dokumenter/arbeid/")
    expect(page.get_by_role("link", name=listed)).to_have_count(0)
    visit(page, document.get_workspace_url(), status=404)


def test_secretariat_of_one_body_has_it_preselected(page, live_server, users, body):
    sign_in(page, live_server, users["secretariat"])
    visit(page, "/dokumenter/arbeid/nytt/")
    # Shown as text, nothing to choose; axe (in visit) checks the fixed-text markup too.
    expect(page.get_by_role("combobox", name="Styringsgruppe")).to_have_count(0)
    expect(page.locator("#id_body")).to_contain_text(body.name)

    page.get_by_label("Faktaark", exact=True).check()
    page.get_by_label(re.compile("^Nummer")).fill("61")
    page.get_by_label("Tittel", exact=True).fill(TITLE)
    page.get_by_role("button", name="Opprett dokumentet").click()
    expect(page.get_by_text(f"Dokumentet er opprettet for {body.name}")).to_be_visible()
    assert Document.objects.get().body == body
