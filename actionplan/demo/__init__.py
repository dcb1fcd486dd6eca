"""Demo data for action plans, from the seed documents. Idempotent: ``load()`` run twice
saves nothing the second time (``meetings.demo.load.upsert`` writes only real changes)."""

from django.db import transaction

from actionplan.demo import ehelse, normen
from actionplan.models import (
    ActionPlan,
    CaseLink,
    FocusArea,
    Measure,
    PlanArea,
    ProgressNote,
    Strategy,
)
from governance.models import Body, Organisation
from meetings.demo.load import upsert
from meetings.models import AgendaItem


def _plan(body, spec, strategy=None):
    plan, _ = upsert(ActionPlan, {"body": body, "year": spec["year"]}, {
        "title": spec["title"], "strategy": strategy, "status": spec["status"],
        "approved_on": spec["approved_on"], "approval_note": spec["approval_note"],
        "introduction": spec["introduction"],
    })
    return plan


def _responsible(measure, organisations):
    wanted = {org.pk for org in organisations}
    if set(measure.responsible.values_list("pk", flat=True)) != wanted:
        measure.responsible.set(organisations)


def _normen_measures(plan, rows, areas):
    for code, area_number, title, description, kind, status, notes in rows:
        measure, _ = upsert(Measure, {"plan": plan, "code": code}, {
            "area": areas[area_number], "title": title, "description": description,
            "responsible_text": normen.SECRETARIAT, "kind": kind, "status": status,
        })
        for note_date, new_status, text in notes:
            upsert(ProgressNote, {"measure": measure, "date": note_date}, {
                "text": text, "status": new_status,
                "previous_status": "ongoing" if new_status else "",
                "author_name": normen.SECRETARIAT,
            })


def _link_cases(plan, body, cases):
    for year, number, purpose, code in cases:
        item = AgendaItem.objects.filter(body=body, year=year, number=number).first()
        if item is None:
            continue  # the meetings demo no longer has this case: nothing to link
        measure = Measure.objects.get(plan=plan, code=code) if code else None
        upsert(CaseLink, {"plan": plan, "measure": measure, "item": item},
               {"purpose": purpose})


def load_normen():
    body = Body.objects.get(slug="normen")
    strategy, _ = upsert(Strategy, {"body": body, "title": normen.STRATEGY["title"]}, {
        k: v for k, v in normen.STRATEGY.items() if k != "title"})
    focus = {}
    for number, title, goal in normen.FOCUS_AREAS:
        focus[number], _ = upsert(FocusArea, {"strategy": strategy, "number": number},
                                  {"title": title, "goal": goal})
    plans = []
    for spec, rows, cases in ((normen.PLAN_2024, normen.MEASURES_2024, normen.CASES_2024),
                              (normen.PLAN_2025, normen.MEASURES_2025, normen.CASES_2025)):
        plan = _plan(body, spec, strategy)
        areas = {}
        for number, area in focus.items():
            areas[number], _ = upsert(PlanArea, {"plan": plan, "number": number}, {
                "title": area.title, "description": area.goal, "focus_area": area})
        _normen_measures(plan, rows, areas)
        _link_cases(plan, body, cases)
        plans.append(plan)
    return plans


def load_ehelse():
    body = Body.objects.filter(slug="e-helsestyre").first()
    if body is None:
        return None
    for name, short in ehelse.EXTRA_ORGANISATIONS:
        upsert(Organisation, {"name": name}, {"short_name": short})
    plan = _plan(body, ehelse.PLAN)
    areas = {}
    for number, title, goal in ehelse.AREAS:
        areas[number], _ = upsert(PlanArea, {"plan": plan, "number": number},
                                  {"title": title, "description": goal})
    organisations = {o.name: o for o in Organisation.objects.all()}
    for code, kind, title, responsible, orgs, relevant_for, description in ehelse.MEASURES:
        status = "ongoing" if kind == "existing" else "planned"
        measure, _ = upsert(Measure, {"plan": plan, "code": code}, {
            "area": areas[int(code.split(".")[0])], "title": title,
            "description": description, "responsible_text": responsible,
            "relevant_for": relevant_for, "kind": kind, "status": status,
        })
        _responsible(measure, [organisations[name] for name in orgs])
    return plan


@transaction.atomic
def load():
    plans = load_normen()
    plans.append(load_ehelse())
    return {"plans": plans}
