"""What the public may see of a body's record: one rule, with its queryset beside it.

Minutes become public when the body has approved them, unless the body does not publish
its record at all (``Body.minutes_public`` off). A decision is public when it is
recorded on a numbered case in public minutes: the register, the archive, the feed, the
action plan's status report, the document pages and the search all ask here, so the rule
cannot drift between them. Those who may read a body's papers see more (drafts included);
that is their permission, decided in ``governance.permissions``, not a second public rule.

No flag withholds a single decided case from the public today (exemptions under
offentleglova apply to cover notes and attachments). When one comes, it belongs in both the
predicate and the queryset here, and nowhere else.
"""

from meetings.models import AgendaItem, Meeting


def public_minutes():
    """Meetings whose minutes anyone may read: the archive."""
    return Meeting.objects.filter(status=Meeting.Status.MINUTES_APPROVED,
                                  body__minutes_public=True)


def _published(status, body):
    # The rule itself; public_minutes() is its queryset.
    return status == Meeting.Status.MINUTES_APPROVED and body.minutes_public


def minutes_are_public(meeting):
    """Reads ``meeting.body``: select it along in lists."""
    return _published(meeting.status, meeting.body)


def recorded_decisions():
    """Every decision recorded on a numbered case, public or not. Only a numbered case has a
    permanent reference (16/24) and so a decision page."""
    return AgendaItem.objects.filter(kind=AgendaItem.Kind.CASE, number__isnull=False,
                                     decided_at__isnull=False)


def is_recorded_decision(item):
    return (item is not None and item.kind == AgendaItem.Kind.CASE
            and item.number is not None and item.decided_at is not None)


def public_decisions():
    """The queryset of ``decision_is_public``: what the public may see of decisions."""
    return recorded_decisions().filter(meeting__status=Meeting.Status.MINUTES_APPROVED,
                                       meeting__body__minutes_public=True)


def decision_is_public(item):
    """Whether anyone may read this case's outcome and decision text: the case is decided
    and the minutes of its meeting are public (``minutes_are_public``, read through the case's
    own body, which is the meeting's). Reads ``item.meeting`` and ``item.body``: select them
    along."""
    return is_recorded_decision(item) and _published(item.meeting.status, item.body)


def withheld_decisions():
    """Recorded decisions the public may not see yet (their minutes are not approved): the
    complement of ``public_decisions`` within ``recorded_decisions``, built from it."""
    return recorded_decisions().exclude(pk__in=public_decisions().values("pk"))
