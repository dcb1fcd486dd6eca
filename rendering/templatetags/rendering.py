"""``{% pdf_status meeting "meeting_minutes" %}``: the PDF's status box for any page, and
``|pdf_text`` for the PDF templates."""

import re

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.template.loader import render_to_string

from normen_portal import richtext
from rendering import selectors

register = template.Library()

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


@register.filter
def pdf_text(value):
    """Rich text (sanitized, as on the pages) or plain text with its line breaks kept."""
    if not value:
        return ""
    if _TAG.search(value):
        return richtext.render(value, "document")
    return linebreaks_filter(value, autoescape=True)


@register.simple_tag(takes_context=True)
def pdf_status(context, obj, kind):
    """Status, download link and (for the secretariat) "Lag PDF på nytt" for ``obj``'s PDF of
    ``kind``; renders nothing for a user with nothing to see. Updates itself with htmx."""
    request = context.get("request")
    user = getattr(request, "user", None)
    state = selectors.pdf_state(obj, kind, user)
    if state is None:
        return ""
    return render_to_string("rendering/_pdf_status_box.html",
                            {"state": state, "next_url": request.get_full_path()},
                            request=request)
