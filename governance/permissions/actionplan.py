"""Who may see and change action plans. Built on governance.permissions, the portal's one
place for roles: this module only says what each role means for plans."""

from governance.permissions import Role, can_edit_body, can_read_papers, role_in


def can_view_plan(user, plan):
    """An approved plan and its status are public; drafts are papers for the body."""
    return plan.is_approved or can_read_papers(user, plan.body_id)


def can_edit_plan(user, plan_or_body):
    body_id = getattr(plan_or_body, "body_id", None) or plan_or_body
    return can_edit_body(user, body_id)


def can_propose(user, body):
    """Members and observers send proposals (innspill); the secretariat may too."""
    return role_in(user, body) >= Role.OBSERVER


def can_view_proposal(user, proposal):
    """The steering group sees each other's proposals, as it hears them in the meeting."""
    if user is not None and user.is_authenticated and proposal.author_id == user.pk:
        return True
    return can_read_papers(user, proposal.body_id)


def can_decide_proposal(user, proposal):
    return can_edit_body(user, proposal.body_id)


def can_view_edit_history(user, plan):
    """Who changed which field when: for the body, not the public."""
    return can_read_papers(user, plan.body_id)
