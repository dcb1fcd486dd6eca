"""Listening to meetings: a decision recorded on a case moves the version it is about."""

from meetings.signals import case_decided


def on_case_decided(sender, item, outcome, **kwargs):
    from documents.services.versions import apply_decision  # local: services import models at load

    apply_decision(item, outcome)


def connect():
    case_decided.connect(on_case_decided, dispatch_uid="documents.on_case_decided")
