"""``manage.py load_demo``: the demo data from the seed documents, for every app.

Idempotent: a second run changes nothing. Each app contributes a ``demo.load`` function;
the order matters (documents and action plans refer to meetings and cases).
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from governance.models import Representation
from meetings.demo.load import DEMO_PASSWORD, start_run

APP_LOADERS = [
    "meetings.demo.load", "reviews.demo", "documents.demo", "actionplan.demo",
]


class Command(BaseCommand):
    help = "Laster demodata fra kildedokumentene (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEMO_PASSWORD,
                            help="Passord for demobrukerne.")

    def handle(self, *args, password, **options):
        users = []
        start_run()
        for path in APP_LOADERS:
            module = import_module(path)
            result = module.load(password=password) if path.startswith("meetings") else (
                module.load()
            )
            if isinstance(result, dict):
                users += result.get("users", [])
        self.stdout.write(self.style.SUCCESS("Demodata er lastet."))
        labels = {**dict(Representation.Role.choices), "drift": _("drift, administrator")}
        for username, role in users:
            label = str(labels.get(role, role)).lower()
            self.stdout.write(f"  Bruker: {username:<18} passord: {password}   ({label})")
