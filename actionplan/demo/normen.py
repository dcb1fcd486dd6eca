"""Normens strategi 2023–2025 and the action plans 2024 and 2025, from seeds 000–002.

The strategy's three focus areas are the three things Normen is, as the slide deck (seed 002)
presents it: the industry norm itself, guidance, and an arena. The 2024 measures are the
projects the secretariat reported on in cases 25/23 and 13/24 and the pending work Helse
Nord listed in case 18/24; their statuses are those the 10.06.2024 minutes imply. The 2025
measures are the six points case 18/24 says should be in the 2025 plan.
"""

from datetime import date

STRATEGY = {
    "title": "Normens strategi 2023–2025",
    "start_year": 2023,
    "end_year": 2025,
    "description": (
        "Styringsgruppens strategi for perioden 2023–2025. Handlingsplanene for 2024 og 2025 "
        "bygger på strategien: medlemmene forbereder innspill til prosjekter og "
        "satsingsområder «basert på Normens strategi 2023-2025» (sak 27/23)."
    ),
}

FOCUS_AREAS = [
    (1, "Bransjenormen",
     "Normen er Norges første og største bransjenorm for informasjonssikkerhet, og fra 2018 "
     "også for personvern. Den er sektorens felles kravsett og holdes oppdatert med nye "
     "lovkrav."),
    (2, "Veiledning",
     "Veiledere og faktaark hjelper virksomhetene og deres leverandører med å etterleve "
     "Normen."),
    (3, "Arena",
     "Normen er en arena for kompetanseheving og erfaringsutveksling: Normkonferansen, kurs "
     "og webinarer."),
]

SECRETARIAT = "Sekretariatet"

PLAN_2024 = {
    "year": 2024,
    "title": "Handlingsplan 2024",
    "status": "approved",
    "approved_on": None,
    "approval_note": "Endelig handlingsplan besluttet på styringsgruppemøtet i november 2023",
    "introduction": (
        "Forslaget til handlingsplan ble drøftet i sak 27/23 på møtet 27.09.2023. Forslaget "
        "bygde på innspill fra redaksjonskomiteen og sekretariatet, og styringsgruppen ga sine "
        "innspill i møtet. Endelig handlingsplan ble besluttet på styringsgruppemøtet i "
        "november 2023."
    ),
}

# (code, area, title, description, kind, status, [(note date, new status, text)])
MEASURES_2024 = [
    ("1.1", 1, "Lov om digital sikkerhet (NIS 1)",
     "Vurdere hvordan lov om digital sikkerhet påvirker Normen og sektorens virksomheter.",
     "new", "ongoing", []),
    ("1.2", 1, "Mapping ISO og Normen",
     "Sammenstille Normens krav med ny ISO-standard. Helse Vest og KiNS har oppdatert sine "
     "styringssystemer og har tilbudt et møte om erfaringene (sak 25/23). Arbeidet bør "
     "omforenes med Digitaliseringsdirektoratet og NSM.",
     "new", "ongoing", []),
    ("1.3", 1, "Revisjon av forvaltningsmodell og mandat for styringsgruppa",
     "Videre arbeid med revisjon av forvaltningsmodell og mandat for styringsgruppa.",
     "new", "ongoing", []),
    ("2.1", 2, "Faktaark Integritet",
     "Faktaark om risiko der manglende tilgang til korrekt og oppdatert informasjon (brudd på "
     "integritet) kan føre til mangelfull og uforsvarlig helsehjelp, og om tiltak som "
     "reduserer risikoen.",
     "new", "ongoing",
     [(date(2024, 6, 10), "", "Saken ble trukket i sak 14/24. Sekretariatet jobber videre med "
       "saken fram til september og kommer med en revidert versjon. Innholdet beholdes.")]),
    ("2.2", 2, "Revisjon veileder medisinsk utstyr og velferdsteknologi",
     "Revidere veilederen «Medisinsk utstyr; personvern og informasjonssikkerhet» med "
     "utstyr i hjemmet og kommunenes ansvar.",
     "new", "ongoing",
     [(date(2024, 6, 10), "", "Veilederen v3.0 ble godkjent i sak 15/24. Det gjenstår noe "
       "arbeid rundt ansvar; en oppdatering kommer forhåpentlig i løpet av høsten 2024.")]),
    ("2.3", 2, "Oppdatering av eldre faktaark («teknisk pakke»)",
     "Oppdatert plan for «teknisk pakke» og oppdatering av eldre faktaark.",
     "new", "ongoing", []),
    ("2.4", 2, "FA 20 a, b, c (Sikkerhets- og samhandlingsarkitektur)",
     "Revidere faktaark 20 a, b og c om sikkerhets- og samhandlingsarkitektur.",
     "new", "planned", []),
    ("2.5", 2, "Videreutvikle veiledning og verktøy om Normens krav i anskaffelser",
     "Videreutvikle veiledning og verktøy om Normens krav i anskaffelser.",
     "new", "not_done",
     [(date(2024, 6, 10), "not_done", "Ikke gjennomført. Nevnt blant hengesakene fra høsten "
       "2024 i drøftingen av handlingsplan 2025 (sak 18/24).")]),
    ("2.6", 2, "Fullføre kartlegging av små virksomheter",
     "Fullføre kartleggingen av små virksomheter og arbeide med tiltak avdekket i "
     "kartleggingen.",
     "new", "ongoing",
     [(date(2024, 6, 10), "", "I arbeidet med kartleggingen ser vi at vi ikke når de små "
       "helsevirksomhetene. Vurdere andre måter å formidle på (sak 18/24).")]),
    ("2.7", 2, "Ny helseteknologi, f.eks. KI",
     "Se på hvordan ny helseteknologi, for eksempel kunstig intelligens, påvirker Normen.",
     "new", "postponed",
     [(date(2024, 6, 10), "postponed", "Må konkretiseres (sak 18/24). Se KI-dag i "
       "styringsgruppa i handlingsplan 2025.")]),
    ("3.1", 3, "Kurs og webinar",
     "Kurs, webinarer og foredrag om Normen gjennom året.",
     "existing", "ongoing", []),
    ("3.2", 3, "Aktiviteter i Sikkerhetsmåneden",
     "Normens aktiviteter i Sikkerhetsmåneden i oktober.",
     "new", "planned", []),
    ("3.3", 3, "Overføring av normen.no til Helsedirektoratet",
     "Flytte nettstedet normen.no til Helsedirektoratet. Husk å oppdatere e-postadressen som "
     "er lagt inn i veilederne.",
     "new", "ongoing", []),
]

