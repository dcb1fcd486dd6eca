"""E-mail notices, each person by their own choice: immediate, daily digest, or none."""

import pytest
from django.core import mail
from django.urls import reverse

from meetings.models import Meeting
from meetings.services.meetings import meeting_transition
from reviews.models import Notification, NotificationPreference
from reviews.services import comments as comment_services
from reviews.services.notifications import send_daily_digests
from reviews.tasks import send_daily_digests as digest_task

from ..conftest import client_for


def choose(user, frequency):
    NotificationPreference.objects.update_or_create(person=user.person,
                                                    defaults={"frequency": frequency})


@pytest.fixture
def planned(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.PLANNED,
                                                 notice_sent_at=None)
    meeting.refresh_from_db()
    return meeting


def send_notice(meeting):
    meeting_transition(meeting, Meeting.Status.NOTICE_SENT)


def change_after_notice(case, actor, **fields):
    """A change through the agenda service, which logs it for the next change message."""
    from meetings.services.agenda import item_update

    return item_update(case, actor, expected_version=case.version, **fields)


def test_members_hear_at_once_of_changes_after_the_notice(users, case,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        change_after_notice(case, users["secretariat"],
                            proposed_decision="Styringsgruppen godkjenner Faktaark 59 "
                                              "med endringene fra møtet.")

    to = sorted(m.to[0] for m in mail.outbox)
    # Members, deputies and observers; the secretariat made the change and is not told.
    assert to == sorted(users[w].email for w in ("member", "deputy", "observer"))
    message = mail.outbox[0]
    assert message.subject == f"[Normen] Sakspapirer endret: {case.meeting.title}"
    assert "endret etter at innkallingen ble sendt" in message.body
    assert case.title in message.body  # what changed, in the agenda's own words
    assert "Frist for innspill:" in message.body
    assert case.meeting.get_absolute_url() in message.body
    assert "/min-side/varsler/" in message.body


def test_daily_and_none_choices_are_respected(users, case,
                                              django_capture_on_commit_callbacks):
    choose(users["member"], "daily")
    choose(users["deputy"], "none")
    with django_capture_on_commit_callbacks(execute=True):
        change_after_notice(case, users["secretariat"], title="Faktaark 59 – ny tittel")

    assert [m.to[0] for m in mail.outbox] == [users["observer"].email]
    assert Notification.objects.filter(person=users["member"].person, sent_at=None,
                                       delivery="daily").count() == 1
    assert not Notification.objects.filter(person=users["deputy"].person).exists()

    mail.outbox.clear()
    # The digest is made in its own transaction and e-mailed by its job after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_task.delay().get() == 1
    [digest] = mail.outbox
    assert digest.to == [users["member"].email]
    assert digest.subject == "[Normen] Daglig oppsummering: 1 nye varsler"
    assert f"Sakspapirer endret: {case.meeting.title}" in digest.body
    # Sent once: the next digest has nothing for them.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests() == 0
    assert mail.outbox == []


def test_notice_and_minutes_review_go_only_into_digests(users, planned,
                                                        django_capture_on_commit_callbacks):
    """The notice and the minutes for review are e-mailed to everyone by their own services;
    a second message at once would be noise, but a daily digest lists them."""
    choose(users["member"], "daily")
    with django_capture_on_commit_callbacks(execute=True):
        send_notice(planned)
        meeting_transition(planned, Meeting.Status.HELD)
        meeting_transition(planned, Meeting.Status.MINUTES_REVIEW)
    assert mail.outbox == []
    subjects = list(Notification.objects.values_list("subject", flat=True))
    assert subjects == [f"Sakspapirer publisert: {planned.title}",
                        f"Utkast til referat på høring: {planned.title}"]
    with django_capture_on_commit_callbacks(execute=True):
        send_daily_digests()
    [digest] = mail.outbox
    assert digest.to == [users["member"].email]
    assert "2 nye varsler" in digest.subject


def test_many_changes_in_a_row_send_one_notice_each(users, case,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            case.refresh_from_db()
            change_after_notice(case, users["secretariat"], title=f"Faktaark 59 – utkast {n}")
    assert len(mail.outbox) == 3  # one each for member, deputy and observer


def test_secretariat_gets_new_comments_in_the_daily_digest(users, case,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment_services.comment_create(actor=users["member"], target=case,
                                        context="cover_note", source="Første innspill.")
        comment_services.comment_create(actor=users["observer"], target=case,
                                        context="case", source="Andre innspill.")
    assert mail.outbox == []  # nothing at once: the secretariat's default is the digest

    with django_capture_on_commit_callbacks(execute=True):
        send_daily_digests()

    [digest] = mail.outbox
    assert digest.to == [users["secretariat"].email]
    assert "Daglig oppsummering: 2 nye varsler" in digest.subject
    assert "Martin Medlem (Helse Nord) har skrevet et innspill" in digest.body
    assert "Olivia Observatør (IKT-Norge)" in digest.body
    assert "/kommentarer/sak/" in digest.body


def test_secretariat_who_chooses_immediate_hears_at_once(users, case,
                                                         django_capture_on_commit_callbacks):
    choose(users["secretariat"], "immediate")
    with django_capture_on_commit_callbacks(execute=True):
        comment_services.comment_create(actor=users["member"], target=case,
                                        context="cover_note", source="Innspill.")
    [message] = mail.outbox
    assert message.to == [users["secretariat"].email]
    assert message.subject.startswith("[Normen] Nytt innspill: Sak 16/")


def test_replies_and_answers_reach_the_author(users, case,
                                              django_capture_on_commit_callbacks):
    first = comment_services.comment_create(actor=users["member"], target=case,
                                            context="cover_note", source="Spørsmål.")
    with django_capture_on_commit_callbacks(execute=True):
        comment_services.comment_create(actor=users["observer"], target=case,
                                        context="cover_note", source="Svar.", parent=first)
        comment_services.comment_answer(actor=users["secretariat"], comment=first,
                                        status="answered", reply="Besvart.")
    to_member = [m for m in mail.outbox if m.to == [users["member"].email]]
    assert [m.subject for m in to_member] == [
        f"[Normen] Svar på innspillet ditt: Sak {case.reference} {case.title}",
        "[Normen] Sekretariatet har behandlet innspillet ditt",
    ]
    assert "merket «Besvart»" in to_member[1].body


def test_nothing_is_sent_when_the_transaction_rolls_back(users, case):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        change_after_notice(case, users["secretariat"], title="Angret")
        raise RuntimeError
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_person_chooses_on_the_preferences_page(client, users):
    client_for(client, users["member"])
    url = reverse("reviews:notification_preferences")
    page = client.get(url).content.decode()
    assert 'value="immediate" checked' in page  # members' default
    response = client.post(url, {"frequency": "daily"})
    assert response.status_code == 302
    assert users["member"].person.notification_preference.frequency == "daily"
    assert 'value="daily" checked' in client.get(url).content.decode()


def test_preferences_page_rejects_nonsense_with_a_message(client, users):
    client_for(client, users["member"])
    response = client.post(reverse("reviews:notification_preferences"), {"frequency": "ofte"})
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_secretariat_default_is_the_digest(client, users):
    client_for(client, users["secretariat"])
    page = client.get(reverse("reviews:notification_preferences")).content.decode()
    assert 'value="daily" checked' in page


def test_immediate_notice_is_sent_once_even_if_the_task_runs_twice(users, case):
    from reviews.services.notifications import notify, send_immediate

    [notification] = notify([users["member"].person], subject="Test", text="Tekst")
    assert send_immediate(notification.pk) is True
    assert send_immediate(notification.pk) is False
    assert len(mail.outbox) == 1


def test_each_persons_notification_is_delivered_once_through_a_failing_server(
        users, case, settings, django_capture_on_commit_callbacks):
    """Through a real SMTP server that drops the connection after the first message and then
    answers 451 once: every person gets their notification once, and a refused address is
    kept as failed with the server's reason (issue 18)."""
    from django.db import transaction

    from normen_portal import deliveries
    from normen_portal.models import Delivery
    from reviews.services.notifications import notify
    from tests.factories import PersonFactory
    from tests.smtp import SmtpServer

    people = [users[r].person for r in ("member", "observer", "deputy")]
    people += [PersonFactory(email=f"varsel{i}@example.no") for i in range(5)]
    with SmtpServer() as smtp:
        smtp.use(settings)
        settings.DELIVERY_RETRY_SECONDS = 0
        smtp.drop_after(1)
        smtp.fail_after(3, code=451)
        smtp.refuse("varsel4@example.no", 550, "5.1.1 Ukjent mottaker")
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            created = notify(people, subject="Nytt innspill", text="Tekst")
        counts = smtp.count_by_address()
    assert len(created) == 8
    assert counts == {p.email: 1 for p in people if p.email != "varsel4@example.no"}
    refused = Delivery.objects.get(address="varsel4@example.no")
    assert refused.status == Delivery.Status.FAILED and "Ukjent mottaker" in refused.last_error
    for notification in created:
        assert deliveries.for_message(notification).count() == 1


def test_daily_digests_are_delivered_once_through_a_failing_server(
        users, case, settings, django_capture_on_commit_callbacks):
    """The daily digest goes the same way (issue 18): each person's digest is made in a short
    transaction and delivered by its own job, without a lock across SMTP; a 451 midway is
    retried for the ones not sent, a 550 is kept as failed, and a second run the same day
    makes and sends nothing."""
    from normen_portal.models import Delivery
    from reviews.models import Digest
    from reviews.services.notifications import notify
    from tests.factories import PersonFactory
    from tests.smtp import SmtpServer

    people = [PersonFactory(email=f"oppsummering{i}@example.no") for i in range(6)]
    for person in people:
        NotificationPreference.objects.create(person=person, frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        notify(people, subject="Nytt innspill", text="Tekst")
        notify(people, subject="Nytt svar", text="Tekst")
    assert mail.outbox == []
    with SmtpServer() as smtp:
        smtp.use(settings)
        settings.DELIVERY_RETRY_SECONDS = 0
        smtp.fail_after(2, code=451, times=1)
        smtp.refuse("oppsummering5@example.no", 550, "5.1.1 Ukjent mottaker")
        with django_capture_on_commit_callbacks(execute=True):
            assert send_daily_digests() == 6
        with django_capture_on_commit_callbacks(execute=True):
            assert send_daily_digests() == 0
        counts = smtp.count_by_address()
        subjects = {r.subject for r in smtp.received}
    assert counts == {p.email: 1 for p in people[:5]}
    assert subjects == {"[Normen] Daglig oppsummering: 2 nye varsler"}
    refused = Delivery.objects.get(address="oppsummering5@example.no")
    assert refused.kind == Delivery.Kind.DIGEST and refused.status == Delivery.Status.FAILED
    assert "Ukjent mottaker" in refused.last_error
    assert Digest.objects.filter(sent_at__isnull=False).count() == 5
    assert not Notification.objects.filter(person__in=people[:5], sent_at=None).exists()
    assert Notification.objects.filter(person=people[5], sent_at=None).count() == 2
