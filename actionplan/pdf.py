"""The action plan as a PDF, through the portal's rendering pipeline (rendering/registry.py):
laid out like seed 004's tiltaksoversikt — per area its goal, per measure ID, title,
Ansvarlig, Relevant for, type, status and description — then an overview table.

The context is plain values read in a fixed number of queries; the rendering app hashes it,
so a new PDF is made exactly when something printed changes.

A revision taken while the plan is approved may be downloaded by anyone (``is_public``), so
its list of cases prints an outcome only when the decision is public (meetings.visibility,
through ``selectors.outcome_label``); a draft revision is the body's and prints them all.
When the minutes of a linked case's meeting are approved, the printed text changes and the
plan is rendered again (the watches at the bottom).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplan.models import ActionPlan, CaseLink, Measure, PlanArea
from actionplan.selectors import outcome_label
from governance.models import Organisation
from governance.permissions import can_read_papers
from governance.permissions.actionplan import can_edit_plan
from meetings.models import AgendaItem, Meeting
from rendering import registry


def _measure(m):
    return {
        "code": m.code,
        "title": m.title,
        "responsible": m.responsible_display(m.responsible_list),
        "relevant_for": m.relevant_for,
        "kind": str(m.get_kind_display()),
        "status": str(m.get_status_display()),
        "description": m.description,
        "carried_from": (f"{m.carried_from.plan.title} ({m.carried_from.code})"
                         if m.carried_from_id else ""),
    }


def is_public(plan):
    """A revision taken now may be downloaded by anyone: the plan is approved. Drafts stay
    with the body."""
    return plan.is_approved


def plan_context(plan):
    plan = ActionPlan.objects.select_related("body", "strategy").get(pk=plan.pk)
    public = is_public(plan)
    measures = sorted(
        plan.measures.select_related("carried_from__plan").prefetch_related(
            Prefetch("responsible", queryset=Organisation.objects.order_by("name"),
                     to_attr="responsible_list")),
        key=lambda m: m.sort_key,
    )
    areas = [{"pk": a.pk, "title": f"{a.number} {a.title}", "description": a.description,
              "measures": []} for a in PlanArea.objects.filter(plan=plan).order_by("number")]
    by_pk = {a["pk"]: a for a in areas}
    loose = {"pk": None, "title": _("Uten område"), "description": "", "measures": []}
    for m in measures:
        by_pk.get(m.area_id, loose)["measures"].append(_measure(m))
    groups = [a for a in areas if a["measures"]] + ([loose] if loose["measures"] else [])
    cases = CaseLink.objects.filter(plan=plan, measure__isnull=True).select_related(
        "item__meeting").order_by("item__meeting__date", "item__position")
    return {
        "plan": {
            "title": plan.title,
            "year": plan.year,
            "status": str(plan.get_status_display()),
            "approved": plan.is_approved,
            "approved_on": plan.approved_on,
            "approval_note": plan.approval_note,
            "introduction": plan.introduction,
            "strategy": plan.strategy.title if plan.strategy else "",
            "body": {"name": plan.body.name, "short_name": plan.body.short_name},
        },
        "groups": groups,
        "cases": [{"purpose": str(c.get_purpose_display()), "reference": c.item.reference,
                   "title": c.item.title, "date": c.item.meeting.date,
                   "outcome": outcome_label(c.item, reads_papers=not public)}
                  for c in cases],
        "count": len(measures),
    }


def plan_filename(plan, row):
    draft = "" if row.is_public else " " + _("(utkast)")
    return f"{plan.title} {plan.body.name}{draft}.pdf"


def plan_metadata(plan):
    return registry.PdfMetadata(
        title=f"{plan.title} – {plan.body.name}",
        author=plan.body.name,
        subject=_("Handlingsplan %(year)s med status for hvert tiltak") % {"year": plan.year},
        keywords=(plan.body.short_name, _("Handlingsplan"), str(plan.year)),
    )


def _plans_dealt_with_in(**lookup):
    """The plans (pks) whose list of cases prints a case matching ``lookup``."""
    return list(CaseLink.objects.filter(measure__isnull=True, **lookup)
                .values_list("plan_id", flat=True).distinct())


ACTION_PLAN = registry.register(registry.PdfKind(
    name="action_plan",
    model=ActionPlan,
    label=gettext_lazy("Handlingsplan"),
    template="actionplan/pdf/action_plan.html",
    context=plan_context,
    filename=plan_filename,
    metadata=plan_metadata,
    # The body reads every revision; the public only those taken while the plan was
    # approved (is_public), never the drafts it went through.
    can_download=lambda user, plan: can_read_papers(user, plan.body_id),
    can_manage=can_edit_plan,
    is_public=is_public,
))

registry.watch(ActionPlan, kinds=["action_plan"], source=lambda plan: plan)
registry.watch(PlanArea, kinds=["action_plan"], source=lambda area: area.plan_id)
registry.watch(Measure, kinds=["action_plan"], source=lambda measure: measure.plan_id)
registry.watch(CaseLink, kinds=["action_plan"], source=lambda link: link.plan_id)
# A case's reference, title and outcome, and its meeting's date and minutes (approved, the
# outcome becomes public), are printed in the list of cases.
registry.watch(AgendaItem, kinds=["action_plan"],
               source=lambda item: _plans_dealt_with_in(item=item.pk))
registry.watch(Meeting, kinds=["action_plan"],
               source=lambda meeting: _plans_dealt_with_in(item__meeting=meeting.pk))
