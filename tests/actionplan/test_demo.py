"""Demo data: Normens strategi 2023–2025, plans 2024 and 2025, seed 004's measures."""

import pytest

from actionplan import demo as actionplan_demo
from actionplan.models import ActionPlan, CaseLink, Measure, ProgressNote, Strategy

pytestmark = pytest.mark.django_db


def test_normen_strategy_and_plans(demo):
    strategy = Strategy.objects.get(body=demo)
    assert strategy.title == "Normens strategi 2023–2025" and strategy.period == "2023–2025"
    plan_2024 = ActionPlan.objects.get(body=demo, year=2024)
    plan_2025 = ActionPlan.objects.get(body=demo, year=2025)
    assert plan_2024.status == "approved" and plan_2024.approved_on is None
    assert plan_2024.approval_note == (
        "Endelig handlingsplan besluttet på styringsgruppemøtet i november 2023")
    assert plan_2025.status == "discussion"
    assert [m.title for m in sorted(plan_2025.measures.all(), key=lambda m: m.sort_key)] == [
        "Ny lovgivning og hvordan det vil påvirke Normen",
        "Begynne å se på mulighetene for et verktøy for etterlevelse",
        "Oppdatering av gamle faktaark og ny struktur på tekniske faktaark",
        "Rom til hengesaker fra høst 2024",
        "Normkonferansen 2025",
        "KI-dag i styringsgruppa",
    ]
    # Linked to the cases that discussed them: 27/23 for 2024, 18/24 for 2025.
    refs = {(link.plan.year, link.item.reference, link.purpose)
            for link in CaseLink.objects.filter(measure__isnull=True)
            .select_related("plan", "item")}
    assert {(2024, "27/23", "discussion"), (2024, "13/24", "status"),
            (2025, "18/24", "discussion")} <= refs
    assert Measure.objects.get(plan=plan_2024, code="2.5").status == "not_done"


def test_seed_004_measures_are_loaded_faithfully(demo):
    plan = ActionPlan.objects.get(body__slug="e-helsestyre", year=2021)
    codes = sorted(plan.measures.values_list("code", flat=True),
                   key=lambda c: tuple(int(p) for p in c.split(".")))
    assert codes == [f"1.{n}" for n in range(1, 17)] + [f"2.{n}" for n in range(1, 9)]
    m = plan.measures.get(code="1.16")
    assert m.title == "Kartlegge sikkerhetstilstand i små virksomheter"
    assert m.responsible_text == "Direktoratet for e-helse"
    assert m.relevant_for == "Små til middels store virksomheter i helse- og omsorgstjenesten"
    assert m.kind == "new" and m.area.title == "Forebyggende digital sikkerhet"
    assert m.description.startswith("Gjennomføre en undersøkelse blant små helsevirksomheter")
    existing = plan.measures.get(code="1.14")
    assert existing.kind == "existing" and existing.status == "ongoing"
    assert existing.responsible_text == "Norsk Helsenett SF ved HelseCERT"
    assert [o.name for o in existing.responsible.all()] == ["Norsk Helsenett"]
    rhf = plan.measures.get(code="2.7")
    assert rhf.responsible.count() == 5
    assert plan.measures.get(code="2.8").relevant_for == (
        "Norsk Helsenett, RHF og deres IKT-leverandører")


def test_second_load_saves_nothing(demo):
    models = [ActionPlan, Measure, CaseLink, Strategy]
    before = [m.history.count() for m in models] + [ProgressNote.objects.count()]
    actionplan_demo.load()
    after = [m.history.count() for m in models] + [ProgressNote.objects.count()]
    assert after == before


def test_demo_plan_pages_render(client, demo):
    page = client.get("/handlingsplan/normen/2024/").content.decode()
    assert "Handlingsplan 2024" in page and "Ikke gjennomført" in page
    assert "Sak 27/23" in page
    index = client.get("/handlingsplan/").content.decode()
    assert "Normens strategi 2023–2025" in index
    # Drafts and plans under discussion are not public.
    assert client.get("/handlingsplan/normen/2025/").status_code == 403
