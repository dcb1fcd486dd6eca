"""The rules of a circulation (issue 12), through HTTP where a person meets them:

- who may answer is one predicate, ``is_answerable(circulation, seat, now)``, with its queryset
  ``answerable_seats``: the detail page, the answer page, the start page and the service agree,
  also at the very deadline and after it while the periodic task has not closed it yet;
- a body's quorum (``Body.circulation_quorum``): too few answers and the circulation fails and
  says so, on its page, in the orientation case and in the e-mail;
- an organisation changes its answer until the deadline, with an event and history;
- the orientation case goes through the agenda service (numbered and recorded as an agenda
  change when the notice has been sent).

The clock is fixed where the deadline matters, so the boundary is tested to the microsecond.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind
from governance.models import Organisation, Representation
from governance.permissions.reviews import (
    answerable_organisations,
    answerable_seats,
    is_answerable,
)
from meetings.models import AgendaChange, Meeting
from reviews.models import Circulation, CirculationAnswer
from reviews.services import circulation as services
from reviews.services.comments import ReviewError

from ..conftest import client_for
from ..factories import OrganisationFactory, person_with_user
from .conftest import later_meeting

PROPOSAL = "Styringsgruppen slutter seg til høringssvaret om digital sikkerhet."


def open_circulation(body, users, **kwargs):
    return services.circulation_create(
        actor=users["secretariat"], body=body,
        title=kwargs.pop("title", "Høringssvar om digital sikkerhet"),
        proposed_decision=PROPOSAL,
        deadline=kwargs.pop("deadline", timezone.now() + timedelta(days=5)), **kwargs)


def helse_nord():
    return Organisation.objects.get(name="Helse Nord RHF")


def seat_of(user):
    return Representation.objects.get(person__user=user)


def answer_url(circulation):
    return reverse("reviews:circulation_answer", args=[circulation.pk])


def fix_clock(monkeypatch, moment):
    """Every ``timezone.now()`` in the portal (views, services, the rule) returns ``moment``."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def more_members(body, count):
    """``count`` more member organisations in ``body``, each with a member who logs in."""
    return [
        person_with_user(f"kommune{n}", body=body, name=f"Kari Kommune {n}",
                         organisation=OrganisationFactory(name=f"Kommune {n}"))
        for n in range(1, count + 1)
    ]


