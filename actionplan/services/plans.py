"""Action plans: create, edit, move through draft → under discussion → approved, link to
cases, and start next year's plan with the unfinished measures."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan.models import (
    ActionPlan,
    CaseLink,
    InvalidTransition,
    Measure,
    MeasureStatus,
    PlanArea,
    ProgressNote,
)
from actionplan.models.measure import UNFINISHED
from actionplan.services import actor_name
from events.models import EventKind
from events.services import event_record
from governance.permissions.actionplan import can_edit_plan
from meetings.models import AgendaItem, Meeting, Outcome
from normen_portal.access import require
from normen_portal.concurrency import check_unchanged

# Plans are discussed and approved in cases of meetings still to come.
LINKABLE_MEETING_STATUSES = (Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT)


@transaction.atomic
def plan_create(*, body, year, actor, title="", strategy=None, introduction=""):
    """A new draft plan; with a strategy, its focus areas become the plan's areas."""
    if actor is not None:
        require(can_edit_plan(actor, body))
    if ActionPlan.objects.filter(body=body, year=year).exists():
        raise ValidationError(
            {"year": _("%(body)s har allerede en handlingsplan for %(year)s.")
             % {"body": body.short_name, "year": year}}
        )
    plan = ActionPlan(body=body, year=year, title=title or _("Handlingsplan %(year)s")
                      % {"year": year}, strategy=strategy, introduction=introduction)
    plan.full_clean()
    plan._change_reason = _("Opprettet")
    plan.save()
    if strategy is not None:
        for focus in strategy.focus_areas.all():
            PlanArea.objects.create(plan=plan, number=focus.number, title=focus.title,
                                    description=focus.goal, focus_area=focus)
    return plan


@transaction.atomic
def plan_update(plan, *, actor, version, **fields):
    """Edit title, strategy or introduction; raises EditConflict if someone saved first."""
    require(can_edit_plan(actor, plan))
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    check_unchanged(plan, version, required=True)  # a form always carries its version
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.full_clean()
    plan.version += 1
    plan.save()
    return plan


def plan_transition(plan, to_status, *, actor=None, reason="", approved_on=None):
    """Move ``plan`` to ``to_status`` or raise InvalidTransition: the one place the rule
    lives. Runs in the caller's transaction (the signal handler's, or the view's service)."""
    if actor is not None:
        require(can_edit_plan(actor, plan))
    to_status = ActionPlan.Status(to_status)
    from_status = plan.status
    plan.move_to(to_status)
    if to_status == ActionPlan.Status.APPROVED:
        plan.approved_on = approved_on
        plan.approval_note = reason
    else:
        plan.approved_on = None
        plan.approval_note = ""
    plan.full_clean()
    plan.version += 1
    plan._change_reason = reason or to_status.label
    plan.save()
    event_record(EventKind.PLAN_STATUS, plan, body=plan.body_id, actor=actor,
                 summary=f"{plan}: {to_status.label}", reason=reason,
                 from_status=from_status, to_status=to_status.value)
    return plan


@transaction.atomic
def plan_change_status(plan, to_status, *, actor, reason, approved_on=None):
    """The secretariat's own status change, e.g. an approval made outside the portal
    («Endelig handlingsplan besluttet på styringsgruppemøtet i november»). A reason is
    required, so the record says why no case shows it."""
    require(can_edit_plan(actor, plan))
    if not reason.strip():
        raise ValidationError({"reason": _("Skriv hvorfor statusen endres, f.eks. hvor "
                                           "planen ble besluttet.")})
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    return plan_transition(plan, to_status, actor=actor, reason=reason.strip(),
                           approved_on=approved_on)


def linkable_cases(body):
    """Cases of the body's coming meetings (planned or notice sent) a plan can be put on."""
    return (
        AgendaItem.objects.filter(body=body, kind=AgendaItem.Kind.CASE,
                                  meeting__status__in=LINKABLE_MEETING_STATUSES)
        .exclude(standard__in=[AgendaItem.Standard.APPROVE_NOTICE,
                               AgendaItem.Standard.APPROVE_MINUTES])
        .select_related("meeting", "meeting__body")
        .order_by("meeting__date", "position")
    )


@transaction.atomic
def plan_link_case(plan, item, *, actor, purpose, measure=None):
    """Record that ``item`` deals with the plan (or with one of its measures). People pick
    among the cases of coming meetings; the demo loader (actor None) records past ones."""
    if actor is not None:
        require(can_edit_plan(actor, plan))
        if measure is None and not linkable_cases(plan.body).filter(pk=item.pk).exists():
            raise ValidationError({"item": _("Velg en sak i et planlagt møte eller et møte "
                                             "der innkallingen er sendt.")})
    if item.body_id != plan.body_id or not item.is_case:
        raise ValidationError({"item": _("Saken hører ikke til denne styringsgruppen.")})
    if measure is not None and measure.plan_id != plan.pk:
        raise ValidationError({"item": _("Tiltaket hører til en annen handlingsplan.")})
    if CaseLink.objects.filter(plan=plan, measure=measure, item=item).exists():
        raise ValidationError({"item": _("Saken er allerede koblet hit.")})
    link = CaseLink(plan=plan, measure=measure, item=item, purpose=purpose, created_by=actor)
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def plan_unlink_case(link, *, actor):
    require(can_edit_plan(actor, link.plan))
    if link.item.outcome:
        raise ValidationError(_("Saken er avgjort; koblingen er en del av historikken og kan "
                                "ikke fjernes."))
    link.delete()


