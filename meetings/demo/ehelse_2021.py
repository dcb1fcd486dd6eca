"""Seed 004: Nasjonalt e-helsestyre, the minutes of møte 2/2021 (06.05.2021) and the notice of
møte 3/2021 (10.06.2021) with its cover notes.

These are the public minutes of a public body, so the names are those the seed prints; the
e-mail addresses are made up (meetings.demo.load.demo_email). The body moved its history into
the portal from meeting 2/2021: meeting 1/2021 (18.03.2021) and cases 1/21–8/21 stayed on
paper, so the body's numbering starts at 9 in 2021 and its meeting number at 2.
"""

from datetime import date, time

BODY = {
    "slug": "e-helsestyre", "name": "Nasjonalt e-helsestyre",
    "short_name": "Nasjonalt e-helsestyre",
    "description": "Nasjonal styringsmodell for e-helse. Sekretariat: Direktoratet for e-helse.",
}
# The portal's first case of 2021 (seed: 9/21 is the first case of meeting 2/2021).
FIRST_CASE = (2021, 9)
# Seats are dated from the body's first meeting in the portal; the seed does not say when the
# seat for Helse Sør-Øst changed hands, only that Cathrine Loftshus sat on 6 May and Jan Frich
# on 10 June (the day between is the demo's choice).
HSO_CHANGE = date(2021, 6, 1)

# (organisation as registered, short name for a new one, [(person, role)]), in the order the
# notice of 3/2021 lists the members. Organisations Normen has too are the same rows.
MEMBERS = [
    ("Helse Vest RHF", "", [("Inger Cathrine Bryne", "member"), ("Erik Hansen", "deputy")]),
    ("Alta kommune", "Alta", [("Bjørn-Atle Hansen", "member")]),
    ("Helse Midt-Norge RHF", "", [("Stig Slørdahl", "member")]),
    ("Bergen kommune", "Bergen", [("Kjell Wolff", "member")]),
    ("Helse Nord RHF", "", [("Cecilie Daae", "member")]),
    ("FFO – funksjonshemmedes fellesorganisasjon", "", [("Lilly Ann Elvestad", "member")]),
    ("Helse Sør-Øst RHF", "", [("Cathrine Loftshus", "member")]),
    ("Nasjonalforeningen for folkehelsen", "Nasjonalforeningen",
     [("Mina Gerhardsen", "member")]),
    ("Direktoratet for e-helse", "", [("Karl Stener Vestli", "member")]),
    ("Den norske legeforening", "", [("Ivar Halvorsen", "member"), ("Eirik Arnesen", "deputy")]),
    ("Helsedirektoratet", "", [("Jan Arild Lyngstad", "member")]),
    ("Digitaliseringsdirektoratet", "", [("Steffen Sutorius", "member")]),
    ("Folkehelseinstituttet", "", [("Gun Peggy Knudsen", "member")]),
    ("KS", "", [("Kristin W. Wieland", "member")]),
    ("Norsk sykepleierforbund", "", [("Lill Sverresdatter Larsen", "member")]),
    ("Oslo kommune", "Oslo", [("Svein Lyngroth", "member")]),
    ("Kristiansand kommune", "Kristiansand", [("Camilla Dunsæd", "member")]),
]
OBSERVERS = [("Norsk Helsenett", "", [("Johan Ronæs", "member")])]
# Meeting 3/2021 lists Jan Frich for Helse Sør-Øst: «Bytt representant fra dato».
REPLACEMENTS = [("Helse Sør-Øst RHF", "Cathrine Loftshus", "Jan Frich", HSO_CHANGE)]
# «Direktoratet for e-helse» in the attendance of 2/2021: the body's secretariat (which
# sits for the body itself, so with no organisation).
SECRETARIAT = ["Jon Helge Andersen", "Hans Löwe Larsen", "Siv Ingebrigtsen",
               "Sonja Turøy Brugman", "Vibeke Jonassen Wang", "Karen Lima"]

# -- møte 2/2021 -------------------------------------------------------------------------------

MEETING_2 = {
    "number": 2, "date": date(2021, 5, 6), "start_time": time(13, 0), "end_time": time(15, 30),
    "place": "Videomøte", "form": "digital",
}

