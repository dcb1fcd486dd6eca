"""Who may see and change what: the one place the portal decides it.

A user's role in a body comes from their seats today (``Representation.objects.seated``: the
representation and the organisation's membership both current): a secretariat
representation makes them secretariat; a seat for a member organisation (as member, deputy or
chair) makes them a member; a seat for an observer organisation an observer. Superusers act
as secretariat everywhere. Everyone else is the public.

Views and services call the ``can_*`` predicates (here for a body, in the modules of this
package for a meeting, a comment, a circulation, a document or an action plan) and
``normen_portal.access.require()``; they never look at representations themselves.
"""

from enum import IntEnum

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Body, Membership, Person, Representation


class Role(IntEnum):
    """Ordered, so that ``role >= Role.OBSERVER`` reads as "at least an observer"."""

    PUBLIC = 0
    OBSERVER = 1
    MEMBER = 2
    SECRETARIAT = 3

    @property
    def label(self):
        return {
            Role.PUBLIC: _("Offentlig"),
            Role.OBSERVER: _("Observatør"),
            Role.MEMBER: _("Medlem"),
            Role.SECRETARIAT: _("Sekretariatet"),
        }[self]


_CACHE_ATTR = "_normen_body_roles"
_BODIES_ATTR = "_normen_bodies"
_SEATS_ATTR = "_normen_organisation_seats"


def roles_by_body(user):
    """``{body_id: Role}`` for the user, computed with one query and kept on the user object
    for the rest of the request (with the bodies themselves: ``bodies_of``)."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles, bodies, organisation_seats = {}, {}, []
    if user.is_superuser:
        bodies = {body.pk: body for body in Body.objects.all()}
        roles = dict.fromkeys(bodies, Role.SECRETARIAT)
    else:
        # One query: the user's seats today by the seat rule, with the kind of membership
        # each organisation seat rests on and the body itself (the start page and the
        # menus name it). A seat whose organisation has left the body is no seat at all
        # (Representation.objects.seated).
        today = timezone.localdate()
        seats = (Representation.objects.seated(today).seat_kind_on(today)
                 .filter(person__user=user).select_related("body", "person"))
        for seat in seats:
            # The person behind the login comes with the seats: ``user.person`` then costs
            # no query of its own.
            Person.user.field.remote_field.set_cached_value(user, seat.person)
            if seat.role == Representation.Role.SECRETARIAT:
                found = Role.SECRETARIAT
            elif seat.seat_kind == Membership.Kind.OBSERVER:
                found = Role.OBSERVER
            else:
                found = Role.MEMBER
            roles[seat.body_id] = max(roles.get(seat.body_id, Role.PUBLIC), found)
            bodies[seat.body_id] = seat.body
            if seat.organisation_id and seat.role != Representation.Role.SECRETARIAT:
                organisation_seats.append((seat.body_id, seat.organisation_id))
    setattr(user, _CACHE_ATTR, roles)
    setattr(user, _BODIES_ATTR, bodies)
    setattr(user, _SEATS_ATTR, organisation_seats)
    return roles


def organisation_seats(user):
    """``[(body_id, organisation_id)]``: the seats today through which ``user`` speaks and
    answers for an organisation (not the secretariat's), from the same query as
    ``roles_by_body``; ``permissions.documents.answering_seats`` is the same rule as a
    queryset."""
    roles_by_body(user)
    return getattr(user, _SEATS_ATTR, [])


def bodies_of(user):
    """The bodies where ``user`` has a role today, by name, from the same query as
    ``roles_by_body``."""
    roles_by_body(user)
    return sorted(getattr(user, _BODIES_ATTR, {}).values(), key=lambda body: body.name)


def role_in(user, body):
    body_id = body if isinstance(body, int) else body.pk
    return roles_by_body(user).get(body_id, Role.PUBLIC)


def forget_roles(user):
    """Drop the cached roles, after representations change within the same request."""
    for attr in (_CACHE_ATTR, _BODIES_ATTR, _SEATS_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def person_for(user):
    """The person behind a login, or None (anonymous, or an account without a person)."""
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


# -- predicates -----------------------------------------------------------------------------

def is_secretariat(user, body):
    return role_in(user, body) >= Role.SECRETARIAT


def is_secretariat_anywhere(user):
    return any(r >= Role.SECRETARIAT for r in roles_by_body(user).values())


def can_read_papers(user, body):
    """Non-public papers (agendas before approval, cover notes, draft minutes)."""
    return role_in(user, body) >= Role.OBSERVER


def can_comment(user, body):
    return role_in(user, body) >= Role.OBSERVER


def can_report_attendance(user, body):
    return role_in(user, body) >= Role.OBSERVER


def can_edit_body(user, body):
    return is_secretariat(user, body)