def plan_case_decided(item, outcome):
    """React to a decision in a case linked to a whole plan (the case_decided signal).

    A discussion case that was actually dealt with puts a draft «under discussion»; an
    approval case decided as approved approves the plan with the meeting's date. A
    withdrawn or postponed case changes nothing: the plan was not dealt with.
    """
    if outcome in (Outcome.WITHDRAWN, Outcome.POSTPONED):
        return
    links = CaseLink.objects.filter(item=item, measure__isnull=True).select_related(
        "plan", "item__meeting"
    )
    for link in links:
        plan = ActionPlan.objects.select_for_update().get(pk=link.plan_id)
        reference = item.reference or item.title
        approved = outcome in (Outcome.APPROVED, Outcome.APPROVED_WITH_CHANGES)
        if link.purpose == CaseLink.Purpose.APPROVAL and approved and not plan.is_approved:
            note = (_("Vedtatt med endringer i sak %(ref)s") if
                    outcome == Outcome.APPROVED_WITH_CHANGES else _("Vedtatt i sak %(ref)s"))
            plan_transition(plan, ActionPlan.Status.APPROVED, reason=note % {"ref": reference},
                            approved_on=item.meeting.date)
        elif (link.purpose in (CaseLink.Purpose.DISCUSSION, CaseLink.Purpose.APPROVAL)
              and plan.status == ActionPlan.Status.DRAFT):
            plan_transition(plan, ActionPlan.Status.UNDER_DISCUSSION,
                            reason=_("Drøftet i sak %(ref)s") % {"ref": reference})


@transaction.atomic
def area_create(plan, *, actor, title, description=""):
    if actor is not None:
        require(can_edit_plan(actor, plan))
    number = 1 + max(plan.areas.values_list("number", flat=True), default=0)
    area = PlanArea(plan=plan, number=number, title=title.strip(), description=description)
    area.full_clean()
    area.save()
    return area


def next_code(plan, area):
    """The next free ID in the area: «2.9» after «2.8»; plain numbers without an area."""
    prefix = f"{area.number}." if area is not None else ""
    taken = set(Measure.objects.filter(plan=plan).values_list("code", flat=True))
    numbers = [int(code[len(prefix):]) for code in taken
               if code.startswith(prefix) and code[len(prefix):].isdigit()]
    candidate = max(numbers, default=0) + 1
    while f"{prefix}{candidate}" in taken:
        candidate += 1
    return f"{prefix}{candidate}"


def _matching_area(next_plan, area):
    if area is None:
        return None
    found = next_plan.areas.filter(title=area.title).first()
    if found is not None:
        return found
    number = area.number
    if next_plan.areas.filter(number=number).exists():
        number = 1 + max(next_plan.areas.values_list("number", flat=True))
    return PlanArea.objects.create(plan=next_plan, number=number, title=area.title,
                                   description=area.description, focus_area=area.focus_area)


@transaction.atomic
def plan_carry_over(plan, *, actor):
    """Start next year's plan (or add to it, if it is still a draft) with this plan's
    unfinished measures, each marked as carried over and linked to the one it continues.

    Returns ``(next_plan, carried)``. Measures already carried over are skipped, so running
    it twice copies nothing twice.
    """
    require(can_edit_plan(actor, plan))
    year = plan.year + 1
    next_plan = ActionPlan.objects.select_for_update().filter(body=plan.body, year=year).first()
    if next_plan is None:
        strategy = plan.strategy if plan.strategy and plan.strategy.covers(year) else None
        next_plan = plan_create(body=plan.body, year=year, actor=actor, strategy=strategy)
    elif next_plan.is_approved:
        raise InvalidTransition(_("Handlingsplan %(year)s er allerede godkjent; tiltak kan ikke "
                                  "overføres til den.") % {"year": year})
    unfinished = (
        plan.measures.filter(status__in=UNFINISHED, carried_to__isnull=True)
        .select_related("area").prefetch_related("responsible")
    )
    today = timezone.localdate()
    name = actor_name(actor)
    carried = 0
    for old in sorted(unfinished, key=lambda m: (m.area.number if m.area else 10**6,
                                                 m.sort_key)):
        area = _matching_area(next_plan, old.area)
        code = old.code
        if Measure.objects.filter(plan=next_plan, code=code).exists():
            code = next_code(next_plan, area)
        status = (MeasureStatus.ONGOING if old.status == MeasureStatus.ONGOING
                  else MeasureStatus.PLANNED)
        new = Measure(plan=next_plan, area=area, code=code, title=old.title,
                      description=old.description, responsible_text=old.responsible_text,
                      relevant_for=old.relevant_for, kind=old.kind, status=status,
                      carried_from=old)
        new.full_clean()
        new._change_reason = _("Videreført fra %(plan)s") % {"plan": plan.title}
        new.save()
        new.responsible.set(old.responsible.all())
        ProgressNote.objects.create(
            measure=new, date=today, previous_status="", status=status, author=actor,
            author_name=name,
            text=_("Videreført fra %(plan)s, der status var «%(status)s».")
            % {"plan": plan.title, "status": old.get_status_display()},
        )
        carried += 1
    return next_plan, carried
