"""The rule of normen_portal/public_cache.py: a committed write to a table the public can
see starts a new public generation (and rewrites the proxy's file); members' own activity,
reading and rolled-back work do not."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from meetings.services import comments as comment_services
from normen_portal.public_cache import generation

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def generation_file(settings, tmp_path):
    path = tmp_path / "public-generation"
    settings.PUBLIC_GENERATION_FILE = str(path)
    return path


@pytest.fixture
def case(body):
    # Notice sent, comments open: the papers members read and comment on.
    now = timezone.now()
    meeting = MeetingFactory(body=body, date=timezone.localdate() + timedelta(days=14),
                             status=Meeting.Status.NOTICE_SENT, notice_sent_at=now,
                             comment_deadline=now + timedelta(days=7))
    return AgendaItemFactory(meeting=meeting, number=16, year=meeting.date.year)


def test_a_committed_change_starts_a_new_generation_and_tells_the_proxy(case, generation_file):
    before = generation()
    with transaction.atomic():
        AgendaItem.objects.filter(pk=case.pk).update(title="Ny tittel")  # no signals fired
        assert generation() == before  # not before the commit: readers still see the old rows
    assert generation() != before
    assert generation_file.read_text().strip() == str(generation())


def test_one_transaction_is_one_new_generation(case):
    with transaction.atomic():
        for title in ("En", "To", "Tre"):
            AgendaItem.objects.filter(pk=case.pk).update(title=title)
        connection_callbacks = transaction.get_connection().run_on_commit
        assert len(connection_callbacks) == 1


def test_rolled_back_work_changes_nothing(case):
    before = generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        AgendaItem.objects.filter(pk=case.pk).update(title="Angret")
        raise RuntimeError
    assert generation() == before


def test_a_write_after_a_rolled_back_savepoint_still_counts(case):
    before = generation()
    with transaction.atomic():
        try:
            with transaction.atomic():
                AgendaItem.objects.filter(pk=case.pk).update(title="Angret")
                raise RuntimeError
        except RuntimeError:
            pass
        Meeting.objects.filter(pk=case.meeting_id).update(place="Oslo")
    assert generation() != before


def test_members_comments_do_not_empty_the_public_cache(case, users):
    before = generation()
    comment_services.comment_create(actor=users["member"], target=case, context="case",
                                    source="Innspill til saken.")
    assert generation() == before
