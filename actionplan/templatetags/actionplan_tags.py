"""Template helpers for the action plan pages."""

from django import template
from django.urls import NoReverseMatch

from governance.permissions import can_read_papers
from meetings.visibility import decision_is_public

register = template.Library()


@register.simple_tag(takes_context=True)
def case_href(context, item):
    """Where a case can be read by this visitor: the meeting's case page for those who may
    see the meeting, the decision page once the decision is public, else nowhere."""
    user = context.get("user")
    try:
        if can_read_papers(user, item.body_id):
            return item.get_absolute_url()
        if decision_is_public(item):
            return item.get_decision_url()
        return ""
    except NoReverseMatch:
        # The meetings app names these pages; until it has them the case is shown as text.
        return ""


@register.filter
def plan_url(plan, name):
    """``{{ plan|plan_url:"plan_edit" }}``: a page under the plan's address."""
    return plan.url(name)
