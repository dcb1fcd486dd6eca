"""Cleaning text that people type or upload, in one place.

Bidirectional control characters (right-to-left override and friends) reorder how text is
displayed without changing what it is: "invoice‮fdp.exe" shows as "invoiceexe.pdf". They
have no honest use in titles, comments, names or file names in a Norwegian portal, so they
are removed wherever user input enters (see ``middleware.CleanInputMiddleware``, the
rich-text sanitizer and the upload policy).
"""

import re

# U+061C ARABIC LETTER MARK, U+200E/U+200F LEFT-TO-RIGHT/RIGHT-TO-LEFT MARK,
# U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069"
)
_BIDI_RE = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def strip_bidi(text):
    """``text`` without bidirectional control characters; anything not a str is returned as
    it is, so callers can pass form values, None or file objects' names alike."""
    if not isinstance(text, str):
        return text
    return _BIDI_RE.sub("", text)
