"""Who may read and write attendance and minutes.

Built only on the predicates in ``meetings.permissions`` (which stay the one place a role is
worked out); this module adds the rules that depend on where a meeting is in its life cycle.
"""

from .models import Meeting
from .permissions import can_read_papers, can_report_attendance, is_secretariat


def can_keep_attendance(user, meeting: Meeting):
    return is_secretariat(user, meeting.body_id)


def can_edit_minutes(user, meeting: Meeting):
    return is_secretariat(user, meeting.body_id)


def can_read_minutes(user, meeting: Meeting):
    """Draft minutes are the secretariat's until they are sent to the body for review; approved
    minutes are public."""
    if meeting.is_minutes_approved or is_secretariat(user, meeting.body_id):
        return True
    return meeting.status == Meeting.Status.MINUTES_REVIEW and can_read_papers(
        user, meeting.body_id
    )


def can_report_for_meeting(user, meeting: Meeting):
    """Members and observers report their own absence; the secretariat uses the register."""
    return can_report_attendance(user, meeting.body_id)
