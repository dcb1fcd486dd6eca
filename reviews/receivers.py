"""What the members' review listens for in the rest of the meetings app.

- A meeting's notice going out and its draft minutes going out for review: the formal
  messages of the notice and minutes services tell everyone at once, so the review adds the
  event to the daily digest of those who chose one.
- A change to the agenda or its papers after the notice (an ``AgendaChange``): members hear of
  it by their own choice, at once or in the digest, before the secretariat sends the next
  change message.
- A new planned meeting: circulations closed while no meeting was planned get their
  orientation case on it.

The meeting services stay unaware of notifications; these receivers watch what those
services save. Work is done after the transaction commits, so a rolled-back change tells
nobody anything.
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_save

WATCHED = ("notice_sent_at", "minutes_sent_for_review_at")


def _remember_watched_fields(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._reviews_before = None
        return
    instance._reviews_before = (
        sender.objects.filter(pk=instance.pk).values(*WATCHED).first()
    )


def _events(before, instance):
    if before is None:
        return []
    events = []
    if before["notice_sent_at"] is None and instance.notice_sent_at is not None:
        events.append("published")
    if (instance.minutes_sent_for_review_at is not None
            and before["minutes_sent_for_review_at"] != instance.minutes_sent_for_review_at):
        events.append("minutes")
    return events


def _meeting_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    meeting_id = instance.pk
    if created:
        def attach():
            from meetings.models import Meeting
            from reviews.services.circulation import attach_pending_orientations

            meeting = Meeting.objects.filter(pk=meeting_id).first()
            if meeting is not None:
                with transaction.atomic():
                    attach_pending_orientations(meeting)

        transaction.on_commit(attach)
        return
    events = _events(getattr(instance, "_reviews_before", None), instance)
    instance._reviews_before = None
    for what in events:
        _notify_on_commit(meeting_id, what)


def _notify_on_commit(meeting_id, what, detail=""):
    def notify():
        from meetings.models import Meeting
        from reviews.services.notifications import papers_changed

        meeting = Meeting.objects.select_related("body").filter(pk=meeting_id).first()
        if meeting is not None:
            with transaction.atomic():
                papers_changed(meeting, what, detail=detail)

    transaction.on_commit(notify)


def _agenda_changed(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        _notify_on_commit(instance.meeting_id, "changed", instance.description)


def connect():
    pre_save.connect(_remember_watched_fields, sender="meetings.Meeting",
                     dispatch_uid="reviews_meeting_before")
    post_save.connect(_meeting_saved, sender="meetings.Meeting",
                      dispatch_uid="reviews_meeting_saved")
    post_save.connect(_agenda_changed, sender="meetings.AgendaChange",
                      dispatch_uid="reviews_agenda_changed")
