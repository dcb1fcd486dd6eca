"""Writes about who governs. Each public function is one atomic, permission-checked change
with a history reason, and an event where the body's make-up changes.

Modules by concern: ``bodies`` (a body's own settings), ``memberships`` (organisations in a
body) and ``people`` (people and their representations, replacing a representative).
"""
