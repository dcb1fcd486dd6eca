from .measure import Measure, MeasureKind, MeasureStatus, ProgressNote
from .plan import ActionPlan, CaseLink, InvalidTransition, PlanArea
from .proposal import Proposal
from .strategy import FocusArea, Strategy

__all__ = [
    "ActionPlan", "CaseLink", "FocusArea", "InvalidTransition", "Measure", "MeasureKind",
    "MeasureStatus", "PlanArea", "ProgressNote", "Proposal", "Strategy",
]
