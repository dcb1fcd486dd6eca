"""The notice e-mail and its calendar invitation, and the messages about later changes."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse

from meetings.models import AgendaChange, NoticeDispatch
from meetings.services import agenda as agenda_services
from meetings.services.notice import agenda_send_changes, meeting_send_notice
from meetings.tasks.notice import send_notice_emails
from tests.conftest import client_for
from tests.factories import PersonFactory, RepresentationFactory

from .conftest import PDF, add_case, notice_mails, upload
from .test_numbering import earlier_2024_cases

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")


def ics_of(message):
    (name, content, mimetype), = [a for a in message.attachments if a[0].endswith(".ics")]
    assert name == "innkalling.ics"
    assert mimetype.startswith("text/calendar")
    assert "method=REQUEST" in mimetype
    return icalendar.Calendar.from_ical(content)


def event_of(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def html_of(message):
    ((html, mimetype),) = message.alternatives
    assert mimetype == "text/html"
    return html


@pytest.fixture
def sent(body, meeting, secretariat, mailoutbox, committed):
    earlier_2024_cases(body, 10)
    with committed():
        meeting_send_notice(meeting, secretariat)
    return meeting


def test_members_deputies_and_observers_get_one_message_each(sent, mailoutbox):
    recipients = sorted(m.to[0] for m in notice_mails(mailoutbox))
    assert recipients == [
        "Martin Medlem <medlem@example.no>",
        "Olivia Observatør <observator@example.no>",
        "Vera Vara <vara@example.no>",
    ]
    # Not the secretariat, not the member of the other body, not someone without a seat.
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in notice_mails(mailoutbox))


def test_subject_agenda_lines_and_link_to_the_papers(sent, mailoutbox):
    message = next(m for m in notice_mails(mailoutbox) if "medlem@" in m.to[0])

    assert message.subject == "Innkalling: Møte i styringsgruppen 10.06.2024"
    body = message.body
    assert "Hei Martin Medlem," in body
    assert "Du innkalles til møte i Styringsgruppen for Normen." in body
    assert "Dato: 10.06.2024 (mandag)" in body
    assert "Tid: kl. 10.00–15.00" in body
    assert "Sted: Skøyen" in body
    assert "Møteform: Hybrid møte" in body
    for line in [
        "11/24  10.00  Godkjenning av innkalling og dagsorden (Godkjenning)",
        "12/24  10.15  Sekretariatet orienterer (Orientering)",
        "       11.30  Pause",
        "13/24  11.45  Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder) "
        "(Beslutning)",
        "14/24         Eventuelt\n",
    ]:
        assert line in body, line
    assert f"http://127.0.0.1:8000/moter/{sent.pk}/" in body
    assert f"Du kan melde forfall i portalen: http://127.0.0.1:8000/moter/{sent.pk}/forfall/" \
        in body
    html = html_of(message)
    assert f'href="http://127.0.0.1:8000/moter/{sent.pk}/"' in html
    assert ">12/24</td>" in html and ">Sekretariatet orienterer" in html


def test_the_calendar_invitation(sent, mailoutbox, settings):
    message = next(m for m in notice_mails(mailoutbox) if "medlem@" in m.to[0])
    calendar = ics_of(message)
    event = event_of(calendar)

    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0"
    assert str(event["UID"]) == f"mote-{sent.pk}@127.0.0.1"
    assert event.decoded("DTSTART") == datetime.datetime(2024, 6, 10, 10, 0, tzinfo=OSLO)
    assert event.decoded("DTEND") == datetime.datetime(2024, 6, 10, 15, 0, tzinfo=OSLO)
    assert event["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert str(event["LOCATION"]) == "Skøyen"
    assert str(event["SUMMARY"]) == "Styringsgruppen for Normen: Møte i styringsgruppen 10.06.2024"
    assert event["SEQUENCE"] == 0
    assert "12/24  10.15  Sekretariatet orienterer" in str(event["DESCRIPTION"])
    assert str(event["ATTENDEE"]) == "mailto:medlem@example.no"
    assert event["ATTENDEE"].params["CN"] == "Martin Medlem"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    raw = message.attachments[0][1].decode() if isinstance(message.attachments[0][1], bytes) \
        else message.attachments[0][1]
    assert "DTSTART;TZID=Europe/Oslo:20240610T100000" in raw


def test_the_task_sends_a_dispatch_only_once(sent, mailoutbox):
    dispatch = NoticeDispatch.objects.get(meeting=sent)
    assert dispatch.emails_sent_at is not None
    assert send_notice_emails(dispatch.pk) == 0
    assert len(notice_mails(mailoutbox)) == 3


def test_people_without_an_address_are_listed_and_skipped(client, users, body, meeting,
                                                          mailoutbox, committed):
    from governance.models import Organisation

    person = PersonFactory(name="Uten Adresse", email="")
    RepresentationFactory(person=person, body=body,
                          organisation=Organisation.objects.get(name="Helse Nord RHF"))
    client_for(client, users["secretariat"])

    page = client.get(reverse("meetings:send_notice", args=[meeting.pk])).content.decode()
    assert "Disse mangler e-postadresse og får ikke e-post:" in page
    assert "Uten Adresse (Helse Nord RHF)" in page
    assert "Mottakere (3)" in page
    assert "Sakene får saksnummer 1/24–4/24" in page

    with committed():
        client.post(reverse("meetings:send_notice", args=[meeting.pk]))
    assert len(notice_mails(mailoutbox)) == 3


def test_a_representation_that_has_ended_gets_no_notice(body, meeting, secretariat,
                                                        mailoutbox, committed):
    from governance.models import Organisation

    gone = PersonFactory(name="Tidligere Medlem", email="tidligere@example.no")
    RepresentationFactory(person=gone, body=body, end_date=datetime.date(2024, 1, 1),
                          organisation=Organisation.objects.get(name="Helse Nord RHF"))
    with committed():
        meeting_send_notice(meeting, secretariat)
    assert len(notice_mails(mailoutbox)) == 3
    assert not [m for m in notice_mails(mailoutbox) if "tidligere@" in m.to[0]]


def test_sending_through_the_page(client, users, meeting, mailoutbox, committed):
    client_for(client, users["secretariat"])
    with committed():
        response = client.post(reverse("meetings:send_notice", args=[meeting.pk]), follow=True)
    page = response.content.decode()
    assert "Innkallingen er sendt til 3 mottakere. Sakene har fått nummer 1/24–4/24." in page
    assert len(notice_mails(mailoutbox)) == 3


# -- changes after the notice ------------------------------------------------------------------

def test_later_changes_are_marked_and_members_are_told_what_changed(sent, secretariat,
                                                                     mailoutbox, client, users,
                                                                     committed):
    mailoutbox.clear()
    case = sent.items.get(title="Sekretariatet orienterer")
    agenda_services.item_update(case, secretariat, expected_version=case.version,
                                start_time=datetime.time(10, 30),
                                proposed_decision="Styringsgruppen tar saken til orientering.")
    add_case(sent, secretariat, "Orientering om sirkulasjonsvedtak",
             start_time=datetime.time(14, 30))
    withdrawn = sent.items.get(title__startswith="Medisinsk utstyr")
    agenda_services.item_remove(withdrawn, secretariat)
    agenda_services.attachment_add(sent, secretariat, uploaded=upload("t.pdf", PDF),
                                   title="Toppnotat Sekretariatet orienterer", item=case)
    sent.refresh_from_db()
    agenda_services.meeting_update(sent, secretariat, expected_version=sent.version,
                                   place="Helsedirektoratet, Oslo")

    # The agenda marks what changed …
    case.refresh_from_db()
    sent.refresh_from_db()
    assert case.changed_after_notice
    assert sent.agenda_changed_at is not None
    client_for(client, users["member"])
    page = client.get(sent.get_absolute_url()).content.decode()
    assert "Dagsordenen er endret etter at innkallingen ble sendt" in page
    assert "Endret" in page and "Trekkes" in page
    # … and nobody is told until the secretariat sends the changes
    assert notice_mails(mailoutbox) == []

    with committed():
        dispatch = agenda_send_changes(sent, secretariat)

    assert dispatch.sequence == 1
    assert len(notice_mails(mailoutbox)) == 3
    message = next(m for m in notice_mails(mailoutbox) if "medlem@" in m.to[0])
    assert message.subject == "Endret dagsorden: Møte i styringsgruppen 10.06.2024"
    for text in [
        "Dagsordenen for møtet i Styringsgruppen for Normen er endret etter at innkallingen "
        "ble sendt.",
        "- Sak 12/24 «Sekretariatet orienterer»: tidspunkt endret fra 10.15 til 10.30; endret "
        "forslag til vedtak.",
        "- Nytt på dagsordenen: Sak 15/24 «Orientering om sirkulasjonsvedtak», kl. 14.30.",
        "- Sak 13/24 «Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder)» "
        "trekkes fra dagsordenen.",
        "- Nytt vedlegg 1: Toppnotat Sekretariatet orienterer til Sak 12/24 «Sekretariatet "
        "orienterer».",
        "- Sted endret fra «Skøyen» til «Helsedirektoratet, Oslo».",
        "12/24  10.30  Sekretariatet orienterer (Orientering) – endret",
        "TREKKES",
        "Sted: Helsedirektoratet, Oslo",
    ]:
        assert text in message.body, text
    event = event_of(ics_of(message))
    assert event["SEQUENCE"] == 1
    assert str(event["UID"]) == f"mote-{sent.pk}@127.0.0.1"  # replaces the first invitation
    assert str(event["LOCATION"]) == "Helsedirektoratet, Oslo"
    assert not AgendaChange.objects.filter(meeting=sent, dispatch=None).exists()


def test_each_change_message_has_a_higher_sequence_and_only_the_new_changes(sent, secretariat,
                                                                             mailoutbox,
                                                                             committed):
    case = sent.items.get(title="Sekretariatet orienterer")
    agenda_services.item_update(case, secretariat, expected_version=case.version,
                                title="Sekretariatet orienterer om status")
    with committed():
        agenda_send_changes(sent, secretariat)
    sent.refresh_from_db()
    agenda_services.meeting_update(sent, secretariat, expected_version=sent.version,
                                   start_time=datetime.time(9, 0))
    mailoutbox.clear()

    with committed():
        agenda_send_changes(sent, secretariat)

    message = notice_mails(mailoutbox)[0]
    assert "Møtetidspunkt endret fra 10.06.2024 kl. 10.00–15.00 til 10.06.2024 kl. " \
           "09.00–15.00." in message.body
    assert "Sekretariatet orienterer om status (før" not in message.body
    event = event_of(ics_of(message))
    assert event["SEQUENCE"] == 2
    assert event.decoded("DTSTART") == datetime.datetime(2024, 6, 10, 9, 0, tzinfo=OSLO)


def test_changes_before_the_notice_are_not_messages(meeting, secretariat):
    case = meeting.items.get(title="Sekretariatet orienterer")
    agenda_services.item_update(case, secretariat, expected_version=case.version,
                                title="Nytt navn")
    case.refresh_from_db()
    assert not case.changed_after_notice
    assert not AgendaChange.objects.exists()


def test_the_send_changes_page_lists_what_will_be_sent(client, users, sent, secretariat,
                                                       mailoutbox, committed):
    case = sent.items.get(title="Sekretariatet orienterer")
    agenda_services.item_move(case, secretariat, direction="down")
    client_for(client, users["secretariat"])

    detail = client.get(sent.get_absolute_url()).content.decode()
    assert "Send endringene (1 endring)" in detail
    page = client.get(reverse("meetings:send_changes", args=[sent.pk])).content.decode()
    assert "Sak 12/24 «Sekretariatet orienterer» er flyttet til punkt 3 på dagsordenen." in page
    mailoutbox.clear()
    with committed():
        response = client.post(reverse("meetings:send_changes", args=[sent.pk]), follow=True)
    assert "Endringene er sendt til 3 mottakere." in response.content.decode()
    assert len(notice_mails(mailoutbox)) == 3
    with committed():
        again = client.post(reverse("meetings:send_changes", args=[sent.pk]), follow=True)
    assert "Det er ingen nye endringer å sende." in again.content.decode()
    assert len(notice_mails(mailoutbox)) == 3


def test_the_page_promises_the_numbers_the_notice_then_gives(client, users, body, meeting):
    """The preview on «Send innkalling» is the numbering function itself: a number that only
    the history still holds (its meeting was deleted) is skipped there as it is when sent."""
    earlier = earlier_2024_cases(body, 6)
    earlier.delete()  # 1/24 … 6/24 now live only in the history: never to be given again
    client_for(client, users["secretariat"])

    page = client.get(reverse("meetings:send_notice", args=[meeting.pk])).content.decode()
    assert "Sakene får saksnummer 7/24–10/24" in page

    client.post(reverse("meetings:send_notice", args=[meeting.pk]))
    assert sorted(meeting.items.exclude(number=None).values_list("number", flat=True)) == [
        7, 8, 9, 10]