# (person, status, substitute for): the register as «Til stede», «Ikke til stede»,
# «Stedfortreder … – for …» and «Observatører» print it.
ATTENDANCE_2 = [
    ("Stig Slørdahl", "present", None), ("Cecilie Daae", "present", None),
    ("Cathrine Loftshus", "present", None), ("Karl Stener Vestli", "present", None),
    ("Jan Arild Lyngstad", "present", None), ("Gun Peggy Knudsen", "present", None),
    ("Kristin W. Wieland", "present", None), ("Svein Lyngroth", "present", None),
    ("Camilla Dunsæd", "present", None), ("Kjell Wolff", "present", None),
    ("Lilly Ann Elvestad", "present", None), ("Mina Gerhardsen", "present", None),
    ("Steffen Sutorius", "present", None), ("Lill Sverresdatter Larsen", "present", None),
    ("Ivar Halvorsen", "absent", None), ("Inger Cathrine Bryne", "absent", None),
    ("Bjørn-Atle Hansen", "absent", None),
    ("Eirik Arnesen", "substitute", "Ivar Halvorsen"),
    ("Erik Hansen", "substitute", "Inger Cathrine Bryne"),
    ("Johan Ronæs", "present", None),
]

_STEDFORTREDER_DISCUSSION = (
    "<p>Karl Vestli, Direktoratet for e-helse, la frem forslag om at medlemmene i Nasjonalt "
    "e-helsestyre ved behov kan stille med fast stedfortreder med talerett i møtene. Det ble "
    "foreslått at dette er en midlertidig ordning frem til reviderte mandat for utvalgene i "
    "nasjonal styringsmodell legges frem for tilslutning og drøfting høsten 2021.</p>"
    "<p>Nasjonalt e-helsestyre stilte seg bak forslaget. Medlemmene mener det er viktig at "
    "Nasjonalt e-helsestyre forsetter som en toppleder-arena. Det er derfor en forpliktelse at "
    "medlemmene bruker muligheten for stedfortreder med forsiktighet.</p>"
)

_SAMHANDLING_DISCUSSION = (
    "<p>Hans Löwe Larsen og Erik Hovde, Direktoratet for e-helse orienterte Nasjonalt "
    "e-helsestyre om bakgrunnen for og innhold i programmets målbilde for samhandling, og "
    "hvordan dette henger sammen med målene i veikart for nasjonale e-helseløsninger "
    "2021-2025.</p>"
    "<p><u>Følgende spørsmål ble lagt frem for drøfting:</u> Hvordan skal vi legge til rette for "
    "at nødvendig støtte for samhandling utvikles for helse- og omsorgssektoren, uten å "
    "overstige helsesektorens kapasitet for å delta i denne type arbeid?</p>"
    "<ul><li>Hvordan bør sektor prioritere ressurser i ulike faser, slik at gevinstene kan "
    "hentes ut?</li><li>Hvordan bør balansen være mellom tiltak rettet mot lokale/regionale "
    "behov versus tiltak rettet mot nasjonale behov?</li></ul>"
    "<p>Følgende innspill ble tatt med fra møtet:</p>"
    "<ul><li>Det er vanskelig å få til samstyring av helheten da kommunal sektor har en annen "
    "styring og finansiering enn statlige aktører.</li>"
    "<li>Ute i kommunene arbeides det med felles plan og rammeverk for kommunal prioritering. "
    "KS bidrar til større grad av eierskap i flere kommuner.</li>"
    "<li>\u201cDesign-to-cost\u201d er en krevende modell å jobbe etter, da den brukes når "
    "tiltakseier og den som får gevinst er samme aktør. Dette er ikke alltid tilfellet i "
    "arbeidet med samhandlingsløsninger. Innføring lokalt, har andre kostnader enn innføring "
    "nasjonalt. \u201cDesign-to-value\u201d modell kan være et alternativ.</li>"
    "<li>Smidig tilnærming er viktig fra et innbyggerperspektiv. Da vil innbygger oppleve den "
    "forbedrede samhandlingen underveis. Innbyggere læres gradvis opp til å ta i bruk disse "
    "samhandlingsløsningene.</li>"
    "<li>Det ble påpekt at man også må ha oppmerksomhet på innbyggers kapasitet. Det er en "
    "utfordring for innbygger å orientere seg i løsninger som innføres.</li>"
    "<li>Det er store forskjeller i utviklings- og implementeringstakt i kommunene, noe som kan "
    "gi store geografiske ulikheter i tilbudet til innbyggerne.</li>"
    "<li>Helsenorge er ikke tilgjengelig for alle; digitalt utenforskap er viktig å "
    "adressere.</li>"
    "<li>Vi må i så stor grad som mulig gjenbruke etablerte arenaer. Nasjonalt e-helsestyre må "
    "være et topplederforum, mens program- og prosjektstyrer må være på et mer operativt "
    "nivå.</li>"
    "<li>Ved drøftingssaker er det viktig at saksunderlaget tydeliggjør problemstillingene og "
    "hva direktoratet ønsker fra medlemmene i Nasjonalt e-helsestyre i den aktuelle saken. Det "
    "er viktig for å ivareta et topplederperspektiv.</li>"
    "<li>Saksunderlaget og presentasjonen tegnet forskjellige bilder. I saksunderlaget manglet "
    "innbyggerperspektivet, mens presentasjonen viste målbilde med utgangspunkt i innbyggers "
    "behov.</li>"
    "<li>Når det kommer store spørsmål det ønskes drøfting på er det problematisk at vi ikke "
    "har fått mulighet til å drøfte i forkant av møtet. Vi som medlemmer får ikke mulighet til "
    "å gi en ryddig tilbakemelding.</li></ul>"
    "<p>Direktoratet for e-helse kommenterte at Program digital samhandling både er et "
    "leveranseprogram og et strategisk program for sektoren. Direktoratet ønsker å skille på "
    "disse diskusjonene. Det har i tiden fra sakspapirene ble sendt ut og frem til møtet blitt "
    "jobbet med å løfte frem strategiske problemstillinger fra programmet. Direktoratet vil "
    "jobbe videre med å sikre saksdokumenter som legger til rette for gode diskusjoner i "
    "Nasjonalt e-helsestyre.</p>"
    "<p>Direktoratet for e-helse nevnte at ved generelle spørsmål er det fint å få noen "
    "betraktninger fra Nasjonalt e-helsestyre uten de store forberedelsene.</p>"
)

