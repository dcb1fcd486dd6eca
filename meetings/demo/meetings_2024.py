"""Styringsgruppemøte i Normen 10.06.2024, from the seed minutes.

The seed numbers both the fact sheet case and «Åpen mikrofon» 16/24 and skips 14/24. Numbers
are unique per body and year, and the approved record is what the outside world cites («sak
16/24»), so the fact sheet's decision keeps 16/24 and the informal «Åpen mikrofon» gets the
free number 14/24, with a note in its minutes that the printed minutes say 16/24.
"""

from datetime import date, time

MEETING = {
    "date": date(2024, 6, 10), "start_time": time(10, 0), "end_time": time(15, 0),
    "place": "Skøyen", "form": "hybrid",
}

ATTENDANCE = [
    ("Apotekforeningen", "", "absent", "", False),
    ("Den norske legeforening", "Petter Hurlen", "present", "", False),
    ("Den norske tannlegeforening", "", "present", "", False),
    ("Den offentlige tannhelsetjenesten", "Steinar Løgith Aase", "absent", "", False),
    ("Norsk farmaceutisk forening", "Camilla Hansen Steinum", "present", "", False),
    ("Norsk fysioterapeutforbund", "", "absent", "", False),
    ("Norsk psykologforening", "Julius Okkenhaug", "present", "", False),
    ("Norsk sykepleierforbund", "Bente Christiansen", "present", "", False),
    ("KS", "Suhail Mushtaq", "present", "fra 11:00", True),
    ("KS", "Arne Ingebrigtsen", "present", "", True),
    ("KiNS", "Harald Torbjørnsen", "present", "", True),
    ("Helse Midt-Norge RHF", "Laila Eikeset", "present", "", False),
    ("Helse Nord RHF", "Ida-Kristin Martinussen", "present", "", False),
    ("Helse Sør-Øst RHF", "Jon Berger Holden", "present", "", False),
    ("Helse Vest RHF", "Lars Erik Baugstø-Hartvigsen", "present", "", False),
    ("Fürst", "Christian Cato Bülow-Larsen", "present", "", True),
    ("Folkehelseinstituttet", "", "absent", "", False),
    ("Direktoratet for e-helse", "Kåre Ljungmann", "present", "", False),
    ("Helsedirektoratet", "Caroline Ringstad Schultz", "present", "", False),
    ("Norsk Helsenett", "", "absent", "", False),
    ("Digitaliseringsdirektoratet", "Katrine Aam Svendsen", "present", "", False),
    ("FFO – funksjonshemmedes fellesorganisasjon", "", "absent", "", False),
    ("IKT-Norge", "Amund Lundgård", "present", "", False),
    ("Melanor", "", "absent", "", False),
    ("NAV", "", "absent", "", False),
    ("NSM", "", "absent", "", False),
    ("WSO", "", "absent", "", False),
    ("Senior Norge", "", "absent", "", False),
]

FA59_DISCUSSION = (
    "<p>Veldig mye godt i veiledningsmateriellet som er utarbeidet. Men mener at "
    "integritetsbegrepet trekkes litt langt, når det omhandler informasjonssikkerhet. Forslag at "
    "det ikke godkjennes i sin form.</p>"
    "<p><strong>Kommentar til vedtaket:</strong> Dette dokumentet må inn som en del av "
    "porteføljen til Normen. Se på muligheten for at dette dokumentet kan være flere dokumenter, "
    "faktaark, veileder og artikkel.</p>"
)

OPEN_MIC_NOTE = (
    "<p><em>Merknad: I det trykte referatet har dette punktet nummer 16/24, som saken om "
    "faktaark 59 også har. Vedtaket i faktaark-saken er det som omtales som sak 16/24, så "
    "dette punktet har fått det ledige nummeret 14/24.</em></p>"
)

