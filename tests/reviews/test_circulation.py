"""Decisions by circulation: one answer per member organisation (given by the member or the
deputy, and changeable until the deadline), the live count for the secretariat, closing by
hand or at the deadline, the decision recorded and reported as an orientation case at the
next meeting. The rules themselves (deadline, quorum, changing an answer, the agenda service)
are tested in test_circulation_rules.py."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from governance.models import Organisation
from governance.permissions import forget_roles
from meetings.models import AgendaItem, CaseType, Meeting
from reviews.models import Circulation, CirculationAnswer
from reviews.selectors import circulation_decisions
from reviews.services import circulation as services
from reviews.services.comments import ReviewError

from ..conftest import client_for
from .conftest import later_meeting

PROPOSAL = ("Styringsgruppen godkjenner at Faktaark 59 publiseres før sommeren, "
            "med de endringene som kom fram i møtet.")


def open_circulation(body, users, **kwargs):
    return services.circulation_create(
        actor=users["secretariat"], body=body, title="Publisering av Faktaark 59",
        proposed_decision=PROPOSAL, background="Faktaarket ble drøftet i møtet 10.06.2024.",
        deadline=kwargs.pop("deadline", timezone.now() + timedelta(days=5)), **kwargs)


def helse_nord():
    return Organisation.objects.get(name="Helse Nord RHF")


def answer(user, circulation, org, value="agree", comment=""):
    return services.circulation_answer(actor=user, circulation=circulation, organisation=org,
                                       answer=value, comment=comment)


def test_secretariat_puts_a_proposal_out_and_members_are_told(client, users, body,
                                                              helse_vest,
                                                              django_capture_on_commit_callbacks):
    client_for(client, users["secretariat"])
    deadline = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:circulation_create"), {
            "body": body.pk, "title": "Publisering av Faktaark 59",
            "proposed_decision": PROPOSAL, "background": "", "deadline": deadline,
        })
    circulation = Circulation.objects.get()
    assert response.status_code == 302 and response["Location"] == circulation.get_absolute_url()
    assert circulation.is_open and circulation.created_by == users["secretariat"]
    told = sorted(m.to[0] for m in mail.outbox)
    # Members and deputies of member organisations; not the observer, not the secretariat.
    assert told == sorted(u.email for u in (users["member"], users["deputy"],
                                            helse_vest["member"], helse_vest["deputy"]))
    assert mail.outbox[0].subject == "[Normen] Sirkulasjonssak: Publisering av Faktaark 59"


def test_deadline_must_be_ahead(client, users, body):
    client_for(client, users["secretariat"])
    response = client.post(reverse("reviews:circulation_create"), {
        "body": body.pk, "title": "For sent", "proposed_decision": PROPOSAL,
        "deadline": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    })
    assert response.status_code == 200
    assert "Svarfristen må være fram i tid." in response.content.decode()
    assert "For sent" in response.content.decode()
    assert not Circulation.objects.exists()


def test_one_answer_per_organisation_the_deputy_changes_it(client, users, body):
    """One answer per organisation, which its member or deputy may change until the
    deadline: a second post for the organisation changes its answer, it does not add one."""
    circulation = open_circulation(body, users)
    client_for(client, users["member"])
    response = client.post(reverse("reviews:circulation_answer", args=[circulation.pk]), {
        "organisation": helse_nord().pk, "answer": "agree", "comment": "Bra arbeid."})
    assert response.status_code == 302

    client.force_login(users["deputy"])
    response = client.post(reverse("reviews:circulation_answer", args=[circulation.pk]), {
        "organisation": helse_nord().pk, "answer": "disagree", "comment": "Jeg er uenig."},
        follow=True)

    assert "Svaret er endret fra «Enig» til «Uenig»." in response.content.decode()
    [record] = CirculationAnswer.objects.all()
    assert (record.answer, record.comment) == ("disagree", "Jeg er uenig.")
    assert record.answered_by.name == "Vera Vara"


def test_the_deputy_answers_when_the_member_has_not(users, body, helse_vest):
    circulation = open_circulation(body, users)
    record = answer(helse_vest["deputy"], circulation, helse_vest["org"], "abstain")
    assert record.answered_by.name == "Hege Vara" and record.changed_from is None
    changed = answer(helse_vest["member"], circulation, helse_vest["org"])
    assert changed.pk == record.pk and changed.changed_from == "abstain"
    assert changed.answered_by.name == "Lars Erik Baugstø-Hartvigsen"


def test_nobody_answers_for_an_organisation_they_do_not_represent(client, users, body,
                                                                  helse_vest):
    circulation = open_circulation(body, users)
    client_for(client, users["member"])
    response = client.post(reverse("reviews:circulation_answer", args=[circulation.pk]), {
        "organisation": helse_vest["org"].pk, "answer": "disagree"})
    assert response.status_code == 200
    assert "Du kan bare svare for en virksomhet du representerer." in response.content.decode()
    assert not CirculationAnswer.objects.exists()


@pytest.mark.parametrize("who", ["observer", "secretariat", "other_body_member", "no_seat"])
def test_only_member_organisations_answer(client, users, body, who):
    circulation = open_circulation(body, users)
    client_for(client, users[who])
    url = reverse("reviews:circulation_answer", args=[circulation.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"organisation": helse_nord().pk,
                             "answer": "agree"}).status_code == 403
    assert not CirculationAnswer.objects.exists()


def test_answers_after_the_deadline_are_refused(users, body):
    circulation = open_circulation(body, users)
    Circulation.objects.filter(pk=circulation.pk).update(
        deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ReviewError, match="Svarfristen gikk ut"):
        answer(users["member"], circulation, helse_nord())


def test_the_secretariat_follows_the_result_live(client, users, body, helse_vest):
    circulation = open_circulation(body, users)
    url = reverse("reviews:circulation_result", args=[circulation.pk])
    client_for(client, users["secretariat"])
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 10s"' in html
    assert '<td data-count="agree">0</td>' in html

    answer(users["member"], circulation, helse_nord(), "agree")
    answer(helse_vest["deputy"], circulation, helse_vest["org"], "disagree", "For tidlig.")
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert '<td data-count="agree">1</td>' in html
    assert '<td data-count="disagree">1</td>' in html
    assert "For tidlig." in html and "Hege Vara" in html

    # Members see their own organisation's answer, not the running count.
    client.force_login(users["deputy"])
    assert client.get(url, HTTP_HX_REQUEST="true").status_code == 403
    detail = client.get(circulation.get_absolute_url()).content.decode()
    assert "Helse Nord RHF har svart enig (Martin Medlem" in detail
    assert "Resultatet vises når saken er avsluttet." in detail
    assert "For tidlig." not in detail


def test_closing_records_the_decision_and_an_orientation_case(client, users, body,
                                                              helse_vest):
    next_meeting = later_meeting(body)
    circulation = open_circulation(body, users)
    answer(users["member"], circulation, helse_nord(), "agree", "Bra.")
    answer(helse_vest["member"], circulation, helse_vest["org"], "agree")
    client_for(client, users["secretariat"])

    response = client.post(reverse("reviews:circulation_close", args=[circulation.pk]),
                           {"decision_text": "", "version": circulation.version})

    assert response.status_code == 302
    circulation.refresh_from_db()
    assert circulation.status == Circulation.Status.CLOSED
    assert circulation.result == Circulation.Result.ADOPTED
    assert circulation.decision_text == PROPOSAL
    assert circulation.closed_by == users["secretariat"]
    assert circulation.result_summary.startswith("2 enige, 0 uenige, 0 avstår, 0 svarte ikke")
    item = circulation.orientation_item
    assert item.meeting == next_meeting
    assert item.title == "Orientering om sirkulasjonsvedtak: Publisering av Faktaark 59"
    assert item.case_type == CaseType.ORIENTATION and item.kind == AgendaItem.Kind.CASE
    assert "ble vedtatt ved sirkulasjon" in item.proposed_decision
    assert PROPOSAL in item.proposed_decision
    assert "Helse Nord: Enig – Bra." in item.purpose
    # It sits before «Eventuelt», which stays last.
    titles = list(next_meeting.items.order_by("position").values_list("title", flat=True))
    assert titles[-2:] == [item.title, "Eventuelt"]

    page = client.get(circulation.get_absolute_url()).content.decode()
    assert "Styringsgruppens vedtak" in page and "Vedtatt" in page


def test_a_rejected_proposal_is_recorded_as_not_adopted(users, body, helse_vest):
    circulation = open_circulation(body, users)
    answer(users["member"], circulation, helse_nord(), "disagree")
    answer(helse_vest["member"], circulation, helse_vest["org"], "abstain")
    closed = services.circulation_close(actor=users["secretariat"], circulation=circulation)
    assert closed.result == Circulation.Result.REJECTED
    assert closed.decision_text == "Forslaget til vedtak fikk ikke flertall og er ikke vedtatt."


def test_closing_twice_is_refused(users, body):
    from meetings.models import InvalidTransition

    circulation = open_circulation(body, users)
    services.circulation_close(actor=users["secretariat"], circulation=circulation)
    with pytest.raises(InvalidTransition, match="allerede avsluttet"):
        services.circulation_close(actor=users["secretariat"], circulation=circulation)


def test_the_periodic_task_closes_circulations_at_their_deadline(users, body):
    from reviews.tasks import close_due_circulations

    due = open_circulation(body, users)
    not_due = open_circulation(body, users, deadline=timezone.now() + timedelta(days=1))
    Circulation.objects.filter(pk=due.pk).update(deadline=timezone.now() - timedelta(seconds=1))

    assert close_due_circulations.delay().get() == 1

    due.refresh_from_db()
    not_due.refresh_from_db()
    assert due.status == Circulation.Status.CLOSED and due.closed_by is None
    assert not_due.is_open


def test_without_a_planned_meeting_the_orientation_case_waits_for_the_next_one(
        users, body, django_capture_on_commit_callbacks):
    circulation = open_circulation(body, users)
    services.circulation_close(actor=users["secretariat"], circulation=circulation)
    circulation.refresh_from_db()
    assert circulation.orientation_item is None

    with django_capture_on_commit_callbacks(execute=True):
        meeting = later_meeting(body)

    circulation.refresh_from_db()
    assert circulation.orientation_item.meeting == meeting


def test_circulation_decisions_for_the_register(users, body):
    circulation = open_circulation(body, users)
    answer(users["member"], circulation, helse_nord(), "agree", "Bra.")
    meeting = later_meeting(body)
    services.circulation_close(actor=users["secretariat"], circulation=circulation)

    [decision] = circulation_decisions(body, users["observer"])
    assert decision.decision_text == PROPOSAL
    assert [(a.organisation.name, a.answer) for a in decision.answers.all()] == [
        ("Helse Nord RHF", "agree")]
    # Public once reported in a meeting whose minutes are approved, like other decisions.
    assert circulation_decisions(body, users["anonymous"]) == []
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.MINUTES_APPROVED)
    assert [c.pk for c in circulation_decisions(body, users["anonymous"])] == [circulation.pk]


def test_an_ended_seat_gives_no_answer(users, body):
    from governance.models import Representation

    circulation = open_circulation(body, users)
    Representation.objects.filter(person__user=users["member"]).update(
        start_date="2020-01-01", end_date="2021-12-31")
    forget_roles(users["member"])
    with pytest.raises(Exception) as excinfo:
        answer(users["member"], circulation, helse_nord())
    assert excinfo.type.__name__ == "PermissionDenied"


def test_circulation_decisions_are_listed_in_the_decision_register(client, users, body):
    circulation = open_circulation(body, users)
    answer(users["member"], circulation, helse_nord(), "agree")
    services.circulation_close(actor=users["secretariat"], circulation=circulation)

    html = client_for(client, users["member"]).get(reverse("meetings:decisions")).content
    html = html.decode()
    assert "Vedtak ved sirkulasjon" in html
    assert circulation.title in html
    # A filter on the case type of meeting cases leaves them out.
    filtered = client.get(reverse("meetings:decisions"), {"case_type": "approval"})
    assert circulation.title not in filtered.content.decode()
    # Not yet reported at a meeting with approved minutes: not public.
    client.logout()
    assert circulation.title not in client.get(reverse("meetings:decisions")).content.decode()
