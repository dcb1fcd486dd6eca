"""What the secretariat's pages of a body share: their tabs, crumbs and the one-form page."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The tabs of a body's secretariat pages: (section, url name, label).
TABS = (
    ("settings", "governance:body_settings", gettext_lazy("Innstillinger")),
    ("organisations", "governance:membership_list", gettext_lazy("Virksomheter")),
    ("people", "governance:person_list", gettext_lazy("Personer")),
    ("import", "governance:member_import", gettext_lazy("Importer medlemsliste")),
)


def body_tabs(body, current):
    return [{"url": reverse(name, args=[body.slug]), "label": label,
             "current": section == current} for section, name, label in TABS]


def body_crumbs(body, section, *more):
    """Min side › the body › the section › … (the last entry is the page itself)."""
    url_name, label = {tab[0]: tab[1:] for tab in TABS}[section]
    crumbs = [(reverse("start"), _("Min side")),
              (reverse("governance:body_settings", args=[body.slug]), body.name)]
    if section != "settings":
        crumbs.append((reverse(url_name, args=[body.slug]), label))
    return [*crumbs, *more]


def render_body_page(request, template, body, section, context, status=200):
    return render(request, template, {
        "body": body, "tabs": body_tabs(body, section), "section": section, **context,
    }, status=status)


def render_form(request, body, section, form, *, title, submit_label, cancel_url, lead="",
                crumbs=(), extra=None):
    """One form on a page of its own, under the body's tabs."""
    return render_body_page(request, "governance/form.html", body, section, {
        "form": form, "title": title, "submit_label": submit_label, "cancel_url": cancel_url,
        "lead": lead, "crumbs": [*body_crumbs(body, section, *crumbs), (request.path, title)],
        **(extra or {}),
    })


def posted(request):
    """The form's data: bound on every POST, an empty one too (then it says what is
    missing instead of showing the form as if nothing had been sent)."""
    return request.POST if request.method == "POST" else None
