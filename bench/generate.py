"""Benchmark data: ten years in the life of a steering group.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/normen_bench \\
        .venv/bin/python bench/generate.py [--scale 1.0] [--seed 8]

Into a migrated, empty database it writes, at scale 1: 20 organisations (15 members,
5 observers) with their representatives over the years, 40 meetings (four a year,
2015–2024; the last is the upcoming one with its notice sent, the one before has its minutes
on review), 500 numbered cases with cover notes, statements and decisions, attendance,
attachments, 300 documents (fact sheets, guides, other) with 1–3 versions of up to 40 pages,
3,000 comments and replies, and an action plan a year with measures. Everything reads like
the seeds: «Sak 16/24», «Godkjenning av referat fra møte 2/2024», «Faktaark 59».

Rows are written the way the apps' own demo loaders write them (``documents.demo``,
``meetings.demo``): plain model rows, the documents app's own HTML cleaner and search index
refresh, the comments service's text-to-HTML, in bulk where volume matters. Bulk writes send
no signals, so no PDF rendering or e-mail is triggered. A model an app does not have (yet)
is left out rather than failing the run.

Members log in as ``medlem01`` … with the password printed at the end.
"""

import argparse
import os
import random
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "normen_portal.settings")

PASSWORD = "Benk-passord-2026"  # noqa: S105 - benchmark users on a loopback-only server
FIRST_YEAR, YEARS = 2015, 10

ORGANISATIONS = [
    # name, short name, kind, represents
    ("Helse Sør-Øst RHF", "Helse Sør-Øst", "member", ""),
    ("Helse Vest RHF", "Helse Vest", "member", ""),
    ("Helse Midt-Norge RHF", "Helse Midt", "member", ""),
    ("Helse Nord RHF", "Helse Nord", "member", ""),
    ("KS", "KS", "member", "Kommunesektoren"),
    ("Oslo kommune", "Oslo", "member", "Kommunesektoren"),
    ("Bergen kommune", "Bergen", "member", "Kommunesektoren"),
    ("Alta kommune", "Alta", "member", "Kommunesektoren"),
    ("Den norske legeforening", "Legeforeningen", "member", ""),
    ("Norsk Sykepleierforbund", "NSF", "member", ""),
    ("Den norske tannlegeforening", "Tannlegeforeningen", "member", ""),
    ("Apotekforeningen", "Apotekforeningen", "member", ""),
    ("Fürst Medisinsk Laboratorium", "Fürst", "member", "Private helsevirksomheter"),
    ("Norsk Helsenett SF", "NHN", "member", ""),
    ("Folkehelseinstituttet", "FHI", "member", ""),
    ("Helsedirektoratet", "Hdir", "observer", ""),
    ("Datatilsynet", "Datatilsynet", "observer", ""),
    ("Direktoratet for e-helse", "E-helse", "observer", ""),
    ("IKT-Norge", "IKT-Norge", "observer", "Leverandørene"),
    ("Funksjonshemmedes Fellesorganisasjon", "FFO", "observer", "Pasientorganisasjoner"),
]
FIRST_NAMES = ["Anne", "Bjørn", "Camilla", "Dag", "Eli", "Frode", "Gunn", "Håkon", "Ingrid",
               "Jon", "Kari", "Lars", "Marit", "Nils", "Ola", "Per", "Randi", "Siri", "Tor",
               "Unni", "Vidar", "Åse", "Øystein", "Hilde", "Geir", "Tone", "Knut", "Liv"]
LAST_NAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
              "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg",
              "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Lie",
              "Strand", "Solberg", "Moen", "Bakken", "Ingebrigtsen"]
