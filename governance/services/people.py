"""People and their representations in a body: add a person with their first role, change a
person's contact details, add and change representations, and replace a representative from
a date as one change.

People are shared between bodies (the same person can sit in two), so a person is found by
e-mail address before a new one is made: the notice goes to the address, and two people
with one address would get each other's papers.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import EventKind
from events.services import event_record
from governance.models import Membership, Person, Representation
from governance.permissions import can_edit_body, forget_roles
from governance.services.common import day, overlapping, save
from normen_portal.access import require

PERSON_FIELDS = ("name", "email", "phone", "title")


def _clean_person_fields(name, email, phone, title):
    return {"name": name.strip(), "email": email.strip(), "phone": phone.strip(),
            "title": title.strip()}


def _email_taken(email, *, exclude=None):
    if not email:
        return None
    others = Person.objects.filter(email__iexact=email)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    return others.order_by("pk").first()


def find_or_make_person(*, actor, name, email="", phone="", title="", reason):
    """The person with this e-mail address and name if there is one (they may sit in another
    body), else a new person. Returns ``(person, created)``.

    An address that belongs to someone with another name is refused rather than guessed at:
    the person typed stays on the form, with the reason beside the address."""
    data = _clean_person_fields(name, email, phone, title)
    if not data["name"]:
        raise ValidationError({"name": _("Skriv navnet på personen.")})
    same = _email_taken(data["email"])
    if same is not None:
        if same.name.casefold() != data["name"].casefold():
            raise ValidationError({"email": _(
                "E-postadressen er registrert på %(name)s. Skriv det samme navnet hvis det er "
                "samme person, eller bruk en annen adresse.") % {"name": same.name}})
        return same, False
    return save(Person(**data), actor, reason), True


def _check_membership(body_id, organisation, role):
    if role == Representation.Role.SECRETARIAT or organisation is None:
        return
    if not Membership.objects.filter(body_id=body_id, organisation=organisation).exists():
        raise ValidationError({"organisation": _(
            "%(org)s er ikke med i styringsgruppen. Legg den til under «Virksomheter» "
            "først.") % {"org": organisation.name}})


def _check_overlap(rep):
    """One person holds one role for one organisation once at a time."""
    clash = (Representation.objects.filter(
        person_id=rep.person_id, body_id=rep.body_id, organisation_id=rep.organisation_id,
        role=rep.role).filter(overlapping(rep.start_date, rep.end_date))
        .exclude(pk=rep.pk).first())
    if clash is not None:
        period = _period_text(clash)
        raise ValidationError({"role": _(
            "%(person)s er allerede registrert med denne rollen %(period)s.") % {
            "person": rep.person.name, "period": period}})


def _period_text(rep):
    if rep.start_date and rep.end_date:
        return _("fra %(start)s til %(end)s") % {"start": day(rep.start_date),
                                                 "end": day(rep.end_date)}
    if rep.start_date:
        return _("fra %(start)s") % {"start": day(rep.start_date)}
    if rep.end_date:
        return _("til %(end)s") % {"end": day(rep.end_date)}
    return _("uten sluttdato")


def _representation_summary(rep):
    org = f", {rep.organisation.name}" if rep.organisation_id else ""
    return _("%(person)s (%(role)s%(org)s) %(period)s") % {
        "person": rep.person.name, "role": rep.get_role_display().lower(), "org": org,
        "period": _period_text(rep)}


def _new_representation(body, person, *, actor, organisation, role, start_date, end_date,
                        reason):
    rep = Representation(person=person, body=body, organisation=organisation, role=role,
                         start_date=start_date, end_date=end_date)
    rep.full_clean()
    _check_membership(body.pk, rep.organisation, role)
    _check_overlap(rep)
    return save(rep, actor, reason)


@transaction.atomic
def person_add(body, *, actor, name, email="", phone="", title="", organisation=None,
               role=Representation.Role.MEMBER, start_date=None, end_date=None):
    """A person and their first representation in ``body``. The person is the one already
    registered with this e-mail address, if any. Returns ``(representation, created)``."""
    require(can_edit_body(actor, body))
    person, created = find_or_make_person(
        actor=actor, name=name, email=email, phone=phone, title=title,
        reason=_("Registrert i %(body)s") % {"body": body.name})
    rep = _new_representation(body, person, actor=actor, organisation=organisation, role=role,
                              start_date=start_date, end_date=end_date, reason=_("Lagt til"))
    event_record(EventKind.REPRESENTATION_ADDED, rep, body=body, actor=actor,
                 summary=_representation_summary(rep), person=person.pk,
                 person_created=created)
    forget_roles(actor)
    return rep, created


@transaction.atomic
def representation_add(body, person, *, actor, organisation=None,
                       role=Representation.Role.MEMBER, start_date=None, end_date=None):
    """Another role for a person already in ``body``."""
    require(can_edit_body(actor, body))
    require(person.representations.filter(body=body).exists())
    rep = _new_representation(body, person, actor=actor, organisation=organisation, role=role,
                              start_date=start_date, end_date=end_date, reason=_("Lagt til"))
    event_record(EventKind.REPRESENTATION_ADDED, rep, body=body, actor=actor,
                 summary=_representation_summary(rep), person=person.pk, person_created=False)
    forget_roles(actor)
    return rep


@transaction.atomic
def representation_update(rep, *, actor, role, organisation=None, start_date=None,
                          end_date=None):
    """Change a representation's role, organisation or period (an end date ends it)."""
    require(can_edit_body(actor, rep.body_id))
    rep = Representation.objects.select_for_update().select_related("person").get(pk=rep.pk)
    rep.role = role
    rep.organisation = organisation
    rep.start_date, rep.end_date = start_date, end_date
    rep.full_clean()
    _check_membership(rep.body_id, rep.organisation, role)
    _check_overlap(rep)
    save(rep, actor, _("Endret"))
    forget_roles(actor)
    return rep


