"""Sanitizing user-written rich text: one allow-list for the whole portal (nh3).

Two profiles: ``basic`` for comments (paragraphs, lists, links, emphasis) and ``document``
for cover notes, minutes and guide text (adds headings, tables, quotes). Everything else is
stripped, never escaped into visible markup; links get rel="noopener noreferrer" and only
http(s)/mailto schemes survive, so ``javascript:`` links disappear.
"""

import nh3
from django.utils.safestring import mark_safe

_BASIC_TAGS = {"p", "br", "ul", "ol", "li", "a", "strong", "em", "b", "i", "blockquote"}
_DOCUMENT_TAGS = _BASIC_TAGS | {
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "caption",
    "sup", "sub", "code", "pre", "hr", "span", "dl", "dt", "dd", "figure", "figcaption",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"},
    "ol": {"start"},
}
_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html, profile="document"):
    """Return safe HTML for ``html`` under the given profile ("basic" or "document")."""
    if not html:
        return ""
    tags = _BASIC_TAGS if profile == "basic" else _DOCUMENT_TAGS
    attributes = {tag: attrs for tag, attrs in _ATTRIBUTES.items() if tag in tags}
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(html, profile="document"):
    """Sanitized HTML marked safe for templates (use the |rich filter in templates)."""
    return mark_safe(sanitize(html, profile))  # noqa: S308 - sanitized just above
