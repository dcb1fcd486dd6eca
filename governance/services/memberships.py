"""Organisations in a body: add one (an existing organisation or a new one), change its kind,
category and place in the list, and end its membership.

A membership is never deleted: the minutes, attendance lists and answers refer to the
organisation's seat, so an organisation that leaves gets an end date, and the seat rule
(``Representation.objects.seated``) does the rest.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EventKind
from events.services import event_record
from governance.models import Body, Membership, Organisation, Representation
from governance.permissions import can_edit_body
from governance.services.common import day, save
from normen_portal.access import require

EDITABLE_FIELDS = ("kind", "represents", "sort_order", "start_date", "end_date")


def _already_in(body, organisation):
    existing = Membership.objects.filter(body=body, organisation=organisation).first()
    if existing is None:
        return None
    if existing.end_date and existing.end_date < timezone.localdate():
        return _("%(org)s er registrert i styringsgruppen fra før (medlemskapet ble avsluttet "
                 "%(date)s). Endre det medlemskapet i stedet.") % {
            "org": organisation.name, "date": day(existing.end_date)}
    return _("%(org)s er allerede med i styringsgruppen.") % {"org": organisation.name}


def next_sort_order(body, kind):
    """After the last organisation of its kind: a new one goes to the end of its list."""
    highest = Membership.objects.filter(body=body, kind=kind).aggregate(m=Max("sort_order"))["m"]
    return (highest or 0) + 1


@transaction.atomic
def membership_add(body, *, actor, kind, organisation=None, new_name="", new_short_name="",
                   represents="", sort_order=None, start_date=None):
    """Add an organisation to ``body``: ``organisation`` if it is registered already, else a
    new one named ``new_name``. Returns the membership."""
    require(can_edit_body(actor, body))
    body = Body.objects.select_for_update().get(pk=body.pk)
    new_name, new_short_name = new_name.strip(), new_short_name.strip()
    if organisation is None and not new_name:
        raise ValidationError({"organisation": _(
            "Velg en virksomhet som er registrert, eller skriv navnet på en ny.")})
    if organisation is not None and new_name:
        raise ValidationError({"new_name": _(
            "Velg en registrert virksomhet eller skriv navnet på en ny, ikke begge.")})
    if organisation is None:
        same = Organisation.objects.filter(name__iexact=new_name).first()
        if same is not None:
            raise ValidationError({"new_name": _(
                "%(org)s er registrert fra før. Velg den i lista over registrerte "
                "virksomheter.") % {"org": same.name}})
        organisation = save(Organisation(name=new_name, short_name=new_short_name), actor,
                            _("Registrert ved innmelding i %(body)s") % {"body": body.name})
    else:
        refusal = _already_in(body, organisation)
        if refusal:
            raise ValidationError({"organisation": refusal})
    membership = Membership(
        body=body, organisation=organisation, kind=kind, represents=represents.strip(),
        sort_order=sort_order if sort_order is not None else next_sort_order(body, kind),
        start_date=start_date,
    )
    save(membership, actor, _("Lagt til i styringsgruppen"))
    event_record(EventKind.MEMBERSHIP_ADDED, membership, body=body, actor=actor,
                 summary=_("%(org)s lagt til som %(kind)s") % {
                     "org": organisation.name, "kind": membership.get_kind_display().lower()},
                 organisation=organisation.pk, membership_kind=kind,
                 start_date=start_date.isoformat() if start_date else None)
    return membership


@transaction.atomic
def membership_update(membership, *, actor, **fields):
    """Change a membership's kind, category, place in the list or period. Changing the
    dates here corrects the record; ``membership_end`` is how an organisation leaves."""
    require(can_edit_body(actor, membership.body_id))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    membership = (Membership.objects.select_for_update().select_related("organisation")
                  .get(pk=membership.pk))
    for name, value in fields.items():
        setattr(membership, name, value.strip() if isinstance(value, str) else value)
    return save(membership, actor, _("Endret"))


@transaction.atomic
def membership_end(membership, *, actor, end_date, reason=""):
    """The organisation leaves the body after ``end_date`` (its last day). Its people's
    representations in the body that run past that day end with it, so no list shows them
    as current; nothing is deleted. Returns the membership."""
    require(can_edit_body(actor, membership.body_id))
    membership = (Membership.objects.select_for_update().select_related("organisation")
                  .get(pk=membership.pk))
    org = membership.organisation
    if membership.end_date is not None and membership.end_date <= end_date:
        raise ValidationError({"end_date": _(
            "Medlemskapet er allerede avsluttet %(date)s.") % {"date": day(membership.end_date)}})
    if membership.start_date and end_date < membership.start_date:
        raise ValidationError({"end_date": _(
            "Medlemskapet begynte %(date)s; det kan ikke avsluttes før det.") % {
            "date": day(membership.start_date)}})
    membership.end_date = end_date
    text = _("Medlemskapet avsluttet, siste dag %(date)s") % {"date": day(end_date)}
    if reason.strip():
        text = f"{text}: {reason.strip()}"
    save(membership, actor, text)

    running = (Representation.objects.select_for_update()
               .filter(body_id=membership.body_id, organisation=org)
               .filter(Q(end_date__isnull=True) | Q(end_date__gt=end_date))
               .filter(Q(start_date__isnull=True) | Q(start_date__lte=end_date)))
    ended = []
    for rep in running:
        rep.end_date = end_date
        save(rep, actor, _("%(org)s gikk ut av styringsgruppen %(date)s") % {
            "org": org.name, "date": day(end_date + datetime.timedelta(days=1))})
        ended.append(rep.pk)
    event_record(EventKind.MEMBERSHIP_ENDED, membership, body=membership.body_id, actor=actor,
                 summary=_("%(org)s: medlemskapet avsluttet, siste dag %(date)s") % {
                     "org": org.name, "date": day(end_date)},
                 reason=reason.strip(), end_date=end_date.isoformat(),
                 ended_representations=ended)
    return membership
