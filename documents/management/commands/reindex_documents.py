"""``manage.py reindex_documents``: rebuild the library's search index (vectors and sections)
for every version, e.g. after a change to how the text is cut or weighted."""

from django.core.management.base import BaseCommand

from documents.models import DocumentVersion
from documents.search import is_postgres, refresh_vector


class Command(BaseCommand):
    help = "Bygger søkeindeksen for veiledere og faktaark på nytt."

    def handle(self, *args, **options):
        if not is_postgres():
            self.stdout.write("Fulltekstsøk krever PostgreSQL; ingenting å gjøre.")
            return
        pks = list(DocumentVersion.objects.values_list("pk", flat=True))
        for start in range(0, len(pks), 50):
            refresh_vector(pks[start:start + 50])
        self.stdout.write(self.style.SUCCESS(f"Søkeindeksen er bygget for {len(pks)} versjoner."))
