"""Build the search sections (and vectors) of versions saved before sections existed.

Self-contained on purpose: historical models and the pure ``sections()`` function, so later
changes to the app's code do not change what this migration did.
"""

from django.db import migrations

CONFIG = "norwegian"


def build(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from documents.converters.html import sections

    version_model = apps.get_model("documents", "DocumentVersion")
    section_model = apps.get_model("documents", "TextSection")
    pks = list(version_model.objects.exclude(
        pk__in=section_model.objects.values("version_id")).values_list("pk", flat=True))
    for start in range(0, len(pks), 50):
        batch = pks[start:start + 50]
        rows = []
        for pk, html in version_model.objects.filter(pk__in=batch).values_list("pk",
                                                                              "text_html"):
            rows += [section_model(version_id=pk, position=n, anchor=anchor[:80],
                                   heading=heading[:300], text=text)
                     for n, (anchor, heading, text) in enumerate(sections(html), start=1)]
        section_model.objects.bulk_create(rows, batch_size=500)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE documents_textsection SET search_vector = "
            "setweight(to_tsvector(%s::regconfig, heading), 'A') || "
            "setweight(to_tsvector(%s::regconfig, text), 'C') WHERE search_vector IS NULL",
            [CONFIG, CONFIG],
        )


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0003_documents_search_sections"),
    ]

    operations = [
        migrations.RunPython(build, migrations.RunPython.noop),
    ]
