"""Template helpers for the meeting pages: the meeting's tabs and their helpers."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from governance.permissions import can_read_papers, is_secretariat
from governance.permissions import meetings as permissions_minutes
from governance.permissions.reviews import can_declare_conflict
from meetings.models import Meeting, Outcome

register = template.Library()

_REPORTABLE = (Meeting.Status.PLANNED, Meeting.Status.NOTICE_SENT)
_MINUTES_READABLE = (Meeting.Status.MINUTES_REVIEW, Meeting.Status.MINUTES_APPROVED)


def _url(name, meeting):
    # The attendance and minutes pages are built beside these; a tab whose page does not
    # exist (yet) is left out instead of breaking every meeting page.
    try:
        return reverse(name, args=[meeting.pk])
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def meeting_tabs(context, meeting):
    """The tabs a person sees for ``meeting``: ``[{"label", "url", "current"}]``."""
    request = context.get("request")
    user = getattr(request, "user", None)
    secretariat = is_secretariat(user, meeting.body_id)
    reader = secretariat or can_read_papers(user, meeting.body_id)
    tabs = []
    if reader:
        tabs.append((_("Dagsorden"), _url("meetings:meeting_detail", meeting)))
    if secretariat:
        tabs.append((_("Oppmøte"), _url("meetings:attendance", meeting)))
    elif reader and meeting.status in _REPORTABLE:
        tabs.append((_("Meld forfall"), _url("meetings:report_absence", meeting)))
    if secretariat or (reader and meeting.status in _MINUTES_READABLE):
        tabs.append((_("Referat"), _url("meetings:minutes", meeting)))
    if secretariat:
        tabs.append((_("Innspill"), _url("reviews:meeting_comments", meeting)))
    elif can_declare_conflict(user, meeting.body_id) and meeting.status in _REPORTABLE:
        tabs.append((_("Habilitet"), _url("reviews:meeting_conflicts", meeting)))
    if secretariat:
        tabs.append((_("Endringslogg"), _url("meetings:meeting_history", meeting)))
    path = getattr(request, "path", "")
    return [
        {"label": label, "url": url, "current": url == path}
        for label, url in tabs if url
    ]


@register.filter
def is_withdrawn(item):
    """A numbered case taken off the agenda: it keeps its number and reads «Trekkes»."""
    return bool(item.number) and item.outcome == Outcome.WITHDRAWN


@register.simple_tag
def decision_refusal(meeting):
    """Why no decision can be recorded now (``permissions_minutes.decision_refusal``)."""
    return permissions_minutes.decision_refusal(meeting)


@register.simple_tag
def meeting_has_begun(meeting):
    return permissions_minutes.meeting_has_begun(meeting)


@register.simple_tag
def meeting_begins_at(meeting):
    return permissions_minutes.meeting_begins_at(meeting)
