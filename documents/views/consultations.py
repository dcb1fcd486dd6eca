"""A consultation's page: invited organisations answer here; the secretariat sees every
response together and can enter one that came by e-mail."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents import selectors
from documents.forms import ResponseForm
from documents.models import Consultation, ConsultationResponse
from documents.services import consultations as services
from governance.models import Organisation
from governance.permissions.documents import (
    can_manage_documents,
    can_view_consultation,
    organisations_user_answers_for,
)
from normen_portal.access import require
from normen_portal.concurrency import EditConflict
from normen_portal.form_errors import apply_service_error


def _consultation(request, pk):
    consultation = (
        Consultation.objects.select_related("version__document__body")
        .prefetch_related("organisations").filter(pk=pk).first()
    )
    if consultation is None:
        raise Http404
    require(can_view_consultation(request.user, consultation))
    return consultation


def _answerable(user, consultation, manage):
    """The organisations this person may write for: their own, or any invited one for the
    secretariat."""
    if not consultation.is_open:
        return Organisation.objects.none()
    if manage:
        return consultation.organisations.all().order_by("name")
    return Organisation.objects.filter(
        pk__in=organisations_user_answers_for(user, consultation)).order_by("name")


@login_required
def consultation_page(request, pk):
    consultation = _consultation(request, pk)
    version = consultation.version
    manage = can_manage_documents(request.user, version.document.body_id)
    organisations = _answerable(request.user, consultation, manage)
    own = set(organisations_user_answers_for(request.user, consultation))
    responses = {r.organisation_id: r for r in consultation.responses.all()}
    chosen = request.GET.get("virksomhet") or request.POST.get("organisation")
    organisation = None
    if organisations:
        organisation = next((o for o in organisations if str(o.pk) == str(chosen)), None) or (
            next((o for o in organisations if o.pk in own), None) or organisations[0])
    existing = responses.get(organisation.pk) if organisation else None
    form = None
    conflict = None
    if organisation is not None:
        initial = {"organisation": organisation.pk,
                   "text": existing.text if existing else "",
                   "expected_version": existing.version if existing else None}
        data = None
        if request.method == "POST":
            data = request.POST.copy()
            # One organisation: the field is hidden, and the organisation is the obvious one.
            data.setdefault("organisation", str(organisation.pk))
        form = ResponseForm(data, organisations=organisations, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.consultation_respond(
                    consultation, actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    text=form.cleaned_data["text"],
                    expected_version=form.cleaned_data["expected_version"])
            except EditConflict as error:
                conflict = ConsultationResponse.objects.filter(
                    consultation=consultation,
                    organisation=form.cleaned_data["organisation"]).first()
                data = request.POST.copy()
                data["expected_version"] = conflict.version if conflict else ""
                form = ResponseForm(data, organisations=organisations)
                form.is_valid()
                apply_service_error(form, error)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("Innspillet er sendt. Du kan endre det til og med "
                                            "fristen."))
                return redirect(consultation.get_absolute_url()
                                + f"?virksomhet={form.cleaned_data['organisation'].pk}")
    elif request.method == "POST":
        messages.error(request, _("Høringen er avsluttet, eller du kan ikke gi innspill her."))
    all_responses, missing = (selectors.consultation_overview(consultation) if manage
                              else ([], []))
    own_responses = [r for r in responses.values() if r.organisation_id in own]
    return render(request, "documents/work/consultation.html", {
        "consultation": consultation, "version": version, "document": version.document,
        "can_manage": manage, "form": form, "organisation": organisation,
        "existing": existing, "conflict": conflict, "responses": all_responses,
        "missing": missing, "own_responses": own_responses,
        "organisations": organisations,
    }, status=400 if form is not None and form.errors else 200)


@login_required
@require_POST
def consultation_end(request, pk):
    consultation = _consultation(request, pk)
    require(can_manage_documents(request.user, consultation.version.document.body_id))
    services.consultation_end(consultation, actor=request.user)
    messages.success(request, _("Høringen er avsluttet, og versjonen er tilbake som utkast."))
    return redirect(consultation.version.get_workspace_url())
