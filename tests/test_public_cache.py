"""The rule of normen_portal/public_cache.py: a committed write to a table the public can
see starts a new public generation (and rewrites the proxy's file); members' own activity,
reading and rolled-back work do not."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from meetings.models import AgendaItem, Meeting
from normen_portal.public_cache import bump, generation
from reviews.services import comments as comment_services

from .factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def generation_file(settings, tmp_path):
    path = tmp_path / "public-generation"
    settings.PUBLIC_GENERATION_FILE = str(path)
    bump()  # as each web process does when it starts
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


def test_with_redis_down_a_change_still_starts_a_new_generation(settings, generation_file,
                                                                case):
    """The generation lives in the proxy's file, not in Redis: a publication during an outage
    must not let Redis come back with the old generation and the pages cached under it."""
    settings.CACHES = {"default": {
        "BACKEND": "normen_portal.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2},
    }}
    before = generation()
    assert before is not None
    AgendaItem.objects.filter(pk=case.pk).update(title="Endret mens Redis var nede")
    assert generation() not in (before, None)
    assert generation_file.read_text().strip() == str(generation())


def test_a_missing_file_is_started_and_nothing_is_cached_meanwhile(generation_file):
    generation_file.unlink()
    assert generation() is None  # this request caches nothing…
    assert generation_file.exists() and generation() is not None  # …the next ones do