# The agenda and minutes of 2/2021. ``standard`` names the cases meeting_create puts on
# every agenda; the others are added in this order above «Eventuelt».
ITEMS_2 = [
    {"standard": "approve_notice", "title": "Godkjenning av innkalling og dagsorden",
     "case_type": "approval",
     "proposed_decision": "Nasjonalt e-helsestyre godkjenner innkalling og dagsorden.",
     "discussion": "<p>Det kom ingen innspill til innkalling og dagsorden.</p>",
     "decision_text": "Nasjonalt e-helsestyre godkjenner innkalling og dagsorden.",
     "outcome": "approved"},
    # Meeting 1/2021 is not in the portal, so this is an ordinary case naming no minutes.
    {"title": "Godkjenning av referatet fra Nasjonalt e-helsestyre 18. mars 2021",
     "case_type": "approval",
     "proposed_decision": "Nasjonalt e-helsestyre godkjenner referatet fra møtet 18. mars 2021.",
     "discussion": "<p>Det kom ingen innspill til referat fra Nasjonalt e-helsestyre 18. mars "
                   "2021.</p>",
     "decision_text": "Nasjonalt e-helsestyre godkjenner referatet fra møtet 18. mars 2021.",
     "outcome": "approved"},
    {"title": "Orientering fra Direktoratet for e-helse", "case_type": "orientation",
     "from_unit": "Direktoratet for e-helse", "presenter": "Karl Stener Vestli",
     "proposed_decision": "Nasjonalt e-helsestyre tar sakene til orientering.",
     "discussion": "<p>Karl Vestli, Direktoratet for e-helse orienterte Nasjonalt e-helsestyre "
                   "om status på følgende saker:</p><ul><li>Ny direktør i Direktoratet for "
                   "e-helse</li><li>Prosess knyttet til etterlevelse- og forvaltningsrevisjon "
                   "av Riksrevisjonen</li><li>Status møter om styringsmodellen</li></ul>"
                   "<p>Nasjonalt e-helsestyre kommenterte at de har vært involvert i mange av "
                   "tiltakene som Riksrevisjonen gransker. Nasjonalt e-helsestyre har bl.a. "
                   "vært styringsgruppe for Én innbygger - én journal. Sentrale personer som har "
                   "deltatt i dette arbeidet har ikke blitt kontaktet av Riksrevisjonen, "
                   "medlemmene ønsker derfor at Direktoratet for e-helse redegjør for funnene "
                   "når rapporten offentliggjøres.</p>",
     "decision_text": "Nasjonalt e-helsestyre tar sakene til orientering.", "outcome": "noted"},
    {"title": "Program digital samhandling – målbilde og gjennomføringsstrategi for helhetlig "
              "samhandling",
     "case_type": "discussion", "from_unit": "Direktoratet for e-helse",
     "presenter": "Hans Löwe Larsen og Erik Hovde",
     "discussion": _SAMHANDLING_DISCUSSION,
     "decision_text": "Nasjonalt e-helsestyre hadde en innledende drøfting av "
                      "problemstillingene i saken og ber prosjektet ta innspill med inn i "
                      "videre arbeid.",
     "outcome": "noted"},
    {"title": "Nasjonalt e-helsestyre – mulighet for stedfortreder, forslag til midlertidig "
              "ordning",
     "case_type": "endorsement", "from_unit": "Direktoratet for e-helse",
     "presenter": "Karl Stener Vestli",
     "discussion": _STEDFORTREDER_DISCUSSION,
     "decision_text": "Nasjonalt e-helsestyre gir sin tilslutning til at medlemmene i "
                      "Nasjonalt e-helsestyre ved behov kan stille med faste stedfortreder med "
                      "talerett i møtene. Ordningen gjelder frem til reviderte mandat for "
                      "utvalgene i nasjonal styringsmodell legges frem for tilslutning og "
                      "drøfting høsten 2021.",
     "outcome": "approved"},
    {"standard": "aob", "title": "Eventuelt", "case_type": "aob",
     "discussion": "<p>Ingen saker til eventuelt</p>", "decision_text": "", "outcome": "noted"},
]
# The seed is the published version: approved before this meeting's minutes were printed.
APPROVAL_2 = ("Godkjent av Nasjonalt e-helsestyre; referatet er publisert slik det står i "
              "kildedokumentet")

