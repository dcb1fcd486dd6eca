"""The notice e-mail and its calendar invitation.

One message per recipient (no one sees the others' addresses, and the invitation names its
attendee), plain text with an HTML alternative, and an ``.ics`` file: METHOD:REQUEST, a UID
that stays the same for the meeting so a changed invitation replaces the old one, and SEQUENCE
from the NoticeDispatch so calendar programs know which is newer.
"""

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from icalendar import Calendar, Event, vCalAddress, vText

from meetings.models import NoticeDispatch

OSLO = ZoneInfo("Europe/Oslo")


def site_url(path):
    return settings.SITE_URL.rstrip("/") + path


def meeting_uid(meeting):
    host = urlsplit(settings.SITE_URL).hostname or "normen"
    return f"mote-{meeting.pk}@{host}"


def meeting_start_end(meeting):
    start = datetime.combine(meeting.date, meeting.start_time, tzinfo=OSLO)
    end = datetime.combine(meeting.date, meeting.end_time, tzinfo=OSLO) if meeting.end_time \
        else None
    return start, end


def agenda_items(meeting):
    return list(meeting.items.order_by("position", "pk"))


def agenda_line(item):
    """«11/24  10.00  Godkjenning av innkalling og dagsorden (Godkjenning)»."""
    time = formats.time_format(item.start_time, "H.i") if item.start_time else ""
    text = f"{item.reference:<6} {time:<5}  {item.title}"
    if item.is_case and item.case_type and item.get_case_type_display() != item.title:
        text += f" ({item.get_case_type_display()})"
    if item.outcome == "withdrawn" and item.number:
        text += " – " + translation.gettext("TREKKES")
    elif item.changed_after_notice:
        text += " – " + translation.gettext("endret")
    return text.rstrip()


def _organizer(meeting):
    email = meeting.body.email or settings.DEFAULT_FROM_EMAIL
    if "<" in email:
        email = email.split("<", 1)[1].rstrip(">").strip()
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(meeting.body.name)
    return address


def meeting_ics(meeting, *, sequence, items=None, attendee=None):
    """The calendar invitation for ``meeting`` as bytes."""
    items = agenda_items(meeting) if items is None else items
    start, end = meeting_start_end(meeting)
    cal = Calendar()
    cal.add("prodid", "-//Normen//Normen-portalen//NO")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "REQUEST")

    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", timezone.now().astimezone(ZoneInfo("UTC")))
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    else:
        # No end time given: calendars still need a block; the seeds' meetings last hours.
        event.add("duration", timedelta(hours=2))
    event.add("sequence", sequence)
    event.add("summary", f"{meeting.body.name}: {meeting.title}")
    if meeting.place:
        event.add("location", meeting.place)
    papers = site_url(meeting.get_absolute_url())
    event.add("url", papers)
    description = [translation.gettext("Dagsorden:")]
    description += [agenda_line(item) for item in items]
    description += ["", translation.gettext("Sakspapirene: %(url)s") % {"url": papers}]
    event.add("description", "\n".join(description))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event["organizer"] = _organizer(meeting)
    if attendee is not None:
        address = vCalAddress(f"mailto:{attendee['email']}")
        address.params["cn"] = vText(attendee["name"])
        address.params["role"] = vText("REQ-PARTICIPANT")
        address.params["partstat"] = vText("NEEDS-ACTION")
        address.params["rsvp"] = vText("FALSE")
        event.add("attendee", address, encode=0)
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _display_name(name):
    # Commas, quotes and angle brackets would split or break the address header.
    return " ".join("".join(" " if c in ',;:<>"@' else c for c in name).split())


def _absence_url(meeting):
    # The attendance pages live beside the agenda; without them the e-mail just asks people to
    # tell the secretariat.
    try:
        return site_url(reverse("meetings:report_absence", args=[meeting.pk]))
    except NoReverseMatch:
        return ""


def message_builder(dispatch):
    """``build(recipient)`` for the e-mails of one NoticeDispatch: the shared parts (agenda,
    subject) are made once; ``recipient`` is a dict with ``name`` and ``email`` (one of
    ``dispatch.recipients``)."""
    meeting = dispatch.meeting
    items = agenda_items(meeting)
    is_changes = dispatch.kind == NoticeDispatch.Kind.CHANGES
    start, end = meeting_start_end(meeting)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "items": items,
        "agenda_lines": [agenda_line(item) for item in items],
        "changes": list(dispatch.changes.order_by("created_at", "pk")) if is_changes else [],
        "papers_url": site_url(meeting.get_absolute_url()),
        "absence_url": _absence_url(meeting),
        "start": start,
        "end": end,
        "comment_deadline": (timezone.localtime(meeting.comment_deadline)
                             if meeting.comment_deadline else None),
        "withdrawn": "withdrawn",
    }
    template = "emails/notice_changes" if is_changes else "emails/notice"
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
    reply_to = [meeting.body.email] if meeting.body.email else None

    def build(recipient):
        with translation.override(settings.LANGUAGE_CODE):
            ctx = {**context, "recipient": recipient}
            message = EmailMultiAlternatives(
                subject=subject,
                body=render_to_string(f"{template}.txt", ctx),
                to=[f"{_display_name(recipient['name'])} <{recipient['email']}>"],
                reply_to=reply_to,
            )
            message.attach_alternative(render_to_string(f"{template}.html", ctx), "text/html")
            message.attach(
                "innkalling.ics",
                meeting_ics(meeting, sequence=dispatch.sequence, items=items,
                            attendee=recipient),
                "text/calendar; method=REQUEST; charset=utf-8",
            )
        return message

    return build


def delivery_recipient(dispatch, delivery):
    """The recipient entry of ``dispatch`` a Delivery is for (name, organisation, role as they
    were when it was sent)."""
    for recipient in dispatch.recipients:
        if recipient["email"].strip().lower() == delivery.address.lower():
            return recipient
    return {"name": delivery.name, "email": delivery.address}


def build_messages(dispatch):
    """The e-mails of one NoticeDispatch, one per recipient."""
    build = message_builder(dispatch)
    return [build(recipient) for recipient in dispatch.recipients]
