"""Decisions by circulation: put a proposed decision to the member organisations, collect one
answer per organisation, close at the deadline, record the decision and report it as an
orientation case at the next meeting."""

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

from ..models import (
    AgendaItem,
    CaseType,
    Circulation,
    CirculationAnswer,
    InvalidTransition,
    Meeting,
    Membership,
)
from ..permissions import require
from ..permissions_reviews import (
    answerable_organisations,
    can_manage_circulations,
    person_for,
)
from . import notifications
from .comments import ReviewError, comment_html, format_when


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


def _already_answered(answer):
    return _("%(org)s har allerede svart (%(who)s, %(when)s). Hver virksomhet svarer én gang.") % {
        "org": answer.organisation.name, "who": answer.answered_by.name,
        "when": format_when(answer.answered_at),
    }


@transaction.atomic
def circulation_answer(*, actor, circulation, organisation, answer, comment=""):
    """One answer for one member organisation; the member or, when the member has not
    answered, the deputy. A second answer for the same organisation is refused."""
    circulation = Circulation.objects.select_for_update().get(pk=circulation.pk)
    allowed = answerable_organisations(actor, circulation)
    require(bool(allowed))
    require(organisation is not None and organisation.pk in {o.pk for o in allowed},
            _("Du kan bare svare for en virksomhet du representerer."))
    if not circulation.is_open or timezone.now() >= circulation.deadline:
        raise ReviewError(_("Svarfristen gikk ut %(when)s. Det er ikke lenger mulig å svare.")
                          % {"when": format_when(circulation.deadline)})
    if answer not in CirculationAnswer.Answer.values:
        raise ValidationError({"answer": _("Velg enig, uenig eller avstår.")})
    comment = (comment or "").strip()
    if len(comment) > 2000:
        raise ValidationError({"comment": _(
            "Kommentaren er for lang: %(length)s tegn. Den kan være på høyst 2000 tegn. "
            "Teksten din er beholdt."
        ) % {"length": len(comment)}})
    existing = CirculationAnswer.objects.select_related("organisation", "answered_by").filter(
        circulation=circulation, organisation=organisation).first()
    if existing is not None:
        raise ReviewError(_already_answered(existing))
    record = CirculationAnswer(circulation=circulation, organisation=organisation,
                               answered_by=person_for(actor), answer=answer, comment=comment)
    record.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:
        # Two representatives of the same organisation answered at the same moment.
        existing = CirculationAnswer.objects.select_related(
            "organisation", "answered_by").get(circulation=circulation,
                                               organisation=organisation)
        raise ReviewError(_already_answered(existing)) from exc
    event_record(EventKind.CIRCULATION_ANSWERED, circulation, body=circulation.body_id,
                 actor=actor, summary=f"{organisation.name}: {record.get_answer_display()}",
                 organisation=organisation.pk, answer=answer)
    return record


@dataclass
class Tally:
    agree: int = 0
    disagree: int = 0
    abstain: int = 0
    eligible: list = field(default_factory=list)
    missing: list = field(default_factory=list)

    @property
    def answered(self):
        return self.agree + self.disagree + self.abstain

    @property
    def adopted(self):
        """A majority of those who took a side: more agree than disagree."""
        return self.agree > self.disagree

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
    )


def next_planned_meeting(body_id, after=None):
    after = after or timezone.localdate()
    return (Meeting.objects.filter(body_id=body_id, status=Meeting.Status.PLANNED,
                                   date__gte=after)
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
    if expected_version is not None and int(expected_version) != circulation.version:
        raise ReviewError(_("Sirkulasjonssaken er endret etter at du åpnet den. Se over og "
                            "prøv igjen."))
    tally = circulation_tally(circulation)
    circulation.move_to(Circulation.Status.CLOSED)
    circulation.closed_at = timezone.now()
    circulation.closed_by = actor
    circulation.result = (Circulation.Result.ADOPTED if tally.adopted
                          else Circulation.Result.REJECTED)
    circulation.result_summary = tally.summary
    decision_text = (decision_text or "").strip()
    if not decision_text:
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
        add_orientation_case(circulation, meeting)
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
    verb = _("vedtatt") if circulation.result == Circulation.Result.ADOPTED else _(
        "ikke vedtatt")
    proposed = _(
        "%(body)s tar til orientering at forslaget «%(title)s» ble %(verb)s ved sirkulasjon "
        "%(date)s. Vedtak: %(decision)s"
    ) % {"body": body.short_name, "title": circulation.title, "verb": verb, "date": date,
         "decision": circulation.decision_text}
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


def add_orientation_case(circulation, meeting):
    """«Orientering om sirkulasjonsvedtak: …» on ``meeting``'s agenda, before «Eventuelt»."""
    if circulation.orientation_item_id:
        return circulation.orientation_item
    proposed, purpose, background = _orientation_texts(circulation)
    items = list(meeting.items.order_by("position", "pk"))
    aob = next((i for i in items if i.standard == AgendaItem.Standard.ANY_OTHER_BUSINESS),
               None)
    if aob is None:
        position = (items[-1].position + 10) if items else 10
    else:
        position = aob.position
        # Make room: «Eventuelt» and whatever follows it move one step down. Saved one by one
        # so each move is in the items' history.
        for later in [i for i in items if i.position >= aob.position]:
            later.position += 10
            later.version += 1
            later._change_reason = _("Flyttet for orienteringssak om sirkulasjonsvedtak")
            later.save(update_fields=["position", "version"])
    item = AgendaItem(
        meeting=meeting, body_id=circulation.body_id, kind=AgendaItem.Kind.CASE,
        position=position, case_type=CaseType.ORIENTATION,
        title=_("Orientering om sirkulasjonsvedtak: %(title)s") % {"title": circulation.title},
        from_unit=_("Sekretariatet"), purpose=purpose, background=background,
        proposed_decision=proposed,
    )
    item.full_clean(validate_constraints=False)
    item._change_reason = _("Orienteringssak om sirkulasjonsvedtak")
    item.save()
    Circulation.objects.filter(pk=circulation.pk).update(orientation_item=item)
    circulation.orientation_item = item
    return item


def attach_pending_orientations(meeting):
    """A meeting planned after a circulation closed gets the orientation cases that had no
    meeting to go to."""
    if meeting.status != Meeting.Status.PLANNED or meeting.date < timezone.localdate():
        return []
    pending = Circulation.objects.filter(
        body_id=meeting.body_id, status=Circulation.Status.CLOSED,
        orientation_item__isnull=True,
    ).select_related("body").order_by("closed_at")
    return [add_orientation_case(c, meeting) for c in pending]
