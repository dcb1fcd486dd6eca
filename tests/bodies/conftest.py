"""Fixtures for the secretariat's pages of a body: the other body's secretariat, and a body
with a given number of organisations for the query-count tests."""

import pytest

from governance.models import Membership, Representation
from tests.factories import OrganisationFactory, PersonFactory, RepresentationFactory


@pytest.fixture
def other_secretariat(other_body):
    from tests.factories import person_with_user

    return person_with_user("ehelse-sek", body=other_body,
                            role=Representation.Role.SECRETARIAT, name="Siv Sekretær")


@pytest.fixture
def sec_client(client, users):
    client.force_login(users["secretariat"])
    return client


def add_organisations(body, count, *, start=0, kind=Membership.Kind.MEMBER):
    """``count`` organisations in ``body``, each with a representative and a deputy (one of
    them without an e-mail address)."""
    for n in range(start, start + count):
        org = OrganisationFactory(name=f"Testforetak {n:02d} HF")
        Membership.objects.create(body=body, organisation=org, kind=kind, sort_order=n,
                                  represents="Helseforetak" if n % 2 else "")
        RepresentationFactory(person=PersonFactory(name=f"Representant {n:02d}"), body=body,
                              organisation=org)
        RepresentationFactory(person=PersonFactory(name=f"Vara {n:02d}", email=""), body=body,
                              organisation=org, role=Representation.Role.DEPUTY)
