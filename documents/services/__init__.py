"""Writes. Each public function is one atomic, permission-checked change recorded in history.

Modules by concern: ``documents`` (the document itself), ``versions`` (text, life cycle,
approval, publishing), ``annexes`` and ``consultations``. ``actor=None`` is the system itself
(the demo loader, the periodic publishing task, a decision recorded in a meeting).
"""


class NotEditable(Exception):
    """The version is past the point where its text may change."""
