"""Comments through HTTP: threads, replies, visibility, deadline and reopening, edits and
withdrawal with history, the secretariat's handling, the overview and its CSV export."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from normen_portal.concurrency import EditConflict
from reviews.models import Comment, CommentingPeriod
from reviews.services import comments as services
from tests.factories import set_status

from ..conftest import client_for

HTMX = {"HTTP_HX_REQUEST": "true"}


def thread_url(item, context="toppnotat"):
    return reverse("reviews:comment_thread", args=["sak", item.pk, context])


def post_comment(client, item, text, **extra):
    data = {"source": text, "quote": "", "visibility": "all_members", **extra}
    return client.post(thread_url(item), data, **HTMX)


def make(user, item, text, context=Comment.Context.COVER_NOTE, **kwargs):
    return services.comment_create(actor=user, target=item, context=context, source=text,
                                   **kwargs)


@pytest.fixture
def member_client(client, users):
    return client_for(client, users["member"])


def test_member_comments_on_a_cover_note_with_person_and_organisation(member_client, case):
    response = post_comment(member_client, case, "Vi støtter forslaget.\n\nMen se avsnitt 2.")

    assert response.status_code == 200
    comment = Comment.objects.get()
    assert comment.organisation.name == "Helse Nord RHF"
    assert comment.text == "<p>Vi støtter forslaget.</p><p>Men se avsnitt 2.</p>"
    assert comment.meeting == case.meeting and comment.item == case
    html = response.content.decode()
    assert "Innspillet ditt er lagt inn." in html
    assert "Innspill til toppnotatet (1)" in html
    assert "Martin Medlem</strong>, Helse Nord" in html
    assert "<p>Vi støtter forslaget.</p>" in html
    # htmx gets the fragment to swap, not a whole page.
    assert "<html" not in html


def test_plain_request_redirects_to_the_comment(member_client, case):
    response = member_client.post(thread_url(case), {"source": "Greit.",
                                                      "visibility": "all_members"})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#kommentar-{comment.pk}")
    page = member_client.get(response["Location"]).content.decode()
    assert "Innspillet ditt er lagt inn." in page


def test_comment_on_a_quoted_passage(member_client, case):
    post_comment(member_client, case, "Dette trekkes for langt.",
                 quote="Integritetsbegrepet brukes om at opplysninger ikke endres utilsiktet.")

    comment = Comment.objects.get()
    assert comment.quote.startswith("Integritetsbegrepet")
    html = member_client.get(thread_url(case)).content.decode()
    assert '<blockquote class="reviews-quote">' in html
    assert "Integritetsbegrepet brukes om at opplysninger" in html


def test_the_thread_page_shows_the_cover_note_marked_quotable(member_client, case,
                                                              attachment):
    html = member_client.get(thread_url(case)).content.decode()
    assert "data-quotable" in html
    assert "Faktaarket gir råd om informasjonssikkerhet" in html
    assert "Styringsgruppen godkjenner Faktaark 59." in html
    assert "Vedlegg 3: Faktaark 59 – utkast" in html
    assert reverse("reviews:comment_thread", args=["vedlegg", attachment.pk, "vedlegg"]) in html


def test_comment_on_an_attachment(client, users, attachment):
    client_for(client, users["observer"])
    url = reverse("reviews:comment_thread", args=["vedlegg", attachment.pk, "vedlegg"])
    response = client.post(url, {"source": "Figur 2 mangler kilde.",
                                 "visibility": "all_members"}, **HTMX)
    assert response.status_code == 200
    comment = Comment.objects.get()
    assert comment.context == Comment.Context.ATTACHMENT
    assert comment.item == attachment.item
    assert comment.organisation.name == "IKT-Norge"


def test_unknown_target_or_context_is_404(member_client, case, attachment):
    assert member_client.get(reverse("reviews:comment_thread",
                                     args=["sak", case.pk, "vedlegg"])).status_code == 404
    assert member_client.get(reverse("reviews:comment_thread",
                                     args=["bruker", 1, "sak"])).status_code == 404
    assert member_client.get(reverse("reviews:comment_thread",
                                     args=["sak", 999999, "sak"])).status_code == 404


def test_second_member_replies_and_the_thread_nests(client, users, case):
    first = make(users["member"], case, "Vi mener integritet er for vidt.")
    client_for(client, users["observer"])
    response = client.post(reverse("reviews:comment_reply", args=[first.pk]),
                           {"source": "Enig, og det gjelder også tilgjengelighet."}, **HTMX)
    assert response.status_code == 200
    reply = Comment.objects.get(parent=first)
    assert reply.organisation.name == "IKT-Norge"
    html = response.content.decode()
    assert 'class="reviews-comments reviews-comments--replies"' in html
    assert html.index("Vi mener integritet") < html.index("Enig, og det gjelder")


def test_reply_to_a_reply_joins_the_first_comments_thread(users, case):
    first = make(users["member"], case, "Første.")
    second = make(users["observer"], case, "Andre.", parent=first)
    third = make(users["deputy"], case, "Tredje.", parent=second)
    assert third.parent == first


def test_secretariat_only_comment_is_hidden_from_other_members(client, users, case):
    secret = make(users["member"], case, "Helse Nord ønsker ikke å si dette åpent.",
                  visibility=Comment.Visibility.SECRETARIAT_ONLY)
    make(users["member"], case, "Dette kan alle lese.")

    def html_for(who):
        client.force_login(users[who])
        return client.get(thread_url(case)).content.decode()

    for who in ("observer", "deputy"):
        html = html_for(who)
        assert "Dette kan alle lese." in html
        assert "ønsker ikke å si dette åpent" not in html, who
    for who in ("member", "secretariat"):
        html = html_for(who)
        assert "ønsker ikke å si dette åpent" in html, who
        assert "Bare til sekretariatet" in html

    # The secretariat's reply in that thread stays between the secretariat and the author.
    answer = make(users["secretariat"], case, "Takk, vi tar det med.", parent=secret)
    assert answer.visibility == Comment.Visibility.SECRETARIAT_ONLY
    assert "Takk, vi tar det med." in html_for("member")
    assert "Takk, vi tar det med." not in html_for("observer")
    # And nobody can reach it through a direct reply URL either.
    client.force_login(users["observer"])
    response = client.post(reverse("reviews:comment_reply", args=[secret.pk]),
                           {"source": "Jeg ser den likevel?"})
    assert response.status_code == 403


def test_commenting_is_closed_after_the_deadline_with_the_text_kept(member_client, case):
    meeting = case.meeting
    meeting.comment_deadline = timezone.now() - timedelta(minutes=1)
    meeting.save()

    response = post_comment(member_client, case, "Sent innspill om integritet.")

    assert response.status_code == 200
    assert not Comment.objects.exists()
    html = response.content.decode()
    assert "Fristen for innspill gikk ut" in html
    assert "Det er ikke lenger mulig å kommentere." in html
    assert "Sent innspill om integritet." in html  # still in the text field
    # The page says so before anyone types, and offers no form.
    page = member_client.get(thread_url(case)).content.decode()
    assert "Fristen for innspill gikk ut" in page
    assert 'name="source"' not in page


def test_without_a_deadline_commenting_closes_when_the_meeting_starts(member_client, case):
    meeting = case.meeting
    meeting.comment_deadline = None
    meeting.date = timezone.localdate()
    meeting.start_time = (timezone.localtime() - timedelta(minutes=5)).time()
    meeting.end_time = None
    meeting.save()
    post_comment(member_client, case, "For sent.")
    assert not Comment.objects.exists()


def test_secretariat_reopens_commenting(client, users, case):
    meeting = case.meeting
    meeting.comment_deadline = timezone.now() - timedelta(days=1)
    meeting.save()
    client_for(client, users["secretariat"])
    until = timezone.localtime() + timedelta(days=2)

    response = client.post(reverse("reviews:commenting_period", args=[meeting.pk]), {
        "phase": "papers", "closes_at": until.strftime("%Y-%m-%dT%H:%M"),
    })

    assert response.status_code == 302
    period = CommentingPeriod.objects.get(meeting=meeting)
    assert period.closes_at.replace(second=0, microsecond=0) == until.replace(second=0,
                                                                              microsecond=0)
    client.force_login(users["member"])
    response = post_comment(client, case, "Takk for at fristen ble forlenget.")
    assert Comment.objects.count() == 1
    assert "Sekretariatet har åpnet for innspill til" in response.content.decode()


def test_reopening_needs_a_time_in_the_future(client, users, case):
    client_for(client, users["secretariat"])
    response = client.post(reverse("reviews:commenting_period", args=[case.meeting.pk]), {
        "phase": "papers",
        "closes_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    })
    assert response.status_code == 200
    assert "Velg et tidspunkt fram i tid." in response.content.decode()
    assert not CommentingPeriod.objects.exists()


def test_minutes_comments_only_while_the_draft_is_out_for_review(client, users, case):
    client_for(client, users["member"])
    url = thread_url(case, "referat")
    assert client.get(url).status_code == 403  # the draft is the secretariat's for now

    meeting = case.meeting
    set_status(meeting, Meeting.Status.MINUTES_REVIEW)
    response = client.post(url, {"source": "Helse Nord sa «for vidt», ikke «feil».",
                                 "visibility": "all_members"}, **HTMX)
    assert response.status_code == 200
    assert Comment.objects.get().context == Comment.Context.MINUTES
    # Papers are closed once the meeting is held.
    response = post_comment(client, case, "Til toppnotatet?")
    assert "Møtet er avholdt" in response.content.decode()


def test_author_edits_until_the_deadline_and_every_version_is_kept(member_client, users,
                                                                  case):
    comment = make(users["member"], case, "Første versjon.")
    url = reverse("reviews:comment_edit", args=[comment.pk])

    response = member_client.post(url, {"source": "Andre versjon.", "quote": "",
                                         "visibility": "all_members",
                                         "version": comment.version}, **HTMX)

    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.text == "<p>Andre versjon.</p>" and comment.edited_at
    texts = [h.text for h in comment.history.order_by("history_date")]
    assert texts == ["<p>Første versjon.</p>", "<p>Andre versjon.</p>"]
    history = member_client.get(reverse("reviews:comment_history", args=[comment.pk]))
    assert "Første versjon." in history.content.decode()

    meeting = case.meeting
    meeting.comment_deadline = timezone.now() - timedelta(minutes=1)
    meeting.save()
    response = member_client.post(url, {"source": "Tredje versjon.", "quote": "",
                                        "visibility": "all_members",
                                        "version": comment.version}, **HTMX)
    comment.refresh_from_db()
    assert comment.text == "<p>Andre versjon.</p>"
    assert "Fristen for innspill gikk ut" in response.content.decode()
    assert "Tredje versjon." in response.content.decode()


def test_a_stale_edit_is_refused_and_keeps_the_text(member_client, users, case):
    comment = make(users["member"], case, "Original.")
    services.comment_edit(actor=users["member"], comment=comment, source="Fra en annen fane.",
                          expected_version=comment.version)

    response = member_client.post(reverse("reviews:comment_edit", args=[comment.pk]), {
        "source": "Min endring.", "quote": "", "visibility": "all_members",
        "version": 1}, **HTMX)

    html = response.content.decode()
    assert str(EditConflict.default_message) in html
    assert "Min endring." in html  # the text they typed
    assert "Fra en annen fane." in html  # and what is saved
    comment.refresh_from_db()
    assert comment.text == "<p>Fra en annen fane.</p>"


def test_author_withdraws_and_the_thread_says_so(member_client, users, case):
    comment = make(users["member"], case, "Dette trekker jeg.")
    response = member_client.post(reverse("reviews:comment_withdraw", args=[comment.pk]),
                                  {"version": comment.version}, **HTMX)
    comment.refresh_from_db()
    assert comment.withdrawn
    html = response.content.decode()
    assert "Kommentaren er trukket tilbake" in html
    assert "Dette trekker jeg." not in html
    assert comment.history.count() == 2


def test_only_the_author_edits_or_withdraws(client, users, case):
    comment = make(users["member"], case, "Mitt.")
    client_for(client, users["deputy"])  # same organisation, still not the author
    assert client.post(reverse("reviews:comment_edit", args=[comment.pk]), {
        "source": "Overtatt.", "visibility": "all_members", "version": 1}).status_code == 403
    assert client.post(reverse("reviews:comment_withdraw",
                               args=[comment.pk])).status_code == 403


def test_secretariat_answers_and_the_author_sees_it(client, users, case):
    comment = make(users["member"], case, "Integritet bør defineres.")
    client_for(client, users["secretariat"])

    response = client.post(reverse("reviews:comment_answer", args=[comment.pk]), {
        "status": "in_minutes", "reply": "Tatt inn under sak 16/24.",
        "version": comment.version}, **HTMX)

    assert response.status_code == 200
    comment.refresh_from_db()
    assert comment.status == Comment.Status.IN_MINUTES
    assert comment.answered_by == users["secretariat"]
    client.force_login(users["member"])
    html = client.get(thread_url(case)).content.decode()
    assert "Tatt inn i referatet" in html and "Tatt inn under sak 16/24." in html


def test_answer_requires_a_status(client, users, case):
    comment = make(users["member"], case, "Spørsmål.")
    client_for(client, users["secretariat"])
    response = client.post(reverse("reviews:comment_answer", args=[comment.pk]), {
        "status": "", "reply": "Svar uten status", "version": comment.version}, **HTMX)
    html = response.content.decode()
    assert "Velg hvordan kommentaren er behandlet." in html
    assert "Svar uten status" in html
    comment.refresh_from_db()
    assert comment.status == Comment.Status.OPEN


def test_overview_groups_by_case_and_by_organisation(client, users, helse_vest, case,
                                                     other_case,
                                                     django_assert_max_num_queries):
    make(users["member"], case, "Helse Nord om faktaarket.")
    make(helse_vest["member"], case, "Helse Vest om faktaarket.")
    make(helse_vest["member"], other_case, "Helse Vest om orienteringen.",
         context=Comment.Context.CASE)
    make(users["observer"], other_case, "IKT-Norge om orienteringen.",
         context=Comment.Context.CASE)
    client_for(client, users["secretariat"])
    url = reverse("reviews:meeting_comments", args=[case.meeting.pk])

    with django_assert_max_num_queries(25):
        by_case = client.get(url).content.decode()
    assert by_case.index("16/") < by_case.index("Helse Nord om faktaarket.") < by_case.index(
        "17/") < by_case.index("IKT-Norge om orienteringen.")

    by_org = client.get(url + "?gruppering=virksomhet").content.decode()
    assert "Innspill etter virksomhet" in by_org
    # Register order: member organisations (Helse Nord, then Helse Vest), observers last.
    assert by_org.index("Helse Nord om faktaarket.") < by_org.index(
        "Helse Vest om orienteringen.") < by_org.index("IKT-Norge om orienteringen.")


def test_overview_query_count_does_not_grow_with_comments(client, users, case, other_case,
                                                          django_assert_max_num_queries):
    for n in range(30):
        make(users["member"], case if n % 2 else other_case, f"Innspill nummer {n}.")
    client_for(client, users["secretariat"])
    with django_assert_max_num_queries(25):
        response = client.get(reverse("reviews:meeting_comments", args=[case.meeting.pk]))
    assert response.content.decode().count("Innspill nummer") == 30


def test_csv_export_has_every_comment_and_neutralises_formulas(client, users, case):
    first = make(users["member"], case, "=HYPERLINK(\"http://example.com\")",
                 quote="Integritetsbegrepet")
    services.comment_answer(actor=users["secretariat"], comment=first, status="answered",
                            reply="Svart i møtet.")
    make(users["observer"], case, "Tilslutter oss.", parent=first)
    client_for(client, users["secretariat"])

    response = client.get(reverse("reviews:meeting_comments_csv", args=[case.meeting.pk]))

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Sak", "Tittel", "Gjelder", "Virksomhet"]
    assert len(rows) == 3
    first_row, reply_row = rows[1], rows[2]
    assert first_row[0] == f"16/{case.year % 100:02d}"
    assert first_row[3] == "Helse Nord RHF" and first_row[4] == "Martin Medlem"
    assert first_row[8] == "Integritetsbegrepet"
    assert first_row[9].startswith("'=HYPERLINK")  # not run as a formula by Excel
    assert first_row[10] == "Besvart" and first_row[11] == "Svart i møtet."
    assert reply_row[3] == "IKT-Norge" and reply_row[7] == "Martin Medlem"


def test_withdrawn_comments_stay_out_of_the_overview(client, users, case):
    comment = make(users["member"], case, "Trekkes.")
    services.comment_withdraw(actor=users["member"], comment=comment)
    client_for(client, users["secretariat"])
    html = client.get(reverse("reviews:meeting_comments",
                              args=[case.meeting.pk])).content.decode()
    assert "Trekkes." not in html


def test_thread_query_count_does_not_grow_with_comments(member_client, users, case,
                                                        attachment,
                                                        django_assert_max_num_queries):
    for n in range(20):
        first = make(users["observer"], case, f"Innspill {n}.")
        make(users["deputy"], case, f"Svar {n}.", parent=first)
    with django_assert_max_num_queries(22):
        response = member_client.get(thread_url(case))
    assert response.content.decode().count('<li class="reviews-comment') == 40
    with django_assert_max_num_queries(16):
        member_client.get(thread_url(case), **HTMX)