@transaction.atomic
def person_update(person, body, *, actor, name, email="", phone="", title=""):
    """Change a person's name and contact details, from the pages of a body they sit in.
    (They are the same person in every body: the new address is used everywhere.)"""
    require(can_edit_body(actor, body))
    require(person.representations.filter(body=body).exists())
    person = Person.objects.select_for_update().get(pk=person.pk)
    data = _clean_person_fields(name, email, phone, title)
    if not data["name"]:
        raise ValidationError({"name": _("Skriv navnet på personen.")})
    if data["email"].casefold() != person.email.casefold():
        other = _email_taken(data["email"], exclude=person)
        if other is not None:
            raise ValidationError({"email": _(
                "E-postadressen er registrert på %(name)s.") % {"name": other.name}})
    for field, value in data.items():
        setattr(person, field, value)
    return save(person, actor, _("Endret fra %(body)s") % {"body": body.name})


@transaction.atomic
def representation_replace(rep, *, actor, on, person=None, name="", email="", phone="",
                           reason=""):
    """«Bytt representant fra dato»: ``rep`` ends the day before ``on`` and the new person
    (``person``, or a person found or made from ``name``/``email``/``phone``) takes the same
    role for the same organisation from ``on``, as one change. Returns the new
    representation.

    The new representation has no end date: it is the new person's seat, not the rest of the
    old one's term."""
    require(can_edit_body(actor, rep.body_id))
    # Lock the row itself (the organisation is an outer join, which cannot be locked).
    rep = (Representation.objects.select_for_update(of=("self",))
           .select_related("person", "organisation", "body").get(pk=rep.pk))
    last_day = on - datetime.timedelta(days=1)
    if rep.start_date and rep.start_date > last_day:
        raise ValidationError({"on": _(
            "%(person)s begynte %(start)s. Velg en dato etter det.") % {
            "person": rep.person.name, "start": day(rep.start_date)}})
    if rep.end_date and rep.end_date < last_day:
        raise ValidationError({"on": _(
            "%(person)s sluttet %(end)s. Velg en dato senest %(latest)s, eller legg til den "
            "nye personen som representant.") % {
            "person": rep.person.name, "end": day(rep.end_date),
            "latest": day(rep.end_date + datetime.timedelta(days=1))}})
    if rep.organisation_id:
        membership = Membership.objects.filter(body_id=rep.body_id,
                                               organisation_id=rep.organisation_id).first()
        if membership is None or not membership.covers(on):
            raise ValidationError({"on": _(
                "%(org)s er ikke med i styringsgruppen %(date)s.") % {
                "org": rep.organisation.name, "date": day(on)}})
    if person is None:
        person, _created = find_or_make_person(
            actor=actor, name=name, email=email, phone=phone,
            reason=_("Registrert som ny representant i %(body)s") % {"body": rep.body.name})
    if person.pk == rep.person_id:
        raise ValidationError({"person": _("%(person)s har allerede denne plassen.") % {
            "person": person.name}})

    old_name, role = rep.person.name, rep.get_role_display().lower()
    rep.end_date = last_day
    save(rep, actor, _("Erstattet av %(new)s fra %(date)s") % {"new": person.name,
                                                               "date": day(on)})
    new = Representation(person=person, body=rep.body, organisation=rep.organisation,
                         role=rep.role, start_date=on)
    try:
        _check_overlap(new)
    except ValidationError as exc:
        raise ValidationError({"person": exc.message_dict["role"]}) from exc
    save(new, actor, _("Erstatter %(old)s fra %(date)s") % {"old": old_name, "date": day(on)})
    org = f"{rep.organisation.name}: " if rep.organisation_id else ""
    event_record(EventKind.REPRESENTATIVE_REPLACED, new, body=rep.body, actor=actor,
                 summary=_("%(org)s%(new)s erstatter %(old)s som %(role)s fra %(date)s") % {
                     "org": org, "new": person.name, "old": old_name, "role": role,
                     "date": day(on)},
                 reason=reason.strip(), previous=rep.pk, person=person.pk,
                 previous_person=rep.person_id, on=on.isoformat())
    forget_roles(actor)
    return new
