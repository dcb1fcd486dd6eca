"""Proposals (innspill): members send them, the secretariat takes them in or answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplan import selectors
from actionplan.forms import ProposalAcceptForm, ProposalDeclineForm, ProposalForm
from actionplan.models import ActionPlan, Proposal
from actionplan.services import proposals as services
from actionplan.views.common import index_crumb, render_form
from governance.models import Body
from governance.permissions import Role, roles_by_body
from governance.permissions.actionplan import can_decide_proposal, can_propose, can_view_proposal
from normen_portal.access import require
from normen_portal.form_errors import apply_service_error


def _proposals_crumb():
    return (reverse("actionplan:proposal_list"), _("Innspill"))


@login_required
def proposal_create(request):
    roles = roles_by_body(request.user)
    require(any(role >= Role.OBSERVER for role in roles.values()),
            _("Bare medlemmer og observatører i styringsgruppen kan gi innspill."))
    initial = {}
    # The link from a plan's page names its body: the person chose it there, so it is
    # selected here. Never a body they cannot send proposals to, and never a default.
    body = Body.objects.filter(slug=request.GET.get("styringsgruppe", "")).first()
    if body is not None and can_propose(request.user, body.pk):
        initial["body"] = body
    if request.GET.get("ar", "").isdigit():
        initial["year"] = int(request.GET["ar"])
    form = ProposalForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                body=data["body"], year=data["year"], actor=request.user, title=data["title"],
                description=data["description"], organisation=data.get("organisation"))
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Takk! Innspillet ditt er sendt til sekretariatet."))
            return redirect(proposal)
    return render_form(
        request, form, title=_("Gi innspill til handlingsplanen"),
        lead=_("Foreslå prosjekter og satsingsområder som bør med i handlingsplanen. "
               "Sekretariatet går gjennom innspillene før planen drøftes i styringsgruppen."),
        submit_label=_("Send innspill"), cancel_url=reverse("actionplan:proposal_list"),
        crumbs=[index_crumb(), _proposals_crumb()],
    )


@login_required
def proposal_list(request):
    roles = roles_by_body(request.user)
    secretariat_of = [pk for pk, role in roles.items() if role >= Role.SECRETARIAT]
    readers_of = [pk for pk, role in roles.items() if role >= Role.OBSERVER]
    own = list(selectors.proposals_for_user(request.user))
    others = list(
        Proposal.objects.filter(body_id__in=readers_of).exclude(author=request.user)
        .select_related("body", "organisation", "measure__plan__body")
    ) if readers_of else []
    return render(request, "actionplan/proposal_list.html", {
        "own": own,
        "others": others,
        "is_secretariat": bool(secretariat_of),
        "can_propose": bool(readers_of),
        "crumbs": [index_crumb(), _proposals_crumb()],
    })


def _proposal(request, pk):
    proposal = get_object_or_404(
        Proposal.objects.select_related("body", "organisation", "measure__plan__body"), pk=pk)
    require(can_view_proposal(request.user, proposal))
    return proposal


@login_required
def proposal_detail(request, pk):
    proposal = _proposal(request, pk)
    plan = ActionPlan.objects.filter(body=proposal.body, year=proposal.year).first()
    can_decide = (can_decide_proposal(request.user, proposal)
                  and proposal.status == Proposal.Status.SUBMITTED)
    return render(request, "actionplan/proposal_detail.html", {
        "proposal": proposal,
        "plan": plan,
        "can_decide": can_decide,
        "accept_form": ProposalAcceptForm(plan=plan, prefix="ta-inn") if can_decide else None,
        "decline_form": ProposalDeclineForm(prefix="svar") if can_decide else None,
        "crumbs": [index_crumb(), _proposals_crumb(),
                   (proposal.get_absolute_url(), proposal.title)],
    })


@login_required
@require_POST
def proposal_accept(request, pk):
    proposal = _proposal(request, pk)
    require(can_decide_proposal(request.user, proposal))
    plan = ActionPlan.objects.filter(body=proposal.body, year=proposal.year).first()
    form = ProposalAcceptForm(request.POST, plan=plan, prefix="ta-inn")
    if form.is_valid():
        try:
            measure = services.proposal_accept(proposal, actor=request.user,
                                               area=form.cleaned_data["area"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Innspillet er tatt inn som tiltak %(code)s.")
                             % {"code": measure.code})
            return redirect(measure)
    return _detail_with_errors(request, proposal, plan, accept_form=form)


@login_required
@require_POST
def proposal_decline(request, pk):
    proposal = _proposal(request, pk)
    require(can_decide_proposal(request.user, proposal))
    form = ProposalDeclineForm(request.POST, prefix="svar")
    if form.is_valid():
        try:
            services.proposal_decline(proposal, actor=request.user,
                                      response=form.cleaned_data["response"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Svaret er lagret."))
            return redirect(proposal)
    plan = ActionPlan.objects.filter(body=proposal.body, year=proposal.year).first()
    return _detail_with_errors(request, proposal, plan, decline_form=form)


def _detail_with_errors(request, proposal, plan, accept_form=None, decline_form=None):
    return render(request, "actionplan/proposal_detail.html", {
        "proposal": proposal, "plan": plan, "can_decide": True,
        "accept_form": accept_form or ProposalAcceptForm(plan=plan, prefix="ta-inn"),
        "decline_form": decline_form or ProposalDeclineForm(prefix="svar"),
        "crumbs": [index_crumb(), _proposals_crumb(),
                   (proposal.get_absolute_url(), proposal.title)],
    })


