"""Helpers the action plan views share."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import InvalidTransition


def add_service_errors(form, exc):
    """Put a service's ValidationError (or InvalidTransition) next to the fields it is
    about; what the user typed stays in the form."""
    if isinstance(exc, InvalidTransition):
        form.add_error(None, str(exc))
        return
    if not isinstance(exc, ValidationError):
        raise exc
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def index_crumb():
    return (reverse("actionplan:index"), _("Handlingsplan"))


def plan_crumbs(plan, *more):
    return [index_crumb(), (plan.get_absolute_url(), plan.title), *more]


def render_form(request, form, *, title, submit_label, cancel_url, crumbs, lead="",
                conflict=None, conflict_fields=(), status=200):
    return render(request, "actionplan/form.html", {
        "form": form, "title": title, "submit_label": submit_label, "cancel_url": cancel_url,
        "crumbs": [*crumbs, (request.path, title)], "lead": lead, "conflict": conflict,
        "conflict_fields": conflict_fields,
    }, status=status)
