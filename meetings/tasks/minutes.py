"""E-mail about minutes, sent by Celery after the change that causes it is committed."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events.models import Event, EventKind
from governance.models import Person, Representation
from meetings.models import Meeting
from normen_portal import deliveries
from normen_portal.outbox import OutboxTask


def minutes_reviewers(meeting):
    """The body's representatives today (members and observers, deputies too) who have an
    e-mail address, one entry per person."""
    return list(
        Person.objects.filter(
            representations__in=Representation.objects.seated().filter(
                body_id=meeting.body_id, role__in=Representation.SEAT_ROLES,
                organisation__isnull=False,
            )
        )
        .exclude(email="")
        .distinct()
        .order_by("name")
    )


def review_builder(meeting):
    """``build(delivery)``: the e-mail asking one person to read the draft minutes."""
    url = settings.SITE_URL.rstrip("/") + reverse("meetings:minutes", args=[meeting.pk])
    context = {"meeting": meeting, "body": meeting.body, "url": url}
    reply_to = [meeting.body.email] if meeting.body.email else None
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("meetings/minutes_review_email_subject.txt", context).strip()
    people = {}

    def build(delivery):
        if delivery.person_id and delivery.person_id not in people:
            people[delivery.person_id] = Person.objects.filter(pk=delivery.person_id).first()
        person = people.get(delivery.person_id) or Person(name=delivery.name,
                                                          email=delivery.address)
        with translation.override(settings.LANGUAGE_CODE):
            body = render_to_string("meetings/minutes_review_email.txt",
                                    {**context, "person": person})
        # One message per person: nobody sees the other recipients' addresses.
        return EmailMessage(subject=subject, body=body, to=[delivery.address],
                            reply_to=reply_to)

    return build


def review_event(meeting):
    """The event of the latest «sent for review»: the message its deliveries belong to."""
    return (Event.objects.about(meeting).filter(kind=EventKind.MINUTES_SENT_FOR_REVIEW)
            .order_by("-pk").first())


@shared_task(bind=True, base=OutboxTask, name="meetings.tasks_minutes.send_minutes_for_review")
def send_minutes_for_review(self, meeting_id, event_id=None):
    """Send the pending deliveries of one «sent for review» (``event_id``; the latest when
    not given, as jobs queued before deliveries existed were)."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    event = (Event.objects.get(pk=event_id) if event_id is not None
             else review_event(meeting))
    return deliveries.deliver(self, event, review_builder(meeting)).sent