ITEMS = [
    {"kind": "break", "title": "Velkommen til møtet – presentasjonsrunde",
     "start_time": time(10, 0)},
    {"number": 11, "title": "Godkjenning av innkalling og dagsorden", "case_type": "approval",
     "standard": "approve_notice",
     "proposed_decision": "Styringsgruppen godkjenner innkalling og dagsorden",
     "decision_text": "Styringsgruppen godkjenner innkalling og dagsorden",
     "outcome": "approved"},
    {"number": 12, "title": "Godkjenning av referat fra møte 27.09.2023",
     "case_type": "approval", "standard": "approve_minutes", "previous": date(2023, 9, 27),
     "proposed_decision": "Styringsgruppen godkjenner referatet",
     "decision_text": "Styringsgruppen godkjenner referatet", "outcome": "approved"},
    {"number": 13, "title": "Sekretariatet orienterer", "case_type": "orientation",
     "start_time": time(10, 15), "from_unit": "Sekretariatet",
     "purpose": "<ul><li>Ressurssituasjon i sekretariatet</li><li>Status handlingsplan 2024</li>"
                "<li>Oppdatert plan for «teknisk pakke» / oppdatering av eldre faktaark</li>"
                "<li>Overføring av normen.no til Helsedirektoratet</li>"
                "<li>Kurs og kompetansehevingsaktiviteter</li><li>Normkonferansen 2025</li>"
                "<li>Aktiviteter i Sikkerhetsmåneden</li><li>Twinning</li></ul>",
     "proposed_decision": "Styringsgruppen tar orienteringen til etterretning.",
     "discussion": "<ul><li>Kommentar – husk å oppdatere e-postadressen som er lagt inn i "
                   "veiledere.</li><li>Viktig at det blir mulighet å få dokumentene inn i Word "
                   "– «fulldokumentet».</li><li>Konferansen ser ut som den blir pre-Norm med kurs "
                   "3. juni og konferansen 4. og 5. juni.</li></ul>",
     "decision_text": "Styringsgruppen tar orienteringen til etterretning.",
     "outcome": "noted"},
    {"number": 16, "case_type": "decision", "start_time": time(10, 45),
     "title": "Godkjenning av faktaark 59: Integritet – Korrekt og oppdatert informasjon til "
              "rett tid",
     "from_unit": "Sekretariatet",
     "purpose": "<p>Faktaarket skal bidra til økt kunnskap og bevissthet om risiko der manglende "
                "tilgang til korrekt og oppdatert informasjon (brudd på integritet) kan føre til "
                "mangelfull og uforsvarlig helsehjelp.</p><p>Faktaarket skal bidra til økt "
                "kunnskap om aktuelle tiltak for å redusere risikoen. Faktaarket omhandler også "
                "risiko forbundet med kopier av informasjon som formidles mellom systemer og "
                "tiltak som skal hindre at kopier av data blir en kilde til utdatert "
                "informasjon.</p>",
     "background": "<p>Faktaarket er utviklet i et tett samarbeid med en representativ "
                   "arbeidsgruppe fra sektoren. Dokumentet har også vært sendt på høring til et "
                   "utvalg fagpersoner.</p><p>Veiledningsmateriellet er omfattende å lese i sin "
                   "helhet (38 sider), men vil fungere godt som et oppslagsverk ved vurdering og "
                   "håndtering av risiko for brudd på integritet.</p><p>Det foreslås å legge til "
                   "et sammendrag i starten av dokumentet før publisering.</p>",
     "proposed_decision": "Integritet – Korrekt og oppdatert informasjon til rett tid "
                          "(faktaark 59) v1.0 godkjennes",
     "discussion": FA59_DISCUSSION,
     "statements": [
         ("Helse Sør-Øst RHF", "Kan vurdere å henge det opp i artikkel 5 i GDPR – kvalitet. "
                               "Man må være klar på bruk av begrepene."),
         ("Helsedirektoratet", "Mye bra innhold. Dette er for stort omfavn, det er ikke et "
                               "faktaark. Viktig å rendyrke det som er faktaark."),
         ("Den norske legeforening", "Veldig glad for dokumentet, og støtter det slik det er i "
                                     "dag. Integritet har manglet både i Normen 6.0 og 6.1."),
         ("Norsk Helsenett", "Veldig godt arbeid, men scopet har blitt for stort. Hvem er "
                             "målgruppen?"),
         ("Helse Nord RHF", "Det er for omfattende, og det mangler den røde tråden."),
         ("IKT-Norge", "Bra fagprosa, og fint til bruk i opplæringsøyemed. Ikke egnet for små "
                       "og mellomstore organisasjoner."),
         ("Helse Vest RHF", "Mye fokus på integritet som omhandler helseopplysninger, hva med "
                            "annen type opplysninger som vi også har ansvaret for?"),
     ],
     "decision_text": "Saken trekkes, og det jobbes videre med saken frem til september. "
                      "Sekretariatet kommer med en revidert versjon. Innholdet beholdes.",
     "outcome": "withdrawn"},
    {"kind": "break", "title": "Pause", "start_time": time(11, 30)},
    {"number": 15, "case_type": "decision", "start_time": time(11, 45),
     "title": "Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder)",
     "from_unit": "Sekretariatet",
     "purpose": "<p>Det er gjort noen strukturendringer og lagt til et bruksscenario om "
                "Teknologi i hjemmet. Det er også tydeliggjort kommunenes ansvar og forhold til "
                "MU.</p>",
     "background": "<p>Det gjenstår noe arbeid rundt ansvar. Sekretariatet mener at veilederen "
                   "bør publiseres nå og at det gjøres en oppdatering på dette når det er klart, "
                   "forhåpentlig i løpet av høsten 2024.</p>",
     "proposed_decision": "Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder) "
                          "v3.0 godkjennes",
     "discussion": "<p>I oppdatert versjon av veilederen har en fått inn det som går på utstyr i "
                   "hjemmet. Det har vært et unaturlig skille mellom medisinsk utstyr og "
                   "velferdsteknologi.</p><p>Innspill som vil bli tatt inn omhandler:</p><ul>"
                   "<li>Beredskapsplaner i kommunen</li><li>Dataansvar</li><li>Risikoscenarioene "
                   "(scenario 2 og 3)</li><li>Pårørendeperspektivet</li></ul>",
     "statements": [
         ("Helse Sør-Øst RHF", "Case 5 er viktig, klargjøre at det er noe annet med den. Ta "
                               "med at en også har en plikt å gjøre informasjon tilgjengelig."),
     ],
     "decision_text": "Medisinsk utstyr; personvern og informasjonssikkerhet (Veileder) v3.0 "
                      "godkjennes",
     "outcome": "approved"},
    {"kind": "break", "title": "Lunsj", "start_time": time(12, 30)},
    {"number": 14, "case_type": "orientation", "start_time": time(13, 0),
     "title": "«Åpen mikrofon»",
     "discussion": OPEN_MIC_NOTE,
     "purpose": "<p>Det er satt av tid til at noen virksomheter fra Styringsgruppen får ca. 10 "
                "min hver med «åpen mikrofon». Tema kan være hva som skjer i virksomheten akkurat "
                "nå, interessante prosjekter og initiativer, eller faglige innlegg.</p>",
     "proposed_decision": "Styringsgruppen tar orienteringene til etterretning.",
     "statements": [
         ("Helse Nord RHF", "Orienterte om trusselvurdering for spesialisthelsetjenesten 2024, "
                            "som ble publisert i forrige uke. Trusselbildet er kun én av tre "
                            "deler av risikobildet."),
         ("Den norske legeforening", "Dokumentdeling via kjernejournal, rekvisisjonssaken og KI "
                                     "er tema på dagsorden i legeforeningen."),
     ],
     "decision_text": "Styringsgruppen tar orienteringene til etterretning.",
     "outcome": "noted"},
    {"number": 17, "case_type": "learning", "start_time": time(13, 20), "title": "Faglig påfyll",
     "purpose": "<ul><li>KI-forordningen – Ane Hessen Hjelle, Avd. Regelverk og digitalisering, "
                "Helsedirektoratet</li><li>NIS 1 og 2 – Jan Gunnar Broch, Avd. Digital "
                "sikkerhet, Helsedirektoratet (utsatt til møtet i september)</li><li>Felles "
                "sikkerhet i forvaltningen – Digitaliseringsdirektoratet</li></ul>",
     "proposed_decision": "Styringsgruppen tar orienteringene til etterretning.",
     "decision_text": "Styringsgruppen tar orienteringene til etterretning.",
     "outcome": "noted"},
    {"kind": "break", "title": "Pause", "start_time": time(14, 5)},
    {"number": 18, "case_type": "discussion", "start_time": time(14, 25),
     "title": "Handlingsplan 2025", "from_unit": "Sekretariatet", "presenter": "Aasta",
     "purpose": "<p>Sekretariatet leder en første drøfting av Handlingsplan 2025. "
                "Styringsgruppens medlemmer bes tenke gjennom hva fokus bør være for den siste "
                "handlingsplanen av denne strategiperioden.</p>",
     "proposed_decision": "Styringsgruppen drøfter innretningen av handlingsplan 2025.",
     "discussion": "<p>Aasta presenterer status for punkt i strategien. Ikke gjennomført merket "
                   "med rødt.</p><p>Punkter som bør med på handlingsplan 2025:</p><ul>"
                   "<li>Ny lovgivning og hvordan det vil påvirke Normen</li><li>Oppdatering av "
                   "gamle faktaark og kartlegge ny struktur på tekniske faktaark</li>"
                   "<li>Normkonferansen 2025</li><li>Rom til hengesaker fra høst 2024</li>"
                   "<li>Begynne å se på mulighetene for et verktøy for etterlevelse</li>"
                   "<li>KI-dag i styringsgruppa</li></ul><p>Diskusjon om handlingsplan bør ikke "
                   "tas på Teams, bør være et fysisk møte.</p>",
     "statements": [
         ("Helse Nord RHF", "Vanskelig å ta stilling til når vi ikke vet helt hva hengesakene "
                            "fra høsten 2024 er."),
         ("Helse Sør-Øst RHF", "Oppdatere Normen med nye lovkrav. Er det realistisk å få til å "
                               "måle etterlevelse?"),
         ("IKT-Norge", "Flere leverandører har laget verktøy for å måle etterlevelse av Normen. "
                       "Ingen snarvei."),
         ("Norsk Helsenett", "Plassering av Normen på et strategisk nivå."),
         ("Den norske legeforening", "Få inn de aspektene som Normen mangler."),
     ],
     "decision_text": "Styringsgruppen drøftet handlingsplan 2025. Sekretariatet tar med "
                      "innspillene i forslaget til handlingsplan.",
     "outcome": "noted"},
    {"number": 19, "title": "Eventuelt", "case_type": "aob", "standard": "aob",
     "start_time": time(14, 55), "outcome": "noted"},
]
