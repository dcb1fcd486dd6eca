"""E-mail about minutes, sent by Celery after the change that causes it is committed."""

import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from governance.models import Person, Representation
from meetings.models import Meeting


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


def build_review_messages(meeting):
    url = settings.SITE_URL.rstrip("/") + reverse("meetings:minutes", args=[meeting.pk])
    context = {"meeting": meeting, "body": meeting.body, "url": url}
    reply_to = [meeting.body.email] if meeting.body.email else None
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("meetings/minutes_review_email_subject.txt", context).strip()
        messages = []
        for person in minutes_reviewers(meeting):
            body = render_to_string("meetings/minutes_review_email.txt",
                                    {**context, "person": person})
            # One message per person: nobody sees the other recipients' addresses.
            messages.append(EmailMessage(subject=subject, body=body, to=[person.email],
                                         reply_to=reply_to))
    return messages


@shared_task(
    name="meetings.tasks_minutes.send_minutes_for_review",
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30, retry_backoff_max=600, max_retries=8,
)
def send_minutes_for_review(meeting_id):
    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    messages = build_review_messages(meeting)
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
