"""Styringsgruppemøte i Normen 27.09.2023, from the seed minutes."""

from datetime import date, time

MEETING = {
    "date": date(2023, 9, 27), "start_time": time(9, 0), "end_time": time(12, 0),
    "place": "Digitalt møte", "form": "digital",
}

# (organisation or None, person or "", status, partial note, digital)
ATTENDANCE = [
    ("Apotekforeningen", "Kenneth Bjørnstad", "present", "", False),
    ("Den norske legeforening", "Petter Hurlen", "present", "", False),
    ("Den norske tannlegeforening", "", "absent", "", False),
    ("Den offentlige tannhelsetjenesten", "Steinar Løgith Aase", "present", "", False),
    ("Norsk farmaceutisk forening", "Hanne Sandberg", "present", "", False),
    ("Norsk fysioterapeutforbund", "Henrietta Richter", "present", "", False),
    ("Norsk psykologforening", "", "absent", "", False),
    ("Norsk sykepleierforbund", "Jo Cranner", "deputy", "frem til 11.05", False),
    ("KS", "Arne Ingebrigtsen", "present", "", False),
    ("KiNS", "Harald Torbjørnsen", "present", "", False),
    ("Helse Midt-Norge RHF", "Stein Gilde", "present", "frem til 11.00", False),
    ("Helse Nord RHF", "Ida-Kristin Martinussen", "present", "", False),
    ("Helse Sør-Øst RHF", "Jon Berger Holden", "present", "", False),
    ("Helse Vest RHF", "Lars Erik Baugstø-Hartvigsen", "present", "", False),
    ("Fürst", "Christian Cato Bülow-Larsen", "present", "", False),
    ("Folkehelseinstituttet", "", "absent", "", False),
    ("Direktoratet for e-helse", "Kåre Ljungmann", "present", "", False),
    ("Helsedirektoratet", "Caroline Ringstad Schultz", "present", "", False),
    ("Norsk Helsenett", "Marit Larsen Haar", "present", "", False),
    ("Digitaliseringsdirektoratet", "Siri Beisvåg Rom", "present", "", False),
    ("FFO – funksjonshemmedes fellesorganisasjon", "Arnfinn Aarnes", "present",
     "frem til 10.30", False),
    ("IKT-Norge", "Amund Lundgård", "present", "", False),
    ("Melanor", "Mats Skretting", "present", "", False),
    ("NAV", "", "absent", "", False),
    ("NSM", "", "absent", "", False),
    ("WSO", "", "absent", "", False),
    ("Senior Norge", "Rune Andersen", "present", "", False),
]

