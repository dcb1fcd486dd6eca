"""Sanitizing user-written rich text: one allow-list for the whole portal (nh3).

Two profiles: ``basic`` for comments (paragraphs, lists, links, emphasis) and ``document``
for cover notes, minutes and guide text (adds headings, tables, quotes). Everything else is
stripped, never escaped into visible markup; links get rel="noopener noreferrer" and only
http(s)/mailto schemes survive, so ``javascript:`` links disappear.

No element keeps an ``id`` or a ``name`` someone wrote: a hand-written ``id`` can clobber
the page's own (``id="csrfmiddlewaretoken"``, a label's target, a script's global). The one
exception is the anchor a document's heading gets for its table of contents
(documents/converters/html.py): an h2–h4 keeps an ``id`` only when it is the anchor of its
own text (its slug, or the slug with «-2», «-3» … for a repeated heading), so nothing typed
can choose it. Bidi control characters are removed (normen_portal.text).
"""

import html
import re

import nh3
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from normen_portal.text import strip_bidi

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


# A heading as nh3 writes it: its start tag's attributes and its content (headings do not
# nest, so the first closing tag of the same level ends it).
_HEADING = re.compile(r"<(h[234])((?:\s[^>]*)?)>(.*?)</\1>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]*>")


def _anchor_of(content):
    """The anchor the table of contents gives a heading with this (sanitized) content: the
    same rule as documents.converters.html._heading_ids."""
    title = " ".join(html.unescape(_TAG.sub("", content)).split())
    return slugify(title)[:60].strip("-") or "avsnitt"


def _is_own_anchor(value, content):
    base = _anchor_of(content)
    return value == base or re.fullmatch(re.escape(base) + r"-[2-9][0-9]*", value) is not None


def _heading_ids(clean):
    def check(match):
        tag, attrs, content = match.groups()
        found = _ID.search(attrs)
        if found is None or _is_own_anchor(html.unescape(found[1]), content):
            return match[0]
        return f"<{tag}{_ID.sub('', attrs, count=1)}>{content}</{tag}>"

    return _HEADING.sub(check, clean)


def sanitize(html, profile="document"):
    """Return safe HTML for ``html`` under the given profile ("basic" or "document")."""
    if not html:
        return ""
    tags = _BASIC_TAGS if profile == "basic" else _DOCUMENT_TAGS
    attributes = {tag: attrs for tag, attrs in _ATTRIBUTES.items() if tag in tags}
    clean = nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # After nh3: it turns character references (&#x202E;) into the characters themselves.
    return _heading_ids(strip_bidi(clean))


def render(html, profile="document"):
    """Sanitized HTML marked safe for templates (use the |rich filter in templates)."""
    return mark_safe(sanitize(html, profile))  # noqa: S308 - sanitized just above
