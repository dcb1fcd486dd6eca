"""Guides and fact sheets in a browser: the secretariat uploads Word and sends on consultation,
a member answers, the version is approved in the meeting's minutes and published, and an
anonymous visitor searches, reads (with the keyboard), and downloads Word and PDF. axe checks
every page."""

import io
import re
import zipfile
from datetime import date, time, timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from documents.models import Document, DocumentVersion, VersionStatus
from documents.services import versions as version_services
from meetings.models import AgendaItem, CaseType, Meeting
from tests.documents.conftest import FA59_TITLE, make_version, word_file
from tests.factories import AgendaItemFactory, MeetingFactory

from .helpers import assert_no_axe_violations, visit

pytestmark = pytest.mark.browser
S = VersionStatus


def sign_in(page, live_server, user):
    """A session made like force_login's; the login form itself (with the secretariat's second
    factor) is tested with the login."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])


def sign_out(page):
    page.context.clear_cookies()


@pytest.fixture
def fact_sheet(body):
    document = Document.objects.create(
        body=body, kind=Document.Kind.FACT_SHEET, number=59, slug="faktaark-59",
        title=FA59_TITLE, summary="Om risiko når informasjon ikke er korrekt og oppdatert.")
    make_version(document, html="<p>Et tidlig utkast.</p>")
    return document


def test_secretariat_uploads_word_and_reads_the_result(page, live_server, users, fact_sheet,
                                                       tmp_path):
    sign_in(page, live_server, users["secretariat"])
    visit(page, "/dokumenter/arbeid/")
    page.get_by_role("link", name=fact_sheet.display_title).click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="v1.0").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("versjon 1.0")
    assert_no_axe_violations(page)

    # A file that is not Word: a clear error next to the field, nothing changes.
    bad = tmp_path / "faktaark.docx"
    bad.write_bytes(b"Dette er bare tekst med feil filendelse.")
    page.get_by_role("link", name="Last opp Word-fil").click()
    assert_no_axe_violations(page)
    page.get_by_label("Word-fil (.docx)").set_input_files(str(bad))
    page.get_by_role("button", name="Last opp").click()
    field_error = page.locator("#id_docx-feil")
    expect(field_error).to_contain_text("ikke en gyldig Word-fil")
    expect(page.get_by_label("Word-fil (.docx)")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)

    good = tmp_path / "faktaark-59.docx"
    good.write_bytes(word_file())
    page.get_by_label("Word-fil (.docx)").set_input_files(str(good))
    page.get_by_role("button", name="Last opp").click()
    expect(page.get_by_text("Teksten er hentet fra Word-filen.")).to_be_visible()
    contents = page.get_by_role("navigation", name="Innhold")
    expect(contents.get_by_role("link", name="Risiko ved kopier")).to_be_visible()
    expect(page.get_by_role("heading", name="Risiko ved kopier")).to_be_visible()
    assert_no_axe_violations(page)
    contents.get_by_role("link", name="Tiltak").click()
    expect(page).to_have_url(re.compile("#tiltak$"))


def test_consultation_sent_and_answered(page, live_server, users, fact_sheet):
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server, users["secretariat"])
    version = fact_sheet.versions.get()
    visit(page, version.get_workspace_url())
    page.get_by_role("link", name="Send på høring").click()
    assert_no_axe_violations(page)
    page.get_by_label("Helse Nord RHF").check()
    deadline = timezone.localdate() + timedelta(days=21)
    page.get_by_label("Høringsfrist").fill(deadline.isoformat())
    page.get_by_label("Følgebrev").fill("Vi ber særlig om innspill på eksemplene fra sektoren.")
    page.get_by_role("button", name="Send på høring").click()
    expect(page.get_by_text("Versjonen er sendt på høring til 1 virksomheter.")).to_be_visible()
    assert_no_axe_violations(page)

    # A member from Helse Nord answers.
    sign_out(page)
    sign_in(page, live_server, users["member"])
    visit(page, "/dokumenter/arbeid/")
    page.get_by_role("link", name=re.compile("Faktaark 59.*v1.0")).click()
    expect(page.get_by_role("heading", name="Gi innspill")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Innspill", exact=True).fill(
        "Godt arbeid, men for omfattende for små virksomheter.")
    page.get_by_role("button", name="Send innspill").click()
    expect(page.get_by_text("Innspillet er sendt.")).to_be_visible()
    assert_no_axe_violations(page)

    # The secretariat sees all responses together.
    sign_out(page)
    sign_in(page, live_server, users["secretariat"])
    visit(page, version.consultations.get().get_absolute_url())
    responses = page.get_by_role("region", name="Alle svar (1 av 1)")
    expect(responses.get_by_role("heading", name="Helse Nord RHF")).to_be_visible()
    expect(responses).to_contain_text("for omfattende for små virksomheter")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Avslutt høringen og arbeid videre med teksten").click()
    expect(page.get_by_text("Høringen er avsluttet")).to_be_visible()


def test_version_approved_in_the_meeting_is_published(page, live_server, users, body,
                                                      fact_sheet):
    meeting = MeetingFactory(body=body, date=date(2024, 6, 10), start_time=time(10, 0),
                             status=Meeting.Status.NOTICE_SENT)
    case = AgendaItemFactory(meeting=meeting, title="Godkjenning av faktaark 59",
                             case_type=CaseType.DECISION, proposed_decision="",
                             kind=AgendaItem.Kind.CASE)
    AgendaItem.objects.filter(pk=case.pk).update(number=15, year=2024)
    version = fact_sheet.versions.get()
    sign_in(page, live_server, users["secretariat"])

    visit(page, version.get_workspace_url())
    page.get_by_label("Sak", exact=True).select_option(
        label="Møte 10.06.2024: 15/24 Godkjenning av faktaark 59")
    page.get_by_role("button", name="Send til behandling").click()
    expect(page.get_by_text("Sendt til behandling", exact=True)).to_be_visible()
    assert_no_axe_violations(page)

    # In the meeting, the secretariat opens it and records the decision in the minutes.
    visit(page, f"/moter/{meeting.pk}/referat/")
    page.get_by_role("button", name="Start møtet").click()
    expect(page.get_by_text("Møtet er startet. Vedtak kan nå registreres.")).to_be_visible()
    section = page.locator(f"#sak-{case.pk}")
    expect(section.get_by_label(re.compile("vedtak$"))).to_have_value(
        "Integritet – Korrekt og oppdatert informasjon til rett tid (faktaark 59) v1.0 "
        "godkjennes")
    section.get_by_label("Utfall").select_option(label="Vedtatt")
    section.get_by_role("button", name="Registrer vedtak").click()
    expect(section.get_by_text(re.compile("Vedtak registrert .*: Vedtatt"))).to_be_visible()

    sign_out(page)
    visit(page, "/faktaark/59/")
    expect(page.get_by_role("heading", level=1)).to_have_text(FA59_TITLE)
    expect(page.get_by_text("Godkjent av Styringsgruppen for Normen 10.06.2024, sak 15/24")
           ).to_be_visible()
    assert DocumentVersion.objects.get(pk=version.pk).status == S.PUBLISHED


@pytest.fixture
def library(body, users, fact_sheet):
    """Published fact sheet 59 (with its PDF made on publication) and a draft of fact sheet 60."""
    version = fact_sheet.versions.get()
    version_services.version_update(version, actor=users["secretariat"],
                                    expected_version=version.version, text_html=(
        "<h2>Hvorfor integritet?</h2><p>Helsepersonell må kunne stole på at informasjonen er "
        "korrekt.</p><h2>Kopier av informasjon</h2><p>Hver kopi av legemiddellisten kan bli "
        "utdatert.</p><h2>Tiltak</h2><p>Valider data ved mottak.</p>"))
    version = DocumentVersion.objects.get(pk=version.pk)
    with transaction.atomic():  # a service's caller holds the transaction
        version_services.version_transition(version, S.SUBMITTED)
        version_services.version_transition(version, S.APPROVED)
    version_services.version_publish(version, actor=users["secretariat"])
    draft = Document.objects.create(body=body, kind=Document.Kind.FACT_SHEET, number=60,
                                    slug="faktaark-60", title="Logging og logganalyse")
    make_version(draft, html="<p>Hemmelig utkast om legemiddellisten.</p>")
    return version


def test_anonymous_visitor_searches_reads_with_the_keyboard_and_downloads(page, library):
    visit(page, "/dokumenter/")
    # Keyboard only: skip link, then into the search field.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hopp til hovedinnhold")).to_be_focused()
    page.keyboard.press("Enter")
    search = page.get_by_label("Søk i veiledere og faktaark")
    for _ in range(5):
        page.keyboard.press("Tab")
        if search.evaluate("el => el === document.activeElement"):
            break
    expect(search).to_be_focused()
    page.keyboard.type("legemiddellistene")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 treff for «legemiddellistene»")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("legemiddellisten")
    assert_no_axe_violations(page)

    result = page.get_by_role("link", name=f"Faktaark 59: {FA59_TITLE}", exact=True)
    for _ in range(30):
        page.keyboard.press("Tab")
        if result.evaluate("el => el === document.activeElement"):
            break
    expect(result).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/faktaark/59/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(FA59_TITLE)
    assert_no_axe_violations(page)

    toc_link = page.get_by_role("navigation", name="Innhold").get_by_role(
        "link", name="Kopier av informasjon")
    toc_link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#kopier-av-informasjon$"))

    with page.expect_download() as word:
        page.get_by_role("link", name=re.compile("Last ned hele dokumentet i Word")).click()
    assert word.value.suggested_filename == "faktaark-59-v1.0.docx"
    with open(word.value.path(), "rb") as f:
        assert zipfile.is_zipfile(io.BytesIO(f.read()))

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Last ned dokumentet").click()
    assert pdf.value.suggested_filename == "faktaark-59-v1.0.pdf"
    with open(pdf.value.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"

    # The draft is not found and not reachable.
    visit(page, "/dokumenter/sok/?q=logganalyse")
    expect(page.get_by_role("heading", name="0 treff for «logganalyse»")).to_be_visible()
    visit(page, "/faktaark/60/", status=404)
    visit(page, "/faktaark/60/1.0/", status=404)


def test_public_lists_and_pages_pass_axe(page, library):
    for url in ["/faktaark/", "/veiledere/", "/dokumenter/?tema=&ar=2026",
                "/faktaark/59/1.0/", "/tilgjengelighet/"]:
        visit(page, url)


def test_secretariat_writes_text_in_the_portal_editor(page, live_server, users, fact_sheet):
    version = fact_sheet.versions.get()
    sign_in(page, live_server, users["secretariat"])
    visit(page, version.get_workspace_url())
    page.get_by_role("link", name="Rediger teksten").click()
    assert_no_axe_violations(page)

    editor = page.get_by_role("textbox", name="Tekst")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Ansvar og roller")
    # The toolbar is one tab stop; its buttons work from the keyboard.
    page.get_by_role("toolbar", name="Formatering").get_by_role(
        "button", name="Overskrift", exact=True).click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("Ledelsen har ansvaret.")
    page.get_by_label("Endringer i denne versjonen").fill("Nytt avsnitt om ansvar.")
    page.get_by_role("button", name="Lagre teksten").click()

    expect(page.get_by_text("Teksten er lagret.")).to_be_visible()
    contents = page.get_by_role("navigation", name="Innhold")
    expect(contents.get_by_role("link", name="Ansvar og roller")).to_be_visible()
    assert_no_axe_violations(page)
    saved = DocumentVersion.objects.get(pk=version.pk)
    assert '<h2 id="ansvar-og-roller">Ansvar og roller</h2>' in saved.text_html
    assert "Ledelsen har ansvaret." in saved.text_html