# -- møte 3/2021 -------------------------------------------------------------------------------

MEETING_3 = {
    "date": date(2021, 6, 10), "start_time": time(10, 0), "end_time": time(13, 0),
    "place": "Videomøte", "form": "digital",
}

_ORIENTERING_BACKGROUND = (
    "<p>Direktoratet redegjør gjennom dette notatet for innholdet i sakene. I møtet vil "
    "direktoratet ha en kort presentasjon av sakene.</p>"
    "<p><strong>Status videreutvikling nasjonal styringsmodell</strong></p>"
    "<p>Direktoratet for e-helse gjennomførte dialogmøter med medlemmene av Nasjonalt "
    "e-helsestyre i april og mai. Dette har gitt nyttige tilbakemeldinger til hvordan nasjonal "
    "styringsmodell for e-helse kan videreutvikles. Det pågår nå et analysearbeid med å "
    "sammenstille funnene fra dialogmøtene. Dette grupperes i temaer som skal drøftes med sektor "
    "og temaer som vil bli håndtert internt. Det vil bli satt opp arbeidsmøter med sektor for "
    "videre drøfting av videreutviklingen før og etter sommeren. Innkallinger til disse møtene "
    "vil bli sendt til NUIT representantene. Reviderte mandater for de nasjonale utvalgene "
    "drøftes i møtene i styringsmodellen i tredje kvartal 2021.</p>"
    "<p><strong>Riksrevisjonens rapporter</strong></p>"
    "<p>Dato for offentliggjøring er endret til 22. juni, fra 29. juni opprinnelig. Nasjonalt "
    "e-helsestyre vil holdes orientert ved publisering av rapportene.</p>"
    "<p><strong>Forskningsprosjekt knyttet til styringsmodellen på e-helseområdet</strong></p>"
    "<p>Direktoratet for e-helse har blitt kontaktet av ph.d. student Line Linstad fra "
    "Nasjonalt senter for e-helseforskning i forbindelse med rekruttering av informanter til "
    "forskningsprosjekt «Samstyring i e-helse: modeller og strategier for å realisere "
    "helsepolitiske mål». Formålet er å studere hvordan styringsmodellen på e-helseområdet i "
    "Norge fungerer og hvordan styringsmodeller beskrevet i forskningslitteraturen kan "
    "sammenlignes med den norske modellen og modellens gjennomføringskraft.</p>"
    "<p>Direktoratet håper at medlemmer i Nasjonalt e-helsestyre stiller seg positive til å "
    "være informanter i dette prosjektet og at Line Lindstad tar kontakt.</p>"
)

