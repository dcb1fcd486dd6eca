"""Reads for a user: visibility is applied here, once."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from governance.models import Body, Membership, Representation
from governance.permissions import Role, bodies_of, roles_by_body
from meetings.models import Meeting


@dataclass
class BodyMembershipView:
    body: Body
    role: Role

    @property
    def role_label(self):
        return self.role.label

    @property
    def is_secretariat(self):
        return self.role >= Role.SECRETARIAT


def memberships_for_user(user):
    roles = roles_by_body(user)
    return [BodyMembershipView(body=b, role=roles[b.pk]) for b in bodies_of(user)]


def bodies_with_papers_for(user):
    return [pk for pk, role in roles_by_body(user).items() if role >= Role.OBSERVER]


def bodies_with_papers(user):
    """The bodies themselves, by name: the choices of a «Styringsgruppe» filter."""
    return list(Body.objects.filter(pk__in=bodies_with_papers_for(user)).order_by("name"))


def upcoming_meetings_for_user(user, limit=5):
    today = timezone.localdate()
    return list(
        Meeting.objects.filter(body_id__in=bodies_with_papers_for(user), date__gte=today)
        .select_related("body")
        .order_by("date", "start_time")[:limit]
    )


def body_roster(body, on=None):
    """The body's organisations in register order, each with its active representatives."""
    reps = Representation.objects.seated(on).select_related("person").order_by(
        "role", "person__name"
    )
    return (
        Membership.objects.current(on).filter(body=body)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("organisation__representations", queryset=reps.filter(body=body),
                     to_attr="active_reps")
        )
        .order_by("kind", "sort_order", "organisation__name")
    )