SUBJECTS = [
    "tilgangsstyring i journalsystemer", "logganalyse og etterfølgende kontroll",
    "risikovurdering ved bruk av skytjenester", "personvernkonsekvensvurdering (DPIA)",
    "informasjonssikkerhet i kommunale helsetjenester", "medisinsk utstyr og nettverk",
    "velferdsteknologi i hjemmet", "utlevering av helseopplysninger til forskning",
    "leverandørstyring og databehandleravtaler", "hendelseshåndtering og avvik",
    "sikker e-post og meldingsutveksling", "behandling av helseopplysninger i apper",
    "kunstig intelligens i klinisk beslutningsstøtte", "taushetsplikt og tilgang på tvers",
    "innebygd personvern i nye løsninger", "digital sikkerhet og beredskap",
    "autentisering og tilgang for helsepersonell", "kryptering av helseopplysninger",
    "opplæring og bevisstgjøring", "overføring av helseopplysninger til tredjeland",
]
CASE_KINDS = [
    ("orientation", "Orientering om {s}", "Styringsgruppen tar orienteringen til etterretning."),
    ("discussion", "Drøfting: {s}", "Styringsgruppen drøfter saken og gir innspill til "
                                    "sekretariatets videre arbeid."),
    ("decision", "Ny veileder om {s}", "Styringsgruppen godkjenner veilederen."),
    ("decision", "Faktaark om {s}", "Styringsgruppen godkjenner faktaarket med de endringer "
                                    "som fremkom i møtet."),
    ("endorsement", "Høringssvar om {s}", "Styringsgruppen slutter seg til høringssvaret."),
    ("learning", "Faglig påfyll: {s}", "Styringsgruppen tar innlegget til orientering."),
]
SENTENCES = [
    "Sekretariatet har gjennomgått innspillene fra arbeidsgruppen og sektoren.",
    "Normen stiller krav om at virksomheten har oversikt over hvem som har tilgang til "
    "helseopplysninger, og at tilgangen er begrenset til det som er nødvendig.",
    "Flere virksomheter har etterspurt en tydeligere beskrivelse av ansvarsfordelingen mellom "
    "dataansvarlig og databehandler.",
    "Risikovurderingen skal dokumenteres og gjennomgås når det skjer vesentlige endringer.",
    "Arbeidsgruppen anbefaler at eksemplene fra kommunene beholdes, men at språket forenkles.",
    "Saken ble drøftet i arbeidsutvalget, som støtter forslaget med enkelte justeringer.",
    "Det er behov for å se veilederen i sammenheng med ny lovgivning på området.",
    "Tiltaket videreføres i neste års handlingsplan.",
    "Virksomheten skal ha rutiner for å avdekke og følge opp uautorisert tilgang.",
    "Leverandøren må kunne dokumentere hvordan kravene i Normen er ivaretatt.",
    "Styringsgruppen ba sekretariatet om å komme tilbake med en plan for oppfølging.",
    "Det vises til tidligere behandling i styringsgruppen og til innspill fra høringen.",
]
COMMENTS = [
    "Vi støtter forslaget, men ber om at kommunenes situasjon beskrives tydeligere.",
    "Kan sekretariatet utdype hvordan dette henger sammen med faktaark 42?",
    "Vi savner en vurdering av konsekvensene for mindre virksomheter.",
    "Forslaget er godt. Vi har noen språklige innspill som vi sender direkte.",
    "Vi mener fristen for gjennomføring er for kort og foreslår ett år.",
    "Dette er i tråd med våre erfaringer, og vi støtter vedtaksforslaget.",
    "Vi ber om at eksempelet i kapittel 3 **skrives om** slik at det gjelder begge sektorer.",
    "Er det avklart med Datatilsynet at tolkningen er riktig?",
]


def paragraphs(rnd, count):
    return "".join(
        "<p>" + " ".join(rnd.choice(SENTENCES) for _ in range(rnd.randint(2, 5))) + "</p>"
        for _ in range(count)
    )


def document_html(rnd, pages):
    """About 3,000 characters a page: headings for the table of contents, paragraphs, a list."""
    parts = []
    for chapter in range(1, max(1, pages) + 1):
        parts.append(f"<h2>{chapter} {rnd.choice(SUBJECTS).capitalize()}</h2>")
        parts.append(paragraphs(rnd, 3))
        parts.append(f"<h3>{chapter}.1 Krav og anbefalinger</h3>")
        parts.append("<ul>" + "".join(f"<li>{rnd.choice(SENTENCES)}</li>" for _ in range(4))
                     + "</ul>")
        parts.append(paragraphs(rnd, 3))
    return "".join(parts)


def at(day, hour=10, minute=0):
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def meeting_dates(count):
    """Four a year from FIRST_YEAR, on a Wednesday in March, June, September and November."""
    dates = []
    months = [3, 6, 9, 11]
    for index in range(count):
        year, month = FIRST_YEAR + index // 4, months[index % 4]
        day = date(year, month, 8)
        dates.append(day + timedelta(days=(2 - day.weekday()) % 7))
    return dates


