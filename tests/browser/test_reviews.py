"""Members' review in a browser: a member reads the papers and comments on a case and on a
quoted passage, a second member replies, the secretariat answers and exports the overview;
commenting after the deadline is refused; a circulation is answered by every member
organisation and recorded. axe checks every page and every htmx swap on the way."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import Representation
from meetings.models import Attachment, CaseType, Meeting
from reviews.models import Circulation, CirculationAnswer, Comment
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    MeetingFactory,
    OrganisationFactory,
    person_with_user,
)

from .helpers import assert_no_axe_violations, login, sign_in, visit

pytestmark = pytest.mark.browser

PASSAGE = "Integritetsbegrepet brukes om at opplysninger ikke endres utilsiktet."




@pytest.fixture
def helse_vest(users, body):
    org = OrganisationFactory(name="Helse Vest RHF", short_name="Helse Vest")
    return {
        "org": org,
        "member": person_with_user("helsevest", body=body, organisation=org,
                                   name="Lars Erik Baugstø-Hartvigsen"),
        "deputy": person_with_user("helsevestvara", body=body, organisation=org,
                                   role=Representation.Role.DEPUTY, name="Hege Vara"),
    }


@pytest.fixture
def papers(body):
    now = timezone.now()
    meeting = MeetingFactory(
        body=body, date=timezone.localdate() + datetime.timedelta(days=14), place="Skøyen",
        status=Meeting.Status.NOTICE_SENT, notice_sent_at=now - datetime.timedelta(days=1),
        comment_deadline=now + datetime.timedelta(days=7))
    case = AgendaItemFactory(
        meeting=meeting, number=16, year=meeting.date.year, case_type=CaseType.DECISION,
        title="Godkjenning av Faktaark 59 – medisinsk utstyr", from_unit="Sekretariatet",
        purpose=f"<p>Faktaarket gir råd om informasjonssikkerhet ved bruk av medisinsk "
                f"utstyr. {PASSAGE}</p>",
        proposed_decision="Styringsgruppen godkjenner Faktaark 59.")
    from django.core.files.uploadedfile import SimpleUploadedFile

    Attachment.objects.create(meeting=meeting, item=case, label="3",
                              title="Faktaark 59 – utkast",
                              file=SimpleUploadedFile("fa59.pdf", b"%PDF-1.4\n%%EOF\n"))
    return meeting, case


def thread_path(case):
    return reverse("reviews:comment_thread", args=["sak", case.pk, "toppnotat"])


def select_text(page, text):
    """Select ``text`` inside the quotable cover note, as a person would with the mouse."""
    page.evaluate("""(text) => {
        const root = document.querySelector('[data-quotable]');
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
            const at = node.textContent.indexOf(text);
            if (at >= 0) {
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + text.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                document.dispatchEvent(new Event('selectionchange'));
                return;
            }
        }
        throw new Error('text not found: ' + text);
    }""", text)


def test_members_comment_reply_and_the_secretariat_answers_and_exports(
        page, live_server, users, helse_vest, papers):
    meeting, case = papers

    # A member logs in and reads the papers.
    login(page, live_server, "medlem", PASSWORD)
    assert_no_axe_violations(page)
    visit(page, thread_path(case))
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.title)
    expect(page.locator("[data-quotable]")).to_contain_text("Styringsgruppen godkjenner")
    expect(page.get_by_role("link", name="Vedlegg 3: Faktaark 59 – utkast")).to_be_visible()
    expect(page.get_by_text("Frist for innspill:")).to_be_visible()

    # A comment on the case.
    thread = page.locator("section.reviews-thread")
    page.get_by_label("Kommentar", exact=True).fill(
        "Helse Nord støtter forslaget.\n\n- Bra struktur\n- Tydelige råd")
    page.get_by_role("button", name="Send innspill").click()
    expect(thread.locator(".reviews-thread__notice")).to_contain_text(
        "Innspillet ditt er lagt inn.")
    first = thread.locator("li.reviews-comment").first
    expect(first).to_contain_text("Martin Medlem, Helse Nord")
    expect(first.get_by_role("listitem").filter(has_text="Tydelige råd")).to_be_visible()
    assert_no_axe_violations(page)

    # A comment on a passage: select it, use it as the quote.
    select_text(page, PASSAGE)
    page.get_by_role("button", name="Bruk markert tekst som sitat").click()
    expect(page.get_by_label("Sitat fra teksten")).to_have_value(PASSAGE)
    expect(page.get_by_label("Sitat fra teksten")).to_be_focused()
    page.get_by_label("Kommentar", exact=True).fill("Integritet trekkes for langt her.")
    page.get_by_role("button", name="Send innspill").click()
    expect(thread.locator("blockquote.reviews-quote")).to_contain_text(PASSAGE)
    assert_no_axe_violations(page)
    assert Comment.objects.filter(quote=PASSAGE, author__user=users["member"]).exists()

    # A second member replies to the first comment.
    sign_in(page, live_server, helse_vest["member"])
    visit(page, thread_path(case))
    page.get_by_role("link", name="Svar på innspillet fra Martin Medlem").first.click()
    page.get_by_label("Ditt svar").fill("Helse Vest er enig med Helse Nord.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send svar").click()
    replies = page.locator("ol.reviews-comments--replies")
    expect(replies).to_contain_text("Lars Erik Baugstø-Hartvigsen, Helse Vest")
    expect(replies).to_contain_text("Helse Vest er enig med Helse Nord.")
    assert_no_axe_violations(page)

    # The secretariat answers the quoted comment.
    sign_in(page, live_server, users["secretariat"])
    visit(page, thread_path(case))
    quoted = page.locator("li.reviews-comment").filter(has_text="trekkes for langt")
    quoted.get_by_role("link", name="Behandle innspillet fra Martin Medlem").click()
    page.get_by_label("Tatt inn i referatet").check()
    page.get_by_label("Kort svar til den som skrev").fill("Tas inn under sak 16.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Lagre behandlingen").click()
    expect(page.locator(".reviews-answer").first).to_contain_text("Tas inn under sak 16.")
    assert_no_axe_violations(page)

    # ... and exports the overview of the meeting's comments.
    visit(page, reverse("reviews:meeting_comments", args=[meeting.pk]))
    expect(page.get_by_role("heading", name="Innspill før møtet")).to_be_visible()
    expect(page.get_by_role("table").first).to_contain_text("Helse Vest er enig")
    page.get_by_role("link", name="Etter virksomhet").click()
    expect(page.get_by_role("heading", level=3).first).to_contain_text("Helse Nord RHF")
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Last ned som regneark (CSV)").click()
    download = download_info.value
    assert re.match(r"innspill-normen-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Helse Nord støtter forslaget." in content
    assert "Tatt inn i referatet;Tas inn under sak 16." in content
    assert "Helse Vest er enig med Helse Nord." in content


def test_commenting_after_the_deadline_is_refused(page, live_server, users, papers):
    meeting, case = papers
    sign_in(page, live_server, users["member"])
    visit(page, thread_path(case))
    page.get_by_label("Kommentar", exact=True).fill("Et innspill skrevet før fristen.")

    # The deadline passes while the member is still writing.
    Meeting.objects.filter(pk=meeting.pk).update(
        comment_deadline=timezone.now() - datetime.timedelta(minutes=1))
    page.get_by_role("button", name="Send innspill").click()

    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Fristen for innspill gikk ut")
    expect(alert).to_contain_text("Det er ikke lenger mulig å kommentere.")
    expect(page.get_by_label("Kommentar", exact=True)).to_have_value(
        "Et innspill skrevet før fristen.")
    assert_no_axe_violations(page)
    assert not Comment.objects.exists()

    # Coming back later: the page says so at once and offers no form.
    visit(page, thread_path(case))
    expect(page.get_by_text("Fristen for innspill gikk ut")).to_be_visible()
    expect(page.get_by_role("button", name="Send innspill")).to_have_count(0)


def test_a_circulation_is_answered_by_every_member_organisation_and_recorded(
        page, live_server, users, body, helse_vest):
    next_meeting = MeetingFactory(body=body, status=Meeting.Status.PLANNED,
                                  date=timezone.localdate() + datetime.timedelta(days=30))

    # The secretariat puts the proposal out.
    sign_in(page, live_server, users["secretariat"])
    visit(page, reverse("reviews:circulation_list"))
    page.get_by_role("link", name="Ny sirkulasjonssak").click()
    assert_no_axe_violations(page)
    page.get_by_label("Tittel").fill("Publisering av Faktaark 59")
    page.get_by_label("Forslag til vedtak").fill(
        "Styringsgruppen godkjenner at Faktaark 59 publiseres før sommeren.")
    deadline = timezone.localtime() + datetime.timedelta(days=3)
    page.get_by_label("Svarfrist").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Send på sirkulasjon").click()
    expect(page.get_by_role("status")).to_contain_text("Saken er sendt på sirkulasjon")
    expect(page.get_by_role("heading", level=1)).to_have_text("Publisering av Faktaark 59")
    expect(page.locator('td[data-count="agree"]')).to_have_text("0")
    assert_no_axe_violations(page)
    circulation = Circulation.objects.get()

    # Helse Nord's member answers.
    sign_in(page, live_server, users["member"])
    visit(page, circulation.get_absolute_url())
    expect(page.get_by_text("Resultatet vises når saken er avsluttet.")).to_be_visible()
    page.get_by_role("link", name="Svar på saken").click()
    expect(page.get_by_text("Du svarer for Helse Nord RHF.")).to_be_visible()
    page.get_by_label("Enig", exact=True).check()
    page.get_by_label("Kommentar").fill("Bra arbeid.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send svaret").click()
    expect(page.get_by_text("Helse Nord RHF har svart enig (Martin Medlem")).to_be_visible()
    assert_no_axe_violations(page)

    # The secretariat follows the count live while Helse Vest's deputy answers (the member
    # has not), and Helse Nord's deputy changes the organisation's answer before the deadline.
    sign_in(page, live_server, users["secretariat"])
    visit(page, circulation.get_absolute_url())
    expect(page.locator('td[data-count="agree"]')).to_have_text("1")
    expect(page.locator('td[data-count="missing"]')).to_have_text("1")
    from reviews.services.circulation import circulation_answer

    circulation_answer(actor=helse_vest["deputy"], circulation=circulation,
                       organisation=helse_vest["org"], answer="abstain", comment="")
    expect(page.locator('td[data-count="abstain"]')).to_have_text("1", timeout=15_000)
    expect(page.locator('td[data-count="missing"]')).to_have_text("0")
    assert_no_axe_violations(page)

    sign_in(page, live_server, users["deputy"])
    visit(page, reverse("reviews:circulation_answer", args=[circulation.pk]))
    expect(page.get_by_text(re.compile(r"Helse Nord RHF har svart enig \(Martin Medlem")))\
        .to_be_visible()
    page.get_by_label("Uenig").check()
    page.get_by_role("button", name="Endre svaret").click()
    expect(page.get_by_text("Svaret er endret fra «Enig» til «Uenig».")).to_be_visible()
    assert_no_axe_violations(page)
    assert CirculationAnswer.objects.count() == 2  # still one answer per organisation

    # The secretariat closes it: recorded as a decision and put on the next meeting's agenda.
    sign_in(page, live_server, users["secretariat"])
    visit(page, circulation.get_absolute_url())
    page.get_by_role("link", name="Avslutt saken nå").click()
    expect(page.get_by_text("Forslaget har ikke flertall og blir registrert som ikke vedtatt.")
           ).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Avslutt og registrer vedtaket").click()
    decision = page.locator(".reviews-decision")
    expect(decision).to_contain_text("Styringsgruppens vedtak")
    expect(decision).to_contain_text("Ikke vedtatt")
    expect(decision).to_contain_text("0 enige, 1 uenig, 1 avstår, 0 svarte ikke")
    expect(decision.get_by_role("link", name=next_meeting.title)).to_be_visible()
    assert_no_axe_violations(page)
    item = next_meeting.items.get(title__startswith="Orientering om sirkulasjonsvedtak")
    assert item.title.endswith("Publisering av Faktaark 59")


def test_conflict_of_interest_preferences_history_and_reopening(page, live_server, users,
                                                                  papers):
    meeting, case = papers
    from reviews.services import comments as comment_services

    comment = comment_services.comment_create(actor=users["member"], target=case,
                                              context="cover_note", source="Første versjon.")
    comment_services.comment_edit(actor=users["member"], comment=comment,
                                  source="Andre versjon.", expected_version=comment.version)

    # A member declares a conflict of interest: a missing reason is told next to the field.
    sign_in(page, live_server, users["member"])
    visit(page, reverse("reviews:meeting_conflicts", args=[meeting.pk]))
    page.get_by_label("Sak", exact=True).select_option(label=str(case))
    page.get_by_role("button", name="Erklær inhabilitet").click()
    expect(page.locator(".ds-error-summary")).to_contain_text(
        "Skriv kort hvorfor du er inhabil i saken.")
    expect(page.get_by_label("Begrunnelse")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    page.get_by_label("Begrunnelse").fill("Helse Nord har skrevet deler av faktaarket.")
    page.get_by_role("button", name="Erklær inhabilitet").click()
    expect(page.get_by_role("table")).to_contain_text("Helse Nord har skrevet deler")
    assert_no_axe_violations(page)

    # ... chooses the daily digest ...
    visit(page, reverse("reviews:notification_preferences"))
    page.get_by_label("Daglig oppsummering").check()
    page.get_by_role("button", name="Lagre valget").click()
    expect(page.get_by_role("status")).to_contain_text("Valget ditt er lagret.")
    expect(page.get_by_label("Daglig oppsummering")).to_be_checked()
    assert_no_axe_violations(page)

    # ... and reads every version of their comment.
    visit(page, thread_path(case))
    page.get_by_role("link", name="Historikk for innspillet fra Martin Medlem").click()
    expect(page.get_by_role("main")).to_contain_text("Første versjon.")
    expect(page.get_by_role("main")).to_contain_text("Andre versjon.")
    assert_no_axe_violations(page)

    # The member's overview on their start page.
    visit(page, "/start/")
    expect(page.get_by_role("heading", name="Til forberedelse")).to_be_visible()
    expect(page.get_by_role("link", name=f"Sak {case.reference} {case.title}")).to_be_visible()
    expect(page.get_by_text("Du er inhabil")).to_be_visible()
    assert_no_axe_violations(page)

    # The secretariat reopens commenting after the deadline.
    Meeting.objects.filter(pk=meeting.pk).update(
        comment_deadline=timezone.now() - datetime.timedelta(hours=1))
    sign_in(page, live_server, users["secretariat"])
    visit(page, reverse("reviews:meeting_comments", args=[meeting.pk]))
    expect(page.get_by_text("Fristen for innspill gikk ut")).to_be_visible()
    page.get_by_role("link", name="Endre frist eller åpne for innspill igjen").click()
    assert_no_axe_violations(page)
    until = timezone.localtime() + datetime.timedelta(days=2)
    page.get_by_label("Åpent for innspill til").fill(until.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Lagre fristen").click()
    expect(page.get_by_role("status")).to_contain_text("Fristen for innspill er lagret.")
    expect(page.get_by_text("Sekretariatet har åpnet for innspill til")).to_be_visible()
    assert_no_axe_violations(page)
