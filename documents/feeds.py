"""Atom feed of newly published versions: «Faktaark 59 v1.1 er publisert»."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors


class PublishedVersionsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Normen: nye veiledere og faktaark")
    subtitle = _("Versjoner av Normens veiledere og faktaark når de publiseres.")
    link = reverse_lazy("documents:library")
    language = "nb"

    def items(self):
        return selectors.recently_published()

    def item_title(self, version):
        return f"{version.document.display_title} v{version.number}"

    def item_description(self, version):
        parts = [version.document.summary]
        if version.approval_reference:
            parts.append(version.approval_reference)
        if version.change_log:
            parts.append(version.change_log)
        return "\n\n".join(p for p in parts if p)

    def item_link(self, version):
        return version.get_absolute_url()

    def item_guid(self, version):
        return version.get_absolute_url()

    item_guid_is_permalink = True

    def item_pubdate(self, version):
        return version.published_at

    def item_updateddate(self, version):
        return version.published_at

    def item_categories(self, version):
        return [version.document.get_kind_display()]
