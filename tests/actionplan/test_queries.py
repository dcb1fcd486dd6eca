"""The plan page costs the same number of queries with 20 measures as with 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplan.models import CaseLink, Measure, ProgressNote
from tests.conftest import client_for
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def fill(plan, count, orgs):
    areas = list(plan.areas.all())
    start = plan.measures.count()
    measures = Measure.objects.bulk_create(
        Measure(plan=plan, area=areas[i % len(areas)], code=f"{areas[i % len(areas)].number}."
                f"{i + 1}", title=f"Tiltak {i + 1}", relevant_for="Hele sektoren",
                status=["planned", "ongoing", "done", "not_done", "postponed"][i % 5])
        for i in range(start, count)
    )
    through = Measure.responsible.through
    through.objects.bulk_create(
        through(measure_id=m.pk, organisation_id=orgs[i % len(orgs)].pk)
        for i, m in enumerate(measures))
    ProgressNote.objects.bulk_create(
        ProgressNote(measure=m, date="2026-11-01", text="Status") for m in measures)
    # Carried over from another measure of the plan: selects the old plan too.
    first = measures[0]
    Measure.objects.filter(pk=measures[-1].pk).update(carried_from=first)


def page_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("query", ["", "?status=ongoing", "?ansvarlig={org}"])
def test_plan_page_query_count_is_flat(client, users, plan, plan_case, query):
    orgs = [OrganisationFactory(name=f"Virksomhet {i}") for i in range(5)]
    CaseLink.objects.create(plan=plan, item=plan_case, purpose="discussion")
    client_for(client, users["secretariat"])
    url = "/handlingsplan/normen/2027/" + query.format(org=orgs[0].pk)
    client.get(url)  # warm up: sessions, roles

    fill(plan, 20, orgs)
    small, response = page_queries(client, url)
    assert "Tiltak 20" in response.content.decode() or query

    fill(plan, 200, orgs)
    large, response = page_queries(client, url)
    page = response.content.decode()
    assert page.count('<th scope="row">') >= 40
    assert large == small, f"{small} queries with 20 measures, {large} with 200"
    assert large <= 16


def test_measure_page_has_a_query_budget(client, users, plan, django_assert_max_num_queries):
    orgs = [OrganisationFactory(name=f"Virksomhet {i}") for i in range(3)]
    fill(plan, 5, orgs)
    measure = plan.measures.first()
    client_for(client, users["secretariat"])
    client.get(measure.get_absolute_url())
    with django_assert_max_num_queries(20):
        client.get(measure.get_absolute_url())
