"""A body's page for its secretariat: the settings, who gets no notice, the latest changes;
and the public member list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from governance import selectors
from governance.body_forms import BodySettingsForm
from governance.models import Body
from governance.services.bodies import body_update, slug_is_fixed
from governance.views.common import body_crumbs, posted, render_body_page
from normen_portal.form_errors import apply_service_error


def _settings_initial(body, year):
    return {
        "name": body.name, "short_name": body.short_name, "slug": body.slug,
        "minutes_public": "1" if body.minutes_public else "0",
        "numbers_meetings": "1" if body.numbers_meetings else "0",
        "case_numbering_first": (body.case_numbering_first
                                 if body.case_numbering_year == year else None),
    }


@login_required
def body_settings(request, slug):
    body = selectors.body_for_secretariat(request.user, slug)
    year = timezone.localdate().year
    fixed = slug_is_fixed(body)
    form = BodySettingsForm(posted(request), initial=_settings_initial(body, year),
                            year=year, slug_fixed=fixed)
    if request.method == "POST" and form.is_valid():
        try:
            body, changed = body_update(body, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            if changed:
                messages.success(request, _("Innstillingene er lagret."))
            else:
                messages.info(request, _("Ingen endringer å lagre."))
            return redirect("governance:body_settings", body.slug)
    return render_body_page(request, "governance/body_settings.html", body, "settings", {
        "form": form,
        "slug_fixed": fixed,
        "missing_email": selectors.people_without_email(body),
        "timeline": selectors.body_timeline(body),
        "crumbs": body_crumbs(body, "settings"),
    })


@require_GET
def member_list(request, slug):
    """Public: who sits in the body today, as its papers list them. No contact details."""
    body = get_object_or_404(Body, slug=slug)
    return render(request, "governance/member_list.html", {
        "body": body, "members": selectors.member_list(body),
    })
