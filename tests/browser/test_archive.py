"""The public archive and the decision register as an anonymous visitor."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_no_axe_violations, visit

pytestmark = pytest.mark.browser


def test_anonymous_visitor_reads_the_archive_and_the_decisions(page, demo):
    visit(page, "/arkiv/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arkiv: godkjente referater")
    # The 10.06.2024 minutes are still in review: only 2023 is there.
    expect(page.get_by_role("link", name="2024")).to_have_count(0)
    page.get_by_role("link", name="2023").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Referat fra møtet 27.09.2023").click()
    assert_no_axe_violations(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Referat Styringsgruppemøte i Normen")
    expect(page.get_by_text("Onsdag 27.09.2023 kl. 9.00–12.00")).to_be_visible()
    attendance = page.get_by_role("table")
    expect(attendance.get_by_role("columnheader", name="Virksomhet/Organisasjon")).to_be_visible()
    cranner = attendance.get_by_role("row", name=re.compile("Jo Cranner \\(vara\\)"))
    expect(cranner).to_contain_text("Til stede frem til 11.05")
    expect(attendance.get_by_role("rowheader", name="Observatører")).to_be_visible()
    cases = page.get_by_role("region", name="Saker")
    expect(cases.get_by_role("heading", name="23/23 Godkjenning av innkalling og dagsorden")
           ).to_be_visible()
    expect(cases.get_by_text("Styringsgruppens vedtak:").first).to_be_visible()
    expect(cases).to_contain_text("Normen kan ha en god innvirkning på KI")

    # From a decision in the minutes to its permanent page.
    cases.get_by_role("link", name="Vedtak i sak 27/23").click()
    expect(page).to_have_url(re.compile("/vedtak/normen/2023/27/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vedtak i sak 27/23")
    assert_no_axe_violations(page)

    # The register: search and filter.
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Vedtak").click()
    assert_no_axe_violations(page)
    page.get_by_label("Søk i vedtak").fill("innkalling")
    page.get_by_role("button", name="Søk").click()
    # Normen's, and Nasjonalt e-helsestyre's from its published minutes of 06.05.2021.
    expect(page.get_by_role("heading", level=2, name=re.compile("2 vedtak"))).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="23/23")).to_be_visible()
    expect(table.get_by_role("link", name="9/21")).to_be_visible()
    # Draft decisions of the 2024 meeting are not public.
    expect(page.get_by_text("Medisinsk utstyr")).to_have_count(0)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Nullstill søket").click()
    page.get_by_label("Utfall").select_option(label="Tatt til orientering")
    page.get_by_role("button", name="Søk").click()
    expect(table.get_by_role("link", name="25/23")).to_be_visible()
    expect(table.get_by_role("link", name="23/23")).to_have_count(0)
    assert_no_axe_violations(page)
