"""Decisions by circulation: the list, putting a proposal out, answering it, following the
result live (htmx polling) and closing it."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from governance.models import Body
from governance.permissions import Role, roles_by_body
from governance.permissions.reviews import (
    answerable_organisations,
    can_manage_circulations,
    can_see_live_result,
    can_view_circulation,
    represented_organisations,
)
from meetings.models import InvalidTransition
from normen_portal.access import require
from normen_portal.concurrency import EditConflict
from reviews.forms import (
    CirculationAnswerForm,
    CirculationCloseForm,
    CirculationForm,
    add_service_error,
)
from reviews.models import Circulation, CirculationAnswer
from reviews.selectors import circulation_answers, circulations_for
from reviews.services import circulation as services
from reviews.services.comments import ReviewError
from reviews.views.comments import login_required_htmx


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
    return render(request, "reviews/circulation/list.html", {
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
    return render(request, "reviews/circulation/form.html", {"form": form})


def _result_context(request, circulation):
    tally = services.circulation_tally(circulation)
    return {"circulation": circulation, "tally": tally,
            "answers": circulation_answers(circulation), "now": timezone.now()}


@dataclass
class AnswerState:
    """What a person may do with a circulation at one moment."""

    mine: list  # the member organisations they speak for today
    answerable: list  # those they may answer for now: the one rule, is_answerable
    answers: list  # the answers of ``mine``, in the same order

    @property
    def can_answer(self):
        return bool(self.answerable)

    @property
    def has_answered(self):
        """Every organisation they may answer for has answered: what is left is a change."""
        given = {a.organisation_id for a in self.answers}
        return self.can_answer and all(o.pk in given for o in self.answerable)


def _answer_state(user, circulation, now):
    mine = represented_organisations(user, circulation.body_id, timezone.localdate(now))
    answerable = answerable_organisations(user, circulation, now) if mine else []
    answered = {a.organisation_id: a for a in circulation_answers(circulation)} if mine else {}
    return AnswerState(mine=mine, answerable=answerable,
                       answers=[answered[o.pk] for o in mine if o.pk in answered])


def circulation_detail(request, pk):
    circulation = _circulation(pk)
    if not can_view_circulation(request.user, circulation):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    state = _answer_state(request.user, circulation, timezone.now())
    context = {
        "circulation": circulation,
        "state": state,
        "can_manage": can_manage_circulations(request.user, circulation.body_id),
        "show_result": can_see_live_result(request.user, circulation),
    }
    if context["show_result"]:
        context.update(_result_context(request, circulation))
    return render(request, "reviews/circulation/detail.html", context)


@login_required_htmx
def circulation_result(request, pk):
    """The live count, polled by the detail page while the circulation is open."""
    circulation = _circulation(pk)
    require(can_see_live_result(request.user, circulation))
    return render(request, "reviews/circulation/_result.html",
                  _result_context(request, circulation))


@login_required
@require_http_methods(["GET", "POST"])
def circulation_answer(request, pk):
    """Give or change the answer of one's organisation. Someone who speaks for a member
    organisation gets the page even after the deadline (it says why there is no form);
    anyone else is refused."""
    circulation = _circulation(pk)
    state = _answer_state(request.user, circulation, timezone.now())
    require(bool(state.mine), _("Bare medlemmer og vara for medlemsvirksomheter svarer på "
                                "sirkulasjonssaker."))
    current = {a.organisation_id: a for a in state.answers}
    # Start with an organisation that still owes its answer, else the first one; a given
    # answer is filled in, so that changing it starts from what it is.
    first = next((o for o in state.answerable if o.pk not in current), None) or (
        state.answerable[0] if state.answerable else None)
    initial = {"organisation": first}
    if first is not None and first.pk in current:
        initial.update(answer=current[first.pk].answer, comment=current[first.pk].comment)
    # After the deadline the form still takes a post for the person's organisations, so that
    # the service, not the form, is the one to refuse it (and says why).
    form = CirculationAnswerForm(request.POST or None,
                                 organisations=state.answerable or state.mine, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.circulation_answer(
                actor=request.user, circulation=circulation, organisation=data["organisation"],
                answer=data["answer"], comment=data["comment"])
        except (ValidationError, ReviewError) as exc:
            add_service_error(form, exc)
        else:
            if record.changed_from:
                messages.success(request, _("Svaret er endret fra «%(old)s» til «%(new)s».") % {
                    "old": CirculationAnswer.Answer(record.changed_from).label,
                    "new": record.get_answer_display()})
            else:
                messages.success(request, _("Svaret er registrert. Takk!"))
            return redirect(circulation)
        # The deadline may have passed while the form was open: ask the rule again.
        state = _answer_state(request.user, circulation, timezone.now())
    return render(request, "reviews/circulation/answer.html", {
        "circulation": circulation, "form": form, "state": state,
        "single_org": len(state.answerable) == 1,
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
        except (InvalidTransition, EditConflict, ReviewError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Sirkulasjonssaken er avsluttet og vedtaket registrert."))
            return redirect(circulation)
    return render(request, "reviews/circulation/close.html", {
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
