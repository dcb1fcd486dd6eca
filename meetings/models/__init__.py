from meetings.models.agenda import AgendaItem, Attachment, CaseType, Outcome, Statement
from meetings.models.agenda_changes import AgendaChange, NoticeDispatch
from meetings.models.attendance import Attendance, MinutesCorrection
from meetings.models.meeting import InvalidTransition, Meeting

__all__ = [
    "AgendaChange", "AgendaItem", "Attachment", "Attendance", "CaseType", "InvalidTransition",
    "Meeting", "MinutesCorrection", "NoticeDispatch", "Outcome", "Statement",
]
