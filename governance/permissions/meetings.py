"""Who may read and write attendance and minutes.

Built only on the predicates in ``governance.permissions`` (which stay the one place a role is
worked out); this module adds the rules that depend on where a meeting is in its life cycle.
"""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from governance.permissions import can_read_papers, can_report_attendance, is_secretariat
from meetings.models import Meeting
from meetings.visibility import minutes_are_public


def can_view_meeting(user, meeting: Meeting):
    """The meeting page and what hangs on it: public once its minutes are, the body's papers
    before that."""
    return minutes_are_public(meeting) or can_read_papers(user, meeting.body_id)


def can_download_attachment(user, attachment):
    """An attachment marked public is anyone's once the minutes of its meeting are public;
    until then, and the internal ones always, only the body's."""
    meeting = attachment.meeting
    if attachment.is_public and minutes_are_public(meeting):
        return True
    return can_read_papers(user, meeting.body_id)


def can_keep_attendance(user, meeting: Meeting):
    return is_secretariat(user, meeting.body_id)


def can_edit_minutes(user, meeting: Meeting):
    return is_secretariat(user, meeting.body_id)


def can_read_minutes(user, meeting: Meeting):
    """Draft minutes are the secretariat's until they are sent to the body for review; approved
    minutes are public."""
    if minutes_are_public(meeting) or is_secretariat(user, meeting.body_id):
        return True
    return meeting.status == Meeting.Status.MINUTES_REVIEW and can_read_papers(
        user, meeting.body_id
    )


def can_report_for_meeting(user, meeting: Meeting):
    """Members and observers report their own absence; the secretariat uses the register."""
    return can_report_attendance(user, meeting.body_id)


# -- when decisions can be recorded ----------------------------------------------------------

# The meeting is open (or was held): its decisions are taken there, so they are recorded
# there. Minutes in review still take a forgotten decision; approved minutes only corrections.
DECIDING_STATUSES = {Meeting.Status.IN_PROGRESS, Meeting.Status.HELD,
                     Meeting.Status.MINUTES_REVIEW}


def meeting_begins_at(meeting: Meeting):
    return timezone.make_aware(datetime.datetime.combine(meeting.date, meeting.start_time))


def meeting_has_begun(meeting: Meeting, now=None):
    return (now or timezone.now()) >= meeting_begins_at(meeting)


def decision_refusal(meeting: Meeting, now=None):
    """Why no decision can be recorded in ``meeting`` at ``now`` (a sentence), or None.

    The one rule for it: the service refuses with this sentence and the minutes editor shows
    it instead of the «Registrer vedtak» button. A decision needs a meeting that has begun
    (its date and start time reached) and is marked as in progress or held."""
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        return _("Referatet er godkjent og låst. Endringer må gjøres som en rettelse med "
                 "begrunnelse.")
    if not meeting_has_begun(meeting, now):
        return _("Vedtak kan først registreres når møtet har begynt (%(when)s).") % {
            "when": formats.date_format(timezone.localtime(meeting_begins_at(meeting)),
                                        r"d.m.Y \k\l. H.i")}
    if meeting.status not in DECIDING_STATUSES:
        return _("Marker at møtet pågår eller er avholdt før du registrerer vedtak.")
    return None
