"""The plan pages: list, one plan as a table, the status report for a meeting, and the
secretariat's forms for plans, areas, case links and carrying over."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actionplan import selectors
from actionplan.forms import (
    AreaForm,
    PlanCaseForm,
    PlanCreateForm,
    PlanEditForm,
    PlanFilterForm,
    PlanStatusForm,
)
from actionplan.models import ActionPlan, CaseLink, InvalidTransition, Strategy
from actionplan.services import plans as services
from actionplan.views.common import index_crumb, plan_crumbs, render_form
from governance.permissions import can_read_papers, is_secretariat_anywhere
from governance.permissions.actionplan import can_edit_plan, can_propose, can_view_edit_history
from meetings.models import Meeting
from normen_portal.access import require
from normen_portal.concurrency import EditConflict
from normen_portal.form_errors import apply_service_error


def index(request):
    plans = (selectors.visible_plans(request.user)
             .annotate(measure_count=Count("measures")).order_by("body__name", "-year"))
    strategies = Strategy.objects.select_related("body").order_by("body__name", "-start_year")
    by_body = {}
    for body, rows in groupby(plans, key=lambda p: p.body):
        by_body.setdefault(body.pk, {"body": body, "plans": [], "strategies": []})
        by_body[body.pk]["plans"] = list(rows)
    for strategy in strategies:
        if strategy.body_id in by_body:
            by_body[strategy.body_id]["strategies"].append(strategy)
    return render(request, "actionplan/index.html", {
        "groups": list(by_body.values()),
        "can_create": is_secretariat_anywhere(request.user),
    })


@login_required
def plan_create(request):
    require(is_secretariat_anywhere(request.user))
    form = PlanCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(body=data["body"], year=data["year"],
                                        actor=request.user, title=data["title"],
                                        strategy=data["strategy"],
                                        introduction=data["introduction"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("%(plan)s er opprettet som utkast.") % {"plan": plan})
            return redirect(plan)
    return render_form(request, form, title=_("Ny handlingsplan"),
                       submit_label=_("Opprett handlingsplan"),
                       cancel_url=reverse("actionplan:index"), crumbs=[index_crumb()])


def plan_detail(request, body_slug, year):
    plan = selectors.plan_for(request.user, body_slug, year)
    organisations = selectors.responsible_organisations(plan)
    filter_form = PlanFilterForm(request.GET or None, organisations=organisations)
    filters = filter_form.filters()
    can_edit = can_edit_plan(request.user, plan)
    return render(request, "actionplan/plan_detail.html", {
        "plan": plan,
        "table": selectors.plan_table(plan, **filters),
        "organisations": organisations,
        "filter_form": filter_form,
        "filtered": bool(filters["status"] or filters["organisation"]),
        "case_links": selectors.plan_case_links(plan, user=request.user),
        "meetings": selectors.plan_meetings(plan),
        "can_edit": can_edit,
        "can_propose": can_propose(request.user, plan.body),
        "can_see_drafts": can_view_edit_history(request.user, plan),
        "export_query": request.GET.urlencode(),
        "crumbs": [index_crumb(), (plan.get_absolute_url(), plan.title)],
    })


@login_required
def plan_edit(request, body_slug, year):
    plan = selectors.plan_for(request.user, body_slug, year)
    require(can_edit_plan(request.user, plan))
    initial = {"title": plan.title, "strategy": plan.strategy, "introduction": plan.introduction,
               "version": plan.version}
    form = PlanEditForm(request.POST or None, initial=initial, plan=plan)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_update(plan, actor=request.user, version=data["version"],
                                 title=data["title"], strategy=data["strategy"],
                                 introduction=data["introduction"])
        except EditConflict as exc:
            conflict = exc.current
            apply_service_error(form, exc)
            form.take_version(conflict.version)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect(plan)
    return render_form(
        request, form, title=_("Rediger %(plan)s") % {"plan": plan.title},
        submit_label=_("Lagre"), cancel_url=plan.get_absolute_url(), crumbs=plan_crumbs(plan),
        conflict=conflict,
        conflict_fields=[(_("Tittel"), conflict.title),
                         (_("Strategi"), conflict.strategy or ""),
                         (_("Innledning"), conflict.introduction)] if conflict else (),
    )


@login_required
def plan_status(request, body_slug, year):
    plan = selectors.plan_for(request.user, body_slug, year)
    require(can_edit_plan(request.user, plan))
    if not plan.TRANSITIONS[ActionPlan.Status(plan.status)]:
        messages.info(request, _("%(plan)s er godkjent; statusen kan ikke endres.")
                      % {"plan": plan.title})
        return redirect(plan)
    form = PlanStatusForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_change_status(plan, data["to_status"], actor=request.user,
                                        reason=data["reason"], approved_on=data["approved_on"])
        except (ValidationError, InvalidTransition) as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Statusen er endret."))
            return redirect(plan)
    return render_form(
        request, form, title=_("Endre status for %(plan)s") % {"plan": plan.title},
        lead=_("Vanligvis endres statusen når vedtaket i en koblet sak registreres. Bruk "
               "dette skjemaet når planen ble behandlet utenfor portalen, og skriv hvor."),
        submit_label=_("Endre status"), cancel_url=plan.get_absolute_url(),
        crumbs=plan_crumbs(plan),
    )


@login_required
def plan_link_case(request, body_slug, year):
    plan = selectors.plan_for(request.user, body_slug, year)
    require(can_edit_plan(request.user, plan))
    form = PlanCaseForm(request.POST or None, cases=services.linkable_cases(plan.body))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_link_case(plan, data["item"], actor=request.user,
                                    purpose=data["purpose"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Planen er koblet til sak «%(case)s».")
                             % {"case": data["item"].title})
            return redirect(plan)
    return render_form(
        request, form, title=_("Behandle %(plan)s i et møte") % {"plan": plan.title},
        lead=_("Velg saken i et kommende møte der planen skal drøftes eller godkjennes."),
        submit_label=_("Koble til saken"), cancel_url=plan.get_absolute_url(),
        crumbs=plan_crumbs(plan),
    )


@login_required
@require_POST
def case_unlink(request, pk):
    link = get_object_or_404(CaseLink.objects.select_related("plan__body", "item", "measure"),
                             pk=pk)
    require(can_edit_plan(request.user, link.plan))
    target = link.measure or link.plan
    try:
        services.plan_unlink_case(link, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Koblingen til saken er fjernet."))
    return redirect(target)


@login_required
def area_create(request, body_slug, year):
    plan = selectors.plan_for(request.user, body_slug, year)
    require(can_edit_plan(request.user, plan))
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            area = services.area_create(plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Området «%(area)s» er lagt til.") % {"area": area})
            return redirect(plan)
    return render_form(request, form, title=_("Nytt område i %(plan)s") % {"plan": plan.title},
                       submit_label=_("Legg til område"), cancel_url=plan.get_absolute_url(),
                       crumbs=plan_crumbs(plan))


@login_required
@require_POST
def plan_carry_over(request, body_slug, year):
    plan = selectors.plan_for(request.user, body_slug, year)
    require(can_edit_plan(request.user, plan))
    try:
        next_plan, carried = services.plan_carry_over(plan, actor=request.user)
    except (ValidationError, InvalidTransition) as exc:
        messages.error(request, str(exc) if isinstance(exc, InvalidTransition)
                       else " ".join(exc.messages))
        return redirect(plan)
    messages.success(request, ngettext("%(count)s uferdig tiltak er overført til %(plan)s.",
                                       "%(count)s uferdige tiltak er overført til %(plan)s.",
                                       carried) % {"count": carried, "plan": next_plan.title})
    return redirect(next_plan)


def status_report(request, body_slug, year, meeting_pk):
    plan = selectors.plan_for(request.user, body_slug, year)
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=meeting_pk,
                                body=plan.body)
    report = selectors.status_report(plan, meeting,
                                     public=not can_read_papers(request.user, plan.body_id))
    return render(request, "actionplan/status_report.html", {
        "plan": plan, "report": report, "meeting": meeting,
        "crumbs": plan_crumbs(plan, (request.path, _("Statusrapport"))),
    })
