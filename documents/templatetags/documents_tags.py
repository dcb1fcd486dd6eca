"""Template helpers for the document pages."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone

from meetings.visibility import decision_is_public

register = template.Library()


@register.filter
def day(value):
    """10.06.2024, in Oslo time for a datetime."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value)
    return formats.date_format(value, "d.m.Y")


@register.filter
def day_time(value):
    """10.06.2024 kl. 10.00"""
    if not value:
        return ""
    value = timezone.localtime(value)
    return f"{formats.date_format(value, 'd.m.Y')} kl. {formats.time_format(value, 'H.i')}"


STATUS_COLOURS = {
    "draft": "neutral", "consultation": "info", "submitted": "warning", "approved": "success",
    "published": "success", "returned": "warning", "withdrawn": "danger",
    "superseded": "neutral",
}


@register.filter
def status_colour(status):
    return STATUS_COLOURS.get(status, "neutral")


@register.simple_tag
def decision_url(case):
    """The decision page of a case once the public may see the decision, else nothing."""
    if not decision_is_public(case):
        return ""
    try:
        return case.get_decision_url()
    except NoReverseMatch:
        return ""


@register.simple_tag
def comments_url(version):
    """The review thread on a version's text (the meetings app's comments), if it exists."""
    try:
        return reverse("reviews:comment_thread", args=["dokumentversjon", version.pk,
                                                        "dokument"])
    except NoReverseMatch:
        return ""
