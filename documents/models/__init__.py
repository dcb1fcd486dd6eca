from .consultation import Consultation, ConsultationResponse
from .document import Document, Topic
from .search import TextSection
from .version import Annex, DocumentVersion, VersionStatus

__all__ = [
    "Annex", "Consultation", "ConsultationResponse", "Document", "DocumentVersion", "TextSection",
    "Topic", "VersionStatus",
]
