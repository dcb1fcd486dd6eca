"""``manage.py render_pending``: queue PDFs left waiting, e.g. after the broker was down.

The beat task ``rendering.tasks.sweep_pending_pdfs`` does the same every minute; this is for
operators (and deployments without beat). ``--refresh`` requests every source again, for
after a change to a PDF template or the print CSS.
"""

from django.core.management.base import BaseCommand

from rendering import services


class Command(BaseCommand):
    help = "Legger ventende PDF-er i køen igjen (og med --refresh: bestiller alle på nytt)."

    def add_arguments(self, parser):
        parser.add_argument("--min-age", type=int, default=60,
                            help="Bare rader som har ventet minst så mange sekunder.")
        parser.add_argument("--refresh", action="store_true",
                            help="Bestill PDF av gjeldende versjon for alle kilder.")
        parser.add_argument("--kind", action="append", dest="kinds",
                            help="Bare denne typen (kan gjentas), f.eks. meeting_minutes.")

    def handle(self, *args, min_age, refresh, kinds, **options):
        if refresh:
            ordered = services.refresh_all(kinds)
            self.stdout.write(f"Bestilt: {ordered} PDF-er av nye versjoner.")
        queued = services.sweep_pending(min_age=min_age)
        self.stdout.write(f"Lagt i køen igjen: {queued} ventende PDF-er.")
