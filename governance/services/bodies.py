"""A body's own settings, as its secretariat keeps them: names, address, whether its minutes
and decisions are public, where its case numbering starts this year and whether its meetings
are numbered."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EventKind
from events.services import event_record
from governance.models import Body
from governance.permissions import can_edit_body
from governance.services.common import save
from normen_portal.access import require

SETTINGS_FIELDS = ("name", "short_name", "slug", "minutes_public", "numbers_meetings",
                   "case_numbering_year", "case_numbering_first")


def _check_names(body, name, short_name, slug):
    errors = {}
    if not name:
        errors["name"] = _("Skriv navnet på styringsgruppen.")
    elif Body.objects.exclude(pk=body.pk).filter(name__iexact=name).exists():
        errors["name"] = _("En annen styringsgruppe heter «%(name)s».") % {"name": name}
    if not short_name:
        errors["short_name"] = _("Skriv kortnavnet, f.eks. «Styringsgruppen».")
    if not slug:
        errors["slug"] = _("Skriv nettadressen, f.eks. «normen».")
    elif slug != body.slug:
        if Body.objects.exclude(pk=body.pk).filter(slug=slug).exists():
            errors["slug"] = _("Nettadressen «%(slug)s» brukes av en annen styringsgruppe.") % {
                "slug": slug}
        elif slug_is_fixed(body):
            errors["slug"] = _("Nettadressen kan ikke endres etter at styringsgruppen har fått "
                               "saksnummer: de faste adressene til vedtakene bruker den.")
    return errors


def slug_is_fixed(body):
    """The body's address is part of its decisions' permanent addresses
    (/vedtak/<body>/<year>/<n>/) from its first numbered case on, so it stays."""
    from meetings.models import AgendaItem

    return AgendaItem.objects.filter(body_id=body.pk, number__isnull=False).exists()


def _check_numbering(body, year, first):
    """A new start for this year's case numbers must lie above the numbers already used:
    numbers are never given twice (meetings.services.agenda.next_case_number), so a lower
    start would do nothing, and saying so beats a setting that silently has no effect."""
    from meetings.models.agenda import case_reference
    from meetings.services.agenda import highest_case_number

    if first is None or (body.case_numbering_year, body.case_numbering_first) == (year, first):
        return {}
    used = highest_case_number(body.pk, year)
    if first <= used:
        return {"case_numbering_first": _(
            "Styringsgruppen har allerede brukt saksnummer til og med %(used)s. Neste sak får "
            "%(next)s; et lavere startnummer har ingen virkning.") % {
            "used": case_reference(used, year), "next": case_reference(used + 1, year)}}
    return {}


@transaction.atomic
def body_update(body, *, actor, name, short_name, slug, minutes_public, numbers_meetings,
                case_numbering_first=None, today=None):
    """Save the body's settings. ``case_numbering_first`` is the number of the portal's
    first case in the current year (None: start at 1, or continue after the numbers used;
    a start set for an earlier year is kept).
    Returns ``(body, changed)``, ``changed`` the names of the fields that changed."""
    require(can_edit_body(actor, body))
    # The notice draws case numbers holding this lock, so the start cannot move under it.
    body = Body.objects.select_for_update().get(pk=body.pk)
    year = (today or timezone.localdate()).year
    name, short_name, slug = name.strip(), short_name.strip(), slug.strip()
    errors = _check_names(body, name, short_name, slug)
    errors.update(_check_numbering(body, year, case_numbering_first))
    if errors:
        raise ValidationError(errors)

    before = {field: getattr(body, field) for field in SETTINGS_FIELDS}
    body.name, body.short_name, body.slug = name, short_name, slug
    body.minutes_public, body.numbers_meetings = minutes_public, numbers_meetings
    if case_numbering_first is None:
        # An earlier year's start stays: it says where that year's numbering began.
        if body.case_numbering_year == year:
            body.case_numbering_year = body.case_numbering_first = None
    else:
        body.case_numbering_year, body.case_numbering_first = year, case_numbering_first
    changed = [field for field in SETTINGS_FIELDS if getattr(body, field) != before[field]]
    if not changed:
        return body, []
    labels = [str(Body._meta.get_field(field).verbose_name) for field in changed
              if field != "case_numbering_year" or "case_numbering_first" not in changed]
    summary = _("Endret: %(fields)s") % {"fields": ", ".join(labels)}
    save(body, actor, summary)
    event_record(EventKind.BODY_CHANGED, body, body=body, actor=actor, summary=summary,
                 changed={field: [before[field], getattr(body, field)] for field in changed})
    return body, changed
