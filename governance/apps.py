from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    """Who governs: bodies, organisations, people and their seats, and who may do what."""

    name = "governance"
    verbose_name = _("Styringsgrupper og representasjon")
