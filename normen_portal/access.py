"""Refusing access, in one vocabulary. The predicates that decide it live in
``governance.permissions``; views and services pass their answer here."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


def require(allowed: bool, message=None):
    """Raise 403 unless ``allowed``; keeps the denial message in one vocabulary."""
    if not allowed:
        raise PermissionDenied(message or _("Du har ikke tilgang til dette."))
