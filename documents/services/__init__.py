"""Writes. Each public function is one atomic, permission-checked change recorded in history.

Modules by concern: ``documents`` (the document itself), ``versions`` (text, life cycle,
approval, publishing), ``annexes`` and ``consultations``. ``actor=None`` is the system itself
(the demo loader, the periodic publishing task, a decision recorded in a meeting).
"""

from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else saved the same thing since this person opened it."""

    message = _("Noen andre har lagret endringer mens du redigerte. Teksten din er tatt vare på "
                "nedenfor; se gjennom den nye versjonen og lagre på nytt.")


class NotEditable(Exception):
    """The version is past the point where its text may change."""
