"""Who may do what with documents, built on governance.permissions (roles per body).

- Everyone reads published and superseded versions.
- Observers, members and the secretariat of the document's body read unpublished versions.
- The secretariat creates and edits documents and versions, sends them on consultation, links
  them to cases and publishes them.
- A consultation is answered by people who hold a seat for one of the invited organisations
  (for the body the document belongs to); the secretariat can also enter a response it got by
  e-mail on an organisation's behalf.
"""

from governance.models import Representation
from governance.permissions import (
    can_read_papers,
    is_secretariat,
    is_secretariat_anywhere,
    organisation_seats,
)

__all__ = [
    "can_manage_documents", "can_read_drafts", "can_view_version", "organisations_user_answers_for",
    "can_answer_consultation", "can_view_consultation", "can_use_workspace",
]


def can_manage_documents(user, body):
    return is_secretariat(user, body)


def can_read_drafts(user, body):
    return can_read_papers(user, body)


def can_use_workspace(user):
    """The internal document pages (lists of drafts and consultations)."""
    return is_secretariat_anywhere(user) or bool(_representations(user))


def can_view_version(user, version):
    if version.is_public:
        return True
    body_id = version.document.body_id
    if can_read_drafts(user, body_id):
        return True
    # Someone from an invited organisation outside the body's roster reads what they answer.
    return any(organisations_user_answers_for(user, c) for c in version.consultations.all())


def answering_seats(user):
    """The seats through which ``user`` answers consultations for an organisation: active,
    for an organisation, not the secretariat's. The one place of the rule, as a queryset, so
    that lists (e.g. the start page's consultations) can filter by it in the database."""
    return (Representation.objects.seated()
            .filter(person__user=user, organisation__isnull=False)
            .exclude(role=Representation.Role.SECRETARIAT))


def _representations(user):
    # The same seats as answering_seats, read from the request's one roles query.
    return organisation_seats(user)


def organisations_user_answers_for(user, consultation):
    """The invited organisations ``user`` speaks for in ``consultation`` (ids)."""
    body_id = consultation.version.document.body_id
    invited = {o.pk for o in consultation.organisations.all()}
    return sorted({org for body, org in _representations(user) if body == body_id
                   and org in invited})


def can_answer_consultation(user, consultation, organisation=None):
    """May ``user`` write the response of ``organisation`` (or of any organisation)?"""
    if not consultation.is_open:
        return False
    invited = {o.pk for o in consultation.organisations.all()}
    if organisation is not None and organisation.pk not in invited:
        return False
    if can_manage_documents(user, consultation.version.document.body_id):
        return True
    mine = organisations_user_answers_for(user, consultation)
    return bool(mine) if organisation is None else organisation.pk in mine


def can_view_consultation(user, consultation):
    """The consultation page: its text and, for the secretariat, all responses."""
    return can_read_drafts(user, consultation.version.document.body_id) or bool(
        organisations_user_answers_for(user, consultation)
    )
