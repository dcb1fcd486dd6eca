from actionplan.models.measure import Measure, MeasureKind, MeasureStatus, ProgressNote
from actionplan.models.plan import ActionPlan, CaseLink, InvalidTransition, PlanArea
from actionplan.models.proposal import Proposal
from actionplan.models.strategy import FocusArea, Strategy

__all__ = [
    "ActionPlan", "CaseLink", "FocusArea", "InvalidTransition", "Measure", "MeasureKind",
    "MeasureStatus", "PlanArea", "ProgressNote", "Proposal", "Strategy",
]
