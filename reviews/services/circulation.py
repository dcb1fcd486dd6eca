"""Decisions by circulation: put a proposed decision to the member organisations, collect one
answer per organisation (changeable until the deadline), close at the deadline, record the
result (adopted, not adopted, or no quorum: ``Body.circulation_quorum``) and report it as an
orientation case at the next meeting, through the agenda service.

Who may answer is ``permissions_reviews.is_answerable``; this module asks it and nothing
else."""

from dataclasses import dataclass, field
from html import escape

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import EventKind
from events.services import event_record
from governance.models import Membership
from governance.permissions import person_for
from governance.permissions.reviews import (
    can_manage_circulations,
    is_answerable,
    member_organisation_seats,
)
from meetings.models import AgendaItem, CaseType, InvalidTransition, Meeting
from meetings.services.agenda import EDITABLE_STATUSES, item_create
from normen_portal.access import require
from normen_portal.concurrency import check_unchanged
from reviews.models import Circulation, CirculationAnswer
from reviews.services import notifications
from reviews.services.comments import ReviewError, comment_html, format_when


@transaction.atomic
def circulation_create(*, actor, body, title, proposed_decision, deadline, background=""):
    require(can_manage_circulations(actor, body.pk))
    if deadline is None or deadline <= timezone.now():
        raise ValidationError({"deadline": _("Svarfristen må være fram i tid.")})
    circulation = Circulation(
        body=body, title=(title or "").strip(),
        proposed_decision=(proposed_decision or "").strip(),
        background=comment_html(background) if (background or "").strip() else "",
        deadline=deadline, created_by=actor,
    )
    circulation.full_clean()
    circulation._change_reason = _("Sendt på sirkulasjon")
    circulation.save()
    event_record(EventKind.CIRCULATION_OPENED, circulation, body=body, actor=actor,
                 summary=circulation.title, deadline=deadline.isoformat())
    notifications.circulation_opened(circulation)
    return circulation


def _not_answerable(circulation):
    """Why an organisation's seat may not answer: the circulation is no longer open for
    answers (closed, or its deadline reached before the periodic task closed it)."""
    if not circulation.is_open:
        return _("Sirkulasjonssaken er avsluttet. Det er ikke lenger mulig å svare.")
    return _("Svarfristen gikk ut %(when)s. Det er ikke lenger mulig å svare.") % {
        "when": format_when(circulation.deadline)}


@transaction.atomic
def circulation_answer(*, actor, circulation, organisation, answer, comment=""):
    """The answer of one member organisation, given or changed by its member or deputy while
    the circulation is answerable (``permissions_reviews.is_answerable``). A change updates
    the organisation's answer: simple-history keeps the earlier one and the event names it
    (``changed_from``). The returned answer has ``changed_from`` (None for a first answer)."""
    # The row lock puts answers for one circulation, and its closing, in a queue: an answer
    # is counted by the close or refused after it, never lost in between.
    circulation = Circulation.objects.select_for_update().get(pk=circulation.pk)
    now = timezone.now()
    person = person_for(actor)
    seats = (member_organisation_seats(timezone.localdate(now))
             .filter(person=person, body_id=circulation.body_id) if person else None)
    require(seats is not None and seats.exists(), _(
        "Bare medlemmer og vara for medlemsvirksomheter svarer på sirkulasjonssaker."))
    seat = seats.filter(organisation=organisation).first() if organisation else None
    require(seat is not None, _("Du kan bare svare for en virksomhet du representerer."))
    if not is_answerable(circulation, seat, now):
        raise ReviewError(_not_answerable(circulation))
    if answer not in CirculationAnswer.Answer.values:
        raise ValidationError({"answer": _("Velg enig, uenig eller avstår.")})
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError({"comment": _(
            "Kommentaren er for lang: %(length)s tegn. Den kan være på høyst 2000 tegn. "
            "Teksten din er beholdt."
        ) % {"length": len(comment)}})
    record = CirculationAnswer.objects.select_for_update().filter(
        circulation=circulation, organisation=organisation).first()
    changed_from = None
    if record is None:
        record = CirculationAnswer(circulation=circulation, organisation=organisation)
        record._change_reason = _("Svar")
    else:
        if record.answer == answer and record.comment == comment:
            record.changed_from = None
            return record  # the same answer again: nothing changed, nothing to record
        changed_from = record.answer
        record._change_reason = _("Svaret endret fra «%(old)s»") % {
            "old": record.get_answer_display()}
        record.answered_at = now
    record.answered_by = person
    record.answer = answer
    record.comment = comment
    record.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:
        # Only where the row lock above is not a lock (SQLite, the local run): two
        # representatives of one organisation gave its first answer at the same moment.
        raise ReviewError(_("Noen andre svarte for %(org)s i samme øyeblikk. Se svaret og "
                            "endre det om du vil.") % {"org": organisation.name}) from exc
    record.changed_from = changed_from
    data = {"organisation": organisation.pk, "answer": answer}
    summary = f"{organisation.name}: {record.get_answer_display()}"
    if changed_from is not None:
        data["changed_from"] = changed_from
        summary = _("%(org)s endret svaret fra %(old)s til %(new)s") % {
            "org": organisation.name,
            "old": CirculationAnswer.Answer(changed_from).label,
            "new": record.get_answer_display()}
    event_record(EventKind.CIRCULATION_ANSWERED, circulation, body=circulation.body_id,
                 actor=actor, summary=summary, **data)
    return record


