"""Decision permalinks name the body: /vedtak/<body>/<year>/<number>/. The old address
without the body sends to the one body that has the number, or lists the bodies when
several do; the register filters by body and links every decision to its body's address.

Through HTTP; each test fails on the code that showed the 1/26 decisions of both bodies on
one page at /vedtak/2026/1/.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import Representation
from meetings.models import Meeting
from meetings.services.minutes import minutes_approve

from ..conftest import client_for
from ..factories import OrganisationFactory, person_with_user
from .minutes.conftest import make_meeting

pytestmark = pytest.mark.django_db

_TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+')


def decide(item, text, outcome="approved"):
    item.outcome = outcome
    item.decision_text = text
    item.decided_at = datetime.datetime(2026, 2, 4, 11, 0, tzinfo=datetime.UTC)
    item.save()
    return item


def main_of(response):
    """The page's main content, without the per-request CSRF token."""
    html = response.content.decode()
    return _TOKEN.sub(r"\1…", html[html.index("<main"):html.index("</main>")])


@pytest.fixture
def normen_1_26(body):
    """Normen's meeting of 04.02.2026, minutes approved: decision 1/26."""
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED,
                           date=datetime.date(2026, 2, 4), first_number=1, cases=1)
    return decide(meeting.items.get(kind="case"), "Styringsgruppen godkjenner dagsorden.")


@pytest.fixture
def ehelse_1_26(other_body):
    """E-helsestyret's meeting of 11.02.2026, minutes in review: its own decision 1/26."""
    meeting = make_meeting(other_body, status=Meeting.Status.MINUTES_REVIEW,
                           date=datetime.date(2026, 2, 11), first_number=1, cases=1)
    return decide(meeting.items.get(kind="case"), "E-helsestyret slutter seg til.")


def _decided_meeting(owner, date, first_number, cases):
    meeting = make_meeting(owner, status=Meeting.Status.MINUTES_APPROVED, date=date,
                           first_number=first_number, cases=cases)
    for item in meeting.items.filter(kind="case"):
        decide(item, "Tatt til orientering.", outcome="noted")


def approve(meeting):
    secretariat = person_with_user("ehelse-sekretariat", body=meeting.body,
                                   role=Representation.Role.SECRETARIAT)
    minutes_approve(meeting, secretariat, "Godkjent på e-post")


def test_each_body_has_its_own_permalink(client, normen_1_26, ehelse_1_26):
    approve(ehelse_1_26.meeting)
    normen = client.get("/vedtak/normen/2026/1/")
    ehelse = client.get("/vedtak/e-helsestyre/2026/1/")
    assert normen.status_code == ehelse.status_code == 200
    assert "Styringsgruppen godkjenner dagsorden." in normen.content.decode()
    assert "E-helsestyret slutter seg til." not in normen.content.decode()
    assert "E-helsestyret slutter seg til." in ehelse.content.decode()
    assert "Styringsgruppen godkjenner dagsorden." not in ehelse.content.decode()
    assert normen_1_26.get_decision_url() == "/vedtak/normen/2026/1/"


