"""The people of a body, for its secretariat: the list, adding a person with their role,
changing their details and roles, and replacing a representative from a date."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from governance import selectors
from governance.body_forms import PersonAddForm, PersonFields, ReplaceForm, RepresentationForm
from governance.services import invitations
from governance.services import people as services
from governance.services.common import day
from governance.views.common import body_crumbs, posted, render_body_page, render_form
from normen_portal.form_errors import apply_service_error

PERSON_KEYS = ("name", "email", "phone", "title")
REPRESENTATION_KEYS = ("organisation", "role", "start_date", "end_date")


def _list_url(body):
    return reverse("governance:person_list", args=[body.slug])


def _person_url(body, person):
    return reverse("governance:person_edit", args=[body.slug, person.pk])


def _pick(data, keys):
    return {k: data[k] for k in keys if k in data}


@login_required
def person_list(request, slug):
    body = selectors.body_for_secretariat(request.user, slug)
    return render_body_page(request, "governance/person_list.html", body, "people", {
        "groups": selectors.representations_of(body),
        "crumbs": body_crumbs(body, "people"),
    })


@login_required
def person_create(request, slug):
    body = selectors.body_for_secretariat(request.user, slug)
    initial = {}
    if request.method == "GET" and request.GET.get("virksomhet", "").isdigit():
        initial["organisation"] = request.GET["virksomhet"]
    form = PersonAddForm(posted(request), body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rep, created = services.person_add(body, actor=request.user,
                                               **_pick(data, PERSON_KEYS),
                                               **_pick(data, REPRESENTATION_KEYS))
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            if created:
                text = _("%(person)s er lagt til.")
            else:
                text = _("%(person)s var registrert fra før med samme e-postadresse; den nye "
                         "rollen er lagt til.")
            messages.success(request, text % {"person": rep.person.name})
            if "and_another" in request.POST:
                url = reverse("governance:person_create", args=[body.slug])
                if rep.organisation_id:
                    url += f"?virksomhet={rep.organisation_id}"
                return redirect(url)
            return redirect(_list_url(body))
    return render_form(request, body, "people", form, title=_("Legg til person"),
                       submit_label=_("Legg til person"), cancel_url=_list_url(body),
                       extra={"another_label": _("Legg til og registrer en til")})


@login_required
def person_edit(request, slug, pk):
    body = selectors.body_for_secretariat(request.user, slug)
    person = selectors.person_in_body(body, pk)
    form = PersonFields(posted(request),
                        initial={k: getattr(person, k) for k in PERSON_KEYS})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person, body, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Endringene er lagret."))
            return redirect(_list_url(body))
    return render_body_page(request, "governance/person_edit.html", body, "people", {
        "person": person, "form": form,
        "representations": person.representations.filter(body=body)
        .select_related("organisation").order_by("-start_date", "pk"),
        "title": person.name, "submit_label": _("Lagre"), "cancel_url": _list_url(body),
        "crumbs": body_crumbs(body, "people", (request.path, person.name)),
        "invitation_state": invitations.invitation_state(person),
        "last_invitation": invitations.last_invitation(person),
    })


@login_required
def representation_create(request, slug, pk):
    body = selectors.body_for_secretariat(request.user, slug)
    person = selectors.person_in_body(body, pk)
    form = RepresentationForm(posted(request), body=body)
    if request.method == "POST" and form.is_valid():
        try:
            services.representation_add(body, person, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Rollen er lagt til for %(person)s.") % {
                "person": person.name})
            return redirect(_person_url(body, person))
    return render_form(request, body, "people", form,
                       title=_("Ny rolle for %(person)s") % {"person": person.name},
                       submit_label=_("Legg til rollen"), cancel_url=_person_url(body, person),
                       crumbs=[(_person_url(body, person), person.name)])


@login_required
def representation_edit(request, slug, pk):
    body = selectors.body_for_secretariat(request.user, slug)
    rep = selectors.representation_in_body(body, pk)
    initial = {"organisation": rep.organisation_id, "role": rep.role,
               "start_date": rep.start_date, "end_date": rep.end_date}
    form = RepresentationForm(posted(request), body=body, initial=initial,
                              keep=rep.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.representation_update(rep, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Rollen til %(person)s er lagret.") % {
                "person": rep.person.name})
            return redirect(_list_url(body))
    return render_form(
        request, body, "people", form,
        title=_("Endre rolle: %(person)s") % {"person": rep.person.name},
        lead=_("Sett en til-dato når personen går ut. Når en annen tar over plassen, bruk "
               "«Bytt representant», så skjer begge deler i én endring."),
        submit_label=_("Lagre"), cancel_url=_list_url(body),
        crumbs=[(_person_url(body, rep.person), rep.person.name)],
        extra={"replace_url": reverse("governance:representation_replace",
                                      args=[body.slug, rep.pk])})


@login_required
def representation_replace(request, slug, pk):
    body = selectors.body_for_secretariat(request.user, slug)
    rep = selectors.representation_in_body(body, pk)
    form = ReplaceForm(posted(request), body=body, replacing=rep)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            new = services.representation_replace(
                rep, actor=request.user, on=data["on"], person=data["person"],
                name=data["name"], email=data["email"], phone=data["phone"],
                reason=data["reason"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _(
                "%(new)s er %(role)s fra %(date)s. %(old)s står til og med %(last)s.") % {
                "new": new.person.name, "role": new.get_role_display().lower(),
                "date": day(new.start_date), "old": rep.person.name,
                "last": day(new.start_date - datetime.timedelta(days=1))})
            return redirect(_list_url(body))
    where = f" ({rep.organisation.name})" if rep.organisation_id else ""
    return render_form(
        request, body, "people", form,
        title=_("Bytt representant: %(person)s%(where)s") % {"person": rep.person.name,
                                                             "where": where},
        lead=_("%(person)s avslutter som %(role)s dagen før datoen, og den nye personen "
               "begynner på datoen. Begge deler lagres som én endring.") % {
            "person": rep.person.name, "role": rep.get_role_display().lower()},
        submit_label=_("Bytt representant"), cancel_url=_list_url(body),
        crumbs=[(_person_url(body, rep.person), rep.person.name)])
