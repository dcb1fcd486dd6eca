"""The permission matrix: public / other body / observer / member / deputy / secretariat."""

import pytest

from governance import permissions
from governance.models import Representation
from governance.permissions import Role
from governance.permissions.meetings import can_view_meeting

from ..factories import MeetingFactory, UserFactory

ROLES = {
    "anonymous": Role.PUBLIC,
    "no_seat": Role.PUBLIC,
    "other_body_member": Role.PUBLIC,
    "observer": Role.OBSERVER,
    "member": Role.MEMBER,
    "deputy": Role.MEMBER,
    "secretariat": Role.SECRETARIAT,
}

# predicate -> the roles that may
MATRIX = {
    "can_read_papers": {"observer", "member", "deputy", "secretariat"},
    "can_comment": {"observer", "member", "deputy", "secretariat"},
    "can_report_attendance": {"observer", "member", "deputy", "secretariat"},
    "can_edit_body": {"secretariat"},
    "is_secretariat": {"secretariat"},
}


@pytest.mark.parametrize("who", list(ROLES))
def test_role_in_body(users, body, who):
    assert permissions.role_in(users[who], body) == ROLES[who]


@pytest.mark.parametrize("predicate", list(MATRIX))
@pytest.mark.parametrize("who", list(ROLES))
def test_permission_matrix(users, body, predicate, who):
    allowed = getattr(permissions, predicate)(users[who], body)
    assert allowed == (who in MATRIX[predicate]), f"{who} {predicate}"


def test_other_body_member_is_member_there_only(users, body, other_body):
    user = users["other_body_member"]
    assert permissions.role_in(user, other_body) == Role.MEMBER
    assert permissions.role_in(user, body) == Role.PUBLIC


def test_ended_representation_gives_no_access(users, body):
    rep = Representation.objects.get(person__user=users["member"])
    rep.start_date = "2020-01-01"
    rep.end_date = "2021-12-31"
    rep.save()
    permissions.forget_roles(users["member"])
    assert permissions.role_in(users["member"], body) == Role.PUBLIC


def test_seat_for_organisation_outside_the_body_gives_no_access(users, body):
    from governance.models import Membership

    Membership.objects.filter(body=body, organisation__name="Helse Nord RHF").delete()
    permissions.forget_roles(users["member"])
    assert permissions.role_in(users["member"], body) == Role.PUBLIC


def test_superuser_acts_as_secretariat(body):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    assert permissions.role_in(admin, body) == Role.SECRETARIAT


@pytest.mark.parametrize("who", list(ROLES))
def test_approved_minutes_are_visible_to_everyone_drafts_only_to_the_body(users, body, who):
    approved = MeetingFactory(body=body, status="minutes_approved")
    draft = MeetingFactory(body=body, status="held")
    assert can_view_meeting(users[who], approved)
    assert can_view_meeting(users[who], draft) == (ROLES[who] >= Role.OBSERVER)


def test_roles_are_computed_with_a_bounded_number_of_queries(users, body,
                                                             django_assert_max_num_queries):
    user = users["member"]
    permissions.forget_roles(user)
    with django_assert_max_num_queries(2):
        for _ in range(10):
            permissions.role_in(user, body)
