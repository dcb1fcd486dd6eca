"""The admin is a back office that cannot bend the record (issue 12): approved minutes,
decisions, case numbers, statuses, approved versions and events are read-only there, for the
operations superuser too; history revert is off; reference data stays editable for the
secretariat's back-office group.

An outside test changed the decision text of an approved case of 27.09.2023 through
/admin/ as the demo secretariat (then a superuser): it reached the public archive with no
correction record. These tests make every such request through HTTP."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from documents.models import DocumentVersion
from events.models import Event
from governance.models import Body
from meetings.models import AgendaItem, Meeting

from .factories import give_totp

ADMIN_REFUSED = (302, 403, 404, 405)


@pytest.fixture
def drift(demo):
    user = get_user_model().objects.get(username="drift")
    assert user.is_superuser
    give_totp(user)
    return user


@pytest.fixture
def back_office(demo):
    user = get_user_model().objects.get(username="sekretariat")
    assert user.is_staff and not user.is_superuser
    give_totp(user)
    return user


def record_model_admins():
    """Every registered admin whose model is the record (not reference data)."""
    from meetings.demo.load import REFERENCE_MODELS

    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in {"meetings", "documents", "actionplan", "events",
                                         "rendering"}
            and model._meta.label_lower not in REFERENCE_MODELS]


def test_every_record_model_is_read_only_in_the_admin(rf, db):
    request = rf.get("/admin/")
    request.user = get_user_model().objects.create_superuser("drift-matrise", "d@example.no",
                                                             "x" * 20)
    offenders = [
        model._meta.label for model, model_admin in record_model_admins()
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request)
        or model_admin.has_delete_permission(request)
    ]
    assert not offenders, f"record models editable in the admin: {offenders}"
    assert {m._meta.label for m, _ in record_model_admins()} >= {
        "meetings.Meeting", "meetings.AgendaItem", "meetings.Statement", "meetings.Attendance",
        "documents.DocumentVersion", "events.Event", "actionplan.ActionPlan"}


def test_admin_cannot_bend_the_record(client, drift, back_office):
    """One demo load for every request (the demo is the data the outside test used)."""
    for user in (drift, back_office):
        client.force_login(user)
        _approved_decision_stays(client)
    _history_revert_is_off(client, drift)
    _approved_version_and_events_are_read_only(client, drift)
    _reference_data_stays_editable_for_the_back_office(client, back_office)
    _status_cannot_be_set_around_the_services()


def _approved_decision_stays(client):
    approved = Meeting.objects.get(body__slug="normen", date=datetime.date(2023, 9, 27))
    case = approved.items.filter(kind="case", decided_at__isnull=False).first()
    before = (case.decision_text, case.outcome, case.number, case.version)
    url = reverse("admin:meetings_agendaitem_change", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200  # the record is shown…
    assert 'name="decision_text"' not in page.content.decode()  # …as text, not a form
    response = client.post(url, {"decision_text": "Endret i admin", "outcome": "rejected",
                                 "number": "99", "title": case.title})
    assert response.status_code in ADMIN_REFUSED
    case.refresh_from_db()
    assert (case.decision_text, case.outcome, case.number, case.version) == before
    # Nor can the meeting's status be set, nor the row deleted.
    meeting_url = reverse("admin:meetings_meeting_change", args=[approved.pk])
    assert client.post(meeting_url, {"status": "held"}).status_code in ADMIN_REFUSED
    delete = reverse("admin:meetings_agendaitem_delete", args=[case.pk])
    assert client.post(delete, {"post": "yes"}).status_code in ADMIN_REFUSED
    assert AgendaItem.objects.filter(pk=case.pk).exists()
    approved.refresh_from_db()
    assert approved.status == Meeting.Status.MINUTES_APPROVED


def _history_revert_is_off(client, drift):
    client.force_login(drift)
    approved = Meeting.objects.get(body__slug="normen", date=datetime.date(2023, 9, 27))
    case = approved.items.filter(kind="case", decided_at__isnull=False).first()
    history_id = case.history.earliest().history_id
    url = reverse("admin:meetings_agendaitem_simple_history", args=[case.pk, history_id])
    assert client.get(url).status_code == 200  # an old revision may be looked at
    response = client.post(url, {"decision_text": "Gammel tekst", "_save": "1"})
    assert response.status_code == 403
    listing = client.get(reverse("admin:meetings_agendaitem_history", args=[case.pk]))
    assert "Tilbakestill" not in listing.content.decode()
    case.refresh_from_db()
    assert case.decision_text != "Gammel tekst"


def _approved_version_and_events_are_read_only(client, drift):
    client.force_login(drift)
    version = DocumentVersion.objects.filter(status="published").first()
    url = reverse("admin:documents_documentversion_change", args=[version.pk])
    assert client.post(url, {"status": "draft"}).status_code in ADMIN_REFUSED
    version.refresh_from_db()
    assert version.status == "published"
    assert client.get(reverse("admin:events_event_add")).status_code in ADMIN_REFUSED


def _reference_data_stays_editable_for_the_back_office(client, back_office):
    client.force_login(back_office)
    body = Body.objects.get(slug="normen")
    page = client.get(reverse("admin:governance_body_change", args=[body.pk]))
    assert page.status_code == 200
    assert 'name="email"' in page.content.decode()
    assert client.get(reverse("admin:governance_organisation_add")).status_code == 200


def _status_cannot_be_set_around_the_services():
    """The protected state field: plain assignment and save() is refused (a management
    command or a script has no way past the transitions)."""
    from normen_portal.states import InvalidTransition

    approved = Meeting.objects.get(body__slug="normen", date=datetime.date(2023, 9, 27))
    approved.status = Meeting.Status.HELD
    with pytest.raises(InvalidTransition):
        approved.save()
    assert not Event.objects.filter(subject_id=approved.pk).exists()
