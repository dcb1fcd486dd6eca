"""Atom feed of newly published versions: «Faktaark 59 v1.1 er publisert».

The summaries are plain text and say so (``type="text"``): they are the document's summary
and change log as typed, not HTML. Every entry's id is a tag URI (RFC 4151) built from
settings.SITE_URL, the portal's own address: permanent and the same whichever host name the
feed was read under, so feed readers never show an entry twice. Links are absolute.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from documents import selectors
from meetings.visibility import decision_is_public
from normen_portal.text import strip_bidi

# Characters XML 1.0 cannot carry (Django's XML writer refuses them, which would be a 500).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value):
    return _NOT_XML.sub("", strip_bidi(str(value)))


def _site():
    return settings.SITE_URL.rstrip("/")


def tag_uri(path, date):
    """``tag:normen.example.no,2024-06-10:/faktaark/59/1.1/`` (RFC 4151): the site's host
    name, the day the entry was first published there, and the entry's path."""
    host = (urlsplit(settings.SITE_URL).hostname or "localhost").lower()
    return f"tag:{host},{date:%Y-%m-%d}:{path}"


class TextSummaryAtomFeed(Atom1Feed):
    """Atom with ``<summary type="text">``; Django's writes every summary as type="html"."""

    def add_item_elements(self, handler, item):
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


class PublishedVersionsFeed(Feed):
    feed_type = TextSummaryAtomFeed
    title = _("Normen: nye veiledere og faktaark")
    subtitle = _("Versjoner av Normens veiledere og faktaark når de publiseres.")
    link = reverse_lazy("documents:library")
    language = "nb"

    def feed_guid(self):
        return _site() + reverse("documents:feed")

    def items(self):
        return selectors.recently_published()

    def item_title(self, version):
        return _text(f"{version.document.display_title} v{version.number}")

    def item_description(self, version):
        parts = [version.document.summary]
        if version.approval_reference:
            approval = version.approval_reference
            # The decision's permanent address, once the public may read the decision.
            if decision_is_public(version.decision_case):
                approval += f" ({_site()}{version.decision_case.get_decision_url()})"
            parts.append(approval)
        if version.change_log:
            parts.append(version.change_log)
        return _text("\n\n".join(p for p in parts if p))

    def item_link(self, version):
        # Made absolute with the request's host by the syndication framework, like the
        # feed's own links and the sitemap.
        return version.get_absolute_url()

    def item_guid(self, version):
        return tag_uri(version.get_absolute_url(), timezone.localtime(version.published_at))

    item_guid_is_permalink = False

    def item_pubdate(self, version):
        return version.published_at

    def item_updateddate(self, version):
        return version.published_at

    def item_categories(self, version):
        return [version.document.get_kind_display()]
