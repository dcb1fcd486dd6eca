"""Writes. Each public function is one atomic, permission-checked, history-recorded change.

``actor`` None is the system itself (the demo loader, the case_decided signal); a person
always goes through the permission check.

Modules by concern: ``plans`` (create, edit, life cycle, cases, carrying over), ``measures``
(edit, status reports) and ``proposals`` (innspill).
"""


def actor_name(user):
    if user is None:
        return ""
    # A user without a Person raises RelatedObjectDoesNotExist, an AttributeError.
    person = getattr(user, "person", None)
    return (person.name if person else "") or user.get_full_name() or user.get_username()
