"""The GIN index for full-text search, on PostgreSQL only.

The index is in the model's Meta (so the migration state matches the model), but SQLite, the
portal's local default, has no GIN indexes; there the search falls back to plain matching.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX = GinIndex(fields=["search_vector"], name="version_search_gin")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("documents", "DocumentVersion"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("documents", "DocumentVersion"), INDEX)


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0001_documents_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="documentversion", index=INDEX)],
            database_operations=[migrations.RunPython(create_index, drop_index)],
        ),
    ]