PLAN_2025 = {
    "year": 2025,
    "title": "Handlingsplan 2025",
    "status": "discussion",
    "approved_on": None,
    "approval_note": "",
    "introduction": (
        "Den siste handlingsplanen i strategiperioden 2023–2025. Sekretariatet ledet en første "
        "drøfting i sak 18/24 på møtet 10.06.2024, der styringsgruppens medlemmer ble bedt om "
        "å tenke gjennom hva fokus bør være."
    ),
}

MEASURES_2025 = [
    ("1.1", 1, "Ny lovgivning og hvordan det vil påvirke Normen",
     "Oppdatere Normen med nye lovkrav (innspill fra HSØ i sak 18/24).",
     "new", "planned", []),
    ("1.2", 1, "Begynne å se på mulighetene for et verktøy for etterlevelse",
     "HSØ spør om det er realistisk å måle etterlevelse. IKT-Norge viser til at flere "
     "leverandører har laget verktøy for å måle etterlevelse av Normen, men virksomhetene "
     "må selv gjøre jobben (sak 18/24).",
     "new", "planned", []),
    ("2.1", 2, "Oppdatering av gamle faktaark og ny struktur på tekniske faktaark",
     "Oppdatere gamle faktaark og kartlegge en ny struktur for de tekniske faktaarkene.",
     "new", "planned", []),
    ("2.2", 2, "Rom til hengesaker fra høst 2024",
     "Hengesakene kan gjelde lov om digital sikkerhet (NIS 1), faktaark Integritet, FA 20 a, "
     "b, c, ny helseteknologi som KI, revisjon av veileder MU og VFT, veiledning og verktøy "
     "om Normens krav i anskaffelser, og å fullføre kartleggingen av små virksomheter "
     "(Helse Nord, sak 18/24).",
     "new", "planned", []),
    ("3.1", 3, "Normkonferansen 2025",
     "Pre-Norm med kurs 3. juni og konferansen 4. og 5. juni 2025.",
     "existing", "planned", []),
    ("3.2", 3, "KI-dag i styringsgruppa",
     "En dag der styringsgruppen setter seg inn i kunstig intelligens og hva det betyr for "
     "Normen.",
     "new", "planned", []),
]

# Cases in the demo meetings that dealt with the plans: (year, number, purpose, measure code).
CASES_2024 = [
    (2023, 27, "discussion", None),
    (2024, 13, "status", None),
    (2024, 16, "discussion", "2.1"),
    (2024, 15, "discussion", "2.2"),
]
CASES_2025 = [
    (2024, 18, "discussion", None),
]
