"""The search index's sections: a version's text cut at its headings.

The excerpt under a search result comes from the best-matching section, not from the whole
text: ts_headline over a 40-page text costs milliseconds per result, over one section almost
nothing, and the result can link straight to the section. Rebuilt by documents.search whenever
a version's text changes; never edited by people, so no history.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from documents.models.version import DocumentVersion


class TextSection(models.Model):
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE,
                                related_name="sections")
    position = models.PositiveIntegerField()
    anchor = models.CharField(max_length=80, blank=True)
    heading = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    search_vector = SearchVectorField(null=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"],
                                    name="text_section_position_unique"),
        ]

    def __str__(self):
        return f"{self.version_id}#{self.anchor or self.position}"
