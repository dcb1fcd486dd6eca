from django.core.management.base import BaseCommand

from normen_portal import outbox


class Command(BaseCommand):
    help = "Sender bakgrunnsjobber som ventet mens Redis var nede."

    def handle(self, *args, **options):
        sent = outbox.flush()
        self.stdout.write(f"Sendt {sent} ventende jobber.")
