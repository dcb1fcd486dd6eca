"""Who may read and write comments, declare conflicts of interest and answer circulations.

Built only on ``governance.permissions.role_in`` and its predicates (the one place a role is
worked out); this module adds the rules that depend on the comment, the case or the
circulation at hand.
"""

from django.db.models import Q
from django.utils import timezone

from governance.models import Membership, Representation
from governance.permissions import (
    Role,
    can_comment,
    can_read_papers,
    is_secretariat,
    person_for,
    role_in,
)
from meetings.models import Meeting
from meetings.visibility import minutes_are_public
from reviews.models import Circulation, Comment

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




# -- circulations ---------------------------------------------------------------------------

def can_manage_circulations(user, body_id):
    return is_secretariat(user, body_id)




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
        and minutes_are_public(item.meeting)
    )


def can_see_live_result(user, circulation: Circulation):
    """While a circulation is open only the secretariat follows the count, so that early
    answers do not steer later ones; when it closes the result is the body's."""
    if is_secretariat(user, circulation.body_id):
        return True
    return not circulation.is_open and can_view_circulation(user, circulation)


# Who answers a circulation is one rule with two faces: ``is_answerable`` for one seat, and
# ``answerable_seats`` for lists (the start page, the recipients of the e-mail). The first is
# the second asked about one row, so the two cannot disagree, not even at the deadline.

def member_organisation_seats(on=None):
    """The seats that speak for a member organisation on the day ``on`` (today): the seat
    rule (``Representation.objects.seated``) for a chair, member or deputy of an organisation
    whose membership of the body that day is a member's, not an observer's."""
    on = on or timezone.localdate()
    return (Representation.objects.seated(on).seat_kind_on(on)
            .filter(organisation__isnull=False, role__in=Representation.SEAT_ROLES,
                    seat_kind=Membership.Kind.MEMBER))


def answerable_seats(circulation, now=None):
    """The seats that may answer ``circulation`` at the moment ``now``: the circulation is
    open and its deadline not reached (the periodic task may not have closed it yet), and the
    seat is a member organisation's seat in its body on the answering day.

    ``circulation`` is a Circulation, or an ``OuterRef`` to one for a subquery over many
    (the start page). The circulation is joined through the seat's body, so both forms are the
    same query."""
    now = now or timezone.now()
    ref = circulation.pk if isinstance(circulation, Circulation) else circulation
    # One filter() call: the three conditions are on the same joined circulation.
    return member_organisation_seats(timezone.localdate(now)).filter(
        body__circulations__pk=ref, body__circulations__status=Circulation.Status.OPEN,
        body__circulations__deadline__gt=now)


def is_answerable(circulation: Circulation, seat: Representation, now=None):
    """Whether ``seat`` (a Representation) may answer — or change its organisation's answer
    to — ``circulation`` at ``now``. The one predicate for the view, the selector, the
    service, the template and the notifications."""
    return seat is not None and answerable_seats(circulation, now).filter(pk=seat.pk).exists()


def _ordered_organisations(seats, body_id, on):
    org_ids = set(seats.values_list("organisation_id", flat=True))
    if not org_ids:
        return []
    memberships = (Membership.objects.current(on)
                   .filter(body_id=body_id, organisation_id__in=org_ids)
                   .select_related("organisation").order_by("sort_order", "organisation__name"))
    return [m.organisation for m in memberships]


def answerable_organisations(user, circulation: Circulation, now=None):
    """The member organisations ``user`` may answer for at ``now`` (``answerable_seats``),
    in the body's register order."""
    person = person_for(user)
    if person is None:
        return []
    now = now or timezone.now()
    return _ordered_organisations(answerable_seats(circulation, now).filter(person=person),
                                  circulation.body_id, timezone.localdate(now))


def represented_organisations(user, body_id, on=None):
    """The member organisations ``user`` speaks for in the body on ``on`` (today), whether or
    not a circulation is open: whose answers are «ours» on the pages, and who is told, when
    the deadline has passed, that it has."""
    person = person_for(user)
    if person is None:
        return []
    on = on or timezone.localdate()
    return _ordered_organisations(
        member_organisation_seats(on).filter(person=person, body_id=body_id), body_id, on)
