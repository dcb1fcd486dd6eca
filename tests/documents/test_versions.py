"""A version's life: drafting, the one open version, locking, decision in a case, approval,
publishing now or later. Through the services, as the views and the meetings app call them."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from documents import tasks
from documents.models import Annex, DocumentVersion, VersionStatus
from documents.services import NotEditable
from documents.services import versions as services
from meetings.models import InvalidTransition, Meeting, Outcome
from meetings.signals import case_decided
from normen_portal.concurrency import EditConflict
from normen_portal.public_cache import generation
from tests.factories import set_status

from .conftest import make_version, publish_directly

S = VersionStatus


def decide(case, outcome, text="Vedtatt"):
    """What the meetings app does when the decision is recorded in the minutes."""
    case.outcome = outcome
    case.decision_text = text
    case.decided_at = timezone.now()
    case.save()
    case_decided.send(sender=type(case), item=case, outcome=outcome)


def numbered(case, number=15, year=2024):
    case.number, case.year = number, year
    case.save()
    return case


def test_transitions_are_explicit(draft):
    with pytest.raises(InvalidTransition, match="«Utkast» kan ikke få status «Publisert»"):
        services.version_transition(draft, S.PUBLISHED)
    services.version_transition(draft, S.SUBMITTED)
    assert DocumentVersion.objects.get(pk=draft.pk).status == S.SUBMITTED


def test_approved_version_cannot_be_edited(fact_sheet, users):
    version = make_version(fact_sheet, status=S.APPROVED)

    with pytest.raises(NotEditable, match="kan ikke endres"):
        services.version_update(version, actor=users["secretariat"],
                                expected_version=version.version, text_html="<p>Ny</p>")
    assert DocumentVersion.objects.get(pk=version.pk).text_html == version.text_html


def test_text_edit_needs_the_secretariat(draft, users):
    for who in ("member", "observer", "no_seat", "other_body_member"):
        with pytest.raises(PermissionDenied):
            services.version_update(draft, actor=users[who], expected_version=draft.version,
                                    text_html="<p>Nei</p>")


def test_second_save_from_a_stale_form_is_a_conflict(draft, users):
    sara = users["secretariat"]
    opened = draft.version
    services.version_update(draft, actor=sara, expected_version=opened,
                            text_html="<h2>Første</h2><p>Lagret først.</p>")

    with pytest.raises(EditConflict):
        services.version_update(draft, actor=sara, expected_version=opened,
                                text_html="<p>Lagret sist, fra gammelt skjema.</p>")
    assert "Lagret først" in DocumentVersion.objects.get(pk=draft.pk).text_html


def test_saving_text_sanitizes_and_builds_the_contents(draft, users):
    services.version_update(draft, actor=users["secretariat"], expected_version=draft.version,
                            text_html='<h2>Ansvar</h2><p onclick="x()">Tekst<script>x()</script>'
                                      '</p><a href="javascript:alert(1)">lenke</a>')
    draft.refresh_from_db()

    assert draft.text_html == (
        '<h2 id="ansvar">Ansvar</h2><p>Tekst</p><a rel="noopener noreferrer">lenke</a>')
    assert draft.toc == [{"level": 2, "id": "ansvar", "title": "Ansvar"}]


def test_new_version_copies_text_and_annexes_and_numbers_upwards(fact_sheet, users):
    published = publish_directly(make_version(fact_sheet, status=S.APPROVED))
    Annex.objects.create(version=published, title="HUKI-matrise", slug="huki", html="<p>H</p>")
    sara = users["secretariat"]

    new = services.version_create(fact_sheet, actor=sara)

    assert new.number == "1.1" and new.status == S.DRAFT
    assert new.text_html == published.text_html
    assert [a.title for a in new.annexes.all()] == ["HUKI-matrise"]
    with pytest.raises(ValidationError, match="allerede en versjon under arbeid"):
        services.version_create(fact_sheet, actor=sara, number="2.0")


def test_new_version_number_must_be_higher(fact_sheet, users):
    publish_directly(make_version(fact_sheet, number="3.0", status=S.APPROVED))

    with pytest.raises(ValidationError, match="høyere enn siste versjon"):
        services.version_create(fact_sheet, actor=users["secretariat"], number="2.9")


def test_linking_a_case_submits_the_version_and_writes_the_proposed_decision(draft, case,
                                                                             users):
    services.version_link_case(draft, actor=users["secretariat"], case=case)

    draft.refresh_from_db()
    case.refresh_from_db()
    assert draft.status == S.SUBMITTED and draft.decision_case == case
    assert case.proposed_decision == (
        "Integritet – Korrekt og oppdatert informasjon til rett tid (faktaark 59) v1.0 "
        "godkjennes")


def test_linking_keeps_a_proposed_decision_the_secretariat_wrote(draft, case, users):
    case.proposed_decision = "Styringsgruppen godkjenner faktaarket med endringene i møtet."
    case.save()

    services.version_link_case(draft, actor=users["secretariat"], case=case)

    case.refresh_from_db()
    assert case.proposed_decision.startswith("Styringsgruppen godkjenner faktaarket")


def test_only_cases_of_planned_or_notified_meetings_can_be_chosen(draft, case, users):
    set_status(case.meeting, Meeting.Status.HELD)

    with pytest.raises(ValidationError):
        services.version_link_case(draft, actor=users["secretariat"], case=case)
    assert DocumentVersion.objects.get(pk=draft.pk).status == S.DRAFT


def test_approval_in_the_meeting_approves_and_publishes_that_exact_version(
        fact_sheet, case, users, django_capture_on_commit_callbacks):
    old = publish_directly(make_version(fact_sheet, status=S.APPROVED))
    new = services.version_create(fact_sheet, actor=users["secretariat"])
    services.version_link_case(new, actor=users["secretariat"], case=numbered(case))
    before = generation()

    with django_capture_on_commit_callbacks(execute=True):
        decide(case, Outcome.APPROVED)

    new.refresh_from_db()
    old.refresh_from_db()
    fact_sheet.refresh_from_db()
    assert new.status == S.PUBLISHED
    assert new.approved_on == date(2024, 9, 18)
    assert new.approval_reference == (
        "Godkjent av Styringsgruppen for Normen 18.09.2024, sak 15/24")
    assert new.published_at is not None
    assert old.status == S.SUPERSEDED and old.superseded_at == new.published_at
    assert fact_sheet.current_version == new
    # The public pages are rendered afresh: no stale version after publication.
    assert generation() != before


def test_approval_with_changes_also_approves(draft, case, users):
    services.version_link_case(draft, actor=users["secretariat"], case=numbered(case))
    decide(case, Outcome.APPROVED_WITH_CHANGES)

    assert DocumentVersion.objects.get(pk=draft.pk).status == S.PUBLISHED


def test_withdrawn_case_withdraws_the_version(draft, case, users):
    services.version_link_case(draft, actor=users["secretariat"], case=numbered(case, 14))

    decide(case, Outcome.WITHDRAWN, "Saken trekkes, og det jobbes videre med saken.")

    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN
    assert draft.document.current_version is None
    assert draft.history.first().history_change_reason == "Trukket i sak 14/24"


def test_postponed_case_leaves_the_version_up_for_decision_without_a_case(draft, case, users):
    services.version_link_case(draft, actor=users["secretariat"], case=numbered(case))

    decide(case, Outcome.POSTPONED, "Saken utsettes til neste møte.")

    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED and draft.decision_case is None


def test_noted_case_returns_the_version_for_revision(draft, case, users):
    services.version_link_case(draft, actor=users["secretariat"], case=numbered(case))

    decide(case, Outcome.NOTED)

    assert DocumentVersion.objects.get(pk=draft.pk).status == S.RETURNED


def test_a_decision_on_another_case_changes_nothing(draft, case, users):
    services.version_link_case(draft, actor=users["secretariat"], case=numbered(case))
    other = type(case).objects.create(meeting=case.meeting, body=case.body, title="Annen sak",
                                      position=99)

    decide(other, Outcome.APPROVED)

    assert DocumentVersion.objects.get(pk=draft.pk).status == S.SUBMITTED


def test_scheduled_publication_waits_for_its_time(draft, case, users):
    sara = users["secretariat"]
    when = timezone.make_aware(datetime(2030, 1, 15, 8, 0))
    services.version_update(draft, actor=sara, expected_version=draft.version,
                            publish_plan=DocumentVersion.PublishPlan.SCHEDULED, publish_at=when)
    services.version_link_case(draft, actor=sara, case=numbered(case))
    decide(case, Outcome.APPROVED)
    draft.refresh_from_db()
    assert draft.status == S.APPROVED

    assert services.publish_due_versions(now=when - timedelta(minutes=1)) == []
    published = services.publish_due_versions(now=when)

    assert [v.pk for v in published] == [draft.pk]
    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED and draft.published_at == when


def test_manual_plan_publishes_only_when_the_secretariat_says_so(draft, case, users):
    sara = users["secretariat"]
    services.version_update(draft, actor=sara, expected_version=draft.version,
                            publish_plan=DocumentVersion.PublishPlan.MANUAL)
    services.version_link_case(draft, actor=sara, case=numbered(case))
    decide(case, Outcome.APPROVED)
    assert DocumentVersion.objects.get(pk=draft.pk).status == S.APPROVED

    with pytest.raises(PermissionDenied):
        services.version_publish(draft, actor=users["member"])
    services.version_publish(draft, actor=sara)

    assert DocumentVersion.objects.get(pk=draft.pk).status == S.PUBLISHED


def test_periodic_task_is_scheduled_and_publishes(fact_sheet):
    version = make_version(fact_sheet, status=S.APPROVED,
                           publish_plan=DocumentVersion.PublishPlan.SCHEDULED,
                           publish_at=timezone.now() - timedelta(minutes=5))

    assert tasks.app.conf.beat_schedule["documents-publish-due-versions"]["task"] == (
        "documents.tasks.publish_due_versions")
    assert tasks.publish_due_versions.delay().get() == [version.pk]
    assert DocumentVersion.objects.get(pk=version.pk).status == S.PUBLISHED
