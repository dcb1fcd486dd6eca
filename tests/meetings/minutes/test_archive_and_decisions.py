"""The public archive and the decision register: what the public may see (approved minutes
only, never internal cover notes or non-public attachments), filters, search, permalinks."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from meetings.models import AgendaItem, Attachment, Meeting

from ...conftest import client_for
from ...factories import BodyFactory
from .conftest import make_meeting

ROLES = ["anonymous", "no_seat", "other_body_member", "observer", "member", "deputy",
         "secretariat"]
READERS = {"observer", "member", "deputy", "secretariat"}


def decide(item, outcome="noted", text="Styringsgruppen tar saken til orientering."):
    item.outcome = outcome
    item.decision_text = text
    item.decided_at = datetime.datetime(2024, 6, 10, 11, 0, tzinfo=datetime.UTC)
    item.save()
    return item


@pytest.fixture
def approved(body):
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED,
                           date=datetime.date(2023, 9, 27), first_number=23,
                           place="Digitalt møte",
                           minutes_approved_at=datetime.datetime(2024, 6, 10, 10, 5,
                                                                 tzinfo=datetime.UTC),
                           minutes_approval_note="Godkjent i sak 12/24")
    first, second, third = meeting.items.filter(kind="case").order_by("position")
    decide(first, "approved", "Styringsgruppen godkjenner innkalling og dagsorden")
    second.title = "Faktaark 59: Integritet"
    second.purpose = "<p>Hemmelig toppnotat om integritet</p>"
    second.cover_note_internal = True
    second.discussion = "<p>HSØ – kan vurdere å henge det opp i artikkel 5.</p>"
    second.save()
    decide(second, "withdrawn", "Saken trekkes, og det jobbes videre med saken.")
    third.purpose = "<p>Åpent toppnotat om handlingsplanen</p>"
    third.save()
    decide(third, "noted", "Styringsgruppen drøftet handlingsplan 2024.")
    Attachment.objects.create(meeting=meeting, item=third, label="1",
                              title="Forslag til handlingsplan", is_public=True,
                              file=ContentFile(b"%PDF-1.4", name="plan.pdf"))
    Attachment.objects.create(meeting=meeting, item=third, label="2",
                              title="Internt arbeidsnotat", is_public=False,
                              file=ContentFile(b"%PDF-1.4", name="notat.pdf"))
    return meeting


@pytest.fixture
def draft(body):
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_REVIEW,
                           date=datetime.date(2024, 6, 10), first_number=11)
    item = meeting.items.filter(kind="case").order_by("position").first()
    item.title = "Medisinsk utstyr (Veileder)"
    item.save()
    decide(item, "approved", "Medisinsk utstyr; personvern og informasjonssikkerhet v3.0 "
                             "godkjennes")
    return meeting


def test_archive_lists_only_approved_minutes(client, approved, draft):
    html = client.get(reverse("meetings:archive")).content.decode()
    assert "2023" in html and "/arkiv/2023/" in html
    assert "/arkiv/2024/" not in html
    year = client.get(reverse("meetings:archive_year", args=[2023])).content.decode()
    assert approved.get_public_url() in year
    assert "Referat fra møtet 27.09.2023" in year
    assert client.get(reverse("meetings:archive_year", args=[2024])).status_code == 404


@pytest.mark.parametrize("who", ROLES)
def test_drafts_are_not_public_even_by_url(client, users, draft, who):
    url = reverse("meetings:public_meeting", args=[2024, draft.pk])
    assert client_for(client, users[who]).get(url).status_code == 404


def test_wrong_year_in_the_url_is_404(client, approved):
    assert client.get(reverse("meetings:public_meeting",
                              args=[2024, approved.pk])).status_code == 404


def test_public_meeting_page_shows_the_minutes_without_internal_papers(client, approved):
    html = client.get(approved.get_public_url()).content.decode()
    assert "Referat Styringsgruppemøte i Normen" in html
    assert "Onsdag 27.09.2023 kl. 10.00–15.00" in html
    assert "Digitalt møte" in html
    assert "Styringsgruppens vedtak:" in html
    assert "23/23" in html and "Faktaark 59: Integritet" in html
    assert "HSØ – kan vurdere å henge det opp i artikkel 5." in html
    assert "Saken trekkes, og det jobbes videre med saken." in html
    assert "Hemmelig toppnotat" not in html  # cover note marked internal
    assert "Åpent toppnotat om handlingsplanen" in html
    assert "Forslag til handlingsplan" in html
    assert "Internt arbeidsnotat" not in html  # attachment not public
    assert "Godkjent i sak 12/24" in html


def test_public_page_of_the_seed_meeting(client, demo):
    meeting = Meeting.objects.get(body=demo, date=datetime.date(2023, 9, 27))
    html = client.get(meeting.get_public_url()).content.decode()
    assert "Referat Styringsgruppemøte i Normen" in html
    assert "Til stede frem til 11.05" in html
    assert "Jo Cranner (vara)" in html
    assert "Arne Ingebrigtsen (leder)" in html
    assert "Private helsevirksomheter (representert ved Fürst)" in html
    assert "Observatører" in html
    assert "Styringsgruppens vedtak" in html
    assert "23/23" in html and "Handlingsplan 2024" in html
    assert "10.30" in html and "Pause" in html
    # The 10.06.2024 minutes are still in review: not in the archive.
    june = Meeting.objects.get(body=demo, date=datetime.date(2024, 6, 10))
    assert client.get(reverse("meetings:public_meeting",
                              args=[2024, june.pk])).status_code == 404


def test_public_page_does_not_show_comments_or_review_links(client, approved):
    html = client.get(approved.get_public_url()).content.decode()
    assert "hx-post" not in html and "Kommentar" not in html


# -- decision register ----------------------------------------------------------------------

@pytest.mark.parametrize("who", ROLES)
def test_register_visibility(client, users, approved, draft, who):
    html = client_for(client, users[who]).get(reverse("meetings:decisions")).content.decode()
    assert "Styringsgruppen godkjenner innkalling og dagsorden" in html
    assert ("Medisinsk utstyr (Veileder)" in html) == (who in READERS)


@pytest.mark.parametrize("who", ROLES)
def test_permalink_visibility(client, users, approved, draft, who):
    c = client_for(client, users[who])
    response = c.get("/vedtak/normen/2023/24/")
    assert response.status_code == 200
    assert "Saken trekkes" in response.content.decode()
    assert c.get("/vedtak/normen/2024/11/").status_code == (200 if who in READERS else 404)
    # The old address without the body sends to it when only one body has the number.
    assert c.get("/vedtak/2024/11/").status_code == (302 if who in READERS else 404)


def test_permalink_shows_the_decision(client, approved):
    html = client.get("/vedtak/normen/2023/25/").content.decode()
    assert "Vedtak i sak 25/23" in html
    assert "Styringsgruppen drøftet handlingsplan 2024." in html
    assert "Tatt til orientering" in html
    assert approved.get_public_url() in html
    assert "/vedtak/normen/2023/25/" in html
    assert client.get("/vedtak/normen/2023/99/").status_code == 404


def test_items_without_a_recorded_decision_are_not_in_the_register(client, body):
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED)
    item = meeting.items.filter(kind="case").first()
    item.decision_text = "Utkast"
    item.save()
    assert client.get("/vedtak/normen/2024/11/").status_code == 404
    assert client.get("/vedtak/2024/11/").status_code == 404


def test_two_bodies_with_the_same_number(client, approved):
    other = BodyFactory(name="Nasjonalt e-helsestyre", short_name="Nasjonalt e-helsestyre",
                        slug="e-helsestyre")
    meeting = make_meeting(other, status=Meeting.Status.MINUTES_APPROVED,
                           date=datetime.date(2023, 3, 1), first_number=24, cases=1)
    decide(meeting.items.filter(kind="case").get(), "approved", "E-helsestyret slutter seg til")
    # The old address lists both bodies; each body's address shows its own decision only.
    html = client.get("/vedtak/2023/24/").content.decode()
    assert 'href="/vedtak/normen/2023/24/"' in html
    assert 'href="/vedtak/e-helsestyre/2023/24/"' in html
    normen = client.get("/vedtak/normen/2023/24/").content.decode()
    assert "Saken trekkes" in normen and "E-helsestyret slutter seg til" not in normen
    ehelse = client.get("/vedtak/e-helsestyre/2023/24/").content.decode()
    assert "E-helsestyret slutter seg til" in ehelse and "Saken trekkes" not in ehelse


@pytest.mark.parametrize(("params", "expected"), [
    ({}, {"23/23", "24/23", "25/23"}),
    ({"outcome": "withdrawn"}, {"24/23"}),
    ({"case_type": "orientation", "outcome": "approved"}, {"23/23"}),
    ({"year": "2023"}, {"23/23", "24/23", "25/23"}),
    ({"q": "handlingsplan"}, {"25/23"}),
    ({"q": "faktaark"}, {"24/23"}),
    ({"q": "24/23"}, {"24/23"}),
    ({"q": "sak 25/2023"}, {"25/23"}),
])
def test_register_filters_and_search(client, approved, params, expected):
    response = client.get(reverse("meetings:decisions"), params)
    found = {item.reference for item in response.context["page"].object_list}
    assert found == expected


def test_search_uses_norwegian_stemming(client, approved):
    item = approved.items.get(number=25)
    item.decision_text = "Styringsgruppen godkjenner faktaarkene om integritet."
    item.save()
    response = client.get(reverse("meetings:decisions"), {"q": "faktaark"})
    assert {i.reference for i in response.context["page"].object_list} == {"24/23", "25/23"}


def test_register_paginates(client, body):
    meeting = make_meeting(body, status=Meeting.Status.MINUTES_APPROVED, cases=30,
                           first_number=1)
    for item in meeting.items.filter(kind="case"):
        decide(item)
    first = client.get(reverse("meetings:decisions"))
    assert len(first.context["page"].object_list) == 25
    second = client.get(reverse("meetings:decisions"), {"side": "2", "outcome": "noted"})
    assert len(second.context["page"].object_list) == 5
    assert "outcome=noted&amp;side=1" in second.content.decode()


def test_invalid_filter_is_explained_and_the_list_still_shows(client, approved):
    response = client.get(reverse("meetings:decisions"), {"year": "abc"})
    assert response.status_code == 200
    assert "Velg et gyldig valg" in response.content.decode()


def test_decision_url_of_a_case(approved):
    item = approved.items.get(number=24)
    assert item.get_decision_url() == "/vedtak/normen/2023/24/"
    assert AgendaItem(number=None).get_decision_url() == ""


def test_public_attachment_links_work_for_anonymous_visitors(client, approved):
    html = client.get(approved.get_public_url()).content.decode()
    public = Attachment.objects.get(meeting=approved, is_public=True)
    url = reverse("meetings:attachment_download", args=[approved.pk, public.pk])
    assert url in html
    assert client.get(url).status_code == 200
    hidden = Attachment.objects.get(meeting=approved, is_public=False)
    hidden_url = reverse("meetings:attachment_download", args=[approved.pk, hidden.pk])
    assert hidden_url not in html
    assert client.get(hidden_url).status_code in (302, 403, 404)


def test_internal_cover_note_keeps_its_proposal_off_the_decision_page(client, approved):
    item = approved.items.get(number=24)
    item.proposed_decision = "Internt forslag fra sekretariatet"
    item.save()
    assert "Internt forslag" not in client.get("/vedtak/normen/2023/24/").content.decode()