def close_at_deadline(circulation, django_capture_on_commit_callbacks):
    """The deadline passes and the periodic task closes the circulation (e-mails sent)."""
    Circulation.objects.filter(pk=circulation.pk).update(
        deadline=timezone.now() - timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.close_due_circulations() == 1
    circulation.refresh_from_db()
    return circulation


# -- 1. who may answer: one rule, also at the deadline --------------------------------------

def test_the_rule_at_the_deadline_to_the_microsecond(users, body, helse_vest):
    circulation = open_circulation(body, users)
    deadline = circulation.deadline
    before = deadline - timedelta(microseconds=1)
    member, deputy = seat_of(users["member"]), seat_of(users["deputy"])

    assert is_answerable(circulation, member, before)
    assert is_answerable(circulation, deputy, before)
    assert not is_answerable(circulation, member, deadline)
    assert not is_answerable(circulation, member, deadline + timedelta(days=1))
    # The queryset is the same rule for lists.
    assert set(answerable_seats(circulation, before)) == {
        member, deputy, seat_of(helse_vest["member"]), seat_of(helse_vest["deputy"])}
    assert not answerable_seats(circulation, deadline).exists()
    assert answerable_organisations(users["member"], circulation, before) == [helse_nord()]
    assert answerable_organisations(users["member"], circulation, deadline) == []
    # Observers, the secretariat and other bodies' seats never answer.
    for who in ("observer", "secretariat", "other_body_member"):
        assert not is_answerable(circulation, seat_of(users[who]), before), who


def test_a_seat_counts_on_the_answering_day(users, body):
    """The seat rule with the day of ``now``: a seat ending today answers today, not
    tomorrow."""
    circulation = open_circulation(body, users, deadline=timezone.now() + timedelta(days=5))
    today = timezone.localdate()
    Representation.objects.filter(person__user=users["member"]).update(end_date=today)
    seat = seat_of(users["member"])
    assert is_answerable(circulation, seat, timezone.now())
    assert not is_answerable(circulation, seat, timezone.now() + timedelta(days=1))


@pytest.mark.parametrize("offset, answerable", [
    (-timedelta(microseconds=1), True),
    (timedelta(0), False),
    # Past the deadline, and the periodic task has not closed it yet.
    (timedelta(minutes=3), False),
])
def test_pages_and_service_agree_at_the_deadline(client, users, body, monkeypatch, offset,
                                                 answerable):
    circulation = open_circulation(body, users)
    client_for(client, users["member"])
    deadline = timezone.now() + timedelta(seconds=30)
    Circulation.objects.filter(pk=circulation.pk).update(deadline=deadline)
    fix_clock(monkeypatch, deadline + offset)

    form_page = client.get(answer_url(circulation))
    detail = client.get(circulation.get_absolute_url()).content.decode()
    start = client.get(reverse("start")).content.decode()
    response = client.post(answer_url(circulation), {
        "organisation": helse_nord().pk, "answer": "agree", "comment": ""})

    assert form_page.status_code == 200
    assert ('name="answer"' in form_page.content.decode()) is answerable
    # The way to the form, on the circulation's page and on the start page.
    assert (answer_url(circulation) in detail) is answerable
    assert (answer_url(circulation) in start) is answerable
    assert CirculationAnswer.objects.exists() is answerable
    circulation.refresh_from_db()
    assert circulation.is_open
    if answerable:
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        for html in (form_page.content.decode(), detail, response.content.decode()):
            assert "Svarfristen gikk ut" in html
            assert "Det er ikke lenger mulig å svare." in html
        assert 'name="answer"' not in response.content.decode()


def test_a_circulation_closed_before_its_deadline_takes_no_answer(client, users, body):
    circulation = open_circulation(body, users)
    services.circulation_close(actor=users["secretariat"], circulation=circulation)
    client_for(client, users["member"])
    page = client.get(answer_url(circulation)).content.decode()
    assert "Sirkulasjonssaken er avsluttet. Det er ikke lenger mulig å svare." in page
    assert 'name="answer"' not in page
    response = client.post(answer_url(circulation), {"organisation": helse_nord().pk,
                                                     "answer": "agree"})
    assert "Sirkulasjonssaken er avsluttet." in response.content.decode()
    assert not CirculationAnswer.objects.exists()


def test_only_those_who_may_answer_are_asked(users, body, helse_vest,
                                             django_capture_on_commit_callbacks):
    """The e-mail goes to the answerable seats: not to a member whose seat begins next
    week, nor to an observer."""
    later = person_with_user("nesteuke", body=body, organisation=helse_nord(),
                             name="Nils Neste")
    Representation.objects.filter(person__user=later).update(
        start_date=timezone.localdate() + timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        open_circulation(body, users)
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted(u.email for u in (users["member"], users["deputy"],
                                            helse_vest["member"], helse_vest["deputy"]))
    assert "Virksomheten kan endre svaret fram til svarfristen." in mail.outbox[0].body


# -- 2. quorum ------------------------------------------------------------------------------

FAILED_3_OF_9 = ("Sirkulasjonen var ikke beslutningsdyktig: 3 av 9 medlemsvirksomheter svarte, "
                 "minst 5 trengs.")


def test_without_quorum_the_circulation_fails_and_says_so(client, users, body,
                                                          django_capture_on_commit_callbacks):
    kommuner = more_members(body, 8)  # with Helse Nord: 9 member organisations
    meeting = later_meeting(body)
    circulation = open_circulation(body, users)
    services.circulation_answer(actor=users["member"], circulation=circulation,
                                organisation=helse_nord(), answer="agree")
    for user in kommuner[:2]:
        services.circulation_answer(actor=user, circulation=circulation,
                                    organisation=user.person.representations.get().organisation,
                                    answer="agree")
    mail.outbox.clear()

    circulation = close_at_deadline(circulation, django_capture_on_commit_callbacks)

    assert circulation.result == Circulation.Result.FAILED
    assert circulation.decision_text == FAILED_3_OF_9
    # The result page.
    page = client_for(client, users["member"]).get(circulation.get_absolute_url())
    html = page.content.decode()
    assert "Ikke beslutningsdyktig" in html and FAILED_3_OF_9 in html
    # The orientation case.
    item = circulation.orientation_item
    assert item.meeting == meeting
    assert FAILED_3_OF_9 in item.proposed_decision
    assert "ikke ble avgjort ved sirkulasjon" in item.proposed_decision
    assert "Resultat: ikke beslutningsdyktig" in item.purpose
    # The e-mail.
    [closed_mail] = [m for m in mail.outbox if m.to == [users["member"].email]]
    assert "Sirkulasjonssak avsluttet" in closed_mail.subject
    assert "Resultat: Ikke beslutningsdyktig." in closed_mail.body
    assert FAILED_3_OF_9 in closed_mail.body


@pytest.mark.parametrize("agree, disagree, abstain, result", [
    (3, 2, 0, Circulation.Result.ADOPTED),
    # Quorate (5 of 9 answered), but not more agree than disagree.
    (2, 2, 1, Circulation.Result.REJECTED),
    (1, 2, 2, Circulation.Result.REJECTED),
    # 4 of 9 is not more than half.
    (4, 0, 0, Circulation.Result.FAILED),
])
def test_with_quorum_adoption_needs_more_agree_than_disagree(
        client, users, body, django_capture_on_commit_callbacks, agree, disagree, abstain,
        result):
    kommuner = more_members(body, 8)
    circulation = open_circulation(body, users)
    answers = ["agree"] * agree + ["disagree"] * disagree + ["abstain"] * abstain
    for user, value in zip(kommuner, answers, strict=False):
        services.circulation_answer(actor=user, circulation=circulation,
                                    organisation=user.person.representations.get().organisation,
                                    answer=value)
    circulation = close_at_deadline(circulation, django_capture_on_commit_callbacks)
    assert circulation.result == result
    html = client_for(client, users["member"]).get(circulation.get_absolute_url()).content
    assert str(Circulation.Result(result).label) in html.decode()


def test_the_quorum_is_the_bodys(users, body, helse_vest, django_capture_on_commit_callbacks):
    body.circulation_quorum = 100
    body.full_clean()
    body.save()
    circulation = open_circulation(body, users)
    services.circulation_answer(actor=users["member"], circulation=circulation,
                                organisation=helse_nord(), answer="agree")
    circulation = close_at_deadline(circulation, django_capture_on_commit_callbacks)
    assert circulation.result == Circulation.Result.FAILED
    assert circulation.decision_text == (
        "Sirkulasjonen var ikke beslutningsdyktig: 1 av 2 medlemsvirksomheter svarte, "
        "minst 2 trengs.")

    body.circulation_quorum = 0  # any one answer
    body.save()
    second = open_circulation(body, users)
    services.circulation_answer(actor=users["member"], circulation=second,
                                organisation=helse_nord(), answer="agree")
    assert close_at_deadline(second, django_capture_on_commit_callbacks).result == (
        Circulation.Result.ADOPTED)

    body.circulation_quorum = 101
    with pytest.raises(ValidationError) as excinfo:
        body.full_clean()
    assert "circulation_quorum" in excinfo.value.error_dict


def test_the_secretariat_is_told_before_closing_without_quorum(client, users, body):
    more_members(body, 8)
    circulation = open_circulation(body, users)
    services.circulation_answer(actor=users["member"], circulation=circulation,
                                organisation=helse_nord(), answer="agree")
    client_for(client, users["secretariat"])
    url = reverse("reviews:circulation_close", args=[circulation.pk])

    page = client.get(url).content.decode()
    assert ("Sirkulasjonen er ikke beslutningsdyktig ennå: 1 av 9 medlemsvirksomheter har "
            "svart, minst 5 trengs.") in page
    assert 'name="decision_text"' not in page
    # A decision text posted anyway (an old page) is refused: there is no decision to word.
    response = client.post(url, {"decision_text": "Vedtatt likevel.",
                                 "version": circulation.version})
    assert response.status_code == 200
    assert "Det føres ikke noe vedtak" in response.content.decode()
    circulation.refresh_from_db()
    assert circulation.is_open

    response = client.post(url, {"decision_text": "", "version": circulation.version})
    assert response.status_code == 302
    circulation.refresh_from_db()
    assert circulation.result == Circulation.Result.FAILED
    assert circulation.decision_text == (
        "Sirkulasjonen var ikke beslutningsdyktig: 1 av 9 medlemsvirksomheter svarte, "
        "minst 5 trengs.")


# -- 3. changing an answer until the deadline -----------------------------------------------

def test_an_organisation_changes_its_answer_until_the_deadline(client, users, body,
                                                               monkeypatch):
    circulation = open_circulation(body, users)
    client_for(client, users["member"])
    url = answer_url(circulation)
    assert client.post(url, {"organisation": helse_nord().pk, "answer": "agree",
                             "comment": "Bra."}).status_code == 302

    # The form shows the current answer and offers to change it.
    page = client.get(url).content.decode()
    assert "Helse Nord RHF har svart enig (Martin Medlem" in page
    assert 'value="agree" checked' in page
    assert "Endre svaret" in page
    detail = client.get(circulation.get_absolute_url()).content.decode()
    assert "Endre svaret" in detail and url in detail

    # The deputy changes it.
    client.force_login(users["deputy"])
    response = client.post(url, {"organisation": helse_nord().pk, "answer": "disagree",
                                 "comment": "For tidlig."}, follow=True)
    html = response.content.decode()
    assert "Svaret er endret fra «Enig» til «Uenig»." in html
    assert "Helse Nord RHF har svart uenig (Vera Vara" in html
    [record] = CirculationAnswer.objects.all()
    assert (record.answer, record.comment, record.answered_by.name) == (
        "disagree", "For tidlig.", "Vera Vara")
    # simple-history keeps the old answer; each answer and change is an event.
    assert [h.answer for h in record.history.order_by("history_date")] == ["agree", "disagree"]
    events = Event.objects.filter(kind=EventKind.CIRCULATION_ANSWERED,
                                  subject_id=circulation.pk).order_by("at", "pk")
    assert [e.data for e in events] == [
        {"organisation": helse_nord().pk, "answer": "agree"},
        {"organisation": helse_nord().pk, "answer": "disagree", "changed_from": "agree"},
    ]
    assert events[1].actor == users["deputy"]
    assert events[1].summary == "Helse Nord RHF endret svaret fra Enig til Uenig"

    # The same answer again changes nothing and records nothing.
    client.post(url, {"organisation": helse_nord().pk, "answer": "disagree",
                      "comment": "For tidlig."})
    assert events.count() == 2

    # After the deadline nothing changes. (The deadline is brought near, so that the fixed
    # clock does not also end the login for being idle.)
    deadline = timezone.now() + timedelta(seconds=30)
    Circulation.objects.filter(pk=circulation.pk).update(deadline=deadline)
    fix_clock(monkeypatch, deadline)
    response = client.post(url, {"organisation": helse_nord().pk, "answer": "abstain"})
    assert "Svarfristen gikk ut" in response.content.decode()
    record.refresh_from_db()
    assert record.answer == "disagree" and events.count() == 2
    with pytest.raises(ReviewError, match="Svarfristen gikk ut"):
        services.circulation_answer(actor=users["member"], circulation=circulation,
                                    organisation=helse_nord(), answer="agree")


# -- 4. the orientation case goes through the agenda service --------------------------------

def test_after_the_notice_the_orientation_case_is_an_agenda_change(client, users, body):
    meeting = later_meeting(body, days=20)
    # The notice has gone out (set directly: the notice service is tested on its own).
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.NOTICE_SENT,
                                                 notice_sent_at=timezone.now())
    circulation = open_circulation(body, users)
    services.circulation_answer(actor=users["member"], circulation=circulation,
                                organisation=helse_nord(), answer="agree")
    client_for(client, users["secretariat"])

    response = client.post(reverse("reviews:circulation_close", args=[circulation.pk]),
                           {"decision_text": "", "version": circulation.version})

    assert response.status_code == 302
    circulation.refresh_from_db()
    item = circulation.orientation_item
    assert item.meeting_id == meeting.pk
    # Numbered at once and marked, as every case added after the notice.
    assert item.number is not None and item.year == meeting.date.year
    assert item.changed_after_notice
    change = AgendaChange.objects.get(meeting=meeting, item=item)
    assert change.kind == AgendaChange.Kind.ADDED
    assert change.actor == users["secretariat"]
    assert f"Sak {item.reference}" in change.description
    meeting.refresh_from_db()
    assert meeting.agenda_changed_at is not None
    titles = list(meeting.items.order_by("position").values_list("title", flat=True))
    assert titles[-2:] == [item.title, "Eventuelt"]
    assert item.history.earliest("history_date").history_user == users["secretariat"]


def test_the_deadline_adds_the_case_as_the_system(users, body,
                                                  django_capture_on_commit_callbacks):
    meeting = later_meeting(body)
    circulation = open_circulation(body, users)
    circulation = close_at_deadline(circulation, django_capture_on_commit_callbacks)
    item = circulation.orientation_item
    assert item.meeting_id == meeting.pk
    assert item.history.earliest("history_date").history_user is None


def test_a_long_title_does_not_stop_the_close(client, users, body):
    meeting = later_meeting(body)
    title = "Høringssvar " + "om digital sikkerhet " * 14
    title = title[:300]
    circulation = open_circulation(body, users, title=title)
    client_for(client, users["secretariat"])
    response = client.post(reverse("reviews:circulation_close", args=[circulation.pk]),
                           {"decision_text": "", "version": circulation.version})
    assert response.status_code == 302
    circulation.refresh_from_db()
    item = circulation.orientation_item
    assert item.meeting_id == meeting.pk
    assert len(item.title) <= 300 and item.title.endswith("sikkerhet…")
    assert item.title.startswith("Orientering om sirkulasjonsvedtak: Høringssvar om digital")
