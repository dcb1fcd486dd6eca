"""Optimistic concurrency, one idiom everywhere: a form carries the version of the row it was
loaded at (a version number, or a fingerprint of the row), the service locks the row and calls
``check_unchanged``, and a stale form raises ``EditConflict`` instead of overwriting what someone
else saved in the meantime. Nothing is written; the view shows the message above the form with
the person's own text still in it (``normen_portal.form_errors.apply_service_error``)."""

from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else saved the row after this form was loaded, so nothing was saved.

    ``message`` is what the person reads (the one default unless a flow needs its own words,
    e.g. a restore); ``current`` is the row as it is now, when the service has it, so the page
    can show it beside what the person typed."""

    default_message = _("Noen andre har endret dette mens du skrev. Se gjennom endringene deres "
                        "før du lagrer på nytt.")

    def __init__(self, message=None, *, current=None):
        self.message = self.default_message if message is None else message
        self.current = current
        super().__init__(self.message)

    def __str__(self):
        return str(self.message)


_VERSION = object()


def check_unchanged(current, expected, *, now=_VERSION, required=False, message=None):
    """Raise EditConflict unless the form's ``expected`` still matches the locked row.

    ``current`` is the row as it is now (the caller holds its lock); ``now`` is what the form's
    value is compared with, ``current.version`` unless given (a fingerprint of the row). The two
    are compared as text, so "7" from a form equals 7 and a value the form did not get from us
    (not a number at all) is a conflict, never an error page. ``expected`` None means the caller
    loaded no form (a call from code): nothing to compare, unless ``required``, where a missing
    version is a conflict too."""
    if now is _VERSION:
        now = current.version
    if expected is None:
        if required:
            raise EditConflict(message, current=current)
        return
    if str(expected).strip() != str(now):
        raise EditConflict(message, current=current)
