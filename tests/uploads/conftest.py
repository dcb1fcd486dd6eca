"""Fixtures for the upload tests: a planned meeting and a draft fact sheet of the body, the
secretariat signed in, and a media folder of the test's own (so "nothing was saved" can be
checked on disk too)."""

import pytest

from documents.models import Document
from tests.conftest import client_for
from tests.documents.conftest import make_version
from tests.meetings.agenda.conftest import make_meeting


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media):
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())


@pytest.fixture
def secretariat(users):
    return users["secretariat"]


@pytest.fixture
def meeting(body, secretariat):
    return make_meeting(body, secretariat)


@pytest.fixture
def draft(body):
    document = Document.objects.create(
        body=body, kind=Document.Kind.FACT_SHEET, number=59, slug="faktaark-59",
        title="Integritet – Korrekt og oppdatert informasjon til rett tid",
        summary="Om risiko når informasjon ikke er korrekt og oppdatert.",
        audience="Virksomheter i helse- og omsorgssektoren",
    )
    return make_version(document)


@pytest.fixture
def signed_in(client, secretariat):
    return client_for(client, secretariat)
