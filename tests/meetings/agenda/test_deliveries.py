"""Per-recipient delivery through a real SMTP server (tests/smtp.py): each recipient gets the
notice once, whatever the server does; a permanent refusal is kept with its reason.

Tasks run in-process here (eager, as in ``make run``); tests/ops/test_delivery_faults.py does
the same with real web and worker processes that are killed.
"""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from events.models import Event, EventKind
from governance.models import Membership
from meetings.models import NoticeDispatch
from meetings.services.deliveries import meeting_delivery_resend
from meetings.services.notice import meeting_send_notice
from normen_portal import deliveries
from normen_portal.models import Delivery, OutboxJob
from tests.conftest import client_for
from tests.factories import OrganisationFactory, RepresentationFactory

from ...smtp import SmtpServer
from .conftest import add_case

pytestmark = pytest.mark.django_db

SUBJECT = "Innkalling: Møte i styringsgruppen 10.06.2024"


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        server.use(settings)
        settings.DELIVERY_RETRY_SECONDS = 0
        yield server


def seat_people(body, n):
    """``n`` more members of ``body``, one organisation each; their addresses."""
    addresses = []
    for i in range(n):
        organisation = OrganisationFactory(name=f"Virksomhet {i:02}")
        Membership.objects.create(body=body, organisation=organisation)
        address = f"mottaker{i:02}@example.no"
        RepresentationFactory(body=body, organisation=organisation,
                              person__name=f"Mottaker {i:02}", person__email=address)
        addresses.append(address)
    return addresses


@pytest.fixture
def meeting28(body, meeting, secretariat):
    """The meeting, with 28 recipients: the three of ``users`` and 25 more."""
    add_case(meeting, secretariat, "Handlingsplan 2025")
    seat_people(body, 25)
    return meeting


def send(meeting, secretariat, committed):
    with committed():
        return meeting_send_notice(meeting, secretariat)


def notice_counts(smtp):
    counts = {}
    for message in smtp.received:
        if message.subject == SUBJECT:
            for address in message.to:
                counts[address] = counts.get(address, 0) + 1
    return counts


def test_failure_after_12_of_28_sends_each_recipient_exactly_one_notice(
        meeting28, secretariat, committed, smtp):
    smtp.fail_after(12, code=451)
    dispatch = send(meeting28, secretariat, committed)

    counts = notice_counts(smtp)
    assert len(counts) == 28 and set(counts.values()) == {1}
    rows = deliveries.for_message(dispatch)
    assert rows.count() == 28
    assert set(rows.values_list("status", flat=True)) == {Delivery.Status.SENT}
    # The 13th was tried twice (the 451, then accepted); the others once.
    assert sorted(rows.values_list("attempts", flat=True)) == [1] * 27 + [2]
    dispatch.refresh_from_db()
    assert dispatch.emails_sent_at is not None
    assert OutboxJob.objects.get(task_name="meetings.tasks.send_notice_emails").done_at


def test_dropped_connection_mid_send_still_sends_each_once(meeting28, secretariat, committed,
                                                           smtp):
    smtp.drop_after(5)
    smtp.drop_after(20)
    send(meeting28, secretariat, committed)
    counts = notice_counts(smtp)
    assert len(counts) == 28 and set(counts.values()) == {1}


def test_a_5xx_for_one_address_fails_that_one_and_the_others_get_theirs(
        meeting28, secretariat, committed, smtp):
    smtp.refuse("mottaker07@example.no", 550, "5.1.1 Mottakeren finnes ikke")
    dispatch = send(meeting28, secretariat, committed)

    counts = notice_counts(smtp)
    assert len(counts) == 27 and set(counts.values()) == {1}
    assert "mottaker07@example.no" not in counts
    failed = deliveries.for_message(dispatch).get(status=Delivery.Status.FAILED)
    assert failed.address == "mottaker07@example.no"
    assert failed.attempts == 1  # not retried
    assert "550" in failed.last_error and "Mottakeren finnes ikke" in failed.last_error
    # Settled: nothing left waiting, so the dispatch counts as done.
    dispatch.refresh_from_db()
    assert dispatch.emails_sent_at is not None


def test_a_data_5xx_is_permanent_too(meeting, secretariat, committed, smtp):
    smtp.fail_after(1, code=554, text="5.6.0 Meldingen avvist")
    dispatch = send(meeting, secretariat, committed)
    rows = deliveries.for_message(dispatch)
    assert rows.filter(status=Delivery.Status.SENT).count() == 2
    assert "554 5.6.0 Meldingen avvist" in rows.get(status=Delivery.Status.FAILED).last_error


def test_a_server_that_keeps_saying_later_is_given_up_on_with_the_reason(
        meeting, secretariat, committed, smtp, settings):
    settings.DELIVERY_MAX_RETRIES = 2
    smtp.fail_after(0, code=421, times=100, text="4.7.0 For mange tilkoblinger")
    dispatch = send(meeting, secretariat, committed)
    rows = deliveries.for_message(dispatch)
    assert set(rows.values_list("status", flat=True)) == {Delivery.Status.FAILED}
    assert smtp.received == []
    # The first was tried three times (once plus two retries); the rest never reached the
    # server, and carry the error that stopped the sending.
    assert rows.order_by("pk").first().attempts == 3
    assert all("421 4.7.0 For mange tilkoblinger" in r.last_error for r in rows)


