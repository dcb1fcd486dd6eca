"""Issue 11, finding 2: every object created in a body is created for a body the person chose
and may act for. Through HTTP, for every create form that belongs to a body:

- with several bodies nothing is preselected, and sending the form without choosing gives a
  Norwegian message next to the field, keeps what was typed and creates nothing;
- the chosen body is the one stored (here the second alphabetically, which the old
  document form never picked), and for a document its members read it and the other's don't;
- with one body it is preselected, shown as text with the value in a hidden input;
- a body the person may not act for is refused as a form error, never swapped for another.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplan.models import ActionPlan, Proposal
from actionplan.services.proposals import proposal_years
from documents.models import Document
from governance.models import Membership, Organisation, Representation
from meetings.models import Meeting
from reviews.models import Circulation
from tests.conftest import client_for
from tests.factories import RepresentationFactory, person_with_user

pytestmark = pytest.mark.django_db


def _deadline():
    return (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


@dataclass
class CreateForm:
    url: str
    model: type
    data: callable
    typed: str                # a value from ``data`` the page must show again after an error
    choose_message: str
    refuse_message: str = "Velg en styringsgruppe du er sekretariat for."
    secretariat: bool = True  # who creates: the secretariat, else members and observers


FORMS = {
    "document": CreateForm(
        url="/dokumenter/arbeid/nytt/", model=Document,
        data=lambda: {"kind": "fact_sheet", "number": "61", "suffix": "",
                      "title": "Tilgangsstyring i journalsystemer", "summary": "",
                      "audience": "", "slug": ""},
        typed='value="Tilgangsstyring i journalsystemer"',
        choose_message="Velg hvilken styringsgruppe dokumentet hører til."),
    "circulation": CreateForm(
        url=reverse("reviews:circulation_create"), model=Circulation,
        data=lambda: {"title": "Publisering av Faktaark 61", "background": "",
                      "proposed_decision": "Styringsgruppen godkjenner faktaarket.",
                      "deadline": _deadline()},
        typed='value="Publisering av Faktaark 61"',
        choose_message="Velg hvilken styringsgruppe saken skal sendes til."),
    "meeting": CreateForm(
        url=reverse("meetings:meeting_create"), model=Meeting,
        data=lambda: {"date": "2026-09-16", "start_time": "10:00", "end_time": "15:00",
                      "place": "Helsedirektoratet, Oslo", "form": "physical",
                      "comment_deadline": ""},
        typed='value="Helsedirektoratet, Oslo"',
        choose_message="Velg hvilken styringsgruppe møtet er for."),
    "plan": CreateForm(
        url=reverse("actionplan:plan_create"), model=ActionPlan,
        data=lambda: {"year": timezone.localdate().year + 1, "strategy": "",
                      "title": "Handlingsplan for tilgangsstyring", "introduction": ""},
        typed='value="Handlingsplan for tilgangsstyring"',
        choose_message="Velg hvilken styringsgruppe handlingsplanen er for."),
    "proposal": CreateForm(
        url=reverse("actionplan:proposal_create"), model=Proposal,
        data=lambda: {"year": proposal_years()[0], "title": "KI-dag i styringsgruppa",
                      "description": "En dag om kunstig intelligens og personvern."},
        typed='value="KI-dag i styringsgruppa"',
        choose_message="Velg hvilken styringsgruppe innspillet gjelder.",
        refuse_message="Velg et gyldig valg", secretariat=False),
}


@pytest.fixture
def two_bodies(users, body, other_body):
    """Who creates in both bodies: for the secretariat's forms the secretariat of both, for
    proposals a member organisation's representative in both."""
    secretariat = person_with_user("to-sekretariat", body=body,
                                   role=Representation.Role.SECRETARIAT, name="Siri Sekretær")
    RepresentationFactory(person=secretariat.person, body=other_body, organisation=None,
                          role=Representation.Role.SECRETARIAT)
    helse_nord = Organisation.objects.get(name="Helse Nord RHF")
    member = person_with_user("to-medlem", body=body, organisation=helse_nord, name="Mona")
    Membership.objects.create(body=other_body, organisation=helse_nord)
    RepresentationFactory(person=member.person, body=other_body, organisation=helse_nord)
    return {"secretariat": secretariat, "member": member}


def creator(form, users, two_bodies, *, both):
    role = "secretariat" if form.secretariat else "member"
    return two_bodies[role] if both else users[role]


def test_the_second_body_alphabetically_is_the_one_under_test(body, other_body):
    # The old document form took the first body by name; choosing the other proves the choice.
    assert sorted([body.name, other_body.name]) == [other_body.name, body.name]


