"""Setting up a new body's members by import, in a browser (issue 13): the secretariat of a
new body pastes a list of three organisations and five people, sees the preview, confirms,
finds them on the organisation and people pages and on the public member list, and sends
one of them a login invitation. axe checks the import, preview and person pages; the forms
are sent from the keyboard."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from governance.models import Person, Representation
from tests.factories import BodyFactory, person_with_user

from .helpers import assert_no_axe_violations, sign_in, visit

pytestmark = pytest.mark.browser

LIST = "\n".join("\t".join(cells) for cells in [
    ["Virksomhet", "Type", "Kategori", "Navn", "E-post", "Telefon", "Rolle"],
    ["Fjordby kommune", "medlem", "Kommuner", "Anne Fjordby", "anne.fjordby@eksempel.no",
     "+47 900 11 111", "leder"],
    ["Fjordby kommune", "medlem", "Kommuner", "Bjørn Fjordby", "bjorn.fjordby@eksempel.no", "",
     "vara"],
    ["Helse Vidde HF", "medlem", "Helseforetak", "Cecilie Vidde", "cecilie.vidde@eksempel.no",
     "", "medlem"],
    ["Helse Vidde HF", "medlem", "Helseforetak", "David Vidde", "david.vidde@eksempel.no", "",
     "vara"],
    ["Pasientlaget", "observatør", "Pasientorganisasjoner", "Eva Pasient",
     "eva.pasient@eksempel.no", "", "medlem"],
])
NAMES = ("Anne Fjordby", "Bjørn Fjordby", "Cecilie Vidde", "David Vidde", "Eva Pasient")


def test_the_secretariat_sets_up_a_new_body_by_import(page, live_server):
    body = BodyFactory(name="Vidde- og fjordutvalget", short_name="Utvalget", slug="vidde")
    user = person_with_user("vidde-sek", body=body, role=Representation.Role.SECRETARIAT,
                            name="Siri Sekretær")
    # A long flow of full page loads: more patience than the default on a busy machine.
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(60_000)
    sign_in(page, live_server, user)

    # From the body's pages to the import, by keyboard.
    visit(page, f"/styringsgrupper/{body.slug}/innstillinger/")
    tab = page.get_by_role("link", name="Importer medlemsliste", exact=True)
    tab.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer medlemsliste")
    assert_no_axe_violations(page)

    page.get_by_label("Lim inn fra regnearket").fill(LIST)
    page.get_by_role("button", name="Vis forhåndsvisning").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forhåndsvisning av importen")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Nye virksomheter (3)")).to_be_visible()
    expect(main.get_by_role("heading", name="Nye personer (5)")).to_be_visible()
    expect(main.get_by_role("heading", name="Nye roller (5)")).to_be_visible()
    expect(main).to_contain_text("Pasientlaget som observatør, Pasientorganisasjoner")
    assert_no_axe_violations(page)
    assert not Person.objects.filter(name__in=NAMES).exists()

    page.get_by_role("button", name="Importer").focus()
    with page.expect_navigation():
        page.keyboard.press("Space")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Virksomheter i Vidde- og fjordutvalget")
    expect(page.get_by_role("main")).to_contain_text("Medlemslista er importert")
    for org in ("Fjordby kommune", "Helse Vidde HF", "Pasientlaget"):
        expect(page.get_by_role("main")).to_contain_text(org)
    assert_no_axe_violations(page)

    visit(page, f"/styringsgrupper/{body.slug}/personer/")
    for name in NAMES:
        expect(page.get_by_role("main")).to_contain_text(name)

    visit(page, f"/styringsgrupper/{body.slug}/medlemmer/")
    for name in NAMES:
        expect(page.get_by_role("main")).to_contain_text(name)
    expect(page.get_by_role("main")).not_to_contain_text("eksempel.no")

    # One invitation, from the person's page.
    anne = Person.objects.get(name="Anne Fjordby")
    visit(page, f"/styringsgrupper/{body.slug}/personer/{anne.pk}/")
    button = page.get_by_role("button", name="Send invitasjon")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_contain_text("Invitasjon sendt")
    expect(page.get_by_role("main")).to_contain_text("av Siri Sekretær")
    expect(page.get_by_role("button", name="Send invitasjonen på nytt")).to_be_visible()
    assert_no_axe_violations(page)
    assert [m.to for m in mail.outbox] == [["anne.fjordby@eksempel.no"]]
    assert "leder for Fjordby kommune" in mail.outbox[0].body
