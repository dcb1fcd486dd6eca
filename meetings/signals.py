"""Signals other apps listen to, so that meetings need not know about them.

``case_decided``: sent (inside the transaction) when a decision is recorded on a case;
kwargs ``item`` (AgendaItem) and ``outcome`` (Outcome value). The documents app uses it to
approve the document version the case is about; the action plan app to approve a plan.
"""

from django.dispatch import Signal

case_decided = Signal()
