"""Listens to meetings: a decision in a case linked to a plan moves the plan along."""

from django.dispatch import receiver

from actionplan.services.plans import plan_case_decided
from meetings.signals import case_decided


@receiver(case_decided, dispatch_uid="actionplan.case_decided")
def on_case_decided(sender, item, outcome, **kwargs):
    plan_case_decided(item, outcome)
