from documents.models.consultation import Consultation, ConsultationResponse
from documents.models.document import Document, Topic
from documents.models.search import TextSection
from documents.models.version import Annex, DocumentVersion, VersionStatus

__all__ = [
    "Annex", "Consultation", "ConsultationResponse", "Document", "DocumentVersion", "TextSection",
    "Topic", "VersionStatus",
]