# The agenda of 3/2021 with the cover notes (Toppnotat: Fra, Saksbehandler, Forslag til
# vedtak, Hensikt med saken, Bakgrunn). ``standard`` as in ITEMS_2; ``break`` a break.
ITEMS_3 = [
    {"standard": "approve_notice", "title": "Godkjenning av innkalling og dagsorden",
     "case_type": "approval", "start_time": time(10, 0),
     "proposed_decision": "Nasjonalt e-helsestyre godkjenner innkalling og dagsorden."},
    {"standard": "approve_minutes",
     "title": "Godkjenning av referatet fra Nasjonalt e-helsestyre 6. mai 2021",
     "case_type": "approval", "start_time": time(10, 3),
     "proposed_decision": "Nasjonalt e-helsestyre godkjenner referatet fra ekstra møtet 6. mai "
                          "2021."},
    {"title": "Orientering fra Direktoratet for e-helse", "case_type": "orientation",
     "start_time": time(10, 5), "from_unit": "Karl Stener Vestli",
     "case_officer": "Vibeke Jonassen Wang",
     "purpose": "<p>Direktoratet for e-helse ønsker å orientere Nasjonalt e-helsestyre om "
                "følgende saker:</p><ul><li>Status videreutvikling nasjonal styringsmodell</li>"
                "<li>Riksrevisjonens rapporter</li><li>Forskningsprosjekt knyttet til "
                "styringsmodellen på e-helseområdet</li></ul>",
     "background": _ORIENTERING_BACKGROUND,
     "proposed_decision": "Nasjonalt e-helsestyre tar sakene til orientering."},
    {"title": "Strategi digital sikkerhet i helse- og omsorgssektoren – tilslutning til første "
              "leveranse tiltaksversikten",
     "case_type": "endorsement", "start_time": time(10, 15), "from_unit": "Hans Løwe Larsen",
     "case_officer": "Jan Gunnar Broch",
     "purpose": "<p>Hensikten med saken er å orientere Nasjonalt e-helsestyre om arbeidet med "
                "utarbeidelse av Strategi for digital sikkerhet i helse- og omsorgssektoren og "
                "å få tilslutning til tiltaksoversikten som skal sendes til Helse- og "
                "omsorgsdepartementet 18.juni.</p>"
                "<p>Arbeidet med ferdigstilling av tiltaksoversikten pågår, og nasjonalt "
                "e-helsestyre har fått oversendt versjon 0.7. Denne versjonen er også sendt på "
                "innspillrunde til prosjektets hovedsamarbeidspartnere med frist for "
                "tilbakemelding i uke 23.</p>"
                "<p>Tilslutningen innebærer at Nasjonalt e-helsestyre stiller seg bak at "
                "tiltakene i tiltaksoversikten er hensiktsmessige og vil bidra til å gjøre "
                "Strategi for digital sikkerhet i helse- og omsorgssektoren konkret og "
                "handlingsrettet. Tilslutningen vil ikke binde berørte aktører økonomisk.</p>",
     "background": "<p>På oppdrag for Helse- og omsorgsdepartementet gjennom tildelingsbrev for "
                   "2021 utarbeider Direktoratet for e-helse en Strategi for digital sikkerhet i "
                   "helse- og omsorgssektoren. Strategien skal tydeliggjøre roller og ansvar, "
                   "og identifisere relevante strategiske virkemidler og tiltak for å løfte "
                   "arbeidet med digital sikkerhet i sektoren.</p>"
                   "<p>Arbeidet utføres i samarbeid med Helsedirektoratet, Helsetilsynet, Norsk "
                   "Helsenett SF, de regionale helseforetakene og kommunesektoren/KS.</p>"
                   "<p>Som delleveranse skal det 18. juni leveres en tiltaksoversikt for helse- "
                   "og omsorgssektoren som skal understøtte strategien og sikre at den blir "
                   "handlingsrettet.</p>",
     "proposed_decision": "Nasjonalt e-helsestyre tilslutter seg tiltaksoversikten utarbeidet i "
                          "forbindelse med Strategi for digital sikkerhet i helse- og "
                          "omsorgssektoren som skal leveres til Helse- og "
                          "omsorgsdepartementet 18. juni 2021."},
    {"title": "Nasjonal e-helseportefølje – status og planer", "case_type": "discussion",
     "start_time": time(10, 55), "from_unit": "Jon Helge Andersen",
     "case_officer": "Siv Ingebrigtsen",
     "purpose": "<p>Hensikten med saken er å:</p><ol><li>Orienterer om status nasjonal "
                "e-helseportefølje nå og om nasjonal e-helseportefølje for 2022</li>"
                "<li>Drøfte utvalgte utfordringer i porteføljen</li></ol>",
     "background": "<p>Nasjonal e-helseportefølje består av 45 prosjekter med et budsjett på "
                   "1,72 milliarder (april 2021). Trenden med en økende andel prosjekter som "
                   "har gul status har snudd, og ved denne innmeldingen har 54% av prosjektene "
                   "gul status mot 61% i januar 2021.</p>"
                   "<p>Per april 2021 ser det ut til at nasjonal e-helseportefølje i 2022 vil "
                   "bestå av 35 prosjekter. Innmeldt budsjett for 2022 er på rundt 897 "
                   "millioner, men 16 prosjekter har så langt ikke oppgitt budsjett for det "
                   "kommende året.</p>"
                   "<p>Det er behov for å drøfte følgende utfordringer med NUIT:</p><ol>"
                   "<li>Forsinkelser i SAFEST og utfordringer med leveranse av "
                   "virkestoffdata</li><li>Felles kommunal journal</li><li>Forprosjekt digital "
                   "samhandling</li><li>Konseptfase for innføring av ICD-11</li><li>Drift og "
                   "forvaltning</li><li>Porteføljestyring 2.0</li><li>Innspill fra NUIT møtet "
                   "20.mai</li></ol>",
     "proposed_decision": "Nasjonalt e-helsestyre tar status for nasjonal e-helseportefølje til "
                          "orientering. Nasjonalt e-helsestyre ber Direktoratet for e-helse ta "
                          "med seg innspill gitt i møtet i det videre arbeidet."},
    {"kind": "break", "title": "Pause", "start_time": time(11, 15)},
    {"title": "Ny nasjonal e-helsestrategi fra 2023", "case_type": "discussion",
     "start_time": time(11, 25), "from_unit": "Karl Stener Vestli",
     "case_officer": "Siv Ingebrigtsen",
     "purpose": "<p>Direktoratet for e-helse legger frem plan for arbeidet med utvikling av ny "
                "e-helsestrategi. Denne drøftingen skal ikke dreie seg om innholdet eller mål i "
                "strategien, men prosessen knyttet til å utarbeide den og hvordan den kan/bør "
                "benyttes. Vi ønsker innspill fra Nasjonalt e-helsestyre ut fra følgende "
                "spørsmål:</p><ul><li>Hvilke innspill har Nasjonalt e-helsestyre til plan for "
                "arbeidet med utvikling av ny e-helsestrategi?</li><li>Hva er det viktigste en "
                "felles nasjonal e-helsestrategi skal bidra til i årene fremover?</li></ul>",
     "background": "<p>Eksisterende nasjonale e-helsestrategi gjelder ut 2022. Strategien må "
                   "oppdateres og aktualiseres slik at den kan legges til grunn for veivalg og "
                   "prioriteringer fra 2023. Arbeidet skal skje sammen med helse- og "
                   "omsorgssektoren og gjennomføres i 2021 og 2022.</p>",
     "proposed_decision": "Nasjonalt e-helsestyre ber Direktoratet for e-helse ta med seg "
                          "innspill mottatt i møtet i det videre arbeidet."},
    {"title": "Strategiplan for digitalisering av legemiddelområdet", "case_type": "discussion",
     "start_time": time(11, 55), "from_unit": "Karl Stener Vestli",
     "case_officer": "Mildrid Ræstad",
     "purpose": "<p>Det er ønskelig å drøfte innretning på videre <em>prosess for "
                "forankring</em> av strategiplan for digitalisering av legemiddelområdet. "
                "Bakgrunn og status for arbeidet vil bli presentert som grunnlag for "
                "drøfting.</p>",
     "background": "<p>I 2021 ble ny avdeling for legemidler etablert i Direktoratet for e-helse "
                   "for å styrke arbeidet på digitaliseringsdelen av legemiddelfeltet. "
                   "Avdelingen er nå i gang med utarbeidelse av en strategiplan for "
                   "digitalisering av legemiddelområdet. Utarbeidelsen av strategiplan er tett "
                   "koblet på arbeidet med revidering av nasjonal e-helsestrategi, og inngår "
                   "som underlag for pågående revidering.</p>",
     "proposed_decision": "Nasjonalt e-helsestyre drøfter saken og ber Direktoratet for "
                          "e-helse ta med seg innspillene gitt i møtet i det videre arbeidet."},
    {"standard": "aob", "title": "Eventuelt", "case_type": "aob", "start_time": time(12, 25)},
]
