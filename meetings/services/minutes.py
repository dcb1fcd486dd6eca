"""Writing the minutes: per case the discussion, statements, decision and outcome; the
meeting's way from held through review to approved minutes; corrections after approval.

Every write to a case is optimistic-locked on ``AgendaItem.version``: the editor sends the
version it loaded, and a stale one raises EditConflict (``normen_portal.concurrency``) instead
of overwriting what someone else saved in the meantime.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import EventKind
from events.services import event_record
from governance.permissions.meetings import can_edit_minutes, decision_refusal, meeting_has_begun
from meetings.models import (
    AgendaItem,
    InvalidTransition,
    Meeting,
    MinutesCorrection,
    Outcome,
    Statement,
)
from meetings.services.meetings import meeting_transition
from meetings.signals import case_decided
from normen_portal import deliveries, outbox
from normen_portal.access import require
from normen_portal.concurrency import check_unchanged
from normen_portal.models import Delivery
from normen_portal.richtext import sanitize

EDITABLE_STATUSES = {
    # Minutes are often taken live, so writing starts once the notice has numbered the cases.
    Meeting.Status.NOTICE_SENT, Meeting.Status.IN_PROGRESS, Meeting.Status.HELD,
    Meeting.Status.MINUTES_REVIEW,
}
APPROVING_OUTCOMES = {Outcome.APPROVED, Outcome.APPROVED_WITH_CHANGES}


def saved_case(item):
    """What someone else saved in the case, for the editor to show beside the person's own
    text after an EditConflict."""
    return {
        "discussion": item.discussion,
        "decision_text": item.decision_text,
        "outcome": item.outcome,
        "outcome_label": item.get_outcome_display() if item.outcome else "",
        "statements": [(s.who, s.text) for s in item.statements.all()],
    }


class MinutesLocked(ValidationError):
    """Approved minutes change only through minutes_correct()."""


class DecisionRefused(ValidationError):
    """The decision could not be recorded (``permissions_minutes.decision_refusal``); what
    else was typed in the same save is saved, and ``item`` is the case as saved."""

    def __init__(self, message, item):
        super().__init__(message)
        self.item = item


def _check_editable(meeting):
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise MinutesLocked(
            _("Referatet er godkjent og låst. Endringer må gjøres som en rettelse med "
              "begrunnelse.")
        )
    if meeting.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Referatet kan skrives når innkallingen er sendt."))


def _locked_case(item, expected_version):
    fresh = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting", "meeting__body")
        .get(pk=item.pk)
    )
    if not fresh.is_case:
        raise ValidationError(_("Bare saker har referat og vedtak."))
    # A version the editor did not get from us (stale, or not a number at all) is a
    # conflict: the person sees the case as it is now, nothing is overwritten.
    check_unchanged(fresh, expected_version)
    return fresh


def _clean_statements(statements):
    rows = []
    for spec in statements or []:
        text = (spec.get("text") or "").strip()
        organisation = spec.get("organisation")
        speaker = (spec.get("speaker") or "").strip()
        if not text and organisation is None and not speaker:
            continue
        rows.append((organisation.pk if organisation else None, speaker, text))
    return rows


def _statements_of(item):
    return [(s.organisation_id, s.speaker, s.text) for s in item.statements.all()]


def _replace_statements(item, rows, actor, reason):
    existing = list(item.statements.all())
    for position, (org_id, speaker, text) in enumerate(rows, start=1):
        statement = existing[position - 1] if position <= len(existing) else Statement(item=item)
        if (statement.pk and statement.organisation_id == org_id
                and statement.speaker == speaker and statement.text == text
                and statement.position == position):
            continue
        statement.organisation_id = org_id
        statement.speaker = speaker
        statement.text = text
        statement.position = position
        statement._history_user = actor
        statement._change_reason = reason
        statement.full_clean(exclude=["item"])
        statement.save()
    for statement in existing[len(rows):]:
        statement._history_user = actor
        statement._change_reason = reason
        statement.delete()


def _after_decision(item, actor):
    """What recording a decision sets off: approving the previous minutes for the standard
    case «Godkjenning av referat», then telling the other apps (inside the transaction, so a
    listener's failure undoes the decision too)."""
    if (item.standard == AgendaItem.Standard.APPROVE_MINUTES
            and item.outcome in APPROVING_OUTCOMES and item.previous_meeting_id):
        previous = Meeting.objects.select_for_update().get(pk=item.previous_meeting_id)
        # Minutes the secretariat already approved with a reason stay as they are.
        if previous.status != Meeting.Status.MINUTES_APPROVED:
            previous._history_user = actor
            try:
                meeting_transition(previous, Meeting.Status.MINUTES_APPROVED,
                                   reason=_("Godkjent i sak %(ref)s") % {"ref": item.reference},
                                   actor=actor, approved_in_case=item.pk)
            except InvalidTransition as exc:
                raise ValidationError(
                    _("Referatet fra møtet %(date)s kan ikke godkjennes ennå: %(why)s")
                    % {"date": formats.date_format(previous.date, "d.m.Y"), "why": exc}
                ) from exc
    case_decided.send(sender=AgendaItem, item=item, outcome=item.outcome)


def _apply(item, actor, *, discussion, decision_text, outcome, statements, reason):
    """Write the fields to the locked ``item``; returns True when anything changed."""
    if outcome and outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Velg et gyldig utfall.")})
    rows = _clean_statements(statements)
    for _org, _speaker, text in rows:
        if not text:
            raise ValidationError({"statements": _("Et innlegg mangler tekst.")})
    old_outcome = item.outcome
    before = (item.discussion, item.decision_text, item.outcome, _statements_of(item))
    item.discussion = sanitize(discussion or "", "document")
    item.decision_text = (decision_text or "").strip()
    item.outcome = outcome or ""
    if item.decided_at and not item.outcome:
        raise ValidationError({"outcome": _("Velg utfall for vedtaket.")})
    changed = before != (item.discussion, item.decision_text, item.outcome, rows)
    if not changed:
        return False
    item.version += 1
    item._history_user = actor
    item._change_reason = reason
    item.full_clean()
    item.save()
    _replace_statements(item, rows, actor, reason)
    if item.decided_at and (item.outcome, item.decision_text) != (old_outcome, before[1]):
        event_record(EventKind.DECISION_CHANGED, item, body=item.body_id, actor=actor,
                     summary=_("Sak %(ref)s: %(outcome)s") % {
                         "ref": item.reference, "outcome": item.get_outcome_display()},
                     reason=reason, meeting=item.meeting_id, outcome=item.outcome,
                     decision_text=item.decision_text)
    if item.decided_at and item.outcome != old_outcome:
        _after_decision(item, actor)
    return True


def minutes_save_case(item, actor, *, discussion, decision_text, outcome, statements,
                      expected_version, decide=False):
    """Save the minutes of one case (the editor's autosave, and its «Registrer vedtak» with
    ``decide=True``). ``statements`` is a list of ``{"organisation", "speaker", "text"}``.
    A saved decision whose outcome changes is announced again.

    Two steps, each atomic: the text is saved first, then the decision is recorded. When the
    decision is refused (DecisionRefused) the discussion and statements typed in the same
    save are kept."""
    require(can_edit_minutes(actor, item.meeting))
    with transaction.atomic():
        fresh = _locked_case(item, expected_version)
        _check_editable(fresh.meeting)
        if fresh.decided_at is not None:
            # A recorded decision changes under the decision rule too.
            _check_can_decide(fresh)
        _apply(fresh, actor, discussion=discussion, decision_text=decision_text,
               outcome=outcome, statements=statements, reason=_("Referat lagret"))
    if not decide or fresh.decided_at is not None:
        return fresh
    with transaction.atomic():
        fresh = _locked_case(fresh, fresh.version)
        refusal = decision_refusal(fresh.meeting)
        if refusal:
            raise DecisionRefused(refusal, fresh)
        if not fresh.outcome:
            raise DecisionRefused({"outcome": _("Velg utfall for vedtaket.")}, fresh)
        _record_decision(fresh, actor)
    return fresh


def _check_can_decide(item):
    refusal = decision_refusal(item.meeting)
    if refusal:
        raise DecisionRefused(refusal, item)


def _record_decision(item, actor):
    """Mark the locked ``item`` decided, with its event, and set off what follows."""
    if item.number is None:
        raise DecisionRefused(_("Saken har ikke saksnummer ennå, så vedtaket kan ikke "
                                "registreres."), item)
    item.decided_at = timezone.now()
    item.version += 1
    item._history_user = actor
    item._change_reason = _("Vedtak registrert")
    item.full_clean()
    item.save()
    event_record(EventKind.DECISION_RECORDED, item, body=item.body_id, actor=actor,
                 summary=_("Sak %(ref)s: %(outcome)s") % {
                     "ref": item.reference, "outcome": item.get_outcome_display()},
                 meeting=item.meeting_id, outcome=item.outcome,
                 decision_text=item.decision_text)
    _after_decision(item, actor)


@transaction.atomic
def case_record_decision(item, actor, outcome, decision_text, expected_version):
    """Record the decision on a case: the outcome and the decision text as the minutes will
    show them. Sets ``decided_at`` and sends ``case_decided``."""
    require(can_edit_minutes(actor, item.meeting))
    fresh = _locked_case(item, expected_version)
    _check_editable(fresh.meeting)
    _check_can_decide(fresh)
    if not outcome:
        raise ValidationError({"outcome": _("Velg utfall for vedtaket.")})
    statements = [{"organisation": s.organisation, "speaker": s.speaker, "text": s.text}
                  for s in fresh.statements.select_related("organisation")]
    _apply(fresh, actor, discussion=fresh.discussion, decision_text=decision_text,
           outcome=outcome, statements=statements, reason=_("Referat lagret"))
    if fresh.decided_at is None:
        _record_decision(fresh, actor)
    return fresh


@transaction.atomic
def minutes_correct(item, actor, reason, *, discussion, decision_text, outcome, statements,
                    expected_version):
    """Change approved minutes: a new recorded revision with the reason for it."""
    require(can_edit_minutes(actor, item.meeting))
    fresh = _locked_case(item, expected_version)
    if not fresh.meeting.is_minutes_approved:
        raise ValidationError(_("Referatet er ikke godkjent ennå. Endre det i "
                                "referatredigeringen."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv hvorfor referatet rettes.")})
    changed = _apply(fresh, actor, discussion=discussion, decision_text=decision_text,
                     outcome=outcome, statements=statements,
                     reason=_("Rettelse: %(reason)s") % {"reason": reason})
    if not changed:
        raise ValidationError(_("Du har ikke endret noe i saken."))
    correction = MinutesCorrection.objects.create(meeting=fresh.meeting, item=fresh,
                                                  reason=reason, made_by=actor)
    event_record(EventKind.CORRECTION_MADE, fresh, body=fresh.body_id, actor=actor,
                 summary=_("Rettelse i sak %(ref)s") % {"ref": fresh.reference or fresh.title},
                 reason=reason, meeting=fresh.meeting_id, correction=correction.pk,
                 item_version=fresh.version)
    return fresh


def _locked_meeting(meeting, actor):
    require(can_edit_minutes(actor, meeting))
    locked = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    locked._history_user = actor
    return locked


@transaction.atomic
def meeting_start(meeting, actor):
    """The secretariat opens the meeting when it begins; decisions are recorded from then."""
    locked = _locked_meeting(meeting, actor)
    if not meeting_has_begun(locked):
        raise ValidationError(_("Møtet kan ikke startes før møtetidspunktet."))
    return meeting_transition(locked, Meeting.Status.IN_PROGRESS, actor=actor)


@transaction.atomic
def meeting_mark_held(meeting, actor):
    locked = _locked_meeting(meeting, actor)
    if not meeting_has_begun(locked):
        raise ValidationError(_("Møtet kan ikke markeres som avholdt før det har begynt."))
    return meeting_transition(locked, Meeting.Status.HELD, actor=actor)


@transaction.atomic
def minutes_send_for_review(meeting, actor):
    """Send the draft minutes to the body's members and observers for review (e-mail through
    Celery once the change is committed; kept in the outbox if the broker is down)."""
    from meetings.tasks.minutes import minutes_reviewers, review_event, send_minutes_for_review

    locked = _locked_meeting(meeting, actor)
    meeting_transition(locked, Meeting.Status.MINUTES_REVIEW,
                       reason=_("Referat sendt på gjennomlesning"), actor=actor)
    # The transition's event is the message: one delivery per reviewer, and the job, in this
    # transaction.
    event = review_event(locked)
    deliveries.create(event, Delivery.Kind.MINUTES_REVIEW, [
        deliveries.Address(p.email, p.name, p.pk) for p in minutes_reviewers(locked)])
    outbox.enqueue(send_minutes_for_review, locked.pk, event.pk)
    return locked


@transaction.atomic
def minutes_approve(meeting, actor, reason):
    """The secretariat approves the minutes, with the reason on record (e.g. approved by
    e-mail when no further meeting is planned)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Skriv grunnlaget for godkjenningen.")})
    locked = _locked_meeting(meeting, actor)
    return meeting_transition(locked, Meeting.Status.MINUTES_APPROVED, reason=reason,
                              actor=actor)
