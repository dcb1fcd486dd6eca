from .agenda import AgendaItem, Attachment, CaseType, Outcome, Statement
from .agenda_changes import AgendaChange, NoticeDispatch
from .attendance import Attendance, MinutesCorrection
from .circulation import Circulation, CirculationAnswer
from .comments import (
    Comment,
    CommentingPeriod,
    ConflictOfInterest,
    LastVisit,
    Notification,
    NotificationPreference,
)
from .governance import Body, Membership, Organisation, Person, Representation
from .meeting import InvalidTransition, Meeting

__all__ = [
    "Circulation", "CirculationAnswer", "Comment", "CommentingPeriod", "ConflictOfInterest",
    "LastVisit", "Notification", "NotificationPreference",
    "AgendaChange", "NoticeDispatch",
    "AgendaItem", "Attachment", "Attendance", "Body", "CaseType", "InvalidTransition",
    "Meeting", "Membership", "MinutesCorrection", "Organisation", "Outcome", "Person",
    "Representation", "Statement",
]
