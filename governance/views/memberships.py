"""The organisations of a body, for its secretariat: the list, adding one, changing its
membership and ending it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from governance import selectors
from governance.body_forms import MembershipAddForm, MembershipEditForm, MembershipEndForm
from governance.services import memberships as services
from governance.views.common import body_crumbs, posted, render_body_page, render_form
from normen_portal.form_errors import apply_service_error


def _list_url(body):
    return reverse("governance:membership_list", args=[body.slug])


@login_required
def membership_list(request, slug):
    body = selectors.body_for_secretariat(request.user, slug)
    rows = selectors.memberships_of(body)
    return render_body_page(request, "governance/membership_list.html", body, "organisations", {
        "current": [m for m in rows if m.state == "current"],
        "coming": [m for m in rows if m.state == "coming"],
        "ended": [m for m in rows if m.state == "ended"],
        "crumbs": body_crumbs(body, "organisations"),
    })


@login_required
def membership_create(request, slug):
    body = selectors.body_for_secretariat(request.user, slug)
    form = MembershipAddForm(posted(request), body=body)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(body, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _(
                "%(org)s er lagt til som %(kind)s. Legg til representantene under.") % {
                "org": membership.organisation.name,
                "kind": membership.get_kind_display().lower()})
            return redirect(reverse("governance:person_create", args=[body.slug])
                            + f"?virksomhet={membership.organisation_id}")
    return render_form(request, body, "organisations", form,
                       title=_("Legg til virksomhet"), submit_label=_("Legg til virksomhet"),
                       cancel_url=_list_url(body),
                       lead=_("Velg en virksomhet som er registrert i portalen, eller skriv "
                              "navnet på en ny."))


@login_required
def membership_edit(request, slug, pk):
    body = selectors.body_for_secretariat(request.user, slug)
    membership = selectors.membership_in_body(body, pk)
    initial = {f: getattr(membership, f) for f in services.EDITABLE_FIELDS}
    form = MembershipEditForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(membership, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Endringene for %(org)s er lagret.") % {
                "org": membership.organisation.name})
            return redirect(_list_url(body))
    end_url = reverse("governance:membership_end", args=[body.slug, membership.pk])
    return render_form(request, body, "organisations", form,
                       title=_("Endre medlemskap: %(org)s") % {
                           "org": membership.organisation.name},
                       submit_label=_("Lagre"), cancel_url=_list_url(body),
                       extra={"end_url": None if membership.end_date else end_url})


@login_required
def membership_end(request, slug, pk):
    body = selectors.body_for_secretariat(request.user, slug)
    membership = selectors.membership_in_body(body, pk)
    form = MembershipEndForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(membership, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Medlemskapet til %(org)s er avsluttet.") % {
                "org": membership.organisation.name})
            return redirect(_list_url(body))
    return render_form(
        request, body, "organisations", form,
        title=_("Avslutt medlemskap: %(org)s") % {"org": membership.organisation.name},
        submit_label=_("Avslutt medlemskapet"), cancel_url=_list_url(body),
        lead=_("Virksomheten går ut av styringsgruppen etter siste dag. Representantene "
               "for den avsluttes samme dag. Ingenting slettes: referater og oppmøtelister "
               "viser fortsatt virksomheten."))
