"""The portal's sitemap at /sitemap.xml.

``SITEMAPS`` is the one registry: other apps add their public sections to it from their own
``AppConfig.ready`` (``from documents.sitemaps import SITEMAPS; SITEMAPS["meetings"] = …``),
and the sitemap view reads it on each request, so a section added after start-up is listed.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from documents.models import Document, DocumentVersion


class LibrarySitemap(Sitemap):
    """The list pages and the accessibility statement."""

    changefreq = "weekly"

    def items(self):
        return ["documents:library", "documents:fact_sheet_list", "documents:guide_list",
                "documents:accessibility"]

    def location(self, name):
        return reverse(name)


class DocumentSitemap(Sitemap):
    """Each published document's stable address (its current version)."""

    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (Document.objects.published().select_related("current_version")
                .order_by("kind", "number", "suffix", "slug"))

    def lastmod(self, document):
        return document.current_version.published_at


class VersionSitemap(Sitemap):
    """Every public version at its own address, superseded ones included."""

    changefreq = "yearly"
    priority = 0.4

    def items(self):
        return (DocumentVersion.objects.filter(status__in=DocumentVersion.PUBLIC)
                .select_related("document").order_by("document_id", "major", "minor"))

    def lastmod(self, version):
        return version.superseded_at or version.published_at


SITEMAPS = {
    "library": LibrarySitemap,
    "documents": DocumentSitemap,
    "versions": VersionSitemap,
}
