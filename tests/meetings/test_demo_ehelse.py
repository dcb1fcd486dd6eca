"""The demo's second body, Nasjonalt e-helsestyre from seed 004, and the demo's people: made
through the portal's services, numbered by the numbering functions, as the seed prints them."""

import datetime

from django.db.models import Count

from events.models import Event
from governance.models import Body, Person, Representation
from meetings.models import AgendaItem, Attendance, Meeting
from meetings.services.agenda import next_case_number


def ehelse():
    return Body.objects.get(slug="e-helsestyre")


def meetings_of(body):
    return {m.reference: m for m in Meeting.objects.filter(body=body)}


def test_every_seated_person_has_a_made_up_unique_address(demo):
    seated = Person.objects.filter(representations__isnull=False).distinct()
    emails = list(seated.values_list("email", flat=True))
    assert len(emails) > 50
    assert all(e.endswith("@eksempel.no") or e.endswith(".invalid") for e in emails), [
        e for e in emails if not e.endswith("@eksempel.no")]
    assert len({e.lower() for e in emails}) == len(emails)
    # Folded to ASCII, first name(s) and last name.
    assert Person.objects.get(name="Stig Slørdahl").email == "stig.slordahl@eksempel.no"
    assert Person.objects.get(name="Bjørn-Atle Hansen").email == "bjorn-atle.hansen@eksempel.no"
    assert Person.objects.get(name="Johan Ronæs").email == "johan.ronaes@eksempel.no"


def test_the_body_and_its_members_as_the_seed_lists_them(demo):
    body = ehelse()
    assert (body.name, body.short_name) == ("Nasjonalt e-helsestyre", "Nasjonalt e-helsestyre")
    assert body.minutes_public and body.numbers_meetings
    assert (body.case_numbering_year, body.case_numbering_first) == (2021, 9)
    members = set(body.memberships.filter(kind="member")
                  .values_list("organisation__name", flat=True))
    assert len(members) == 17
    assert {"Alta kommune", "Bergen kommune", "Oslo kommune", "Kristiansand kommune",
            "Nasjonalforeningen for folkehelsen", "Den norske legeforening", "KS"} <= members
    assert list(body.memberships.filter(kind="observer")
                .values_list("organisation__name", flat=True)) == ["Norsk Helsenett"]
    # Helse Sør-Øst's seat changed hands between the two meetings, as one change.
    hso = {r.person.name: r for r in Representation.objects.filter(
        body=body, organisation__name="Helse Sør-Øst RHF").select_related("person")}
    assert hso["Cathrine Loftshus"].end_date == datetime.date(2021, 5, 31)
    assert hso["Jan Frich"].start_date == datetime.date(2021, 6, 1)
    secretariat = Representation.objects.filter(body=body, role="secretariat")
    assert {"Jon Helge Andersen", "Karen Lima", "Elin Sekretær"} <= set(
        secretariat.values_list("person__name", flat=True))
    # Done by the body's secretariat through the services: each change has its event.
    actor = Person.objects.get(name="Elin Sekretær").user
    assert actor.username == "ehelse-sekretariat" and actor.is_staff and not actor.is_superuser
    kinds = dict(Event.objects.filter(body=body).values_list("kind").annotate(n=Count("pk")))
    assert kinds["membership_added"] == 18
    assert kinds["notice_sent"] == 2 and kinds["minutes_approved"] == 1
    assert set(Event.objects.filter(body=body).values_list("actor", flat=True)) == {actor.pk}


def test_meetings_hold_exactly_the_seeds_cases(demo):
    body = ehelse()
    meetings = meetings_of(body)
    assert set(meetings) == {"2/2021", "3/2021"}
    second, third = meetings["2/2021"], meetings["3/2021"]
    assert second.title == "Møte 2/2021 i Nasjonalt e-helsestyre"
    assert second.date == datetime.date(2021, 5, 6)
    assert [i.reference for i in second.items.filter(kind="case")] == [
        f"{n}/21" for n in range(9, 15)]
    assert [i.reference for i in third.items.filter(kind="case")] == [
        f"{n}/21" for n in range(15, 23)]
    assert AgendaItem.objects.filter(body=body).exclude(number=None).count() == 14
    assert next_case_number(body.pk, 2021) == 23

    assert second.status == Meeting.Status.MINUTES_APPROVED
    decisions = {i.reference: i for i in second.items.filter(kind="case")}
    assert decisions["13/21"].outcome == "approved"
    assert decisions["13/21"].decision_text.startswith(
        "Nasjonalt e-helsestyre gir sin tilslutning til at medlemmene")
    assert decisions["12/21"].outcome == "noted" and decisions["12/21"].decided_at
    assert all(i.decided_at for i in decisions.values())

    # 3/2021: the notice is sent, the meeting is the demo's to run.
    assert third.status == Meeting.Status.NOTICE_SENT
    items = list(third.items.order_by("position"))
    assert [(i.reference, i.start_time.strftime("%H.%M"), i.get_case_type_display())
            for i in items] == [
        ("15/21", "10.00", "Godkjenning"), ("16/21", "10.03", "Godkjenning"),
        ("17/21", "10.05", "Orientering"), ("18/21", "10.15", "Tilslutning"),
        ("19/21", "10.55", "Drøfting"), ("", "11.15", ""), ("20/21", "11.25", "Drøfting"),
        ("21/21", "11.55", "Drøfting"), ("22/21", "12.25", "Eventuelt")]
    assert items[5].title == "Pause"
    assert items[1].previous_meeting == second
    assert items[3].case_officer == "Jan Gunnar Broch"
    assert "Riksrevisjonens rapporter" in items[2].background
    assert items[6].proposed_decision == (
        "Nasjonalt e-helsestyre ber Direktoratet for e-helse ta med seg innspill mottatt i "
        "møtet i det videre arbeidet.")
    assert not any(i.decided_at for i in items)


def test_the_approved_minutes_are_public_with_the_substitutes(client, demo):
    second = meetings_of(ehelse())["2/2021"]
    rows = {a.person.name: a for a in Attendance.objects.filter(meeting=second)
            .select_related("person", "substitute_for")}
    assert rows["Eirik Arnesen"].status == "substitute"
    assert rows["Eirik Arnesen"].substitute_for.name == "Ivar Halvorsen"
    assert rows["Erik Hansen"].substitute_for.name == "Inger Cathrine Bryne"
    assert rows["Ivar Halvorsen"].status == "absent"
    assert rows["Johan Ronæs"].capacity == "observer"
    assert rows["Karen Lima"].capacity == "secretariat"

    response = client.get(second.get_public_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Eirik Arnesen (stedfortreder for Ivar Halvorsen)" in html
    assert "Erik Hansen (stedfortreder for Inger Cathrine Bryne)" in html
    assert "13/21" in html and "faste stedfortreder med talerett" in html
    archive = client.get("/arkiv/2021/").content.decode()
    assert second.get_public_url() in archive


def test_normen_2024_numbers_are_unique_and_16_24_is_the_fact_sheet(demo):
    numbers = list(AgendaItem.objects.filter(body=demo, year=2024).exclude(number=None)
                   .values_list("number", flat=True))
    assert sorted(numbers) == list(range(11, 20))
    fact_sheet = AgendaItem.objects.get(body=demo, year=2024, number=16)
    assert "faktaark 59" in fact_sheet.title
    open_mic = AgendaItem.objects.get(body=demo, year=2024, number=14)
    assert open_mic.title == "«Åpen mikrofon»"
    assert "trykte referatet har dette punktet nummer 16/24" in open_mic.discussion
