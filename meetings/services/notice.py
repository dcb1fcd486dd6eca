"""Sending the notice (innkalling og dagsorden) and, later, what changed in it.

Case numbers are drawn here. They run per body and calendar year (the year of the meeting
date) and continue across meetings: the first case of a meeting follows the highest number the
body has used that year, so «11/24» follows «10/24». The body row is locked for the whole
transaction, so two notices sent at the same moment queue up and the second sees the first's
numbers; the unique constraint on (body, year, number) is the database's guarantee on top.
Once drawn a number is never changed and never reused (see ``agenda.next_case_number``).

E-mails go out from a Celery task after the transaction commits, one message per recipient
with the agenda, a link to the papers and a calendar invitation.
"""

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.models import EventKind
from events.services import event_record
from governance.models import Membership, Representation
from governance.permissions import can_edit_body
from meetings.models import AgendaChange, AgendaItem, Meeting, NoticeDispatch
from meetings.services.agenda import lock_meeting, next_case_number
from meetings.services.meetings import meeting_transition
from normen_portal import deliveries, outbox
from normen_portal.access import require
from normen_portal.models import Delivery


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    organisation: str
    role: str
    person_id: int | None = None


def notice_recipients(meeting):
    """``(recipients, without_email)`` for the notice of ``meeting``: ``seat_recipients`` on
    the meeting date."""
    return seat_recipients(meeting.body_id, meeting.date)


def seat_recipients(body_id, on):
    """``(recipients, without_email)``: the body's representatives (chair, members and
    deputies, for member and observer organisations alike — observers attend too) seated on
    the day ``on``, one entry per person. The notice uses the meeting date; the body's page
    uses today, to show who would get no notice."""
    memberships = {
        m.organisation_id: m
        for m in Membership.objects.current(on).filter(body_id=body_id)
        .select_related("organisation")
    }
    reps = (
        Representation.objects.seated(on)
        .filter(body_id=body_id, role__in=Representation.SEAT_ROLES,
                organisation_id__in=list(memberships))
        .select_related("person")
    )
    chosen = {}
    for rep in reps:
        membership = memberships[rep.organisation_id]
        key = (membership.kind != Membership.Kind.MEMBER, membership.sort_order,
               membership.organisation.name, rep.role != Representation.Role.CHAIR,
               rep.role == Representation.Role.DEPUTY, rep.person.name)
        if rep.person_id in chosen and chosen[rep.person_id][0] <= key:
            continue
        chosen[rep.person_id] = (key, Recipient(
            name=rep.person.name, email=rep.person.email.strip(),
            organisation=membership.organisation.name, role=rep.get_role_display(),
            person_id=rep.person_id,
        ))
    ordered = [recipient for _key, recipient in sorted(chosen.values(), key=lambda kv: kv[0])]
    return ([r for r in ordered if r.email], [r for r in ordered if not r.email])


def _enqueue(dispatch, recipients=None):
    """One delivery per recipient (unless they exist: a resend), and the job that sends them,
    both in the caller's transaction: neither is lost if the process dies after the commit."""
    from meetings.tasks.notice import send_notice_emails

    if recipients is not None:
        kind = (Delivery.Kind.CHANGES if dispatch.kind == NoticeDispatch.Kind.CHANGES
                else Delivery.Kind.NOTICE)
        deliveries.create(dispatch, kind, [
            deliveries.Address(r.email, r.name, r.person_id) for r in recipients])
    outbox.enqueue(send_notice_emails, dispatch.pk)


def meeting_send_notice(meeting, actor):
    """Number the cases, mark the meeting «Innkalling sendt» and send the notice.

    Raises InvalidTransition if the meeting is not planned (e.g. the notice was already sent by
    someone else a moment ago). Returns the NoticeDispatch.
    """
    require(can_edit_body(actor, meeting.body_id))
    with transaction.atomic():
        current = lock_meeting(meeting)
        current._history_user = actor
        meeting_transition(current, Meeting.Status.NOTICE_SENT, reason=_("Innkalling sendt"))
        year, numbered = case_numbers(current)
        for item, number in numbered:
            item.number, item.year = number, year
            item._history_user = actor
            item._change_reason = _("Saksnummer %(ref)s tildelt ved innkalling") % {
                "ref": item.reference}
            item.full_clean()
            item.save()
        recipients, _missing = notice_recipients(current)
        dispatch = NoticeDispatch.objects.create(
            meeting=current, kind=NoticeDispatch.Kind.NOTICE, sequence=0, sent_by=actor,
            recipients=[asdict(r) for r in recipients],
        )
        _enqueue(dispatch, recipients)
    meeting.refresh_from_db()
    return dispatch


def case_numbers(meeting):
    """``(year, [(case, number), …])``: the numbers the notice gives the meeting's unnumbered
    cases, in agenda order. The notice calls it holding the body lock; the «Send innkalling»
    page calls it to say which numbers the cases will get, so the two cannot disagree."""
    year = meeting.date.year
    first = next_case_number(meeting.body_id, year)
    cases = meeting.items.filter(kind=AgendaItem.Kind.CASE, number__isnull=True)
    return year, [(item, first + i) for i, item in enumerate(cases.order_by("position", "pk"))]


def pending_changes(meeting):
    """Changes since the last message to the members, oldest first."""
    return meeting.agenda_changes.filter(dispatch__isnull=True).order_by("created_at", "pk")


def agenda_send_changes(meeting, actor):
    """Tell the members what changed since the last message, with an updated invitation."""
    require(can_edit_body(actor, meeting.body_id))
    with transaction.atomic():
        current = lock_meeting(meeting)
        if current.status != Meeting.Status.NOTICE_SENT:
            raise ValidationError(
                _("Endringer kan bare sendes når innkallingen er sendt og møtet ikke er avholdt.")
            )
        changes = list(pending_changes(current).select_for_update())
        if not changes:
            raise ValidationError(_("Det er ingen nye endringer å sende."))
        last = current.dispatches.aggregate(m=Max("sequence"))["m"]
        recipients, _missing = notice_recipients(current)
        dispatch = NoticeDispatch.objects.create(
            meeting=current, kind=NoticeDispatch.Kind.CHANGES,
            sequence=(last if last is not None else 0) + 1, sent_by=actor,
            recipients=[asdict(r) for r in recipients],
        )
        AgendaChange.objects.filter(pk__in=[c.pk for c in changes]).update(dispatch=dispatch)
        event_record(EventKind.AGENDA_CHANGED, current, body=current.body_id, actor=actor,
                     summary=ngettext("%(meeting)s: %(n)s endring sendt",
                                      "%(meeting)s: %(n)s endringer sendt", len(changes))
                     % {"meeting": current.title, "n": len(changes)},
                     changes=[c.pk for c in changes], dispatch=dispatch.pk)
        _enqueue(dispatch, recipients)
    return dispatch

