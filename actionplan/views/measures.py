"""A measure's page (history, notes, cases) and the secretariat's forms for it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan import selectors
from actionplan.forms import MeasureCaseForm, MeasureEditForm, MeasureForm, StatusReportForm
from actionplan.services import measures as services
from actionplan.views.common import plan_crumbs, render_form
from governance.permissions import can_read_papers
from governance.permissions.actionplan import can_edit_plan, can_view_edit_history
from normen_portal.access import require
from normen_portal.concurrency import EditConflict
from normen_portal.form_errors import apply_service_error


@login_required
def measure_create(request, body_slug, year):
    plan = selectors.plan_for(request.user, body_slug, year)
    require(can_edit_plan(request.user, plan))
    form = MeasureForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.measure_create(plan, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Tiltak %(code)s er lagt til.") % {"code": measure.code})
            if "and_another" in request.POST:
                return redirect(plan.url("measure_create"))
            return redirect(measure)
    return render_form(request, form, title=_("Nytt tiltak i %(plan)s") % {"plan": plan.title},
                       submit_label=_("Legg til tiltak"), cancel_url=plan.get_absolute_url(),
                       crumbs=plan_crumbs(plan))


def measure_detail(request, pk):
    measure = selectors.measure_for(request.user, pk)
    plan = measure.plan
    chain = selectors.measure_lineage(measure)
    show_changes = can_view_edit_history(request.user, plan)
    proposal = getattr(measure, "proposal", None)
    notes = selectors.lineage_notes(chain,
                                    public=not can_read_papers(request.user, plan.body_id))
    return render(request, "actionplan/measure_detail.html", {
        "measure": measure,
        "plan": plan,
        "responsible": list(measure.responsible.order_by("name")),
        "chain": chain,
        "notes": notes.notes,
        "withheld_from": notes.withheld_from,
        "withheld_notes": notes.withheld_notes,
        "case_links": selectors.lineage_cases(chain, user=request.user),
        "plan_case_links": selectors.plan_case_links(plan, user=request.user),
        "changes": selectors.measure_changes(measure) if show_changes else None,
        "proposal": proposal if proposal and show_changes else None,
        "can_edit": can_edit_plan(request.user, plan),
        "crumbs": plan_crumbs(plan, (measure.get_absolute_url(),
                                     f"{measure.code} {measure.title}")),
    })


def _measure_fields(measure):
    return {"area": measure.area, "code": measure.code, "title": measure.title,
            "description": measure.description, "responsible_text": measure.responsible_text,
            "relevant_for": measure.relevant_for, "kind": measure.kind}


@login_required
def measure_edit(request, pk):
    measure = selectors.measure_for(request.user, pk)
    plan = measure.plan
    require(can_edit_plan(request.user, plan))
    selected = list(measure.responsible.all())
    initial = {**_measure_fields(measure), "responsible": selected, "version": measure.version}
    form = MeasureEditForm(request.POST or None, initial=initial, plan=plan, selected=selected)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        responsible = data.pop("responsible")
        try:
            services.measure_update(measure, actor=request.user, version=version,
                                    responsible=responsible, **data)
        except EditConflict as exc:
            conflict = exc.current
            apply_service_error(form, exc)
            form.take_version(conflict.version)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect(measure)
    conflict_fields = ()
    if conflict:
        conflict_fields = [
            (_("ID"), conflict.code), (_("Tiltak"), conflict.title),
            (_("Beskrivelse"), conflict.description),
            (_("Ansvarlig"), conflict.responsible_display()),
            (_("Relevant for"), conflict.relevant_for),
        ]
    return render_form(
        request, form, title=_("Rediger tiltak %(code)s") % {"code": measure.code},
        submit_label=_("Lagre"), cancel_url=measure.get_absolute_url(),
        crumbs=plan_crumbs(plan, (measure.get_absolute_url(), measure.code)),
        conflict=conflict, conflict_fields=conflict_fields,
    )


@login_required
def measure_status(request, pk):
    measure = selectors.measure_for(request.user, pk)
    plan = measure.plan
    require(can_edit_plan(request.user, plan))
    form = StatusReportForm(request.POST or None,
                            initial={"status": measure.status, "date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_report_status(measure, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Status for tiltak %(code)s er registrert.")
                             % {"code": measure.code})
            return redirect(measure)
    return render_form(
        request, form, title=_("Rapporter status: %(code)s %(title)s")
        % {"code": measure.code, "title": measure.title},
        lead=_("Nåværende status: %(status)s.") % {"status": measure.get_status_display()},
        submit_label=_("Registrer status"), cancel_url=measure.get_absolute_url(),
        crumbs=plan_crumbs(plan, (measure.get_absolute_url(), measure.code)),
    )


@login_required
def measure_link_case(request, pk):
    measure = selectors.measure_for(request.user, pk)
    plan = measure.plan
    require(can_edit_plan(request.user, plan))
    form = MeasureCaseForm(request.POST or None, body=plan.body)
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_link_case(measure, form.cleaned_data["item"], actor=request.user,
                                       purpose=form.cleaned_data["purpose"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Tiltaket er koblet til saken."))
            return redirect(measure)
    return render_form(
        request, form, title=_("Koble tiltak %(code)s til en sak") % {"code": measure.code},
        lead=_("Saker der tiltaket ble drøftet eller der det ble rapportert status på det."),
        submit_label=_("Koble til saken"), cancel_url=measure.get_absolute_url(),
        crumbs=plan_crumbs(plan, (measure.get_absolute_url(), measure.code)),
    )
