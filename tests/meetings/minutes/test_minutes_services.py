"""Writing minutes: saving a case, optimistic locking, decisions, the meeting's life cycle,
locked approved minutes and corrections, history."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import Membership, Organisation
from meetings.models import AgendaItem, Meeting, MinutesCorrection, Outcome
from meetings.services import minutes as svc
from meetings.signals import case_decided
from normen_portal.concurrency import EditConflict

from ...factories import OrganisationFactory, RepresentationFactory
from .conftest import make_meeting


def save(item, user, **overrides):
    values = {"discussion": "<p>Helse Nord takker for gode oppdateringer.</p>",
              "decision_text": "Styringsgruppen tar orienteringen til etterretning.",
              "outcome": "", "statements": [], "expected_version": item.version}
    values.update(overrides)
    return svc.minutes_save_case(item, user, **values)


def test_secretariat_saves_the_minutes_of_a_case(users, case):
    hnord = Organisation.objects.get(name="Helse Nord RHF")
    saved = save(case, users["secretariat"], statements=[
        {"organisation": hnord, "speaker": "", "text": "Takker for gode oppdateringer."},
        {"organisation": None, "speaker": "SG-leder", "text": "Ta dette med i handlingsplanen."},
    ])
    case.refresh_from_db()
    assert case.version == saved.version == 2
    assert case.discussion == "<p>Helse Nord takker for gode oppdateringer.</p>"
    assert [(s.who, s.text) for s in case.statements.all()] == [
        ("Helse Nord", "Takker for gode oppdateringer."),
        ("SG-leder", "Ta dette med i handlingsplanen."),
    ]
    assert case.decided_at is None


def test_discussion_is_sanitized(users, case):
    save(case, users["secretariat"], discussion='<p onclick="x()">Tekst<script>alert(1)</script>'
                                                '</p><a href="javascript:x">l</a>')
    case.refresh_from_db()
    assert "script" not in case.discussion
    assert "onclick" not in case.discussion
    assert "javascript" not in case.discussion
    assert "<p>Tekst</p>" in case.discussion


@pytest.mark.parametrize("who", ["anonymous", "no_seat", "other_body_member", "observer",
                                 "member", "deputy"])
def test_only_the_secretariat_writes_minutes(users, case, who):
    user = users[who]
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        save(case, user)
    case.refresh_from_db()
    assert case.version == 1 and case.discussion == ""


def test_stale_version_raises_conflict_with_the_other_text(users, case):
    first_version = case.version
    save(case, users["secretariat"], discussion="<p>Den første teksten</p>")
    with pytest.raises(EditConflict) as exc:
        save(case, users["secretariat"], discussion="<p>Den andre teksten</p>",
             expected_version=first_version)
    assert exc.value.current.version == 2
    assert exc.value.current.discussion == "<p>Den første teksten</p>"
    case.refresh_from_db()
    assert case.discussion == "<p>Den første teksten</p>"
    assert case.version == 2


def test_saving_nothing_new_writes_no_history(users, case):
    save(case, users["secretariat"])
    case.refresh_from_db()
    count = case.history.count()
    save(case, users["secretariat"])
    case.refresh_from_db()
    assert case.history.count() == count
    assert case.version == 2


def test_history_records_who_saved(users, case):
    save(case, users["secretariat"])
    latest = case.history.latest()
    assert latest.history_user == users["secretariat"]
    assert latest.history_change_reason == "Referat lagret"
    assert latest.discussion == "<p>Helse Nord takker for gode oppdateringer.</p>"


def test_recording_a_decision_sets_decided_at_and_sends_the_signal(users, case):
    received = []

    def listener(sender, item, outcome, **kwargs):
        # Inside the transaction: the case is saved with its decision already.
        received.append((item.pk, outcome, AgendaItem.objects.get(pk=item.pk).decided_at))

    case_decided.connect(listener)
    try:
        decided = svc.case_record_decision(case, users["secretariat"], Outcome.NOTED,
                                           "Styringsgruppen tar saken til orientering.",
                                           case.version)
    finally:
        case_decided.disconnect(listener)
    assert decided.decided_at is not None
    assert received == [(case.pk, "noted", decided.decided_at)]
    assert decided.history.latest().history_change_reason == "Vedtak registrert"


def test_a_decision_needs_an_outcome(users, case):
    with pytest.raises(ValidationError) as exc:
        svc.case_record_decision(case, users["secretariat"], "", "Tekst", case.version)
    assert "outcome" in exc.value.message_dict
    case.refresh_from_db()
    assert case.decided_at is None


def test_failing_listener_undoes_the_decision(users, case):
    def listener(sender, **kwargs):
        raise RuntimeError("dokumentet kunne ikke godkjennes")

    case_decided.connect(listener)
    try:
        with pytest.raises(RuntimeError):
            svc.case_record_decision(case, users["secretariat"], Outcome.APPROVED, "Godkjent",
                                     case.version)
    finally:
        case_decided.disconnect(listener)
    case.refresh_from_db()
    assert case.decided_at is None and case.outcome == ""


def test_changing_the_outcome_of_a_decided_case_announces_it_again(users, case):
    decided = svc.case_record_decision(case, users["secretariat"], Outcome.POSTPONED, "Utsatt",
                                       case.version)
    received = []
    case_decided.connect(lambda sender, item, outcome, **kw: received.append(outcome),
                         weak=False, dispatch_uid="test-again")
    try:
        save(decided, users["secretariat"], outcome=Outcome.APPROVED, decision_text="Vedtatt",
             expected_version=decided.version)
        # Only the text changes: no new announcement.
        decided.refresh_from_db()
        save(decided, users["secretariat"], outcome=Outcome.APPROVED,
             decision_text="Vedtatt.", expected_version=decided.version)
    finally:
        case_decided.disconnect(dispatch_uid="test-again")
    assert received == ["approved"]


def test_approving_the_minutes_case_approves_the_previous_meeting(users, body):
    previous = make_meeting(body, status=Meeting.Status.MINUTES_REVIEW,
                            date=datetime.date(2023, 9, 27), first_number=23)
    meeting = make_meeting(body, status=Meeting.Status.IN_PROGRESS)
    approve = meeting.items.order_by("position").first()
    approve.standard = AgendaItem.Standard.APPROVE_MINUTES
    approve.previous_meeting = previous
    approve.save()
    svc.case_record_decision(approve, users["secretariat"], Outcome.APPROVED,
                             "Styringsgruppen godkjenner referatet", approve.version)
    previous.refresh_from_db()
    assert previous.status == Meeting.Status.MINUTES_APPROVED
    assert previous.minutes_approval_note == "Godkjent i sak 11/24"
    assert previous.minutes_approved_at is not None
    assert previous.history.latest().history_user == users["secretariat"]


def test_postponing_the_minutes_case_leaves_the_previous_minutes_in_review(users, body):
    previous = make_meeting(body, status=Meeting.Status.MINUTES_REVIEW,
                            date=datetime.date(2023, 9, 27), first_number=23)
    meeting = make_meeting(body, status=Meeting.Status.IN_PROGRESS)
    approve = meeting.items.order_by("position").first()
    approve.standard = AgendaItem.Standard.APPROVE_MINUTES
    approve.previous_meeting = previous
    approve.save()
    svc.case_record_decision(approve, users["secretariat"], Outcome.POSTPONED, "Utsatt",
                             approve.version)
    previous.refresh_from_db()
    assert previous.status == Meeting.Status.MINUTES_REVIEW


def test_minutes_case_cannot_approve_minutes_of_a_meeting_not_held(users, body):
    previous = make_meeting(body, status=Meeting.Status.NOTICE_SENT,
                            date=datetime.date(2023, 9, 27), first_number=23)
    meeting = make_meeting(body, status=Meeting.Status.IN_PROGRESS)
    approve = meeting.items.order_by("position").first()
    approve.standard = AgendaItem.Standard.APPROVE_MINUTES
    approve.previous_meeting = previous
    approve.save()
    with pytest.raises(ValidationError, match="27.09.2023"):
        svc.case_record_decision(approve, users["secretariat"], Outcome.APPROVED, "Godkjent",
                                 approve.version)
    approve.refresh_from_db()
    assert approve.decided_at is None


def test_mark_held_send_for_review_and_approve(users, body, django_capture_on_commit_callbacks):
    meeting = make_meeting(body, status=Meeting.Status.NOTICE_SENT)
    ks = OrganisationFactory(name="KS")
    Membership.objects.create(body=body, organisation=ks)
    member = RepresentationFactory(body=body, organisation=ks,
                                   person__email="ks@example.no").person
    RepresentationFactory(body=body, organisation=OrganisationFactory(name="Uten sete"),
                          person__email="utenfor@example.no")
    RepresentationFactory(body=body, role="secretariat", organisation=None,
                          person__email="sekr@example.no")
    secretariat = users["secretariat"]
    svc.meeting_mark_held(meeting, secretariat)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    with django_capture_on_commit_callbacks(execute=True):
        svc.minutes_send_for_review(meeting, secretariat)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_REVIEW
    assert meeting.minutes_sent_for_review_at is not None
    subject = "Utkast til referat fra møtet 10.06.2024 til gjennomlesning"
    sent = [m for m in mail.outbox if m.subject == subject]
    recipients = sorted(m.to[0] for m in sent)
    assert recipients == ["ks@example.no", "medlem@example.no", "observator@example.no",
                          "vara@example.no"]
    # Not the secretariat (it sends), not a seat for an organisation outside the body.
    assert "sekr@example.no" not in recipients and "utenfor@example.no" not in recipients
    assert all(len(m.to) == 1 for m in sent)
    message = next(m for m in sent if m.to == [member.email])
    assert f"/moter/{meeting.pk}/referat/" in message.body
    assert "Hei, " + member.name in message.body

    with pytest.raises(ValidationError):
        svc.minutes_approve(meeting, secretariat, "  ")
    svc.minutes_approve(meeting, secretariat, "Godkjent på e-post etter gjennomlesning")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_APPROVED
    assert meeting.minutes_approval_note == "Godkjent på e-post etter gjennomlesning"


def test_no_mail_when_the_transaction_is_rolled_back(users, meeting,
                                                     django_capture_on_commit_callbacks):
    from django.db import transaction

    RepresentationFactory(body=meeting.body, person__email="ks@example.no")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                svc.minutes_send_for_review(meeting, users["secretariat"])
                raise RuntimeError
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []


def test_meeting_cannot_be_marked_held_before_its_day(users, body):
    meeting = make_meeting(body, status=Meeting.Status.NOTICE_SENT,
                           date=datetime.date.today() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError):
        svc.meeting_mark_held(meeting, users["secretariat"])


@pytest.mark.parametrize("action", ["held", "review", "approve"])
def test_life_cycle_is_for_the_secretariat(users, meeting, action):
    call = {"held": lambda u: svc.meeting_mark_held(meeting, u),
            "review": lambda u: svc.minutes_send_for_review(meeting, u),
            "approve": lambda u: svc.minutes_approve(meeting, u, "Godkjent")}[action]
    with pytest.raises(PermissionDenied):
        call(users["member"])


def test_illegal_transition_is_an_error(users, body):
    from meetings.models import InvalidTransition

    planned = make_meeting(body, status=Meeting.Status.PLANNED)
    with pytest.raises(InvalidTransition):
        svc.minutes_send_for_review(planned, users["secretariat"])
    approved = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED,
                            date=datetime.date(2023, 9, 27), first_number=23)
    with pytest.raises(InvalidTransition):
        svc.minutes_approve(approved, users["secretariat"], "Igjen")


def test_minutes_cannot_be_written_before_the_notice(users, body):
    planned = make_meeting(body, status=Meeting.Status.PLANNED)
    item = planned.items.filter(kind="case").first()
    with pytest.raises(ValidationError):
        save(item, users["secretariat"])


def test_approved_minutes_are_locked(users, body):
    approved = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED)
    item = approved.items.filter(kind="case").first()
    with pytest.raises(svc.MinutesLocked):
        save(item, users["secretariat"])
    with pytest.raises(svc.MinutesLocked):
        svc.case_record_decision(item, users["secretariat"], Outcome.APPROVED, "x", item.version)
    item.refresh_from_db()
    assert item.version == 1


def test_correction_of_approved_minutes_is_a_recorded_revision(users, body):
    approved = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED)
    item = approved.items.filter(kind="case").first()
    values = {"discussion": "<p>HSØ: Rettet navn.</p>", "decision_text": "Tatt til orientering",
              "outcome": Outcome.NOTED, "statements": [], "expected_version": item.version}
    with pytest.raises(ValidationError) as exc:
        svc.minutes_correct(item, users["secretariat"], "", **values)
    assert "reason" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        svc.minutes_correct(item, users["member"], "Feil navn", **values)

    corrected = svc.minutes_correct(item, users["secretariat"], "Feil navn i diskusjonen",
                                    **values)
    assert corrected.discussion == "<p>HSØ: Rettet navn.</p>"
    assert corrected.version == 2
    correction = MinutesCorrection.objects.get(meeting=approved)
    assert correction.reason == "Feil navn i diskusjonen"
    assert correction.item == item and correction.made_by == users["secretariat"]
    latest = corrected.history.latest()
    assert latest.history_change_reason == "Rettelse: Feil navn i diskusjonen"
    assert latest.history_user == users["secretariat"]
    approved.refresh_from_db()
    assert approved.status == Meeting.Status.MINUTES_APPROVED


def test_correction_without_a_change_is_refused(users, body):
    approved = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED)
    item = approved.items.filter(kind="case").first()
    with pytest.raises(ValidationError, match="ikke endret"):
        svc.minutes_correct(item, users["secretariat"], "Ingenting", discussion="",
                            decision_text="", outcome="", statements=[],
                            expected_version=item.version)
    assert not MinutesCorrection.objects.exists()


def test_correction_is_only_for_approved_minutes(users, case):
    with pytest.raises(ValidationError, match="ikke godkjent"):
        svc.minutes_correct(case, users["secretariat"], "Feil", discussion="<p>x</p>",
                            decision_text="", outcome="", statements=[],
                            expected_version=case.version)


def test_statements_are_replaced_in_order_with_history(users, case):
    ks = OrganisationFactory(name="KS")
    hso = OrganisationFactory(name="Helse Sør-Øst RHF", short_name="HSØ")
    save(case, users["secretariat"], statements=[
        {"organisation": ks, "speaker": "", "text": "KI blir viktig."},
        {"organisation": hso, "speaker": "", "text": "Dybdeforsvar."},
    ])
    case.refresh_from_db()
    save(case, users["secretariat"], expected_version=case.version, statements=[
        {"organisation": hso, "speaker": "", "text": "Dybdeforsvar i leveransekjeder."},
    ])
    assert [(s.who, s.text) for s in case.statements.all()] == [
        ("HSØ", "Dybdeforsvar i leveransekjeder.")]
    from meetings.models import Statement

    assert Statement.history.filter(history_type="-").count() == 1


def test_statement_without_text_is_refused(users, case):
    with pytest.raises(ValidationError):
        save(case, users["secretariat"], statements=[
            {"organisation": OrganisationFactory(name="KS"), "speaker": "", "text": ""}])