def test_old_address_lists_the_bodies_that_have_the_number(client, normen_1_26, ehelse_1_26):
    approve(ehelse_1_26.meeting)
    response = client.get("/vedtak/2026/1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vedtak 1/26 finnes i flere styringsgrupper" in html
    assert 'href="/vedtak/normen/2026/1/"' in html
    assert 'href="/vedtak/e-helsestyre/2026/1/"' in html
    # A list of bodies, not the decisions themselves on one page.
    assert "Styringsgruppen godkjenner dagsorden." not in html
    assert "E-helsestyret slutter seg til." not in html


def test_old_address_redirects_when_one_body_has_the_public_number(client, normen_1_26,
                                                                    ehelse_1_26):
    # E-helsestyret's 1/26 is not public yet: for the public only Normen has 1/26.
    response = client.get("/vedtak/2026/1/")
    assert response.status_code in (301, 302)
    assert response["Location"] == "/vedtak/normen/2026/1/"
    assert client.get("/vedtak/2026/2/").status_code == 404
    assert client.get("/vedtak/e-helsestyre/2026/1/").status_code == 404


def test_old_address_for_a_reader_counts_the_drafts_they_may_read(client, normen_1_26,
                                                                  ehelse_1_26):
    reader = person_with_user("ehelse-medlem", body=ehelse_1_26.body,
                              organisation=OrganisationFactory(name="Helse Vest RHF"))
    html = client_for(client, reader).get("/vedtak/2026/1/").content.decode()
    assert 'href="/vedtak/normen/2026/1/"' in html
    assert 'href="/vedtak/e-helsestyre/2026/1/"' in html
    assert "referatet er ikke godkjent ennå" in html


def test_permalink_never_changes_with_another_bodys_record(client, normen_1_26, ehelse_1_26):
    before = main_of(client.get("/vedtak/normen/2026/1/"))
    approve(ehelse_1_26.meeting)
    assert client.get("/vedtak/e-helsestyre/2026/1/").status_code == 200
    after = main_of(client.get("/vedtak/normen/2026/1/"))
    assert after == before
    assert "E-helsestyret" not in after


def test_register_filters_by_body(client, normen_1_26, ehelse_1_26):
    approve(ehelse_1_26.meeting)
    register = reverse("meetings:decisions")
    every = client.get(register)
    assert {(i.body.slug, i.reference) for i in every.context["page"].object_list} == {
        ("normen", "1/26"), ("e-helsestyre", "1/26")}
    html = every.content.decode()
    assert 'href="/vedtak/normen/2026/1/"' in html
    assert 'href="/vedtak/e-helsestyre/2026/1/"' in html
    assert '<select name="body"' in html and 'value="e-helsestyre"' in html
    assert "Alle styringsgrupper" in html

    ehelse = client.get(register, {"body": "e-helsestyre"})
    assert [(i.body.slug, i.reference) for i in ehelse.context["page"].object_list] == [
        ("e-helsestyre", "1/26")]
    html = ehelse.content.decode()
    assert 'href="/vedtak/e-helsestyre/2026/1/"' in html
    assert 'href="/vedtak/normen/2026/1/"' not in html
    assert re.search(r'<option value="e-helsestyre" selected>', html)

    unknown = client.get(register, {"body": "finnes-ikke"})
    assert unknown.status_code == 200
    assert "Velg et gyldig valg" in unknown.content.decode()


def test_register_offers_only_bodies_with_decisions_the_visitor_may_see(client, normen_1_26,
                                                                        ehelse_1_26):
    html = client.get(reverse("meetings:decisions")).content.decode()
    assert 'value="normen"' in html
    assert 'value="e-helsestyre"' not in html  # its only decision is not public yet


def test_register_body_filter_keeps_its_place_across_pages(client, body, other_body):
    _decided_meeting(body, datetime.date(2026, 2, 4), 1, 30)
    _decided_meeting(other_body, datetime.date(2026, 2, 11), 1, 10)
    second = client.get(reverse("meetings:decisions"), {"body": "normen", "side": "2"})
    assert {i.body.slug for i in second.context["page"].object_list} == {"normen"}
    assert len(second.context["page"].object_list) == 5
    assert "body=normen&amp;side=1" in second.content.decode()


def test_register_queries_stay_flat_from_3_to_30_decisions(client, body, other_body,
                                                           django_assert_max_num_queries):
    register = reverse("meetings:decisions")
    _decided_meeting(body, datetime.date(2026, 2, 4), 1, 2)
    _decided_meeting(other_body, datetime.date(2026, 2, 11), 1, 1)
    with CaptureQueriesContext(connection) as three:
        assert len(client.get(register).context["page"].object_list) == 3
    _decided_meeting(body, datetime.date(2026, 3, 4), 3, 14)
    _decided_meeting(other_body, datetime.date(2026, 3, 11), 2, 13)
    # 30 decisions (a page shows 25), each linking by its body's slug: no query per row.
    with django_assert_max_num_queries(len(three)):
        assert len(client.get(register).context["page"].object_list) == 25
    with django_assert_max_num_queries(len(three)):
        response = client.get(register, {"body": "normen", "side": "1"})
    assert len(response.context["page"].object_list) == 16
