"""Writes. Each public function is one atomic, permission-checked, history-recorded change.

Modules by concern: ``meetings`` (create, life cycle), and the agenda, notice, attendance and
minutes modules beside it.
"""
