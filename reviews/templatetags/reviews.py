"""Template tags of the members' review, for other pages to include.

    {% load reviews %}
    {% comment_thread item "cover_note" %}          the comment thread on a target
    {% comment_thread version "document_version" level=3 %}
    {% member_overview %}                           the member's overview (start page)
    {% case_conflicts item %}                       «Inhabil: …» under a case in the minutes
    {% meeting_conflicts meeting %}                 the declarations, for the attendance page
"""

from django import template
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.safestring import mark_safe

from governance.permissions.meetings import can_view_meeting
from meetings.models import AgendaItem, Meeting
from reviews.selectors import conflicts_for_meeting
from reviews.selectors import member_overview as overview_for
from reviews.services.notifications import visit_record

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_thread(context, target, comment_context, level=2):
    """The thread of comments on ``target`` (an agenda item, attachment or document
    version) in ``comment_context`` ("case", "cover_note", "attachment", "minutes",
    "document_version"); nothing for a visitor who may not read it. Viewing it marks the
    visit, so comments are flagged «Ny» against the visit before."""
    from reviews.views.comments import render_thread_fragment

    request = context.get("request")
    if request is None or target is None:
        return ""
    return mark_safe(render_thread_fragment(request, target, comment_context, level))  # noqa: S308 - rendered template


@register.inclusion_tag("meetings/_member_overview.html", takes_context=True)
def member_overview(context, level=2):
    """The signed-in member's or observer's preparation overview. Showing it counts as a
    visit, so the marks «Ny»/«Endret» are against the visit before this session."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"overview": None}
    # The visit marks use three content types; when this process has not looked them up yet,
    # one query fetches all three (Django keeps them for the life of the process).
    ContentType.objects.get_for_models(get_user_model(), Meeting, AgendaItem)
    since = visit_record(user, user)
    return {"overview": overview_for(user, since=since), "level": level,
            "sublevel": level + 1, "item_level": level + 2, "request": request}


@register.inclusion_tag("reviews/comments/_case_conflicts.html", takes_context=True)
def case_conflicts(context, item):
    """Declared conflicts of interest on one case, as the minutes print them. Uses
    ``item.prefetched_conflicts`` when a list view has prefetched them."""
    conflicts = getattr(item, "prefetched_conflicts", None)
    if conflicts is None:
        conflicts = list(item.conflicts.select_related("person", "organisation"))
    return {"conflicts": conflicts}


@register.inclusion_tag("reviews/comments/_meeting_conflicts.html", takes_context=True)
def meeting_conflicts(context, meeting, level=2):
    request = context.get("request")
    user = getattr(request, "user", None)
    visible = can_view_meeting(user, meeting)
    return {"conflicts": conflicts_for_meeting(meeting) if visible else [],
            "meeting": meeting, "level": level}
