"""«Send på nytt»: the secretariat sends one recipient's message about a meeting again (a
notice, a change message, the minutes for review), after a refusal or when someone says it
never arrived. The rules of sending are in ``normen_portal.deliveries``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Event, EventKind
from events.services import event_record
from governance.permissions import can_edit_body
from meetings.models import NoticeDispatch
from normen_portal import deliveries, outbox
from normen_portal.access import require
from normen_portal.models import Delivery


def _job_for(meeting, message):
    """``(label, task, args)`` that sends ``message`` of ``meeting``, or None if it is not
    one of the meeting's messages."""
    from meetings.tasks.minutes import send_minutes_for_review
    from meetings.tasks.notice import send_notice_emails

    if isinstance(message, NoticeDispatch) and message.meeting_id == meeting.pk:
        return message.get_kind_display(), send_notice_emails, (message.pk,)
    if (isinstance(message, Event) and message.kind == EventKind.MINUTES_SENT_FOR_REVIEW
            and message.subject_id == meeting.pk
            and message.subject_type.model_class() is type(meeting)):
        return _("Referat til gjennomlesning"), send_minutes_for_review, (meeting.pk,
                                                                           message.pk)
    return None


def meeting_delivery_resend(meeting, delivery, actor):
    """Send ``delivery`` again; returns it. The delivery must belong to one of the meeting's
    messages; one being sent at this moment is refused."""
    require(can_edit_body(actor, meeting.body_id))
    message = delivery.message_type.get_object_for_this_type(pk=delivery.message_id)
    job = _job_for(meeting, message)
    if job is None:
        raise ValidationError(_("Denne meldingen hører ikke til møtet."))
    label, task, args = job
    with transaction.atomic():
        locked = Delivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status == Delivery.Status.SENDING:
            raise ValidationError(_("Meldingen til %(name)s sendes akkurat nå.")
                                  % {"name": locked.name or locked.address})
        previous_error = locked.last_error
        deliveries.resend(locked)
        event_record(EventKind.MESSAGE_RESENT, meeting, body=meeting.body_id, actor=actor,
                     summary=_("%(meeting)s: %(kind)s sendt på nytt til %(name)s") % {
                         "meeting": meeting.title, "kind": str(label).lower(),
                         "name": locked.name or locked.address},
                     delivery=locked.pk, address=locked.address, message_kind=locked.kind,
                     previous_error=previous_error)
        outbox.enqueue(task, *args)
    return locked