def test_secretariat_resends_to_one_recipient(meeting28, secretariat, committed, smtp):
    smtp.refuse("mottaker07@example.no")
    dispatch = send(meeting28, secretariat, committed)
    failed = deliveries.for_message(dispatch).get(status=Delivery.Status.FAILED)
    smtp.refusals.clear()  # the address is fixed at the other end

    with committed():
        meeting_delivery_resend(meeting28, failed, secretariat)
    counts = notice_counts(smtp)
    assert len(counts) == 28 and set(counts.values()) == {1}
    failed.refresh_from_db()
    assert failed.status == Delivery.Status.SENT and failed.resends == 1
    event = Event.objects.get(kind=EventKind.MESSAGE_RESENT)
    assert event.data["address"] == "mottaker07@example.no"
    assert "5.1.1" in event.data["previous_error"]


def test_only_the_secretariat_may_resend(meeting, secretariat, users, committed, smtp):
    dispatch = send(meeting, secretariat, committed)
    delivery = deliveries.for_message(dispatch).first()
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        meeting_delivery_resend(meeting, delivery, users["member"])


def test_history_page_lists_deliveries_and_the_failure_reason(meeting28, secretariat,
                                                              committed, smtp, users, client):
    smtp.refuse("mottaker07@example.no", 550, "5.1.1 Mottakeren finnes ikke")
    dispatch = send(meeting28, secretariat, committed)
    client = client_for(client, users["secretariat"])
    url = reverse("meetings:meeting_history", args=[meeting28.pk])
    page = client.get(url).content.decode()
    assert "Mottaker 07" in page and "550 5.1.1 Mottakeren finnes ikke" in page
    assert "Send på nytt" in page
    failed = deliveries.for_message(dispatch).get(status=Delivery.Status.FAILED)
    resend_url = reverse("meetings:delivery_resend", args=[meeting28.pk, failed.pk])
    assert resend_url in page
    # A member cannot even see the page, nor post the resend.
    member = client_for(Client(), users["member"])
    assert member.get(url).status_code in (403, 404)
    assert member.post(resend_url).status_code in (403, 404)
    smtp.refusals.clear()
    with committed():
        response = client.post(resend_url)
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == Delivery.Status.SENT
    assert len(smtp.received_by("mottaker07@example.no")) == 1


def test_resend_while_it_is_being_sent_is_refused(meeting, secretariat, committed, smtp):
    dispatch = send(meeting, secretariat, committed)
    delivery = deliveries.for_message(dispatch).first()
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.SENDING)
    delivery.refresh_from_db()
    with pytest.raises(ValidationError):
        meeting_delivery_resend(meeting, delivery, secretariat)


def test_a_task_delivered_twice_sends_nothing_more(meeting, secretariat, committed, smtp):
    from meetings.tasks.notice import send_notice_emails

    dispatch = send(meeting, secretariat, committed)
    assert len(notice_counts(smtp)) == 3
    # The same message again (a broker redelivery), and the bare task too.
    job = OutboxJob.objects.get(task_name=send_notice_emails.name)
    send_notice_emails.apply(args=[dispatch.pk], kwargs={"outbox_job_id": job.pk})
    send_notice_emails.apply(args=[dispatch.pk])
    assert set(notice_counts(smtp).values()) == {1}
    assert NoticeDispatch.objects.get(pk=dispatch.pk).emails_sent_at


def test_minutes_for_review_once_each_with_the_failure_on_the_page_and_a_resend(
        meeting, secretariat, committed, smtp, users, client):
    from meetings.models import Meeting
    from meetings.services import minutes as minutes_services
    from tests.factories import set_status

    set_status(meeting, Meeting.Status.HELD)
    smtp.fail_after(1, code=451)
    smtp.refuse("vara@example.no", 550, "5.1.1 Mottakeren finnes ikke")
    with committed():
        minutes_services.minutes_send_for_review(meeting, secretariat)
    subject = "Utkast til referat fra møtet 10.06.2024 til gjennomlesning"
    counts = {}
    for message in smtp.received:
        if message.subject == subject:
            for address in message.to:
                counts[address] = counts.get(address, 0) + 1
    assert counts == {"medlem@example.no": 1, "observator@example.no": 1}
    failed = Delivery.objects.get(kind=Delivery.Kind.MINUTES_REVIEW, address="vara@example.no")
    assert failed.status == Delivery.Status.FAILED

    client = client_for(client, secretariat)
    url = reverse("meetings:meeting_history", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "Referat sendt på gjennomlesning" in page and "5.1.1 Mottakeren finnes ikke" in page
    smtp.refusals.clear()
    with committed():
        response = client.post(reverse("meetings:delivery_resend",
                                       args=[meeting.pk, failed.pk]))
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == Delivery.Status.SENT
    assert len(smtp.received_by("vara@example.no")) == 1


def test_a_delivery_of_another_meeting_cannot_be_resent_from_this_one(
        body, meeting, secretariat, committed, smtp):
    from .conftest import make_meeting

    dispatch = send(meeting, secretariat, committed)
    other = make_meeting(body, secretariat, date=meeting.date.replace(day=20))
    with pytest.raises(ValidationError):
        meeting_delivery_resend(other, deliveries.for_message(dispatch).first(), secretariat)
