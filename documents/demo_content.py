"""Texts for the demo library: the guides and fact sheets the seed documents name.

The supplier guide follows the seed slide deck (target group, contents, the HUKI matrix); the
medical-equipment guide and Faktaark 59 follow the cover notes and minutes of 10.06.2024. The
fact sheets the consultation draft on digital security refers to by number (5, 7, 4, 36, 21,
26, 34, 19, 14, 47, 11) get short texts of our own in the same style. Dates for those fact
sheets are illustrative: the seeds do not say when they were approved.
"""

from datetime import date

TOPICS = [
    ("Risikostyring", "risikostyring"),
    ("Tilgangsstyring", "tilgangsstyring"),
    ("Leverandører og avtaler", "leverandorer"),
    ("Medisinsk utstyr", "medisinsk-utstyr"),
    ("Beredskap og kontinuitet", "beredskap"),
    ("Teknisk sikkerhet", "teknisk-sikkerhet"),
    ("Personvern", "personvern"),
    ("Integritet og kvalitet", "integritet"),
]

SUPPLIER_GUIDE = {
    "slug": "leverandorer",
    "title": "Informasjonssikkerhet og personvern for leverandører til helse- og "
             "omsorgssektoren",
    "summary": "Veilederen beskriver tiltak og forventninger til IKT-løsninger, medisinsk "
               "utstyr og operasjonell teknologi (OT) sett fra leverandørens ståsted, og "
               "hvordan Normens krav kan ivaretas i anskaffelser, innføring og drift.",
    "audience": "Leverandører til helse- og omsorgssektoren, og virksomheter som forvalter og "
                "anskaffer teknologi",
    "topics": ["leverandorer", "medisinsk-utstyr", "risikostyring"],
    "text": """
<h1>Innledning</h1>
<p>Mange leverandører opplever informasjonssikkerhet og personvern som komplisert, med strenge
krav og usikkerhet om hva som gjelder for nettopp dem. Typiske krav i anskaffelser er at
«Normen skal følges», at leverandøren skal ha et styringssystem for informasjonssikkerhet og
personvern, eller at alle Normens krav skal besvares. Slike krav er vanskelige å evaluere og
gir et dårlig grunnlag for en kontrakt.</p>
<p>Veilederen er utarbeidet med en referansegruppe med IT-leverandører til sektoren, flere
leverandører av medisinsk utstyr, driftsorganisasjoner i spesialisthelsetjenesten (IT og
medisinsk teknologi), Sykehusinnkjøp, Norsk Helsenett og innkjøpskompetanse fra kommunene.</p>
<h2>Målgruppe</h2>
<p>Målgruppen er leverandører til helse- og omsorgstjenesten, og ansatte hos virksomheter i
helse- og omsorgstjenesten som forvalter og anskaffer teknologi og programvare. Veilederen
retter seg også mot virksomheter som omfattes av Normen og som skal sikre etterlevelse av
Normens krav, herunder den dataansvarlige.</p>
<p>Veilederen kan også være nyttig for systemleverandører og andre samarbeidspartnere som på
grunn av sin leveranse er omfattet av Normen gjennom avtale med virksomheten eller med Norsk
Helsenett SF.</p>
<h1>Personvern, informasjonssikkerhet og taushetsplikt</h1>
<h2>Er leverandør det samme som databehandler?</h2>
<p>En leverandør er databehandler når den behandler personopplysninger på vegne av den
dataansvarlige, for eksempel ved drift, skytjenester eller fjernaksess for feilretting. En
leverandør som bare leverer utstyr eller programvare som kunden selv drifter, er normalt ikke
databehandler. Vurderingen må gjøres for hver leveranse.</p>
<h2>Personvernprinsippene</h2>
<ul>
<li>Formål og behandlingsgrunnlag må være klare før løsningen tas i bruk.</li>
<li>De registrertes rettigheter, som innsyn og retting, må kunne ivaretas i løsningen.</li>
<li>Innebygget personvern: løsningen skal som standard behandle så få opplysninger som
mulig.</li>
</ul>
<h2>Taushetsplikt om helse- og personopplysninger</h2>
<p>Leverandørens ansatte som får tilgang til helseopplysninger, er underlagt taushetsplikt.
Taushetserklæring skal være signert før tilgang gis, og tilgangen skal begrenses til det
oppdraget krever.</p>
<h1>Ansvar for å følge kravene i Normen</h1>
<p>Den dataansvarlige har ansvaret for at krav til informasjonssikkerhet og personvern følges
gjennom hele leveransekjeden. I leveranser av tjenester, maskinvare eller systemer skal det
avtales skriftlig med leverandøren hvilke sikkerhetskrav som skal oppfylles for at den
dataansvarlige skal kunne oppfylle sitt ansvar.</p>
<p>Hvilke av Normens krav som gjennom avtale gjelder for leverandøren, avhenger av hva slags
leveranse det er snakk om, for eksempel:</p>
<ul>
<li>databehandling, i form av skytjenester eller driftstjenester</li>
<li>vedlikehold, for eksempel ved fysisk service eller fjernaksess</li>
<li>leveranse av løsninger og systemer</li>
</ul>
<h1>Risiko</h1>
<p>Før en løsning tas i bruk, skal kunden gjennomføre en risikovurdering (ROS) og, der
behandlingen sannsynligvis medfører høy risiko for de registrerte, en
personvernkonsekvensvurdering (DPIA). Leverandøren bidrar med kunnskap om løsningens
oppbygging, kjente sårbarheter og anbefalte tiltak.</p>
<h1>Avtaler og krav til oversikt og kontroll</h1>
<ul>
<li>Styringssystem og internkontroll hos begge parter</li>
<li>Protokoll over behandlingsaktiviteter (GDPR artikkel 30)</li>
<li>Kontrakt med tydelige sikkerhetskrav</li>
<li>Databehandleravtale når leverandøren er databehandler</li>
</ul>
<h1>Anbefalinger og krav til IKT og tekniske løsninger</h1>
<h2>Når blir et system å anse som medisinsk utstyr?</h2>
<p>Programvare som er ment å brukes til diagnostisering, forebygging, overvåking eller
behandling av sykdom, kan være medisinsk utstyr etter forordningen om medisinsk utstyr (MDR).
Da gjelder egne krav til klassifisering, risikostyring og sikkerhetsoppdateringer.</p>
<h2>Løsninger som benytter skytjenester</h2>
<p>Bruk av skytjenester krever vurdering av hvor opplysningene lagres, hvem som har tilgang,
og om overføring til land utenfor EØS har et gyldig grunnlag.</p>
<h2>Sikkerhetskrav til programmeringsgrensesnitt</h2>
<p>Grensesnitt (API) som gir tilgang til helseopplysninger, skal kreve sterk autentisering av
både system og bruker, og all bruk skal logges.</p>
<h2>Utprøving og utlån av utstyr</h2>
<p>Utstyr til utprøving skal behandles som produksjonsutstyr dersom det kommer i kontakt med
ekte pasientopplysninger.</p>
<h2>Sletting av opplysninger</h2>
<p>Leverandøren skal kunne dokumentere sikker sletting når utstyr returneres, repareres eller
kasseres.</p>
<h1>Lokalt installert programvare og systemer hos kunden</h1>
<p>Løsninger som kjører lokalt hos kunden, gir egne sikkerhetsutfordringer og avhengigheter.
Det gjelder blant annet styring av heis, adgangssystemer, styringssystemer for strøm, vann og
ventilasjon, medisinsk utstyr, lokalt installerte servere og lokalt installert
programvare.</p>
<h1>Utstyr plassert hjemme hos pasient eller bruker</h1>
<ul>
<li>ustabil nettverksforbindelse (bredbånd og mobilnett) og usikker strømforsyning</li>
<li>mulig uautorisert tilgang til utstyret, som kan føre til uønskede endringer, for eksempel
av alarmgrenser</li>
<li>manglende forståelse eller håndtering av alarmer, for eksempel batteribytte i
trygghetsalarm</li>
<li>om teknologien er egnet for pasientgruppen den er tiltenkt</li>
<li>manglende tilgjengelighet av opplysninger for helsepersonell</li>
</ul>
<h1>Tilgang til utstyr plassert hos kunden</h1>
<p>Fjernaksess, reparasjon og service skal skje etter avtale og med kontroll fra kunden.
Utstyr som sendes til service, reparasjon eller destruksjon og som inneholder
personopplysninger, skal håndteres slik at opplysningene ikke kommer på avveie.</p>
<h1>Normens krav i anskaffelser</h1>
<p>I anskaffelser er det vanlig å kreve at løsningen skal oppfylle Normen, eller at
leverandøren skal følge Normen. For å kunne evaluere dette og danne et godt grunnlag for
kontrakten er det viktig at leverandør og kunde har god kommunikasjon og kjennskap til kravene.
Still konkrete krav ut fra leveransen, og bruk HUKI-matrisen i vedlegg 2 til å avklare hvem som
gjør hva.</p>
""",
}

