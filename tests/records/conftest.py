"""The record's own fixtures: a meeting the secretariat builds through the agenda service
(so every case has the history a real one has), a fact sheet with a draft whose text was
saved twice, and helpers to put a case or version into the states a restore must refuse."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from documents.models import Document, VersionStatus
from documents.services import documents as document_services
from documents.services import versions as version_services
from meetings.models import AgendaItem, Meeting
from meetings.services import agenda as agenda_services
from meetings.services.meetings import meeting_create, meeting_transition

FIRST_PURPOSE = "<p>Sekretariatet legger fram et første utkast til handlingsplan.</p>"
SECOND_PURPOSE = "<p>Sekretariatet legger fram et revidert utkast til handlingsplan.</p>"


@pytest.fixture
def secretariat(users):
    return users["secretariat"]


@pytest.fixture
def meeting(body, secretariat):
    """A planned meeting six weeks ahead, with the standard cases."""
    return meeting_create(body=body, actor=secretariat,
                          date=timezone.localdate() + datetime.timedelta(days=42),
                          start_time=datetime.time(10, 0), end_time=datetime.time(15, 0),
                          place="Skøyen", form=Meeting.Form.HYBRID)


@pytest.fixture
def case(meeting, secretariat):
    """«Handlingsplan 2026», created and then revised once: two saved cover notes."""
    item = agenda_services.item_create(
        meeting, secretariat, kind=AgendaItem.Kind.CASE, title="Handlingsplan 2026",
        case_type="discussion", purpose=FIRST_PURPOSE,
        proposed_decision="Styringsgruppen drøfter utkastet.")
    return agenda_services.item_update(
        item, secretariat, expected_version=item.version, title="Handlingsplan 2026 – revidert",
        purpose=SECOND_PURPOSE,
        proposed_decision="Styringsgruppen drøfter det reviderte utkastet og gir innspill.")


def first_revision(item):
    """The history row of the case's first cover note."""
    return AgendaItem.history.filter(id=item.pk).order_by("history_date", "history_id").first()


def set_meeting_status(meeting, status):
    """Move the meeting along its life cycle the way the portal does (each move writes its
    event), up to ``status``."""
    path = [Meeting.Status.NOTICE_SENT, Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED]
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        for step in path[path.index(current.status) + 1 if current.status in path else 0:]:
            meeting_transition(current, step)
            if step == status:
                break
    meeting.refresh_from_db()
    return meeting


FIRST_TEXT = "<h2>Innledning</h2><p>Logging gir sporbarhet for all bruk av helseopplysninger.</p>"
SECOND_TEXT = ("<h2>Innledning</h2><p>Logging gir sporbarhet for all tilgang til "
               "helseopplysninger.</p><p>Loggene skal analyseres jevnlig.</p>")


@pytest.fixture
def document(body, secretariat):
    return document_services.document_create(
        body=body, actor=secretariat, kind=Document.Kind.FACT_SHEET, number=60,
        title="Logging og logganalyse", summary="Om logging.")


@pytest.fixture
def draft(document, secretariat):
    """Version 1.0 as a draft whose text was saved twice."""
    version = version_services.version_create(document, actor=secretariat)
    version = version_services.version_update(version, actor=secretariat,
                                              expected_version=version.version,
                                              text_html=FIRST_TEXT)
    return version_services.version_update(version, actor=secretariat,
                                           expected_version=version.version,
                                           text_html=SECOND_TEXT)


def text_revision_with(version, fragment):
    return next(r for r in version.history.order_by("history_date", "history_id")
                if fragment in r.text_html)


def approve(version):
    """Put the version up for decision and approve it, through the one transition function."""
    with transaction.atomic():
        version = version_services._locked(version)
        version_services.version_transition(version, VersionStatus.SUBMITTED)
        version_services.version_transition(version, VersionStatus.APPROVED,
                                            reason="Godkjent i sak 16/26")
    version.refresh_from_db()
    return version
