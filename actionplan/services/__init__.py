"""Writes. Each public function is one atomic, permission-checked, history-recorded change.

``actor`` None is the system itself (the demo loader, the case_decided signal); a person
always goes through the permission check.

Modules by concern: ``plans`` (create, edit, life cycle, cases, carrying over), ``measures``
(edit, status reports) and ``proposals`` (innspill).
"""

from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """Someone else saved the object after this form was opened (optimistic locking).

    ``current`` is the object as saved now, so the form can show it beside the user's text.
    """

    message = _("Noen andre har lagret endringer mens du redigerte. Endringene dine er ikke "
                "lagret. Se over den lagrede versjonen nedenfor og lagre på nytt.")

    def __init__(self, current):
        super().__init__(str(self.message))
        self.current = current


def check_version(obj, version):
    """Compare the version the form was opened with against the locked row."""
    if version is None or int(version) != obj.version:
        raise EditConflict(obj)


def actor_name(user):
    if user is None:
        return ""
    # A user without a Person raises RelatedObjectDoesNotExist, an AttributeError.
    person = getattr(user, "person", None)
    return (person.name if person else "") or user.get_full_name() or user.get_username()