class Generator:
    def __init__(self, scale, seed, out, *, meetings=None, comments=None):
        self.rnd = random.Random(seed)
        self.scale = scale
        self.out = out
        self.counts = {}
        # Fixed numbers instead of scaled ones: fewer meetings with more cases each, or more
        # comments per case, grow the pages of one meeting or one case (the query-count tests).
        self.meeting_count = meetings or self.n(40)
        self.comment_count = comments or self.n(3000)

    def n(self, base):
        return max(1, round(base * self.scale))

    def say(self, what, count):
        self.counts[what] = count
        self.out.write(f"  {what}: {count}\n")

    # -- governance -------------------------------------------------------------------------
    def governance(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password

        from governance.models import Body, Membership, Organisation, Person, Representation

        body = Body.objects.create(
            name="Styringsgruppen for Normen", short_name="Styringsgruppen", slug="normen",
            description="Styringsgruppen for Norm for informasjonssikkerhet og personvern i "
                        "helse- og omsorgssektoren.", email="normen@helsedir.no")
        self.body = body
        orgs = Organisation.objects.bulk_create(
            Organisation(name=name, short_name=short) for name, short, _k, _r in ORGANISATIONS)
        memberships = Membership.objects.bulk_create(
            Membership(body=body, organisation=org, kind=kind, represents=represents,
                       sort_order=i)
            for i, (org, (_n, _s, kind, represents)) in enumerate(zip(orgs, ORGANISATIONS,
                                                                      strict=True), 1))
        self.organisations, self.memberships = orgs, memberships
        password = make_password(PASSWORD)
        User = get_user_model()
        users, people, reps = [], [], []
        used = set()

        def name():
            while True:
                full = f"{self.rnd.choice(FIRST_NAMES)} {self.rnd.choice(LAST_NAMES)}"
                if full not in used:
                    used.add(full)
                    return full

        # Each seat changes hands once in the ten years: the earlier holder's term has ended.
        change = date(FIRST_YEAR + 5, 1, 1)
        self.seats = []  # (organisation, current member person, current deputy person)
        for i, org in enumerate(orgs, 1):
            seat = []
            for role in ("member", "deputy"):
                for start, end in ((date(FIRST_YEAR, 1, 1), change - timedelta(days=1)),
                                   (change, None)):
                    person = Person(name=name(), title="Seniorrådgiver")
                    if end is None:
                        kind = "medlem" if role == "member" else "vara"
                        username = f"{kind}{i:02d}"
                        users.append(User(username=username, password=password,
                                          email=f"{username}@normen.example",
                                          first_name=person.name.split()[0],
                                          last_name=person.name.split()[1]))
                        person.email = f"{username}@normen.example"
                        seat.append(person)
                    people.append(person)
                    reps.append((person, org, role, start, end))
            self.seats.append((org, *seat))
        secretariat = []
        for i in range(1, 4):
            person = Person(name=name(), title="Rådgiver, sekretariatet for Normen",
                            email=f"sekretariat{i}@normen.example")
            users.append(User(username=f"sekretariat{i}", password=password,
                              email=person.email))
            people.append(person)
            secretariat.append(person)
            reps.append((person, None, "secretariat", date(FIRST_YEAR, 1, 1), None))
        users = {u.username: u for u in User.objects.bulk_create(users)}
        for person in people:
            if person.email:
                person.user = users[person.email.split("@")[0]]
        Person.objects.bulk_create(people)
        Representation.objects.bulk_create(
            Representation(person=p, body=body, organisation=o, role=r, start_date=s,
                           end_date=e) for p, o, r, s, e in reps)
        self.secretariat = secretariat
        self.secretariat_user = users["sekretariat1"]
        self.say("organisations", len(orgs))
        self.say("people", len(people))

    # -- meetings and cases -----------------------------------------------------------------
    def meetings(self):
        from meetings.models import AgendaItem, Attendance, Meeting, Statement

        dates = meeting_dates(self.meeting_count)
        rows = []
        for index, day in enumerate(dates):
            last, second_last = index == len(dates) - 1, index == len(dates) - 2
            status = ("notice_sent" if last else "minutes_review" if second_last
                      else "minutes_approved")
            approved = dates[index + 1] if index + 1 < len(dates) else None
            rows.append(Meeting(
                body=self.body, date=day, start_time=time(10, 0), end_time=time(15, 0),
                place=self.rnd.choice(["Helsedirektoratet, Oslo", "Teams", "Skøyen"]),
                form=self.rnd.choice(["physical", "digital", "hybrid"]), status=status,
                comment_deadline=at(day - timedelta(days=7), 12),
                notice_sent_at=at(day - timedelta(days=14), 12),
                minutes_sent_for_review_at=None if last else at(day + timedelta(days=10), 9),
                minutes_approved_at=at(approved, 10, 5) if status == "minutes_approved"
                else None,
                minutes_approval_note="Godkjent i neste møte" if status == "minutes_approved"
                else "",
            ))
        # The upcoming meeting lies ahead: a member reads its papers now.
        today = datetime.now().date()
        rows[-1].date = today + timedelta(days=21)
        rows[-1].comment_deadline = at(today + timedelta(days=14), 12)
        rows[-1].notice_sent_at = at(today - timedelta(days=1), 12)
        meetings = Meeting.objects.bulk_create(rows)
        self.meetings_list = meetings

        total_cases = self.n(500)
        per_meeting = [total_cases // len(meetings)] * len(meetings)
        for i in range(total_cases - sum(per_meeting)):
            per_meeting[i % len(meetings)] += 1
        items, numbers = [], {}
        for meeting, count in zip(meetings, per_meeting, strict=True):
            year = meeting.date.year
            number = numbers.get(year, 0)
            held = meeting.status != "notice_sent"
            position = 0
            previous = meetings[meetings.index(meeting) - 1] if meetings.index(meeting) else None
            standard = [
                ("approve_notice", "approval", "Godkjenning av innkalling og dagsorden",
                 "Innkalling og dagsorden godkjennes."),
                ("approve_minutes", "approval",
                 f"Godkjenning av referat fra møte {previous.date:%d.%m.%Y}" if previous
                 else "Godkjenning av referat", "Referatet godkjennes."),
            ]
            specs = [(s, t, title, dec) for s, t, title, dec in standard]
            for _ in range(count - 3):
                kind, pattern, decision = self.rnd.choice(CASE_KINDS)
                specs.append(("", kind, pattern.format(s=self.rnd.choice(SUBJECTS)), decision))
            specs.append(("aob", "aob", "Eventuelt", "Ingen saker under eventuelt."))
            for standard_kind, case_type, title, decision in specs:
                number += 1
                position += 10
                outcome = ("" if not held else "noted" if case_type in (
                    "orientation", "learning", "aob") else self.rnd.choice(
                    ["approved", "approved", "approved_changed", "postponed"]))
                items.append(AgendaItem(
                    meeting=meeting, body=self.body, position=position, kind="case",
                    standard=standard_kind, title=title, case_type=case_type, number=number,
                    year=year, presenter=self.rnd.choice(self.secretariat).name,
                    from_unit="Sekretariatet", case_officer=self.rnd.choice(
                        self.secretariat).name,
                    purpose=paragraphs(self.rnd, 1), background=paragraphs(self.rnd, 3),
                    proposed_decision=decision,
                    previous_meeting=previous if standard_kind == "approve_minutes" else None,
                    discussion=paragraphs(self.rnd, 2) if held else "",
                    decision_text=decision if held else "", outcome=outcome,
                    decided_at=at(meeting.date, 15) if held else None,
                ))
            numbers[year] = number
        items = AgendaItem.objects.bulk_create(items)
        self.items = items
        statements = []
        for item in items:
            if item.meeting.status == "notice_sent" or item.standard:
                continue
            for position in range(1, self.rnd.randint(1, 4) + 1):
                org = self.rnd.choice(self.organisations)
                statements.append(Statement(item=item, organisation=org, position=position,
                                            text=self.rnd.choice(SENTENCES)))
        Statement.objects.bulk_create(statements)
        attendance = []
        for meeting in meetings:
            for order, (org, member, deputy) in enumerate(self.seats, 1):
                membership = self.memberships[order - 1]
                status = self.rnd.choice(["present"] * 6 + ["absent", "deputy"])
                attendance.append(Attendance(
                    meeting=meeting, organisation=org, membership=membership,
                    person=deputy if status == "deputy" else member,
                    capacity=membership.kind, is_chair=order == 1,
                    status="unknown" if meeting.status == "notice_sent" else status,
                    digital=meeting.form != "physical", sort_order=order))
        Attendance.objects.bulk_create(attendance)
        self.say("meetings", len(meetings))
        self.say("cases", len(items))
        self.say("statements", len(statements))
        self.say("attendance rows", len(attendance))

    def attachments(self):
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        from meetings.models import Attachment

        rows = []
        for meeting in self.meetings_list:
            cases = [i for i in self.items if i.meeting_id == meeting.pk and not i.standard]
            for label, item in enumerate(self.rnd.sample(cases, min(3, len(cases))), 1):
                name = default_storage.save(
                    f"bench/vedlegg/{meeting.pk}-{label}.pdf", ContentFile(TINY_PDF))
                rows.append(Attachment(
                    meeting=meeting, item=item, label=str(label),
                    title=f"Vedlegg {label}: {item.title}", file=name,
                    original_name=f"vedlegg-{label}.pdf", content_type="application/pdf",
                    is_public=meeting.status == "minutes_approved",
                    uploaded_by=self.secretariat_user))
        Attachment.objects.bulk_create(rows)
        self.say("attachments", len(rows))

    # -- documents --------------------------------------------------------------------------
    def documents(self):
        from django.utils.text import slugify

        from documents.converters.html import clean_document_html
        from documents.models import Document, DocumentVersion, Topic
        from documents.search import refresh_vector

        topics = Topic.objects.bulk_create(
            Topic(name=s.capitalize()[:100], slug=slugify(s)[:50]) for s in SUBJECTS[:10])
        total = self.n(300)
        kinds = (["fact_sheet"] * round(total * 0.65) + ["guide"] * round(total * 0.25))
        kinds += ["other"] * (total - len(kinds))
        docs, sheet = [], 0
        decided = [i for i in self.items if i.case_type == "decision" and i.outcome]
        for index, kind in enumerate(kinds, 1):
            subject = self.rnd.choice(SUBJECTS)
            title = {"fact_sheet": f"{subject.capitalize()}",
                     "guide": f"Veileder for {subject}",
                     "other": f"Rapport om {subject}"}[kind]
            number = None
            if kind == "fact_sheet":
                sheet += 1
                number = sheet
            docs.append(Document(body=self.body, kind=kind, number=number, title=title,
                                 slug=f"{slugify(title)[:100]}-{index}",
                                 summary=self.rnd.choice(SENTENCES),
                                 audience="Ledere og informasjonssikkerhetsansvarlige"))
        docs = Document.objects.bulk_create(docs)
        for doc in docs:
            doc.topics.set(self.rnd.sample(topics, 2))
        versions, pages_total = [], 0
        for doc in docs:
            count = self.rnd.choice([1, 1, 2, 3])
            pages = (self.rnd.randint(10, 40) if doc.kind == "guide"
                     else self.rnd.randint(1, 6))
            pages_total += pages
            text = clean_document_html(document_html(self.rnd, pages))
            for major in range(1, count + 1):
                newest = major == count
                case = self.rnd.choice(decided) if decided else None
                published = at(case.meeting.date + timedelta(days=5)) if case else None
                versions.append(DocumentVersion(
                    document=doc, number=f"{major}.0", major=major, minor=0,
                    status="published" if newest else "superseded",
                    text_html=text.html, text_plain=text.plain, toc=text.toc,
                    change_log="Første versjon." if major == 1 else "Revidert etter innspill.",
                    decision_case=case, approved_on=case.meeting.date if case else None,
                    approval_reference=(f"Godkjent av Styringsgruppen for Normen "
                                        f"{case.meeting.date:%d.%m.%Y}, sak {case.number}/"
                                        f"{case.year % 100:02d}") if case else "",
                    published_at=published, created_by=self.secretariat_user,
                ))
        versions = DocumentVersion.objects.bulk_create(versions)
        current = {}
        for version in versions:
            current[version.document_id] = version  # the last one is the newest
        for doc in docs:
            doc.current_version = current[doc.pk]
            doc.first_published_at = min(
                (v.published_at for v in versions if v.document_id == doc.pk
                 and v.published_at), default=None)
        Document.objects.bulk_update(docs, ["current_version", "first_published_at"])
        ids = [v.pk for v in versions]
        for start in range(0, len(ids), 200):
            refresh_vector(ids[start:start + 200])
        self.say("documents", len(docs))
        self.say("document versions", len(versions))
        self.say("pages (newest versions, ~3000 characters each)", pages_total)

    # -- comments ---------------------------------------------------------------------------
    def comments(self):
        from django.contrib.contenttypes.models import ContentType

        from meetings.models import AgendaItem
        from reviews.models import Comment
        from reviews.services.comments import comment_html

        item_type = ContentType.objects.get_for_model(AgendaItem)
        cases = [i for i in self.items if not i.standard]
        total = self.comment_count
        # Later meetings draw more comments (the portal was taken into use gradually), and the
        # upcoming meeting has its share already.
        weights = [1 + self.meetings_list.index(i.meeting) for i in cases]
        roots = []
        for _ in range(round(total * 0.8)):
            item = self.rnd.choices(cases, weights)[0]
            org, member, _deputy = self.rnd.choice(self.seats)
            source = self.rnd.choice(COMMENTS)
            answered = item.meeting.status != "notice_sent" and self.rnd.random() < 0.6
            roots.append(Comment(
                body=self.body, meeting=item.meeting, item=item, content_type=item_type,
                object_id=item.pk, context=self.rnd.choice(["case", "cover_note"]),
                author=member, organisation=org, source=source, text=comment_html(source),
                status="answered" if answered else "open",
                reply="Takk for innspillet. Sekretariatet følger opp." if answered else "",
                answered_by=self.secretariat_user if answered else None,
                answered_at=at(item.meeting.date, 9) if answered else None,
            ))
        roots = Comment.objects.bulk_create(roots)
        replies = []
        for _ in range(total - len(roots)):
            parent = self.rnd.choice(roots)
            org, member, _deputy = self.rnd.choice(self.seats)
            source = self.rnd.choice(COMMENTS)
            replies.append(Comment(
                body=self.body, meeting=parent.meeting, item=parent.item,
                content_type=item_type, object_id=parent.object_id, context=parent.context,
                parent=parent, author=member, organisation=org, source=source,
                text=comment_html(source)))
        Comment.objects.bulk_create(replies)
        self.say("comments", len(roots) + len(replies))

    # -- action plans -----------------------------------------------------------------------
    def action_plans(self):
        from actionplan.models import ActionPlan, Measure, PlanArea, Strategy

        strategy = Strategy.objects.create(
            body=self.body, title=f"Normens strategi {FIRST_YEAR}–{FIRST_YEAR + YEARS - 1}",
            start_year=FIRST_YEAR, end_year=FIRST_YEAR + YEARS - 1,
            description=paragraphs(self.rnd, 2))
        plans, measures = [], 0
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            approved = date(year - 1, 11, 20)
            plans.append(ActionPlan(
                body=self.body, year=year, title=f"Handlingsplan {year}", strategy=strategy,
                introduction=paragraphs(self.rnd, 2), status="approved", approved_on=approved,
                approval_note=f"Godkjent av Styringsgruppen i møte {approved:%d.%m.%Y}"))
        plans = ActionPlan.objects.bulk_create(plans)
        areas = PlanArea.objects.bulk_create(
            PlanArea(plan=plan, number=n, title=title, description=self.rnd.choice(SENTENCES))
            for plan in plans for n, title in enumerate(
                ["Normen og veiledere", "Kompetanse og opplæring", "Samarbeid og forankring"],
                1))
        rows = []
        for area in areas:
            for n in range(1, self.rnd.randint(4, 8) + 1):
                rows.append(Measure(
                    plan_id=area.plan_id, area=area, code=f"{area.number}.{n}",
                    title=f"Begynne å se på mulighetene for {self.rnd.choice(SUBJECTS)}",
                    description=paragraphs(self.rnd, 1),
                    relevant_for="Alle virksomheter",
                    responsible_text="Sekretariatet",
                    status=self.rnd.choice(["done", "done", "ongoing", "not_done"])))
        measures = len(Measure.objects.bulk_create(rows))
        self.say("action plans", len(plans))
        self.say("measures", measures)

    def run(self):
        from django.db import transaction

        from governance.models import Body

        if Body.objects.exists():
            raise SystemExit("The database already has data: generate into a freshly migrated "
                             "database (e.g. dropdb/createdb + migrate).")
        started = clock.monotonic()
        with transaction.atomic():
            self.governance()
            self.meetings()
            self.attachments()
            for part in (self.documents, self.comments, self.action_plans):
                try:
                    part()
                except (ImportError, LookupError) as exc:
                    # An app without that model yet: generate the rest.
                    self.out.write(f"  skipped {part.__name__}: {exc}\n")
        self.out.write(f"Generated in {clock.monotonic() - started:.1f} s. "
                       f"Members log in as medlem01…medlem20, password {PASSWORD}\n")
        return self.counts


# A one-page PDF with no text: attachments need a real file behind them.
TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply the volumes (0.1 for a quick run, 2 for twenty years' "
                             "worth of cases and comments)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--meetings", type=int, help="number of meetings (default 40 × scale)")
    parser.add_argument("--comments", type=int, help="number of comments (default 3000 × scale)")
    args = parser.parse_args(argv)
    import django

    django.setup()
    return Generator(args.scale, args.seed, sys.stdout, meetings=args.meetings,
                     comments=args.comments).run()


if __name__ == "__main__":
    main()
