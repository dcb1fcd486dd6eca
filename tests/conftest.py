"""Shared fixtures: a body with one user in each role, and the demo data."""

import io

import pytest
from django.core.management import call_command

from governance.models import Membership, Representation

from .factories import BodyFactory, OrganisationFactory, UserFactory, person_with_user


@pytest.fixture
def body(db):
    return BodyFactory(name="Styringsgruppen for Normen", short_name="Styringsgruppen",
                       slug="normen")


@pytest.fixture
def other_body(db):
    return BodyFactory(name="Nasjonalt e-helsestyre", short_name="Nasjonalt e-helsestyre",
                       slug="e-helsestyre")


@pytest.fixture
def users(body, other_body):
    """One user per role: the permission matrix's columns."""
    helse_nord = OrganisationFactory(name="Helse Nord RHF", short_name="Helse Nord")
    ikt = OrganisationFactory(name="IKT-Norge")
    alta = OrganisationFactory(name="Alta kommune")
    return {
        "anonymous": None,
        "other_body_member": person_with_user("annen", body=other_body, organisation=alta,
                                              name="Anne Annen"),
        "observer": person_with_user("observator", body=body, organisation=ikt,
                                     kind=Membership.Kind.OBSERVER, name="Olivia Observatør"),
        "member": person_with_user("medlem", body=body, organisation=helse_nord,
                                   name="Martin Medlem"),
        "deputy": person_with_user("vara", body=body, organisation=helse_nord,
                                   role=Representation.Role.DEPUTY, name="Vera Vara"),
        "secretariat": person_with_user("sekretariat", body=body,
                                        role=Representation.Role.SECRETARIAT,
                                        name="Sara Sekretær"),
        "no_seat": UserFactory(username="utenverv"),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    from governance.models import Body

    return Body.objects.get(slug="normen")


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def proxy(live_server, settings, demo):
    """The demo portal behind the production caching proxy (tests/proxy.py)."""
    from .proxy import proxy_in_front_of

    with proxy_in_front_of(live_server, settings) as proxy:
        yield proxy