@pytest.mark.parametrize("name", FORMS)
def test_with_two_bodies_nothing_is_chosen_for_you(client, users, two_bodies, body,
                                                   other_body, name):
    form = FORMS[name]
    client_for(client, creator(form, users, two_bodies, both=True))

    page = client.get(form.url).content.decode()
    assert '<select name="body"' in page
    assert '<option value="" selected>Velg styringsgruppe</option>' in page
    assert f'<option value="{body.pk}">{body.name}</option>' in page
    assert f'<option value="{other_body.pk}">{other_body.name}</option>' in page

    response = client.post(form.url, form.data())
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_body-feil"' in page and form.choose_message in page
    assert 'aria-describedby="id_body-feil' in page
    assert form.typed in page  # nothing typed is lost
    assert not form.model.objects.exists()


@pytest.mark.parametrize("name", FORMS)
def test_the_chosen_body_is_the_one_stored(client, users, two_bodies, body, name):
    form = FORMS[name]
    client_for(client, creator(form, users, two_bodies, both=True))

    response = client.post(form.url, {**form.data(), "body": body.pk})

    created = form.model.objects.get()
    assert response.status_code == 302
    assert created.body == body


def test_a_document_for_the_second_body_is_read_by_its_members_only(client, users, two_bodies,
                                                                    body):
    client_for(client, two_bodies["secretariat"])
    response = client.post("/dokumenter/arbeid/nytt/", {**FORMS["document"].data(),
                                                         "body": body.pk})
    document = Document.objects.get()
    assert document.body == body
    page = client.get(response["Location"]).content.decode()
    assert f"Dokumentet er opprettet for {body.name}" in page

    client_for(client, users["member"])
    assert client.get(document.get_workspace_url()).status_code == 200
    assert document.title in client.get("/dokumenter/arbeid/").content.decode()

    client_for(client, users["other_body_member"])
    assert client.get(document.get_workspace_url()).status_code == 404
    assert document.title not in client.get("/dokumenter/arbeid/").content.decode()


@pytest.mark.parametrize("name", FORMS)
def test_with_one_body_it_is_preselected(client, users, two_bodies, body, name):
    form = FORMS[name]
    client_for(client, creator(form, users, two_bodies, both=False))

    page = client.get(form.url).content.decode()
    assert '<select name="body"' not in page
    assert f'<input type="hidden" name="body" value="{body.pk}">' in page
    assert f'<p class="ds-paragraph">{body.name}</p>' in page

    response = client.post(form.url, {**form.data(), "body": body.pk})
    assert response.status_code == 302
    assert form.model.objects.get().body == body


def test_with_one_body_a_form_sent_without_it_means_that_body(client, users, body):
    # The body is preselected; a client that leaves the field out gets it, not an error.
    client_for(client, users["secretariat"])
    response = client.post("/dokumenter/arbeid/nytt/", FORMS["document"].data())
    assert response.status_code == 302
    assert Document.objects.get().body == body


@pytest.fixture
def secretariat_here_member_there(body, other_body):
    """Secretariat of Normen, and a member of e-helsestyre: may read there, not create."""
    user = person_with_user("blandet", body=body, role=Representation.Role.SECRETARIAT)
    alta = Organisation.objects.get(name="Alta kommune")
    RepresentationFactory(person=user.person, body=other_body, organisation=alta)
    return user


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize("who", ["one_body", "other_role_there"])
def test_a_body_one_may_not_act_for_is_refused(client, users, two_bodies, other_body, body,
                                               secretariat_here_member_there, name, who):
    form = FORMS[name]
    if who == "one_body":
        user, forbidden = creator(form, users, two_bodies, both=False), other_body
    elif form.secretariat:
        user, forbidden = secretariat_here_member_there, other_body
    else:
        # For proposals the other role that may not create is someone of the other body.
        user, forbidden = users["other_body_member"], body
    client_for(client, user)

    response = client.post(form.url, {**form.data(), "body": forbidden.pk})

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_body-feil"' in page or 'href="#id_body"' in page
    assert form.refuse_message in page and form.typed in page
    assert not form.model.objects.exists()


def test_every_body_field_on_a_form_is_the_shared_one():
    """A create form added later with its own body field would bring the silent default back;
    every form field that picks a body is the shared BodyChoiceField."""
    import importlib

    from django import forms

    from governance.forms import BodyChoiceField
    from governance.models import Body

    for module in ["documents.forms", "meetings.forms.agenda", "meetings.forms.attendance",
                   "meetings.forms.minutes", "reviews.forms", "actionplan.forms"]:
        importlib.import_module(module)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    checked = set()
    for form_class in subclasses(forms.BaseForm):
        if form_class.__module__.split(".")[0] not in {"documents", "meetings", "reviews",
                                                       "actionplan"}:
            continue
        for name, form_field in form_class.base_fields.items():
            if (isinstance(form_field, forms.ModelChoiceField)
                    and form_field.queryset is not None
                    and form_field.queryset.model is Body):
                assert isinstance(form_field, BodyChoiceField), f"{form_class.__name__}.{name}"
                checked.add(form_class.__name__)
    assert {"DocumentCreateForm", "CirculationForm", "MeetingCreateForm", "PlanCreateForm",
            "ProposalForm"} <= checked