# Each entry: kind, number, title, case_type, start time, fields...
ITEMS = [
    {"number": 23, "title": "Godkjenning av innkalling og dagsorden", "case_type": "approval",
     "start_time": time(9, 0), "standard": "approve_notice",
     "proposed_decision": "Styringsgruppen godkjenner innkalling og dagsorden",
     "decision_text": "Styringsgruppen godkjenner innkalling og dagsorden",
     "outcome": "approved"},
    {"number": 24, "title": "Godkjenning av referat fra møte 08.06.23", "case_type": "approval",
     "standard": "approve_minutes",
     "proposed_decision": "Styringsgruppen godkjenner referatet",
     "decision_text": "Styringsgruppen godkjenner referatet", "outcome": "approved"},
    {"number": 25, "case_type": "orientation", "start_time": time(9, 10),
     "title": "Sekretariatet orienterer, inkludert status på startede prosjekter",
     "from_unit": "Sekretariatet",
     "purpose": "<ul><li>Kurs og webinar</li><li>Normkonferansen</li><li>Faktaark Integritet</li>"
                "<li>Mapping ISO og Normen</li><li>Kartlegging av små virksomheter</li>"
                "<li>Videre arbeid med revisjon av forvaltningsmodell og mandat for "
                "styringsgruppa</li></ul>",
     "proposed_decision": "Styringsgruppen tar orienteringen til etterretning.",
     "discussion":
        "<p><strong>Små virksomheter:</strong></p><ul><li>Styringsgruppa stiller spørsmål ved "
        "hvem som blir invitert til workshop om hvordan man sikrer spredning blant deltakere, og "
        "viktigheten av å opplyse om kompensasjon. De som melder seg på er kanskje ikke de som "
        "bruker veilederen i det daglige.</li><li>NHN spør om hvilken fase veilederen skal "
        "fokusere på, for eksempel oppstart og drift.</li></ul>"
        "<p><strong>Normkonferansen:</strong></p><ul><li>CISO-samling: Hva med de som ikke har "
        "CISO, kan også de som har CISO-oppgaver delta? Tittel er ikke avgjørende, det bør "
        "presiseres.</li><li>Personvernsamling bør også rette seg mot fagansvarlig personvern "
        "og fagansvarlig informasjonssikkerhet.</li><li>KINS tilbyr seg å markedsføre "
        "Normkonferansen i sitt neste nyhetsbrev.</li></ul>"
        "<p><strong>Faktaark integritet:</strong></p><ul><li>Krevende løp med kort tid. Prøv å "
        "beskrive noen av de konkrete erfaringene fra sektoren.</li></ul>"
        "<p><strong>Mapping ISO:</strong></p><ul><li>Helse Vest har lagt til grunn ny "
        "ISO-standard i sitt styringssystem og tar gjerne et møte om dette.</li><li>KiNS sitt "
        "styringssystem er også oppdatert.</li><li>Refleksjon fra HSØ om prioritering: Dette vil "
        "være et generelt arbeid, viktig å fremme det som er spesifikt for helsesektoren. Bør "
        "omforene dette arbeidet med Dig.dir og NSM.</li></ul>",
     "decision_text": "Styringsgruppen tar orienteringen til etterretning.",
     "outcome": "noted"},
    {"number": 26, "case_type": "orientation", "start_time": time(10, 0),
     "title": "Direktoratet for e-helses anbefaling til prioriterte tiltak innen digital "
              "sikkerhet – innspill til oppfølging i videreutvikling av Normen",
     "presenter": "Jan Gunnar Broch", "from_unit": "Direktoratet for e-helse",
     "purpose": "<p>Se vedlagte toppnotat.</p>",
     "proposed_decision": "Styringsgruppen tar saken til orientering.",
     "discussion": "<p>Jan Gunnar Broch presenterte på vegne av Direktoratet for e-helse.</p>",
     "statements": [("Helse Nord RHF", "Takker for gode oppdateringer fra dette arbeidet.")],
     "decision_text": "Styringsgruppen tar saken til orientering.", "outcome": "noted"},
    {"kind": "break", "title": "Pause", "start_time": time(10, 30)},
    {"number": 27, "case_type": "discussion", "start_time": time(10, 45),
     "title": "Handlingsplan 2024", "from_unit": "Sekretariatet",
     "purpose": "<p>Se vedlagt forslag til handlingsplan. Forslaget er basert på innspill fra "
                "redaksjonskomiteen og sekretariatet. Forslaget drøftes på dette møtet og "
                "styringsgruppen gir sine innspill til handlingsplanen. Endelig handlingsplan "
                "besluttes på styringsgruppemøtet i november.</p>",
     "background": "<p>Medlemmene i styringsgruppen bes forberede innspill til prosjekter og "
                   "satsingsområder som de mener skal være med i handlingsplanen for 2024, "
                   "basert på Normens strategi 2023–2025.</p>",
     "proposed_decision": "Styringsgruppen drøfter forslaget til handlingsplan 2024 og gir "
                          "sine innspill.",
     "discussion": "<p>Saksgrunnlag til neste gang: tilbakemeldinger på eksisterende "
                   "veiledningsmateriell.</p>",
     "statements": [
         ("Norsk Helsenett", "Hvordan utfordres ansvar knyttet til digital hjemmeoppfølging?"),
         ("KS", "Digitale verdikjeder blir mer komplekse, KI har tatt mye plass. Spår at KI "
                "kommer til å bli viktig, og at man bør se på hvordan det påvirker Normen. EHDS "
                "vil endre landskapet vi opererer i."),
         ("Direktoratet for e-helse", "Støtter KS om KI og digital hjemmeoppfølging. "
                "Sekretariatet har en del basisoppgaver som bør gå igjen i alle handlingsplaner."),
         ("Helse Nord RHF", "Viktig å ha en handlingsplan som støtter at Normen er aktuell og "
                "tidsriktig. KI og digital hjemmeoppfølging bør prioriteres høyt. EHDS og NIS2 "
                "viktig, i tillegg AI Act."),
         ("Fürst", "Normen kan ha en god innvirkning på KI gjennom begrepsavklaring."),
         ("Norsk sykepleierforbund", "Støtter prioritering av KI og viktigheten av at Normen "
                "er tett på utviklingen. Viktig at Normen er relevant i utdanningen av "
                "helsepersonell."),
         ("Digitaliseringsdirektoratet", "Positivt å være i fremkant om nye regelverk."),
         ("Helse Sør-Øst RHF", "Viktig å holde fast på gode møteplasser. Få frem behovet for "
                "dybdeforsvar i leveransekjeder. Etterlevelse og kravstilling inn mot MTU "
                "viktig."),
         ("Den norske legeforening", "Fint med fokus på integritet. Veiledning er ofte "
                "monolog, sektoren etterspør dialog."),
         ("IKT-Norge", "Løfter frem EHDS. SaaS-modeller er økende, i tillegg til KI."),
     ],
     "decision_text": "Styringsgruppen drøftet forslaget til handlingsplan 2024. Innspillene "
                      "tas med i det videre arbeidet.",
     "outcome": "noted"},
    {"number": 28, "title": "Eventuelt", "case_type": "aob", "standard": "aob",
     "proposed_decision": "", "decision_text": "", "outcome": "noted"},
    {"kind": "break", "title": "Slutt", "start_time": time(12, 0)},
]
