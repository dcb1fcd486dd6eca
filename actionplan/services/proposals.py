"""Proposals (innspill) for next year's plan, and the secretariat's answer to them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan.models import ActionPlan, MeasureKind, ProgressNote, Proposal
from actionplan.services import actor_name
from actionplan.services.measures import measure_create
from governance.models import Representation
from governance.permissions.actionplan import can_decide_proposal, can_propose
from normen_portal.access import require


def organisations_of(user, body):
    """The organisations the user holds a seat for in ``body`` (usually one)."""
    from governance.models import Organisation

    return Organisation.objects.filter(
        pk__in=Representation.objects.seated().filter(person__user=user, body=body,
                                                      organisation__isnull=False)
        .values("organisation_id")
    ).order_by("name")


def proposal_years(today=None):
    """Proposals are for this year's plan while it is being made, or next year's."""
    year = (today or timezone.localdate()).year
    return [year + 1, year]


@transaction.atomic
def proposal_create(*, body, year, actor, title, description, organisation=None):
    require(can_propose(actor, body))
    errors = {}
    if year not in proposal_years():
        errors["year"] = _("Innspill kan gis til årets eller neste års handlingsplan.")
    elif ActionPlan.objects.filter(body=body, year=year,
                                   status=ActionPlan.Status.APPROVED).exists():
        errors["year"] = _("Handlingsplan %(year)s er allerede godkjent.") % {"year": year}
    own = list(organisations_of(actor, body))
    if organisation is None and len(own) == 1:
        organisation = own[0]
    elif organisation is not None and organisation not in own:
        # Never trust the posted organisation: it must be one the user sits for.
        errors["organisation"] = _("Du representerer ikke denne virksomheten.")
    if errors:
        raise ValidationError(errors)
    proposal = Proposal(body=body, year=year, title=title.strip(),
                        description=description.strip(), organisation=organisation,
                        author=actor, author_name=actor_name(actor))
    proposal.full_clean()
    proposal.save()
    return proposal


def _open(proposal):
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("Innspillet er allerede behandlet."))
    return proposal


@transaction.atomic
def proposal_accept(proposal, *, actor, area=None):
    """Turn the proposal into a measure of the plan for its year, keeping the link both
    ways (the measure shows where it came from, the proposal which measure it became)."""
    require(can_decide_proposal(actor, proposal))
    proposal = _open(proposal)
    plan = ActionPlan.objects.filter(body=proposal.body, year=proposal.year).first()
    if plan is None:
        raise ValidationError(_("Handlingsplan %(year)s er ikke startet ennå. Start planen "
                                "først.") % {"year": proposal.year})
    if plan.is_approved:
        raise ValidationError(_("Handlingsplan %(year)s er allerede godkjent.")
                              % {"year": proposal.year})
    if area is not None and area.plan_id != plan.pk:
        raise ValidationError({"area": _("Området hører til en annen handlingsplan.")})
    measure = measure_create(plan, actor=actor, area=area, title=proposal.title,
                             description=proposal.description, kind=MeasureKind.NEW)
    ProgressNote.objects.create(
        measure=measure, date=timezone.localdate(), author=actor,
        author_name=actor_name(actor), previous_status="", status="",
        text=_("Tatt inn fra innspill fra %(source)s, sendt %(date)s.")
        % {"source": proposal.source, "date": timezone.localtime(proposal.created_at)
           .strftime("%d.%m.%Y")},
    )
    proposal.status = Proposal.Status.ACCEPTED
    proposal.measure = measure
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save()
    return measure


@transaction.atomic
def proposal_decline(proposal, *, actor, response):
    require(can_decide_proposal(actor, proposal))
    proposal = _open(proposal)
    if not response.strip():
        raise ValidationError({"response": _("Skriv et kort svar til den som sendte "
                                             "innspillet.")})
    proposal.status = Proposal.Status.DECLINED
    proposal.response = response.strip()
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.save()
    return proposal
