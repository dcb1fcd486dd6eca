"""Importing a body's member list: paste or upload, a preview of what will be created and
changed (or the errors, row by row), then one atomic import.

The preview keeps the list's cells in a signed hidden field, so the confirm needs no second
upload; the field also carries a fingerprint of the body's data the preview was made from,
and a confirm after that data changed shows the new preview instead of importing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from governance import selectors
from governance.import_forms import COLUMNS_HELP, MemberImportConfirmForm, MemberImportForm
from governance.services import member_import as importer
from governance.views.common import body_crumbs, posted, render_body_page

SALT = "governance.member_import"
# A preview is confirmed within the working session it was made in.
MAX_AGE = 8 * 60 * 60


def _token(body, user, parsed, plan):
    return signing.dumps({"b": body.pk, "u": user.pk, "cells": parsed.cells(),
                          "digest": plan.digest}, salt=SALT, compress=True)


def _load(token, body, user):
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("b") != body.pk or data.get("u") != user.pk:
        return None
    return data


def _page(request, body, template, context, status=200):
    title = context.pop("title")
    return render_body_page(request, template, body, "import", {
        "title": title, "columns_help": COLUMNS_HELP,
        "crumbs": body_crumbs(body, "import"), **context}, status=status)


def _preview(request, body, parsed, plan, *, form=None, changed=False, refused=None):
    errors = refused or plan.errors
    confirm = None
    if not errors and plan.change_count:
        confirm = MemberImportConfirmForm(initial={"data": _token(body, request.user, parsed,
                                                                  plan)})
    return _page(request, body, "governance/import/preview.html", {
        "title": _("Forhåndsvisning av importen"), "plan": plan, "errors": errors,
        "refused": bool(refused), "changed": changed, "confirm": confirm,
        "form": form or MemberImportForm(), "ignored": plan.parsed.ignored,
        "row_count": len(plan.parsed.rows)})


@login_required
def member_import(request, slug):
    body = selectors.body_for_secretariat(request.user, slug)
    form = MemberImportForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        if upload:
            parsed = importer.parse_upload(upload.name, upload.read())
        else:
            parsed = importer.parse_text(form.cleaned_data["text"])
        if parsed.errors and not parsed.rows:
            form.add_error(None, parsed.errors)
        else:
            plan = importer.plan(body, parsed)
            # A corrected list is pasted over the old one; a file is chosen again.
            again = MemberImportForm(initial={} if upload else {
                "text": form.cleaned_data["text"]})
            return _preview(request, body, parsed, plan, form=again)
    return _page(request, body, "governance/import/start.html", {
        "title": _("Importer medlemsliste"), "form": form})


@login_required
def member_import_confirm(request, slug):
    body = selectors.body_for_secretariat(request.user, slug)
    start_url = reverse("governance:member_import", args=[body.slug])
    if request.method != "POST":
        return redirect(start_url)
    form = MemberImportConfirmForm(request.POST)
    saved = _load(request.POST.get("data", ""), body, request.user) if form.is_valid() else None
    if saved is None:
        messages.error(request, _("Forhåndsvisningen er for gammel eller ufullstendig. Lim inn "
                                  "eller last opp lista på nytt."))
        return redirect(start_url)
    parsed = importer.rows_from_cells(saved["cells"])
    plan = importer.plan(body, parsed)
    if plan.digest != saved["digest"]:
        return _preview(request, body, parsed, plan, changed=True)
    try:
        result = importer.apply(plan, request.user, invite=form.cleaned_data["invite"])
    except importer.ImportRefused as exc:
        return _preview(request, body, parsed, importer.plan(body, parsed),
                        refused=exc.errors)
    parts = [
        ngettext("%(n)s ny virksomhet", "%(n)s nye virksomheter", result.organisations),
        ngettext("%(n)s nytt medlemskap", "%(n)s nye medlemskap", result.memberships),
        ngettext("%(n)s ny person", "%(n)s nye personer", result.people),
        ngettext("%(n)s ny rolle", "%(n)s nye roller", result.representations),
        ngettext("%(n)s endring", "%(n)s endringer", result.changes),
    ]
    counts = [result.organisations, result.memberships, result.people,
              result.representations, result.changes]
    text = _("Medlemslista er importert: %(parts)s.") % {"parts": ", ".join(
        part % {"n": n} for part, n in zip(parts, counts, strict=True))}
    if result.invited:
        text += " " + ngettext("%(n)s invitasjon er sendt.", "%(n)s invitasjoner er sendt.",
                               len(result.invited)) % {"n": len(result.invited)}
    messages.success(request, text)
    return redirect("governance:membership_list", body.slug)