@dataclass
class Tally:
    agree: int = 0
    disagree: int = 0
    abstain: int = 0
    eligible: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    # Body.circulation_quorum: more than this percentage of the member organisations answer.
    quorum: int = 50

    @property
    def answered(self):
        return self.agree + self.disagree + self.abstain

    @property
    def members_answered(self):
        """Member organisations (of ``eligible``) that answered, abstaining included."""
        return len(self.eligible) - len(self.missing)

    @property
    def needed(self):
        """How many member organisations must answer: more than ``quorum`` percent of them,
        at most all of them, and never none (nobody answering decides nothing)."""
        total = len(self.eligible)
        return max(1, min(total, self.quorum * total // 100 + 1))

    @property
    def quorate(self):
        return self.members_answered >= self.needed

    @property
    def adopted(self):
        """Quorate, and a majority of those who took a side: more agree than disagree."""
        return self.quorate and self.agree > self.disagree

    @property
    def result(self):
        if not self.quorate:
            return Circulation.Result.FAILED
        return Circulation.Result.ADOPTED if self.adopted else Circulation.Result.REJECTED

    def _quorum_counts(self):
        total = len(self.eligible)
        return {
            "answered": self.members_answered, "needed": self.needed,
            "of": ngettext("%(total)s medlemsvirksomhet", "%(total)s medlemsvirksomheter",
                           total) % {"total": total},
        }

    @property
    def quorum_shortfall(self):
        """While open: «Sirkulasjonen er ikke beslutningsdyktig ennå: …»."""
        return _("Sirkulasjonen er ikke beslutningsdyktig ennå: %(answered)s av %(of)s har "
                 "svart, minst %(needed)s trengs.") % self._quorum_counts()

    @property
    def quorum_failed(self):
        """The record of a circulation that closed without quorum."""
        return _("Sirkulasjonen var ikke beslutningsdyktig: %(answered)s av %(of)s svarte, "
                 "minst %(needed)s trengs.") % self._quorum_counts()

    @property
    def summary(self):
        parts = [
            ngettext("%(n)s enig", "%(n)s enige", self.agree) % {"n": self.agree},
            ngettext("%(n)s uenig", "%(n)s uenige", self.disagree) % {"n": self.disagree},
            _("%(n)s avstår") % {"n": self.abstain},
            ngettext("%(n)s svarte ikke", "%(n)s svarte ikke", len(self.missing))
            % {"n": len(self.missing)},
        ]
        return _("%(parts)s (av %(total)s medlemsvirksomheter)") % {
            "parts": ", ".join(parts), "total": len(self.eligible)}


def circulation_tally(circulation):
    """The count so far, and the member organisations that have not answered."""
    counts = dict(circulation.answers.values_list("answer").annotate(n=Count("pk")))
    answered = set(circulation.answers.values_list("organisation_id", flat=True))
    eligible = [
        # The member organisations on the day the count stands for: today while the
        # circulation is open, the day it closed after that (the seat rule's ``on``).
        m.organisation for m in Membership.objects.current(
            timezone.localdate(circulation.closed_at) if circulation.closed_at else None,
        ).filter(body_id=circulation.body_id, kind=Membership.Kind.MEMBER)
        .select_related("organisation").order_by("sort_order", "organisation__name")
    ]
    return Tally(
        agree=counts.get(CirculationAnswer.Answer.AGREE, 0),
        disagree=counts.get(CirculationAnswer.Answer.DISAGREE, 0),
        abstain=counts.get(CirculationAnswer.Answer.ABSTAIN, 0),
        eligible=eligible,
        missing=[o for o in eligible if o.pk not in answered],
        quorum=circulation.body.circulation_quorum,
    )


def next_planned_meeting(body_id, after=None):
    """The body's next meeting whose agenda can still take a case: planned, or with its
    notice sent (then the agenda service numbers the case and records the change for the
    members, as for any case added after the notice)."""
    after = after or timezone.localdate()
    return (Meeting.objects.filter(body_id=body_id, date__gte=after,
                                   status__in=EDITABLE_STATUSES)
            .order_by("date", "start_time").first())


@transaction.atomic
def circulation_close(*, actor, circulation, decision_text=None, expected_version=None):
    """Close the circulation (``actor`` None: the deadline did it), record the result and
    the decision, and put an orientation case on the next planned meeting."""
    circulation = Circulation.objects.select_for_update().select_related("body").get(
        pk=circulation.pk)
    if actor is not None:
        require(can_manage_circulations(actor, circulation.body_id))
    if not circulation.can_move_to(Circulation.Status.CLOSED):
        raise InvalidTransition(_("Sirkulasjonssaken er allerede avsluttet."))
    check_unchanged(circulation, expected_version)
    tally = circulation_tally(circulation)
    decision_text = (decision_text or "").strip()
    if not tally.quorate and decision_text:
        # Without quorum the body decided nothing, so there is no decision text to record.
        raise ValidationError({"decision_text": _(
            "%(failed)s Det føres ikke noe vedtak, så la feltet stå tomt.") % {
            "failed": tally.quorum_shortfall}})
    circulation.move_to(Circulation.Status.CLOSED)
    circulation.closed_at = timezone.now()
    circulation.closed_by = actor
    circulation.result = tally.result
    circulation.result_summary = tally.summary
    if not tally.quorate:
        # The sentence with the numbers of the closing day is the record: the page, the
        # orientation case and the e-mail all show it, and later changes of membership or
        # quorum do not rewrite it.
        decision_text = tally.quorum_failed
    elif not decision_text:
        decision_text = circulation.proposed_decision if tally.adopted else _(
            "Forslaget til vedtak fikk ikke flertall og er ikke vedtatt.")
    circulation.decision_text = decision_text
    circulation.version += 1
    circulation.full_clean()
    circulation._change_reason = (_("Avsluttet av sekretariatet") if actor
                                  else _("Avsluttet ved svarfristen"))
    circulation.save()
    event_record(EventKind.CIRCULATION_CLOSED, circulation, body=circulation.body_id,
                 actor=actor, summary=f"{circulation.title}: {circulation.result_summary}",
                 reason=circulation._change_reason, result=circulation.result)
    meeting = next_planned_meeting(circulation.body_id)
    if meeting is not None:
        add_orientation_case(circulation, meeting, actor=actor)
    notifications.circulation_closed(circulation)
    return circulation


def close_due_circulations(now=None):
    """Close every open circulation whose deadline has passed (the periodic task)."""
    now = now or timezone.now()
    closed = 0
    for pk in Circulation.objects.filter(status=Circulation.Status.OPEN,
                                         deadline__lte=now).values_list("pk", flat=True):
        try:
            circulation_close(actor=None, circulation=Circulation(pk=pk))
        except InvalidTransition:
            continue  # closed by the secretariat in the meantime
        closed += 1
    return closed


def _orientation_texts(circulation):
    body = circulation.body
    date = formats.date_format(timezone.localtime(circulation.closed_at), "d.m.Y")
    values = {"body": body.short_name, "title": circulation.title, "date": date,
              "decision": circulation.decision_text}
    if circulation.result == Circulation.Result.FAILED:
        # decision_text holds «Sirkulasjonen var ikke beslutningsdyktig: …» with its numbers.
        proposed = _(
            "%(body)s tar til orientering at forslaget «%(title)s» ikke ble avgjort ved "
            "sirkulasjon %(date)s. %(decision)s"
        ) % values
    else:
        values["verb"] = (_("vedtatt") if circulation.result == Circulation.Result.ADOPTED
                          else _("ikke vedtatt"))
        proposed = _(
            "%(body)s tar til orientering at forslaget «%(title)s» ble %(verb)s ved "
            "sirkulasjon %(date)s. Vedtak: %(decision)s"
        ) % values
    answers = circulation.answers.select_related("organisation", "answered_by")
    lines = "".join(
        f"<li>{escape(a.organisation.display_short)}: {escape(a.get_answer_display())}"
        + (f" – {escape(a.comment)}" if a.comment else "") + "</li>"
        for a in answers
    )
    purpose = (
        "<p>" + escape(_("Sirkulasjonssaken ble sendt ut %(sent)s med svarfrist %(deadline)s. "
                         "Resultat: %(result)s, %(summary)s.") % {
            "sent": formats.date_format(timezone.localtime(circulation.created_at), "d.m.Y"),
            "deadline": format_when(circulation.deadline),
            "result": circulation.get_result_display().lower(),
            "summary": circulation.result_summary}) + "</p>"
        + (f"<ul>{lines}</ul>" if lines else "")
    )
    background = (
        "<p><strong>" + escape(_("Forslag til vedtak:")) + "</strong> "
        + escape(circulation.proposed_decision) + "</p>" + circulation.background
    )
    return proposed, purpose, background


def add_orientation_case(circulation, meeting, *, actor=None):
    """«Orientering om sirkulasjonsvedtak: …» on ``meeting``'s agenda, before «Eventuelt».

    Added through the agenda service like any other case, under its locks and rules: after
    the notice it is numbered at once and recorded as a change the members are told of.
    ``actor`` None is the system (the deadline closed the circulation, or a meeting was
    planned after it closed)."""
    if circulation.orientation_item_id:
        return circulation.orientation_item
    proposed, purpose, background = _orientation_texts(circulation)
    title = _("Orientering om sirkulasjonsvedtak: %(title)s") % {"title": circulation.title}
    # A circulation's title may use the case title's whole length; the prefix must not make
    # the close fail on it.
    limit = AgendaItem._meta.get_field("title").max_length
    if len(title) > limit:
        title = title[:limit - 1].rstrip() + "…"
    item = item_create(
        meeting, actor, kind=AgendaItem.Kind.CASE, case_type=CaseType.ORIENTATION,
        title=title,
        from_unit=_("Sekretariatet"), purpose=purpose, background=background,
        proposed_decision=proposed,
    )
    Circulation.objects.filter(pk=circulation.pk).update(orientation_item=item)
    circulation.orientation_item = item
    return item


def attach_pending_orientations(meeting):
    """A meeting planned after a circulation closed gets the orientation cases that had no
    meeting to go to."""
    if meeting.status not in EDITABLE_STATUSES or meeting.date < timezone.localdate():
        return []
    pending = Circulation.objects.filter(
        body_id=meeting.body_id, status=Circulation.Status.CLOSED,
        orientation_item__isnull=True,
    ).select_related("body").order_by("closed_at")
    return [add_orientation_case(c, meeting) for c in pending]
