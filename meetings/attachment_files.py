"""Meeting attachments under the portal's one upload policy (``normen_portal.uploads``).

Nothing is decided here: the allowed kinds are the policy's ``meeting_attachment`` profile,
and the checks and name cleaning are the policy's. The module keeps the names its callers use
(the download view, the agenda tests); new code imports ``normen_portal.uploads`` directly.
"""

from normen_portal.uploads import KINDS as _ALL_KINDS
from normen_portal.uploads import PROFILES, check_upload, clean_filename

PROFILE = "meeting_attachment"

# The kinds an attachment may be, by canonical extension: what the download view serves.
KINDS = {ext: _ALL_KINDS[ext] for ext in PROFILES[PROFILE].kinds}


def allowed_extensions_text():
    return PROFILES[PROFILE].types_text()


def validate_upload(uploaded):
    """The Kind of an acceptable attachment, or ValidationError in Norwegian."""
    return check_upload(uploaded, PROFILE).kind


def safe_filename(text, extension, max_length=120):
    """A download name: the policy's clean name and the extension the content was checked
    against."""
    return f"{clean_filename(text, fallback='vedlegg', max_length=max_length)}.{extension}"
