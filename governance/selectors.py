"""Reads about who governs: the secretariat's lists of a body's organisations and people, and
the public member list. Each list is a fixed number of queries, however many organisations
the body has."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from events.models import EventKind
from events.selectors import body_entries
from governance.models import Body, Membership, Person, Representation
from governance.permissions import can_edit_body, roles_by_body
from meetings.services.notice import seat_recipients
from normen_portal.access import require

# The events of a body's make-up, for the timeline on its page.
GOVERNANCE_EVENTS = (EventKind.BODY_CHANGED, EventKind.MEMBERSHIP_ADDED,
                     EventKind.MEMBERSHIP_ENDED, EventKind.REPRESENTATION_ADDED,
                     EventKind.REPRESENTATIVE_REPLACED, EventKind.INVITATION_SENT)


def body_for_secretariat(user, slug):
    """The body at ``slug`` (404 if there is none) for its own secretariat (403 for anyone
    else): every secretariat page of a body starts here."""
    body = get_object_or_404(Body, slug=slug)
    require(can_edit_body(user, body))
    return body


def bodies_run_by(user):
    """The bodies ``user`` is the secretariat of, by name (for links to their pages)."""
    ids = [pk for pk in roles_by_body(user) if can_edit_body(user, pk)]
    return list(Body.objects.filter(pk__in=ids).order_by("name")) if ids else []


def public_bodies():
    """Every body, by name: each has a public member list."""
    return list(Body.objects.order_by("name"))


def period_state(obj, today):
    """«current», «ended» or «coming» for a membership or representation on ``today``."""
    if obj.end_date and obj.end_date < today:
        return "ended"
    if obj.start_date and obj.start_date > today:
        return "coming"
    return "current"


def memberships_of(body, today=None):
    """Every membership the body has had, current first (members, then observers, in list
    order), then the coming and the ended ones; each with ``state`` and ``seated``, the
    people holding its seats today."""
    today = today or timezone.localdate()
    seated = (Representation.objects.seated(today).filter(body=body)
              .select_related("person").order_by("role", "person__name"))
    rows = list(
        Membership.objects.filter(body=body).select_related("organisation")
        .prefetch_related(Prefetch("organisation__representations", queryset=seated,
                                   to_attr="seated"))
        .order_by("kind", "sort_order", "organisation__name"))
    for row in rows:
        row.state = period_state(row, today)
    order = {"current": 0, "coming": 1, "ended": 2}
    return sorted(rows, key=lambda m: order[m.state])


def representations_of(body, today=None):
    """``{"current": [...], "coming": [...], "ended": [...]}``: the body's representations
    with person and organisation, each list by organisation, role and name (the secretariat
    first). ``held`` on each current one says whether it gives a seat today: not when the
    organisation's membership has ended."""
    today = today or timezone.localdate()
    seated_ids = set(Representation.objects.seated(today).filter(body=body)
                     .values_list("pk", flat=True))
    reps = (Representation.objects.filter(body=body).select_related("person", "organisation")
            .order_by("organisation__name", "role", "person__name"))
    groups = {"current": [], "coming": [], "ended": []}
    for rep in reps:
        rep.state = period_state(rep, today)
        rep.held = rep.pk in seated_ids
        groups[rep.state].append(rep)
    for reps_in_group in groups.values():
        reps_in_group.sort(key=lambda r: r.organisation_id is not None)
    groups["ended"].sort(key=lambda r: r.end_date, reverse=True)
    return groups


def people_without_email(body, today=None):
    """The people seated in the body today who have no e-mail address and so get no notice:
    the notice's own rule (``meetings.services.notice.seat_recipients``) on today's date."""
    _recipients, missing = seat_recipients(body.pk, today or timezone.localdate())
    return missing


def person_in_body(body, pk):
    """A person with a representation in ``body`` at some time (404 otherwise): the body's
    secretariat reaches only its own people."""
    return get_object_or_404(Person.objects.filter(representations__body=body).distinct(),
                             pk=pk)


def representation_in_body(body, pk):
    return get_object_or_404(Representation.objects.select_related("person", "organisation"),
                             body=body, pk=pk)


def membership_in_body(body, pk):
    return get_object_or_404(Membership.objects.select_related("organisation"),
                             body=body, pk=pk)


def people_known_to(body):
    """Everyone who has had a representation in ``body``: the choices for a new
    representative who is already registered."""
    return Person.objects.filter(representations__body=body).distinct().order_by("name")


def body_timeline(body, limit=15):
    """The latest changes of the body's settings, organisations and representatives."""
    return body_entries(body, GOVERNANCE_EVENTS, limit=limit)


# -- the public member list --------------------------------------------------------------

@dataclass
class MemberRow:
    """One organisation on the member list, as the seed papers print it: the organisation
    (or the category it represents, «representert ved» it), its representatives and its
    deputies."""

    membership: Membership
    representatives: list = field(default_factory=list)
    deputies: list = field(default_factory=list)

    @property
    def organisation(self):
        return self.membership.organisation

    @property
    def represents(self):
        return self.membership.represents


@dataclass
class MemberList:
    body: Body
    on: object
    chairs: list
    members: list
    observers: list


def member_list(body, on=None):
    """Who sits in ``body`` on the day ``on`` (today) by the seat rule: its member and
    observer organisations in list order, each with its representatives (the chair first)
    and deputies. Names and organisations only: no contact details. Two queries."""
    on = on or timezone.localdate()
    seated = (Representation.objects.seated(on).filter(body=body)
              .filter(role__in=Representation.SEAT_ROLES)
              .select_related("person").order_by("person__name"))
    memberships = (
        Membership.objects.current(on).filter(body=body).select_related("organisation")
        .prefetch_related(Prefetch("organisation__representations", queryset=seated,
                                   to_attr="seats"))
        .order_by("sort_order", "organisation__name"))
    chairs, members, observers = [], [], []
    for membership in memberships:
        row = MemberRow(membership=membership)
        for rep in sorted(membership.organisation.seats,
                          key=lambda r: r.role != Representation.Role.CHAIR):
            if rep.role == Representation.Role.DEPUTY:
                row.deputies.append(rep)
            else:
                row.representatives.append(rep)
            if rep.role == Representation.Role.CHAIR:
                chairs.append((rep, membership.organisation))
        (members if membership.kind == Membership.Kind.MEMBER else observers).append(row)
    return MemberList(body=body, on=on, chairs=chairs, members=members, observers=observers)
