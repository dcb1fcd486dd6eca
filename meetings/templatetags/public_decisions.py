"""``{% load public_decisions %}``: the public-decision rule in templates, so a page asks
``item|decision_is_public`` instead of spelling the rule out again."""

from django import template

from meetings import visibility

register = template.Library()


@register.filter
def decision_is_public(item):
    return visibility.decision_is_public(item)
