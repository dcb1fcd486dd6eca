"""Importing a body's member list (issue 13): pasted from a spreadsheet, or uploaded as CSV
(``;`` or ``,``, UTF-8 with or without BOM, Windows-1252) or XLSX; a preview of what will be
created and changed, errors per row in Norwegian with nothing saved, one atomic import
through the governance services, a confirm refused when the body's data changed after the
preview, and a second import of the same list that changes nothing. Through HTTP."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind
from governance.models import Membership, Organisation, Person, Representation
from tests.factories import PersonFactory, RepresentationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()

LIST = "\n".join("\t".join(cells) for cells in [
    ["Virksomhet", "Kortnavn", "Type", "Kategori", "Navn", "E-post", "Telefon", "Rolle", "Fra",
     "Til"],
    ["Helse Fjord HF", "Helse Fjord", "medlem", "Helseforetak", "Kari Fjord",
     "kari@eksempel.no", "+47 900 00 001", "medlem", "01.01.2026", ""],
    ["Helse Fjord HF", "", "", "", "Per Fjord", "per@eksempel.no", "", "vara", "01.01.2026", ""],
    ["Pasientforbundet", "", "observatør", "Pasientorganisasjoner", "Pia Pasient",
     "pia@eksempel.no", "", "leder", "", ""],
    ["Fjellkommune", "", "Medlem", "Kommuner", "", "", "", "", "", ""],
    ["", "", "", "", "Sigrid Sekretær", "sigrid@eksempel.no", "", "Sekretariat", "", ""],
])


def import_url(body):
    return reverse("governance:member_import", args=[body.slug])


def confirm_url(body):
    return reverse("governance:member_import_confirm", args=[body.slug])


def token(response):
    match = re.search(r'name="data" value="([^"]+)"', response.content.decode())
    assert match, "the preview has no confirm form"
    return match.group(1)


def counts():
    return (Organisation.objects.count(), Membership.objects.count(), Person.objects.count(),
            Representation.objects.count(), Event.objects.count())


def preview(client, body, text):
    response = client.post(import_url(body), {"text": text})
    assert response.status_code == 200
    return response


def test_paste_preview_then_import(sec_client, body, users):
    before = counts()
    response = preview(sec_client, body, LIST)
    page = response.content.decode()
    assert counts() == before, "the preview saves nothing"
    for text in ("Nye virksomheter (3)", "Helse Fjord HF (Helse Fjord)", "Pasientforbundet",
                 "Nye medlemskap i gruppen (3)",
                 "Pasientforbundet som observatør, Pasientorganisasjoner",
                 "Nye personer (4)", "Kari Fjord (kari@eksempel.no, +47 900 00 001)",
                 "Nye roller (4)", "Kari Fjord (representant, Helse Fjord HF) fra 01.01.2026",
                 "Sigrid Sekretær (sekretariat)", "Lista har 5 rader."):
        assert text in page, text

    response = sec_client.post(confirm_url(body), {"data": token(response)})
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:membership_list", args=[body.slug])
    fjord = Membership.objects.get(body=body, organisation__name="Helse Fjord HF")
    assert (fjord.kind, fjord.represents, fjord.start_date) == (
        "member", "Helseforetak", datetime.date(2026, 1, 1))
    assert fjord.organisation.short_name == "Helse Fjord"
    pas = Membership.objects.get(body=body, organisation__name="Pasientforbundet")
    assert (pas.kind, pas.represents, pas.start_date) == ("observer", "Pasientorganisasjoner",
                                                          TODAY)
    assert Membership.objects.filter(body=body, organisation__name="Fjellkommune").exists()
    kari = Person.objects.get(email="kari@eksempel.no")
    assert kari.phone == "+47 900 00 001"
    rep = kari.representations.get()
    assert (rep.body, rep.organisation, rep.role) == (body, fjord.organisation, "member")
    assert Representation.objects.get(person__name="Per Fjord").role == "deputy"
    assert Representation.objects.get(person__name="Pia Pasient").role == "chair"
    sigrid = Representation.objects.get(person__name="Sigrid Sekretær")
    assert (sigrid.role, sigrid.organisation) == ("secretariat", None)
    # The events and history reasons of a hand edit.
    kinds = list(Event.objects.filter(body=body).values_list("kind", flat=True))
    assert kinds.count(EventKind.MEMBERSHIP_ADDED) == 3
    assert kinds.count(EventKind.REPRESENTATION_ADDED) == 4
    assert rep.history.first().history_change_reason == "Lagt til"
    assert rep.history.first().history_user == users["secretariat"]
    assert "Medlemslista er importert" in sec_client.get(response["Location"]).content.decode()


def test_the_same_list_twice_changes_nothing(sec_client, body):
    sec_client.post(confirm_url(body), {"data": token(preview(sec_client, body, LIST))})
    before = counts()
    page = preview(sec_client, body, LIST).content.decode()
    assert "Den gir ingen endringer" in page
    assert 'name="data"' not in page
    assert "4 rader gjelder roller som er registrert fra før" in page
    assert counts() == before


def _csv(text, delimiter):
    return text.replace("\t", delimiter)


@pytest.mark.parametrize("name, data", [
    ("liste.csv", ("\ufeff" + _csv(LIST, ";")).encode("utf-8")),
    ("liste.csv", _csv(LIST, ";").encode("utf-8")),
    ("liste.csv", _csv(LIST, ",").encode("cp1252")),
])
def test_csv_uploads(sec_client, body, name, data):
    response = sec_client.post(import_url(body), {"file": SimpleUploadedFile(name, data)})
    page = response.content.decode()
    assert "Nye personer (4)" in page, page
    assert "Sigrid Sekretær" in page and "Pasientforbundet som observatør" in page
    sec_client.post(confirm_url(body), {"data": token(response)})
    assert Person.objects.filter(name="Sigrid Sekretær").exists()


def test_xlsx_upload_with_date_cells(sec_client, body):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["VIRKSOMHET", "navn", "E-postadresse", "Tlf", "Rolle", "Fra dato", "Til dato"])
    sheet.append(["Helse Fjord HF", "Kari Fjord", "kari@eksempel.no", 90000001, "Medlem",
                  datetime.datetime(2026, 2, 1), datetime.date(2027, 12, 31)])
    sheet.append(["Helse Fjord HF", "Per Fjord", "per@eksempel.no", None, "Vara", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    response = sec_client.post(import_url(body), {
        "file": SimpleUploadedFile("medlemmer.xlsx", buffer.getvalue())})
    page = response.content.decode()
    assert "Kari Fjord (representant, Helse Fjord HF) fra 01.02.2026 til 31.12.2027" in page
    assert "Kari Fjord (kari@eksempel.no, 90000001)" in page
    sec_client.post(confirm_url(body), {"data": token(response)})
    rep = Representation.objects.get(person__name="Kari Fjord")
    assert (rep.start_date, rep.end_date) == (datetime.date(2026, 2, 1),
                                              datetime.date(2027, 12, 31))
    assert Representation.objects.get(person__name="Per Fjord").start_date == TODAY


def test_a_file_of_another_kind_is_refused_at_the_field(sec_client, body):
    response = sec_client.post(import_url(body), {
        "file": SimpleUploadedFile("liste.pdf", b"%PDF-1.4 hei")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Filtypen er ikke tillatt" in page


def test_errors_per_row_in_norwegian_and_nothing_saved(sec_client, body):
    text = "\n".join("\t".join(c) for c in [
        ["Virksomhet", "Navn", "E-post", "Rolle", "Fra", "Til", "Type"],
        ["Helse Fjord HF", "Kari Fjord", "kari@eksempel.no", "medlem", "", "", ""],
        ["Helse Fjord HF", "Ola Feil", "ola(at)eksempel.no", "medlem", "", "", ""],
        ["Helse Fjord HF", "Rolf Rolle", "", "styremedlem", "", "", ""],
        ["Helse Fjord HF", "Dag Dato", "", "vara", "31.02.2026", "", ""],
        ["Helse Fjord HF", "Tor Til", "", "vara", "01.06.2026", "01.01.2026", ""],
        ["Helse Fjord HF", "Kari Fjord", "kari@eksempel.no", "medlem", "", "", ""],
        ["Helse Fjord HF", "Tina Type", "", "vara", "", "", "gjest"],
        ["", "Uten Virksomhet", "", "medlem", "", "", ""],
    ])
    before = counts()
    page = preview(sec_client, body, text).content.decode()
    for error in (
        "Rad 3: E-postadressen «ola(at)eksempel.no» er ikke gyldig.",
        "Rad 4: Rollen «styremedlem» finnes ikke. Bruk medlem, vara, leder eller sekretariat.",
        "Rad 5: Fra-datoen «31.02.2026» er ikke en gyldig dato.",
        "Rad 6: Til-datoen 01.01.2026 er før fra-datoen 01.06.2026.",
        "Rad 7: Kari Fjord står med samme rolle for samme virksomhet i rad 2.",
        "Rad 8: Typen «gjest» finnes ikke. Bruk medlem eller observatør.",
        "Rad 9: Skriv virksomheten personen representerer.",
    ):
        assert error in page, error
    assert "Lista har feil. Ingenting er importert." in page
    assert 'name="data"' not in page
    assert counts() == before
    # The pasted list stays in the form, to be corrected.
    assert "ola(at)eksempel.no</textarea>" in page.replace("\n", "") or "ola(at)" in page


def test_a_list_without_headers_is_refused(sec_client, body):
    response = sec_client.post(import_url(body), {"text": "Helse Fjord HF\tKari\n"})
    assert "Fant ikke kolonnene «Virksomhet» og «Navn» i første rad" in response.content.decode()


def test_a_refusal_at_the_service_level_keeps_nothing(sec_client, body):
    """The last row passes the preview's checks but the model refuses it (a telephone
    number longer than the field): everything before it is rolled back."""
    text = LIST + "\n" + "\t".join(
        ["Helse Fjord HF", "", "", "", "Lang Telefon", "lang@eksempel.no", "9" * 45, "vara", "",
         ""])
    response = preview(sec_client, body, text)
    assert "Lang Telefon" in response.content.decode()
    before = counts()
    response = sec_client.post(confirm_url(body), {"data": token(response)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Importen ble stoppet. Ingenting er lagret." in page
    assert re.search(r"Rad 7: .*40", page), page
    assert counts() == before
    assert not Organisation.objects.filter(name="Helse Fjord HF").exists()


def test_a_confirm_after_the_data_changed_shows_the_new_preview(sec_client, body, users):
    response = preview(sec_client, body, LIST)
    data = token(response)
    # Meanwhile someone adds Helse Fjord HF by hand.
    from governance.services.memberships import membership_add

    membership_add(body, actor=users["secretariat"], kind="member", new_name="Helse Fjord HF")
    before = counts()
    response = sec_client.post(confirm_url(body), {"data": data})
    page = response.content.decode()
    assert response.status_code == 200
    assert "er endret siden forhåndsvisningen ble laget, så ingenting er importert" in page
    assert "Nye virksomheter (2)" in page
    assert "Endret type eller kategori (1)" in page
    assert "Helse Fjord HF: kategori «–» → «Helseforetak»" in page
    assert counts() == before
    # The new preview can be confirmed.
    sec_client.post(confirm_url(body), {"data": token(response)})
    assert Membership.objects.get(organisation__name="Helse Fjord HF").represents == \
        "Helseforetak"


def test_a_tampered_or_foreign_preview_is_refused(sec_client, body, other_body, users):
    data = token(preview(sec_client, body, LIST))
    response = sec_client.post(confirm_url(body), {"data": data[:-3] + "xyz"})
    assert response.status_code == 302
    assert not Person.objects.filter(name="Kari Fjord").exists()
    from governance.models import Representation as R

    R.objects.create(person=users["secretariat"].person, body=other_body, role="secretariat")
    response = sec_client.post(confirm_url(other_body), {"data": data})
    assert response.status_code == 302
    assert not Person.objects.filter(name="Kari Fjord").exists()


def test_existing_people_get_their_address_and_an_end_date(sec_client, body, users):
    helse_nord = Organisation.objects.get(name="Helse Nord RHF")
    uten = PersonFactory(name="Uten Epost", email="")
    RepresentationFactory(person=uten, body=body, organisation=helse_nord,
                          role=Representation.Role.DEPUTY, start_date=datetime.date(2024, 1, 1))
    martin = Representation.objects.get(person__name="Martin Medlem", body=body)
    text = "\n".join("\t".join(c) for c in [
        ["Virksomhet", "Type", "Navn", "E-post", "Rolle", "Til"],
        ["helse nord rhf", "observatør", "Uten Epost", "uten@eksempel.no", "vara", ""],
        ["Helse Nord", "", "Martin Medlem", "", "medlem", "31.12.2026"],
    ])
    response = preview(sec_client, body, text)
    page = response.content.decode()
    assert "Nye personer" not in page and "Nye virksomheter" not in page
    assert "Helse Nord RHF: type medlem → observatør" in page
    assert "Uten Epost: e-post – → uten@eksempel.no" in page
    assert "Roller som avsluttes (1)" in page
    sec_client.post(confirm_url(body), {"data": token(response)})
    uten.refresh_from_db()
    assert uten.email == "uten@eksempel.no"
    assert uten.representations.count() == 1
    martin.refresh_from_db()
    assert martin.end_date == datetime.date(2026, 12, 31)
    assert Membership.objects.get(body=body, organisation=helse_nord).kind == "observer"


def test_a_person_from_another_body_is_found_by_address(sec_client, body, other_body):
    kari = PersonFactory(name="Kari Fjord", email="Kari@Eksempel.no", phone="")
    RepresentationFactory(person=kari, body=other_body, organisation=None,
                          role=Representation.Role.SECRETARIAT)
    before = Person.objects.count()
    response = preview(sec_client, body, LIST)
    page = response.content.decode()
    assert "Nye personer (3)" in page
    assert "Kari Fjord: telefon – → +47 900 00 001" in page
    sec_client.post(confirm_url(body), {"data": token(response)})
    assert Person.objects.count() == before + 3
    kari.refresh_from_db()
    assert kari.phone == "+47 900 00 001"
    assert set(kari.representations.values_list("body__slug", "role")) == {
        (other_body.slug, "secretariat"), (body.slug, "member")}


def test_an_address_registered_to_someone_else_is_refused(sec_client, body, users):
    text = "Virksomhet\tNavn\tE-post\nHelse Nord RHF\tNoen Andre\tmedlem@example.no\n"
    page = preview(sec_client, body, text).content.decode()
    assert "Rad 2: E-postadressen «medlem@example.no» er registrert på Martin Medlem." in page


def test_import_with_invitations(sec_client, body, django_capture_on_commit_callbacks):
    response = preview(sec_client, body, LIST)
    assert "Send invitasjon til nye personer med e-post" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sec_client.post(confirm_url(body), {"data": token(response), "invite": "on"})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "kari@eksempel.no", "per@eksempel.no", "pia@eksempel.no", "sigrid@eksempel.no"]
    sigrid = next(m for m in mail.outbox if m.to == ["sigrid@eksempel.no"])
    assert "tofaktorautentisering" in sigrid.body
    kari = next(m for m in mail.outbox if m.to == ["kari@eksempel.no"])
    assert "tofaktorautentisering" not in kari.body
    assert "representant for Helse Fjord HF" in kari.body
    assert Event.objects.filter(kind=EventKind.INVITATION_SENT).count() == 4


@pytest.mark.parametrize("who, status", [
    ("anonymous", 302), ("member", 403), ("deputy", 403), ("observer", 403),
    ("other_body_member", 403), ("no_seat", 403), ("secretariat", 200),
])
def test_who_reaches_the_import(client, body, users, who, status):
    if users[who] is not None:
        client.force_login(users[who])
    for url in (import_url(body),):
        response = client.get(url)
        assert response.status_code == status
        if status == 302:
            assert response["Location"].startswith(reverse("login"))
    response = client.post(confirm_url(body), {"data": "x"})
    assert response.status_code == (302 if status in (200, 302) else status)


def test_the_other_bodys_secretariat_cannot_import_here(client, body, other_secretariat):
    client.force_login(other_secretariat)
    assert client.get(import_url(body)).status_code == 403
    assert client.post(import_url(body), {"text": LIST}).status_code == 403
    assert not Person.objects.filter(name="Kari Fjord").exists()


def test_the_import_is_linked_from_the_body_pages(sec_client, body):
    for name in ("governance:body_settings", "governance:membership_list",
                 "governance:person_list"):
        page = sec_client.get(reverse(name, args=[body.slug])).content.decode()
        assert f'href="{import_url(body)}"' in page, name
        assert "Importer medlemsliste" in page
