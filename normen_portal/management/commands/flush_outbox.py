from django.core.management.base import BaseCommand

from normen_portal import outbox


class Command(BaseCommand):
    help = "Sender bakgrunnsjobber som fortsatt venter (for cron; Celery beat gjør det også)."

    def handle(self, *args, **options):
        sent = outbox.sweep()
        self.stdout.write(f"Sendt {sent} ventende jobber.")