FLOW_ANNEX = """
<p>Flytskjemaet viser innføringsprosessen for nye systemer og oppdatering av eksisterende
systemer, trinn for trinn. Ansvaret for hvert trinn står i HUKI-matrisen.</p>
<ol>
<li>Risikovurdering av den planlagte endringen</li>
<li>Avtale mellom leverandør og kunde, med tids- og ressursplan, testprotokoller og
akseptkriterier</li>
<li>Kartlegging av driftsmiljøet og tilstandsrapport</li>
<li>Bestilling av eventuelle endringer i infrastruktur og maskinvare</li>
<li>Teknisk test før produksjon</li>
<li>Oppdatering av tids- og ressursplan</li>
<li>Oppdatering av brukermanual og prosedyrer</li>
<li>Opplæring, opprettelse av brukere med riktig rolle og tilgang</li>
<li>Konvertering, akseptansetest og dokumentasjon av testen</li>
<li>Oppdatering av risikovurdering og avslutning av eksisterende løsning</li>
</ol>
"""

HUKI_ROWS = [
    ("1", "Risikovurdering", "H & U", "K", "K"),
    ("2", "Utarbeide tidsplan", "", "", ""),
    ("3", "Opprett avtale mellom leverandør og kunde", "", "", ""),
    ("", "Utarbeide tids- og ressursplan", "H & U", "K", "K"),
    ("", "Utarbeid testprotokoller og akseptkriterier", "H & U", "K", "K"),
    ("4", "Kartlegge driftsmiljøet", "U", "H", ""),
    ("5", "Utarbeide tilstandsrapport på kundens driftsmiljø", "H & U", "I", ""),
    ("6", "Bestilling av eventuelle endringer i infrastruktur og maskinvare", "H", "I", ""),
    ("7", "Teknisk test før man går i produksjon", "H", "U", "K"),
    ("8", "Utføre risikovurdering", "H & U", "K", "K"),
    ("9", "Beskrive hvordan innføring og eventuell konvertering blir gjennomført", "I",
     "H & U", "K"),
    ("10", "Kartlegging av endringer", "K", "H & U", "K"),
    ("11", "Oppdatere brukermanualer", "I", "H & U", "K"),
    ("12", "Oppdatere prosedyrer", "H & U", "K", "K"),
    ("14", "Gjennomføre opplæring i nytt system", "I", "H & U", "I"),
    ("15", "Opprette alle brukere med korrekt rolle og tilgang", "U", "H", "K"),
    ("16", "Arkivering av sikkerhetskopier", "H", "U", ""),
    ("17", "Gjennomgang av konvertering med berørte parter", "H", "U", "K"),
    ("18", "Gjennomføring av konvertering", "H", "U", ""),
    ("19", "Akseptanse av konverterte data", "H", "K", "U"),
    ("20", "Avslutte eksisterende løsninger", "H", "", ""),
    ("21", "Utarbeide tester som kontrollerer at konvertering og bytte er gjennomført "
           "korrekt", "H", "I", "K"),
    ("22", "Planlegge pasientbehandling uten systemstøtte i tiden konvertering og bytte "
           "pågår", "H", "K", "U"),
    ("23", "Akseptansetest av nytt system", "H", "K", "U"),
    ("24", "Dokumentere akseptansetest", "H", "U", "K"),
    ("25", "Oppdatere teknisk dokumentasjon", "", "", ""),
]


