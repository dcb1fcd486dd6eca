"""Decisions by circulation: the list, putting a proposal out, answering it, following the
result live (htmx polling) and closing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms_reviews import (
    CirculationAnswerForm,
    CirculationCloseForm,
    CirculationForm,
    add_service_error,
)
from ..models import Body, Circulation, InvalidTransition
from ..permissions import Role, require, roles_by_body
from ..permissions_reviews import (
    answerable_organisations,
    can_manage_circulations,
    can_see_live_result,
    can_view_circulation,
)
from ..selectors_reviews import circulation_answers, circulations_for
from ..services import circulation as services
from ..services.comments import ReviewError
from .comments import login_required_htmx


def _circulation(pk):
    return get_object_or_404(
        Circulation.objects.select_related("body", "orientation_item",
                                           "orientation_item__meeting", "created_by"),
        pk=pk,
    )


def _secretariat_bodies(user):
    ids = [pk for pk, role in roles_by_body(user).items() if role >= Role.SECRETARIAT]
    return Body.objects.filter(pk__in=ids).order_by("name")


@login_required
def circulation_list(request):
    circulations = circulations_for(request.user)
    return render(request, "meetings/circulation/list.html", {
        "open": [c for c in circulations if c.is_open],
        "closed": [c for c in circulations if not c.is_open],
        "may_create": _secretariat_bodies(request.user).exists(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def circulation_create(request):
    require(_secretariat_bodies(request.user).exists())
    # No body is picked for the person: with several, they choose (see BodyChoiceField).
    form = CirculationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            circulation = services.circulation_create(
                actor=request.user, body=data["body"], title=data["title"],
                background=data["background"], proposed_decision=data["proposed_decision"],
                deadline=data["deadline"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Saken er sendt på sirkulasjon til medlemmene."))
            return redirect(circulation)
    return render(request, "meetings/circulation/form.html", {"form": form})


def _result_context(request, circulation):
    tally = services.circulation_tally(circulation)
    return {"circulation": circulation, "tally": tally,
            "answers": circulation_answers(circulation), "now": timezone.now()}


def circulation_detail(request, pk):
    circulation = _circulation(pk)
    if not can_view_circulation(request.user, circulation):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    mine = answerable_organisations(request.user, circulation)
    answers = circulation_answers(circulation)
    answered = {a.organisation_id: a for a in answers}
    context = {
        "circulation": circulation,
        "my_answers": [answered[o.pk] for o in mine if o.pk in answered],
        "can_answer": circulation.is_open and any(o.pk not in answered for o in mine),
        "can_manage": can_manage_circulations(request.user, circulation.body_id),
        "show_result": can_see_live_result(request.user, circulation),
    }
    if context["show_result"]:
        context.update(_result_context(request, circulation))
    return render(request, "meetings/circulation/detail.html", context)


@login_required_htmx
def circulation_result(request, pk):
    """The live count, polled by the detail page while the circulation is open."""
    circulation = _circulation(pk)
    require(can_see_live_result(request.user, circulation))
    return render(request, "meetings/circulation/_result.html",
                  _result_context(request, circulation))


@login_required
@require_http_methods(["GET", "POST"])
def circulation_answer(request, pk):
    circulation = _circulation(pk)
    organisations = answerable_organisations(request.user, circulation)
    require(bool(organisations), _("Bare medlemmer og vara for medlemsvirksomheter svarer på "
                                   "sirkulasjonssaker."))
    answered = {a.organisation_id: a for a in circulation_answers(circulation)}
    open_orgs = [o for o in organisations if o.pk not in answered]
    form = CirculationAnswerForm(request.POST or None, organisations=organisations,
                                 initial={"organisation": open_orgs[0] if open_orgs else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.circulation_answer(actor=request.user, circulation=circulation,
                                        organisation=data["organisation"],
                                        answer=data["answer"], comment=data["comment"])
        except ValidationError as exc:
            add_service_error(form, exc)
        except ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Svaret er registrert. Takk!"))
            return redirect(circulation)
    return render(request, "meetings/circulation/answer.html", {
        "circulation": circulation, "form": form, "single_org": len(organisations) == 1,
        "answered": [answered[o.pk] for o in organisations if o.pk in answered],
        "is_closed": not circulation.is_open or timezone.now() >= circulation.deadline,
    })


@login_required
@require_http_methods(["GET", "POST"])
def circulation_close(request, pk):
    circulation = _circulation(pk)
    require(can_manage_circulations(request.user, circulation.body_id))
    if not circulation.is_open:
        messages.info(request, _("Sirkulasjonssaken er allerede avsluttet."))
        return redirect(circulation)
    form = CirculationCloseForm(request.POST or None,
                                initial={"version": circulation.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.circulation_close(actor=request.user, circulation=circulation,
                                       decision_text=form.cleaned_data["decision_text"],
                                       expected_version=form.cleaned_data["version"])
        except (InvalidTransition, ReviewError) as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Sirkulasjonssaken er avsluttet og vedtaket registrert."))
            return redirect(circulation)
    return render(request, "meetings/circulation/close.html", {
        "circulation": circulation, "form": form,
        "tally": services.circulation_tally(circulation),
    })


urlpatterns = [
    path("sirkulasjon/", circulation_list, name="circulation_list"),
    path("sirkulasjon/ny/", circulation_create, name="circulation_create"),
    path("sirkulasjon/<int:pk>/", circulation_detail, name="circulation_detail"),
    path("sirkulasjon/<int:pk>/resultat/", circulation_result, name="circulation_result"),
    path("sirkulasjon/<int:pk>/svar/", circulation_answer, name="circulation_answer"),
    path("sirkulasjon/<int:pk>/avslutt/", circulation_close, name="circulation_close"),
]
