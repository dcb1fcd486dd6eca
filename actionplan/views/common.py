"""Helpers the action plan views share."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


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