def huki_annex():
    rows = "".join(
        "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in HUKI_ROWS
    )
    return (
        "<p>Ansvarsmatrise for innføring og oppdatering av systemer. Matrisen er kun et "
        "eksempel. Utfylling av matrisen bør inngå som en del av aktiviteten i "
        "oppstartsmøtet.</p>"
        "<table><caption>Forklaring</caption><tbody>"
        "<tr><th scope=\"row\">H</th><td>Hovedansvarlig</td></tr>"
        "<tr><th scope=\"row\">U</th><td>Utfører</td></tr>"
        "<tr><th scope=\"row\">K</th><td>Konsulteres</td></tr>"
        "<tr><th scope=\"row\">I</th><td>Informeres</td></tr></tbody></table>"
        "<table><caption>HUKI-matrise</caption><thead><tr>"
        "<th scope=\"col\">Nr</th><th scope=\"col\">Aktivitet / beslutning</th>"
        "<th scope=\"col\">Kunde</th><th scope=\"col\">Leverandør</th>"
        "<th scope=\"col\">Sluttbruker</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


MU_GUIDE = {
    "slug": "medisinsk-utstyr",
    "title": "Medisinsk utstyr; personvern og informasjonssikkerhet",
    "summary": "Veilederen gir råd om personvern og informasjonssikkerhet ved anskaffelse, "
               "innføring, drift og avhending av medisinsk utstyr, også utstyr og "
               "velferdsteknologi som brukes i pasientens hjem.",
    "audience": "Helseforetak, kommuner og andre virksomheter som anskaffer og bruker "
                "medisinsk utstyr, og deres leverandører",
    "topics": ["medisinsk-utstyr", "risikostyring", "leverandorer"],
}

MU_V2_TEXT = """
<h1>Om veilederen</h1>
<p>Medisinsk utstyr er i økende grad koblet til nettverk og andre systemer. Det gir bedre
pasientbehandling, men også nye sårbarheter. Veilederen beskriver hvordan Normens krav kan
ivaretas for medisinsk utstyr gjennom hele livsløpet.</p>
<h1>Ansvar</h1>
<p>Virksomheten som bruker utstyret, er dataansvarlig for opplysningene utstyret behandler.
Produsenten har ansvar for at utstyret er sikkert konstruert og at sikkerhetsoppdateringer
gjøres tilgjengelige.</p>
<h1>Anskaffelse</h1>
<ul>
<li>Still krav til sikkerhetsoppdateringer i hele levetiden.</li>
<li>Be om produsentens informasjon om kjente sårbarheter og nettverksbehov (MDS2-skjema).</li>
<li>Avklar fjernaksess for service før kontrakten signeres.</li>
</ul>
<h1>Drift</h1>
<p>Medisinsk utstyr skal ligge i egne nettverkssegmenter, med bare de forbindelsene utstyret
trenger. Oversikt over utstyr, programvareversjoner og ansvarlige skal holdes oppdatert.</p>
<h1>Risikoscenarioer</h1>
<h2>Scenario 1: Ondsinnet programvare på modalitet</h2>
<p>En røntgenmodalitet med utdatert operativsystem blir smittet av løsepengevirus fra en
minnepinne. Tiltak: segmentering, kontroll av flyttbare medier og beredskapsplan for drift
uten utstyret.</p>
<h2>Scenario 2: Uautorisert fjernaksess</h2>
<p>En leverandørkonto med fast passord brukes av uvedkommende. Tiltak: tidsbegrenset aksess,
sterk autentisering og logging.</p>
<h2>Scenario 3: Feil i overført måleverdi</h2>
<p>En måleverdi overføres feil til journalsystemet. Tiltak: validering av data ved overføring
og rutiner for avvik.</p>
"""

MU_V3_TEXT = """
<h1>Om veilederen</h1>
<p>Medisinsk utstyr er i økende grad koblet til nettverk og andre systemer, også utenfor
sykehus og legekontor. Denne versjonen fjerner det unaturlige skillet mellom medisinsk utstyr
og velferdsteknologi, og omfatter utstyr som brukes i pasientens hjem.</p>
<p>Veilederen beskriver hvordan Normens krav kan ivaretas for medisinsk utstyr gjennom hele
livsløpet: anskaffelse, innføring, drift og avhending.</p>
<h1>Ansvar</h1>
<h2>Virksomhetens ansvar</h2>
<p>Virksomheten som bruker utstyret, er dataansvarlig for opplysningene utstyret behandler,
og har ansvar for risikovurdering, tilgangsstyring og beredskap.</p>
<h2>Kommunenes ansvar</h2>
<p>Kommunen er dataansvarlig når den tilbyr utstyr til pasienter i hjemmet som del av helse-
og omsorgstjenesten, også når utstyret driftes av en leverandør. Kommunens beredskapsplaner
skal omfatte bortfall av slikt utstyr.</p>
<h2>Produsentens og leverandørens ansvar</h2>
<p>Produsenten har ansvar for at utstyret er sikkert konstruert etter forordningen om
medisinsk utstyr (MDR), og for at sikkerhetsoppdateringer gjøres tilgjengelige.
Leverandøren er ofte databehandler ved drift og service.</p>
<h1>Anskaffelse</h1>
<ul>
<li>Still krav til sikkerhetsoppdateringer i hele levetiden.</li>
<li>Be om produsentens informasjon om kjente sårbarheter og nettverksbehov (MDS2-skjema).</li>
<li>Avklar fjernaksess for service før kontrakten signeres.</li>
<li>Avklar hvem som er dataansvarlig og databehandler, også for data som lagres hos
produsenten.</li>
</ul>
<h1>Drift</h1>
<p>Medisinsk utstyr skal ligge i egne nettverkssegmenter, med bare de forbindelsene utstyret
trenger. Oversikt over utstyr, programvareversjoner og ansvarlige skal holdes oppdatert.</p>
<h1>Teknologi i hjemmet</h1>
<p>Utstyr i pasientens hjem står utenfor virksomhetens fysiske kontroll. Strømbrudd, ustabil
mobildekning og pårørende som betjener utstyret må tas med i risikovurderingen.</p>
<ul>
<li>Gi pasient og pårørende enkel opplæring og skriftlig informasjon om alarmer.</li>
<li>Sørg for at helsepersonell får beskjed når utstyret ikke sender data.</li>
<li>Gjør informasjon om behandlingen av opplysninger tilgjengelig for pasienten.</li>
</ul>
<h1>Risikoscenarioer</h1>
<h2>Scenario 1: Ondsinnet programvare på modalitet</h2>
<p>En røntgenmodalitet med utdatert operativsystem blir smittet av løsepengevirus fra en
minnepinne. Tiltak: segmentering, kontroll av flyttbare medier og beredskapsplan for drift
uten utstyret.</p>
<h2>Scenario 2: Uautorisert fjernaksess</h2>
<p>En leverandørkonto med fast passord brukes av uvedkommende. Tiltak: tidsbegrenset aksess,
sterk autentisering og logging.</p>
<h2>Scenario 3: Feil i overført måleverdi fra hjemmet</h2>
<p>En blodsukkermåler i hjemmet sender feil verdier etter et batteribytte. Tiltak: validering
av data, varsling ved avvik og tydelig ansvar for oppfølging.</p>
<h2>Scenario 4: Trygghetsalarm uten strøm</h2>
<p>En trygghetsalarm slutter å virke under et strømbrudd uten at noen får beskjed. Tiltak:
batteridrift, overvåking av tilkobling og rutiner i kommunens beredskapsplan.</p>
<h2>Scenario 5: Pasientens egen app</h2>
<p>Pasienten bruker en app fra produsenten som også sender data til produsentens sky.
Tiltak: avklar dataansvar, og informer pasienten om hvilke opplysninger som deles.</p>
"""

FA59 = {
    "number": 59,
    "slug": "faktaark-59-integritet",
    "title": "Integritet – Korrekt og oppdatert informasjon til rett tid",
    "summary": "Faktaarket skal bidra til økt kunnskap og bevissthet om risiko der manglende "
               "tilgang til korrekt og oppdatert informasjon (brudd på integritet) kan føre til "
               "mangelfull og uforsvarlig helsehjelp, og om tiltak som reduserer risikoen.",
    "audience": "Virksomheter i helse- og omsorgssektoren, særlig de som forvalter "
                "journalsystemer og integrasjoner",
    "topics": ["integritet", "risikostyring"],
}

FA59_TEXT = """
<h1>Hvorfor integritet?</h1>
<p>Helsepersonell må kunne stole på at informasjonen de bruker, er korrekt, fullstendig og
oppdatert. Når informasjon endres utilsiktet, ikke blir oppdatert eller ikke kommer fram i tide,
kan det føre til mangelfull og uforsvarlig helsehjelp.</p>
<h1>Risiko knyttet til kopier av informasjon</h1>
<p>Informasjon formidles mellom mange systemer: journal, kurve, laboratorium, kjernejournal og
e-resept. Hver kopi kan bli en kilde til utdatert informasjon dersom den ikke oppdateres når
originalen endres.</p>
<h2>Eksempler fra sektoren</h2>
<ul>
<li>Legemiddellisten i et kommunalt system er ikke oppdatert etter utskrivning fra sykehus.</li>
<li>En allergi registreres i ett system, men når ikke fram til systemet som brukes ved
forskrivning.</li>
<li>En prøvesvar-melding blir avvist i mottakssystemet uten at noen får varsel.</li>
</ul>
<h1>Tiltak</h1>
<h2>Organisatoriske tiltak</h2>
<ul>
<li>Utpek én kilde som den autoritative for hver type opplysning.</li>
<li>Ha rutiner for avstemming mellom systemer og for håndtering av avviste meldinger.</li>
</ul>
<h2>Tekniske tiltak</h2>
<ul>
<li>Valider data ved mottak, og varsle når en melding ikke kan leses inn.</li>
<li>Vis tydelig hvor gammel en kopi er, og når den sist ble oppdatert.</li>
<li>Logg endringer, slik at det kan spores hvem som endret hva og når.</li>
</ul>
"""

FA59_V11_SUMMARY_HTML = """
<h1>Sammendrag</h1>
<p>Brudd på integritet – at informasjon er feil, ufullstendig eller utdatert – kan føre til
uforsvarlig helsehjelp. Faktaarket viser hvor risikoen oppstår, særlig når informasjon
kopieres mellom systemer, og hvilke organisatoriske og tekniske tiltak som reduserer den.
Kravet om riktige og oppdaterte opplysninger følger også av personvernforordningen artikkel 5
(riktighet).</p>
"""

# (number, title, topics, version, approved, published, text)
FACT_SHEETS = [
    (5, "Fastsette nivå for akseptabel risiko", ["risikostyring"], "2.0",
     date(2020, 11, 25), date(2020, 12, 15), """
<h1>Hva sier Normen?</h1>
<p>Ledelsen skal fastsette kriterier for akseptabel risiko før risikovurderinger
gjennomføres (Normen kapittel 3). Kriteriene gjør det mulig å avgjøre om en risiko må
reduseres, eller om den kan aksepteres.</p>
<h1>Slik gjør dere det</h1>
<ol>
<li>Beskriv hvilke konsekvenser virksomheten ikke kan akseptere, for pasientsikkerhet,
personvern og drift.</li>
<li>Lag en skala for sannsynlighet og konsekvens, med eksempler fra egen virksomhet.</li>
<li>Marker i risikomatrisen hvilke kombinasjoner som er akseptable, og hvilke som krever
tiltak.</li>
<li>Få kriteriene godkjent av øverste leder, og vurder dem på nytt minst hvert år.</li>
</ol>
<h1>Ansvar</h1>
<p>Kriteriene for akseptabel risiko er et ledelsesansvar og kan ikke delegeres til
IT-avdelingen eller leverandøren.</p>
"""),
    (7, "Risikovurdering", ["risikostyring"], "3.0", date(2021, 6, 9), date(2021, 6, 25), """
<h1>Hva sier Normen?</h1>
<p>Virksomheten skal gjennomføre risikovurderinger før nye systemer tas i bruk, ved endringer
og jevnlig ellers (Normen kapittel 3). Resultatet skal sammenholdes med kriteriene for
akseptabel risiko.</p>
<h1>Slik gjør dere det</h1>
<h2>Forberedelse</h2>
<ul>
<li>Avgrens hva som skal vurderes: system, prosess eller endring.</li>
<li>Sett sammen en gruppe med fagfolk, systemeier og personvernombud.</li>
</ul>
<h2>Gjennomføring</h2>
<ul>
<li>Identifiser uønskede hendelser for konfidensialitet, integritet og tilgjengelighet.</li>
<li>Vurder sannsynlighet og konsekvens for hver hendelse.</li>
<li>Foreslå tiltak der risikoen ikke er akseptabel.</li>
</ul>
<h2>Oppfølging</h2>
<p>Tiltakene får en ansvarlig og en frist. Restrisikoen godkjennes av ledelsen.</p>
"""),
    (4, "Kartlegge og klassifisere systemer", ["risikostyring", "teknisk-sikkerhet"], "2.0",
     date(2019, 9, 18), date(2019, 10, 1), """
<h1>Hva sier Normen?</h1>
<p>Virksomheten skal ha oversikt over systemer som behandler helse- og personopplysninger,
og klassifisere opplysningene etter behov for konfidensialitet, integritet og
tilgjengelighet (Normen kapittel 3.3–3.5, 5.2 og 5.3).</p>
<h1>Hva oversikten bør inneholde</h1>
<ul>
<li>systemets navn, formål og systemeier</li>
<li>hvilke opplysninger systemet behandler, og om det er helseopplysninger</li>
<li>leverandør og eventuelt databehandler</li>
<li>integrasjoner med andre systemer</li>
<li>klassifisering og dato for siste risikovurdering</li>
</ul>
<h1>Klassifisering</h1>
<p>Klassifiseringen avgjør hvilke sikkerhetstiltak som kreves. Helseopplysninger har normalt
høyt behov for konfidensialitet, og systemer som brukes i pasientbehandling har høyt behov
for tilgjengelighet og integritet.</p>
"""),
    (36, "Fjernaksess mellom leverandør og virksomhet", ["leverandorer", "teknisk-sikkerhet"],
     "1.1", date(2022, 3, 9), date(2022, 3, 30), """
<h1>Hva sier Normen?</h1>
<p>Fjernaksess for leverandører skal være avtalt, begrenset til det oppdraget krever, og
kontrollert av virksomheten (Normen kapittel 5.7).</p>
<h1>Krav til løsningen</h1>
<ul>
<li>Tilgang åpnes bare for det aktuelle oppdraget og stenges når det er utført.</li>
<li>Sterk autentisering av den enkelte person hos leverandøren, ikke felleskontoer.</li>
<li>All aktivitet logges, og loggen kontrolleres.</li>
<li>Virksomhetens egen fjernaksessløsning brukes der den finnes.</li>
</ul>
<h1>Avtale</h1>
<p>Databehandleravtalen eller serviceavtalen beskriver når og hvordan fjernaksess kan skje,
hvem som godkjenner den, og hvordan taushetsplikten ivaretas.</p>
"""),
    (21, "Sikkerhetskopi", ["teknisk-sikkerhet", "beredskap"], "2.0", date(2020, 6, 3),
     date(2020, 6, 22), """
<h1>Hva sier Normen?</h1>
<p>Virksomheten skal ta sikkerhetskopi av helse- og personopplysninger og kunne gjenopprette
dem innen den tiden virksomheten tåler å være uten (Normen kapittel 5.4).</p>
<h1>Slik gjør dere det</h1>
<ul>
<li>Følg 3-2-1-regelen: tre kopier, på to ulike medier, én utenfor virksomheten.</li>
<li>Hold minst én kopi frakoblet, slik at løsepengevirus ikke når den.</li>
<li>Krypter kopier som lagres utenfor virksomheten.</li>
<li>Test gjenoppretting jevnlig, og dokumenter resultatet.</li>
</ul>
<h1>Ansvar</h1>
<p>Når en leverandør tar sikkerhetskopi, skal avtalen beskrive hyppighet, oppbevaringstid,
gjenopprettingstid og test.</p>
"""),
    (26, "Sikring av trådløs teknologi", ["teknisk-sikkerhet"], "1.0", date(2018, 11, 28),
     date(2018, 12, 10), """
<h1>Hva sier Normen?</h1>
<p>Trådløse nettverk som gir tilgang til helse- og personopplysninger, skal sikres like godt
som kablede nettverk (Normen kapittel 5.5).</p>
<h1>Tiltak</h1>
<ul>
<li>Skill gjestenett, medisinsk utstyr og interne systemer i egne nett.</li>
<li>Bruk WPA3 eller WPA2-Enterprise med individuell autentisering.</li>
<li>Slå av trådløse grensesnitt som ikke brukes, for eksempel Bluetooth på servere.</li>
<li>Kartlegg trådløse tilgangspunkter jevnlig for å finne uautoriserte.</li>
</ul>
"""),
    (34, "Håndtering av lagringsmedia", ["teknisk-sikkerhet"], "1.0", date(2018, 6, 6),
     date(2018, 6, 20), """
<h1>Hva sier Normen?</h1>
<p>Lagringsmedia med helse- og personopplysninger skal beskyttes mot tap og uautorisert
tilgang, og slettes sikkert før gjenbruk eller kassering (Normen kapittel 5.5).</p>
<h1>Tiltak</h1>
<ul>
<li>Krypter bærbare medier og bærbare datamaskiner.</li>
<li>Begrens bruken av minnepinner, og kontroller dem for ondsinnet programvare.</li>
<li>Slett med godkjent metode, eller destruer mediet, og dokumenter det.</li>
<li>Stil krav til sletting i avtaler om service og retur av utstyr.</li>
</ul>
"""),
    (19, "Tiltak for å hindre ondsinnet programvare", ["teknisk-sikkerhet"], "2.1",
     date(2021, 11, 24), date(2021, 12, 8), """
<h1>Hva sier Normen?</h1>
<p>Virksomheten skal beskytte systemer mot ondsinnet programvare og kunne oppdage og
håndtere smitte (Normen kapittel 5.5).</p>
<h1>Grunnleggende tiltak</h1>
<ul>
<li>Hold operativsystem og programvare oppdatert.</li>
<li>Bruk oppdatert beskyttelse mot skadevare på klienter og servere.</li>
<li>Filtrer e-post og nettrafikk, og blokker kjente ondsinnede adresser.</li>
<li>Gi brukerne bare de rettighetene de trenger; ingen daglig bruk av administratorkontoer.</li>
</ul>
<h1>Når uhellet er ute</h1>
<p>Koble smittede maskiner fra nettet, varsle HelseCERT og følg virksomhetens plan for
hendelseshåndtering.</p>
"""),
    (14, "Tilgangsstyring", ["tilgangsstyring"], "3.0", date(2021, 2, 10), date(2021, 3, 1), """
<h1>Hva sier Normen?</h1>
<p>Tilgang til helse- og personopplysninger skal gis etter tjenstlig behov og styres gjennom
hele ansettelsesforholdet (Normen kapittel 5.2).</p>
<h1>Prinsipper</h1>
<ul>
<li>Tjenstlig behov: tilgang bare til opplysninger den enkelte trenger i sitt arbeid.</li>
<li>Minste privilegium: roller med så få rettigheter som mulig.</li>
<li>Sporbarhet: all tilgang til journal logges og kontrolleres.</li>
</ul>
<h1>Rutiner</h1>
<ul>
<li>Tildel, endre og fjern tilganger etter fastsatte rutiner når ansatte begynner, bytter
rolle eller slutter.</li>
<li>Gjennomgå tilgangene jevnlig sammen med lederne.</li>
<li>Ha en egen rutine for nødtilgang («sperret journal», «akutt»), med etterkontroll.</li>
</ul>
"""),
    (47, "Autorisasjonsregister", ["tilgangsstyring"], "1.0", date(2019, 3, 13),
     date(2019, 4, 1), """
<h1>Hva er et autorisasjonsregister?</h1>
<p>Et autorisasjonsregister er virksomhetens oversikt over hvem som har fått tilgang til
hvilke systemer og opplysninger, med hvilke rettigheter, og hvem som har godkjent det.</p>
<h1>Hva registeret bør inneholde</h1>
<ul>
<li>person og stilling</li>
<li>system og rolle</li>
<li>hvem som har godkjent tilgangen, og når</li>
<li>når tilgangen ble endret eller fjernet</li>
</ul>
<h1>Bruk</h1>
<p>Registeret er grunnlaget for jevnlig gjennomgang av tilganger og for kontroll av logger
mot tjenstlig behov.</p>
"""),
    (11, "Nødprosedyrer ved bortfall av IKT", ["beredskap"], "2.0", date(2020, 9, 23),
     date(2020, 10, 12), """
<h1>Hva sier Normen?</h1>
<p>Virksomheten skal ha planer for å yte forsvarlig helsehjelp når IKT-systemer faller bort,
og planene skal øves (Normen kapittel 5.8 og 5.9).</p>
<h1>Hva planene bør dekke</h1>
<ul>
<li>Hvilke systemer som er kritiske, og hvor lenge virksomheten klarer seg uten dem.</li>
<li>Papirbaserte rutiner: skjemaer, utskrifter av legemiddellister og timebøker.</li>
<li>Hvem som varsles, og hvem som beslutter overgang til nødprosedyrer.</li>
<li>Hvordan opplysninger registrert på papir føres inn når systemene er tilbake.</li>
</ul>
<h1>Øvelse</h1>
<p>Øv nødprosedyrene minst én gang i året, og oppdater dem etter hver øvelse og hendelse.</p>
"""),
]
