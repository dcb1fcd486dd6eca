"""Who may read and write comments, declare conflicts of interest and answer circulations.

Built only on ``meetings.permissions.role_in`` and its predicates (the one place a role is
worked out); this module adds the rules that depend on the comment, the case or the
circulation at hand.
"""

from django.db.models import Q
from django.utils import timezone

from .models import Circulation, Comment, Meeting, Membership, Person, Representation
from .permissions import Role, can_comment, can_read_papers, is_secretariat, role_in


def person_for(user):
    """The person behind a login, or None (anonymous, or an account without a person)."""
    if user is None or not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


# -- comments -------------------------------------------------------------------------------

def comment_visibility(user, body_id):
    """A filter for the comments in ``body_id`` that ``user`` may read, or None for none.

    The secretariat reads everything. Everyone else with a seat reads comments shared with
    the body, plus their own comments meant for the secretariat only and the replies in those
    threads. The public reads nothing: comments are never public."""
    role = role_in(user, body_id)
    if role >= Role.SECRETARIAT:
        return Q(body_id=body_id)
    if role < Role.OBSERVER:
        return None
    person = person_for(user)
    mine = Q(author=person) | Q(parent__author=person) if person else Q(pk__in=[])
    return Q(body_id=body_id) & (Q(visibility=Comment.Visibility.ALL_MEMBERS) | mine)


def can_see_comment(user, comment):
    role = role_in(user, comment.body_id)
    if role >= Role.SECRETARIAT:
        return True
    if role < Role.OBSERVER:
        return False
    if comment.visibility == Comment.Visibility.ALL_MEMBERS:
        return True
    person = person_for(user)
    if person is None:
        return False
    return comment.author_id == person.pk or (
        comment.parent_id is not None and comment.parent.author_id == person.pk
    )


def can_read_target(user, body_id, meeting, context):
    """Whether the thing commented on is readable at all: the body's papers, and draft
    minutes only once they are sent for review."""
    if not can_read_papers(user, body_id):
        return False
    if context == Comment.Context.MINUTES and meeting is not None:
        return is_secretariat(user, body_id) or meeting.status in (
            Meeting.Status.MINUTES_REVIEW, Meeting.Status.MINUTES_APPROVED,
        )
    return True


def can_write_comments(user, body_id):
    return can_comment(user, body_id) and person_for(user) is not None


def is_comment_author(user, comment):
    person = person_for(user)
    return person is not None and comment.author_id == person.pk


def can_answer_comments(user, body_id):
    """Marking comments answered / taken into the minutes / not followed, and the overview."""
    return is_secretariat(user, body_id)


def can_manage_commenting(user, body_id):
    """Setting the comment deadline and reopening commenting."""
    return is_secretariat(user, body_id)


def can_comment_after_deadline(user, body_id):
    """The secretariat runs the process and may answer in a thread after the deadline."""
    return is_secretariat(user, body_id)


# -- conflicts of interest ------------------------------------------------------------------

def can_declare_conflict(user, body_id):
    """Members and deputies of member organisations take part in decisions and so declare
    conflicts of interest; observers and the secretariat do not decide."""
    return role_in(user, body_id) == Role.MEMBER and person_for(user) is not None


def can_see_conflicts(user, body_id):
    return can_read_papers(user, body_id)


# -- circulations ---------------------------------------------------------------------------

def can_manage_circulations(user, body_id):
    return is_secretariat(user, body_id)


def can_view_circulations(user, body_id):
    return can_read_papers(user, body_id)


def can_view_circulation(user, circulation: Circulation):
    """The body reads a circulation from the start; once closed and reported in a meeting
    whose minutes are approved, the decision is public like every other decision."""
    if can_read_papers(user, circulation.body_id):
        return True
    return circulation_is_public(circulation)


def circulation_is_public(circulation: Circulation):
    item = circulation.orientation_item
    return (
        circulation.status == Circulation.Status.CLOSED
        and item is not None
        and item.meeting.status == Meeting.Status.MINUTES_APPROVED
    )


def can_see_live_result(user, circulation: Circulation):
    """While a circulation is open only the secretariat follows the count, so that early
    answers do not steer later ones; when it closes the result is the body's."""
    if is_secretariat(user, circulation.body_id):
        return True
    return not circulation.is_open and can_view_circulation(user, circulation)


def answering_seats(person, on=None):
    """The seats through which ``person`` answers circulations: member, chair or deputy for
    an organisation, active ``on`` (today). Combined with the organisation holding a member
    seat (not an observer's) in the body, this is who answers; as a queryset so that lists
    (the start page) can apply the rule in the database."""
    return Representation.objects.seated(on or timezone.localdate()).filter(
        person=person, organisation__isnull=False,
        role__in=Representation.SEAT_ROLES)


def answerable_organisations(user, circulation: Circulation, on=None):
    """The member organisations ``user`` may answer for: organisations with a member seat in
    the body where the user is the member, chair or deputy today."""
    person = person_for(user)
    if person is None:
        return []
    org_ids = (answering_seats(person, on).filter(body_id=circulation.body_id)
               .values_list("organisation_id", flat=True))
    memberships = (
        Membership.objects.current(on).filter(
            body_id=circulation.body_id, kind=Membership.Kind.MEMBER,
            organisation_id__in=list(org_ids))
        .select_related("organisation")
        .order_by("sort_order", "organisation__name")
    )
    return [m.organisation for m in memberships]


def can_answer_circulation(user, circulation: Circulation):
    return circulation.is_open and bool(answerable_organisations(user, circulation))
