from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplanConfig(AppConfig):
    name = "actionplan"
    verbose_name = _("Strategi og handlingsplan")

    def ready(self):
        from actionplan import pdf, signals  # noqa: F401 - the PDF kind and the case_decided receiver
