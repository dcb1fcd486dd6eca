from reviews.models.circulation import Circulation, CirculationAnswer
from reviews.models.comments import (
    Comment,
    CommentingPeriod,
    ConflictOfInterest,
    Digest,
    LastVisit,
    Notification,
    NotificationPreference,
)

__all__ = [
    "Circulation", "CirculationAnswer", "Comment", "CommentingPeriod", "ConflictOfInterest",
    "Digest", "LastVisit", "Notification", "NotificationPreference",
]
