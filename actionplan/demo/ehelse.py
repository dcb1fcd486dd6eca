"""Seed 004: Vedlegg 3A to case 18/21 of Nasjonalt e-helsestyre (10.06.2021), «Tiltaksoversikt
til Strategi for digital sikkerhet for helse- og omsorgssektoren v0.7», measures 1.1–1.16 and
2.1–2.8: a larger plan, with many responsible organisations to filter by.

Titles are those of the document's own list of measures (4.1 Oversikt over tiltak);
Ansvarlig, Relevant for and Beskrivelse are copied from chapter 2. «Eksisterende tiltak» is
kind existing, plain «Tiltak» new. The seed records no decision in case 18/21, so the plan is
under discussion; existing measures are ongoing and proposed ones planned, which is what
the document says of them.
"""

PLAN = {
    "year": 2021,
    "title": "Tiltaksoversikt til Strategi for digital sikkerhet i helse- og omsorgssektoren",
    "status": "discussion",
    "approved_on": None,
    "approval_note": "",
    "introduction": (
        "Versjon 0.7, lagt fram for Nasjonalt e-helsestyre til tilslutning i sak 18/21 på "
        "møte 3/2021 den 10.06.2021, før leveransen til Helse- og omsorgsdepartementet 18. "
        "juni 2021. Oversikten inkluderer eksisterende, pågående og ønskede tiltak innen "
        "digital sikkerhet i helse- og omsorgssektoren. For hvert tiltak er det pekt på hvem "
        "som er tiltaksansvarlig og hvilke virksomheter tiltaket er relevant for."
    ),
}

AREAS = [
    (1, "Forebyggende digital sikkerhet",
     "Tiltakene skal understøtte et overordnede mål om at norske helsevirksomheter skal "
     "digitalisere på en sikker og tillitsvekkende måte, og har bedre evne egenbeskyttelse "
     "mot uønskede digitale hendelser."),
    (2, "Digital sikkerhet i kritiske samfunnsfunksjoner",
     "Tiltakene skal understøtte det overordnede målet om at den norske helse- og "
     "omsorgssektoren, som er en kritisk samfunnsfunksjon, er understøttet av en robust og "
     "pålitelig digital infrastruktur."),
]

# Organisations named as responsible that sit on no body in the demo: (name, short name).
EXTRA_ORGANISATIONS = [
    ("Helse- og omsorgsdepartementet", "HOD"),
    ("Statens helsetilsyn", "Helsetilsynet"),
]

HOD = ["Helse- og omsorgsdepartementet"]
EHELSE = ["Direktoratet for e-helse"]
NHN = ["Norsk Helsenett"]
RHF = ["Helse Midt-Norge RHF", "Helse Nord RHF", "Helse Sør-Øst RHF", "Helse Vest RHF"]

# (code, kind, title, Ansvarlig as written, responsible organisations, Relevant for,
#  Beskrivelse)
MEASURES = [
    ("1.1", "existing", "Norm for informasjonssikkerhet og personvern i helse- og "
     "omsorgssektoren", "Normens styringsgruppe", [], "Hele sektoren",
     "Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren (Normen) er et "
     "omforent sett av krav til informasjonssikkerhet og personvern basert på lovverket, med "
     "tilhørende veiledningsmateriell. Normen forvaltes av en styringsgruppe sammensatt av "
     "representanter for sektoren, og skal bidra til tilfredsstillende informasjonssikkerhet "
     "og personvern i den enkelte virksomhet og i sektoren generelt. I tillegg skal Normen "
     "bidra til å etablere mekanismer og regler som sikrer at kommuner og samarbeidende "
     "virksomheter i helse- og omsorgssektoren kan ha gjensidig tillit til at behandling av "
     "helse- og personopplysninger gjennomføres på et forsvarlig sikkerhetsnivå."),
    ("1.2", "new", "Stille krav til etterlevelse av Normen", "Helse- og omsorgsdepartementet",
     HOD, "Alle etater og virksomheter underlagt HOD",
     "Alle virksomheter tilknyttet Helsenettet er gjennom medlemskapsavtalen forpliktet til å "
     "følge Normen. For å oppnå tydeligere krav til og økt etterlevelse av Normen bør Helse- "
     "og omsorgsdepartementet stille krav om at alle underliggende etater og virksomheter "
     "skal etterleve kravene i Norm for informasjonssikkerhet og personvern i helse- og "
     "omsorgssektoren (Normen). Dette gjøres gjennom tildelingsbrev og foretaksprotokoller."
     "\n\nHelse- og omsorgsdepartementet bør vurdere å peke på Normen som tilsynsgrunnlag for "
     "Helsetilsynet."),
    ("1.3", "new", "Videreutvikling av og opplæring gjennom Normen", "Direktoratet for e-helse",
     EHELSE, "Hele sektoren",
     "Normens rolle som bransjenorm for sikkerhet og personvern styrkes og tydeliggjøres. "
     "Dette omfatter å være sektorens felles kravsett til informasjonssikkerhet og "
     "personvern, utgi veiledningsmateriell og andre produkter som hjelper sektoren med å "
     "etterleve Normen, samt være en arena for kompetansebygging og erfaringsutveksling "
     "innen Normens temaer. Sekretariatet for Normen i Direktoratet for e-helse har ansvar "
     "for forvaltning av Normen i henhold til styringsgruppen for Normens føringer basert på "
     "sektorens behov."),
    ("1.4", "new", "Stille krav til risikobasert tilnærming",
     "Helse- og omsorgsdepartementet (HOD)", HOD,
     "Alle etater og virksomheter underlagt HOD",
     "Helse- og omsorgsdepartementet stiller krav om og ber om rapportering på at alle "
     "underliggende etater og virksomheter skal etablere en risikobasert tilnærming til "
     "utvikling, drift og forvaltning av digitale løsninger for å unngå tilsiktede og "
     "utilsiktede uønskede hendelser i nettverk og informasjonssystemer. Kravstillingen "
     "gjøres gjennom tildelingsbrev og foretaksprotokoller, og rapportering gjennom "
     "årsrapport og lignende."),
    ("1.5", "existing", "Bistand til sektoren gjennom Digital Beskyttelse i Dybden",
     "Norsk Helsenett ved HelseCERT", NHN, "Store virksomheter",
     "HelseCERT videreutvikler tjenestene innenfor programmet Digital Beskyttelse i Dybden "
     "for å hjelpe virksomheter i sektoren med å forebygge, oppdage og håndtere "
     "sikkerhetstruende hendelser internt i virksomhetenes infrastruktur."),
    ("1.6", "new", "Styrke sentral og regional sikkerhetsmonitorering",
     "Helse- og omsorgsdepartementet", HOD, "RHF-ene og Norsk Helsenett",
     "Helse- og omsorgsdepartementet stiller krav til sikkerhetsmonitorering i de regionale "
     "helseforetakene og Norsk Helsenett som nasjonal tjenesteleverandør, og stiller krav "
     "til RHF-ene om å etablere samarbeid med HelseCERT gjennom programmet Digital "
     "Beskyttelse i Dybden."),
    ("1.7", "new", "Styrket sikkerhetstesting gjennom HelseCERT",
     "Helse- og omsorgsdepartementet", HOD, "Hele sektoren",
     "Helse- og omsorgsdepartementet stiller tydelige krav til at HelseCERT styrker "
     "kapasiteten til å gjennomføre sikkerhetstesting i sektoren."),
    ("1.8", "new", "VDI-samarbeid med nasjonale sikkerhetsmyndigheter",
     "NSM og virksomheter med installerte VDI-sensorer", ["NSM"],
     "Virksomheter med installerte VDI-sensorer",
     "Nasjonalt cybersikkerhetssenter (NCSC) drifter og organiserer et nasjonalt "
     "sensornettverk på internett; Varslingsystem for digital infrastruktur (VDI). Dette "
     "består av sensorer utplassert hos virksomheter som ansees som en del av kritisk "
     "infrastruktur i Norge, og benyttes til å analysere metadata fra nettverkstrafikken for "
     "å avdekke mistenkelig aktivitet. HOD bør iverksette en kartlegging av VDI-sensorenes "
     "dekningsgrad i sektoren opp mot kartleggingen av kritisk infrastruktur (se tiltak "
     "2.2)."),
    ("1.9", "existing", "DNS-tjenester for medlemmer av Helsenett servertjeneste",
     "Norsk Helsenett SF", NHN, "Hele sektoren",
     "Helsenett DNS er en tjeneste som tilbys til og bør benyttes av alle medlemmer av "
     "Helsenettet. DNS-tjenesten benytter sperrelister som kontinuerlig oppdateres for å "
     "blokkere domener som benyttes av angripere."),
    ("1.10", "new", "Etablere felles satsning for sikring av IOT-løsninger", "Avklares", [],
     "Virksomheter som yter helsetjenester",
     "Det bør etableres et felles satsningsområde for å kunne utnytte og sikre "
     "fremskridende teknologi som blant annet IoT-løsninger (medisinsk utstyr, "
     "avstandsoppfølging i hjemmet m.m.) for å sikre morgendagens helsetjeneste. Det antas at "
     "slik ny teknologi vil medføre nye trusler og angrepsvektorer, som krever "
     "tilpasningsdyktighet gjennom adaptive sikkerhetstiltak. Arbeidet bør inkludere "
     "virksomheter fra primærhelsetjenesten, Normen og relevante private aktører som "
     "leverandører av velferdsteknologiløsninger."),
    ("1.11", "new", "Utarbeide felles IKT-sikkerhetskrav til anskaffelser av medisinsk utstyr",
     "Helse- og omsorgsdepartementet", HOD, "Virksomheter som yter helsehjelp",
     "Helse- og omsorgsdepartementet stiller tydelige krav til at det etableres felles "
     "minimumskrav til IKT-sikkerhet i leveranser/anskaffelser av medisinsk utstyr og "
     "tilhørende programvare. Arbeidet med å utlede kravene må involvere sikkerhets- og "
     "anskaffelsesmiljøer fra helseregionene, primærhelsetjenesten og "
     "interesseorganisasjoner."),
    ("1.12", "new", "Stille felles krav til IKT-teknologileverandører i helse- og "
     "omsorgssektoren", "Helse- og omsorgsdepartementet", HOD, "Hele sektoren",
     "Helse- og omsorgsdepartementet gir i oppdrag til anskaffelsesmiljøer i helse- og "
     "omsorgssektoren om å utarbeide felles krav på sikkerhets- og personvernområdet til "
     "leverandører av IKT/teknologi til helse- og omsorgstjenesten. Kravene bør bygge på "
     "relevante omforente kravgrunnlag som Normen og NSMs Grunnprinsipper for "
     "informasjonssikkerhet."),
    ("1.13", "existing", "Direktoratet for e-helse som fagmyndighet for sektoren",
     "Direktoratet for e-helse", EHELSE, "Hele sektoren",
     "Som fagmyndighet har direktoratet et hovedansvar for å tydeliggjøre rammebetingelsene "
     "for informasjonssikkerhet i digitaliseringsarbeidet i sektoren. Direktoratet er "
     "sekretariat for Norm for informasjonssikkerhet og personvern i helse- og "
     "omsorgssektoren, gjennomfører utrednings- og strategioppdrag innen fagområdet for "
     "Helse- og omsorgsdepartementet, og har ansvar for nasjonal e-helsemonitor med noen "
     "aktiviteter innen informasjonssikkerhet. Direktoratet vil utvikle og styrke sin "
     "fagmyndighetsrolle på området ytterligere."),
    ("1.14", "existing", "Årlig rapportering om trusselbildet",
     "Norsk Helsenett SF ved HelseCERT", NHN, "Hele sektoren",
     "Norsk Helsenett utgir en årlig rapport som bygger videre på nasjonale "
     "sikkerhetsmyndigheters trusselrapporter, og summerer opp konkret innsikt fra det "
     "operative sikkerhetsarbeidet i helse- og omsorgssektoren. Rapporten gir anbefalinger "
     "til tiltak."),
    ("1.15", "existing", "Nasjonal e-helsemonitor", "Direktoratet for e-helse", EHELSE,
     "Hele sektoren",
     "Direktoratet for e-helse skal gjennom Nasjonal e-helsemonitor følge med på "
     "IKT-utviklingen i helse- og omsorgssektoren i Norge og etablere et kunnskapsgrunnlag "
     "om bruk og effekter av IKT i sektoren. I 2018 startet Direktoratet et arbeid med å "
     "etablere indikatorer for informasjonssikkerhet i samarbeid med aktører fra helse- og "
     "omsorgssektoren med høy informasjonssikkerhetskompetanse og -erfaring. I 2019 "
     "publiserte direktoratet en undersøkelse av modenhet på informasjonssikkerhet blant "
     "RHF-ene og NHN. Det gjennomføres også innbygger- og helsepersonellundersøkelser som "
     "omfatter sikkerhetsrelaterte spørsmål som tillit til at informasjon er sikker og "
     "tilgjengelig."),
    ("1.16", "new", "Kartlegge sikkerhetstilstand i små virksomheter",
     "Direktoratet for e-helse", EHELSE,
     "Små til middels store virksomheter i helse- og omsorgstjenesten",
     "Gjennomføre en undersøkelse blant små helsevirksomheter (fastleger, tannlegekontorer "
     "o.l.) for å avdekke modenhet og sikkerhetstilstand hos disse. Formålet med "
     "undersøkelsen er å skaffe kunnskapsgrunnlag for å si noe om hvilke behov små "
     "helsevirksomheter har for veiledning, tjenester for å oppnå et akseptabelt risikonivå "
     "og løsninger som kan understøtte de mindre virksomhetenes driftssikkerhet. "
     "Undersøkelsen kan omfatte momenter som styringssystem for informasjonssikkerhet, hvem "
     "utfører sikkerhets- og driftsoppgaver for små helsevirksomheter og vurdering av "
     "risiko."),
    ("2.1", "existing", "Videreutvikling av Helsenettet", "Norsk Helsenett SF", NHN,
     "Alle virksomheter tilknyttet helsenettet",
     "Helsenettet er en lukket og sikker kommunikasjons- og samhandlingsarena for aktørene i "
     "helse- og omsorgssektoren, og en av sektorens viktigste sikkerhetsmekanismer. "
     "Helsenettet bidrar til å ivareta en sikkerhetsarkitektur, en juridisk konstruksjon som "
     "gjør deling og samhandling om helsedata på tvers av aktører mulig innenfor trygge "
     "rammer. Over Helsenettet tilbys også sikkerhetsrelaterte tjenester som HelseID (sikker "
     "autentisering), Filoverføringstjenesten (sikker delingstjeneste) og Meldingsvalidator "
     "(overvåking av meldingsutveksling). Norsk Helsenett SF videreutvikler Helsenettet i "
     "takt med digitaliseringen i sektoren."),
    ("2.2", "existing", "Ferdigstille arbeid knyttet til ny sikkerhetslov",
     "Helse- og omsorgsdepartementet", HOD, "Virksomheter underlagt HOD",
     "Helse- og omsorgsdepartementet ferdigstiller arbeidet med Grunnleggende Nasjonale "
     "Funksjoner, og stiller krav om at alle underliggende etater og virksomheter etablerer "
     "oversikt over kritisk digital infrastruktur som er essensiell for å ivareta "
     "helsetjenesten og nasjonalt beredskapsansvar. Nasjonal Sikkerhetsmyndighets rammeverk "
     "for verdi- og skadevurdering skal ligge til grunn for arbeidet. Dokumentasjonen skal "
     "oppdateres minst en gang per år, og være tilgjengelig for departementet på "
     "forespørsel."),
    ("2.3", "new", "Etablere en oversikt over kritisk infrastruktur i helse- og "
     "omsorgssektoren", "Helse- og omsorgsdepartementet", HOD, "Hele sektoren",
     "I oppfølgingen av arbeidet med Lov om nasjonal sikkerhet (Sikkerhetsloven) og "
     "kartlegging av Grunnleggende Nasjonale Funksjoner må det utarbeides en oversikt over "
     "kritisk infrastruktur i helse- og omsorgssektoren. Oversikten må holdes kontinuerlig "
     "oppdatert, og må inneholde oversikt over verdikjedene for kritisk infrastruktur. HOD "
     "må peke ut hvem som skal ha ansvar for å opprette og vedlikeholde oversikten."),
    ("2.4", "new", "Stille krav til leverandører av kritisk IKT-infrastruktur",
     "Helse- og omsorgsdepartementet", HOD,
     "Helseforvaltningen, RHF og infrastrukturleverandører",
     "Helse- og omsorgsdepartementet stiller krav om at IKT-leverandører som leverer kritisk "
     "infrastruktur skal arbeide systematisk med NSMs grunnprinsipper for IKT-sikkerhet, og "
     "i henhold til Normen. Kravene må dekke infrastruktur som klassifiseres som "
     "Grunnleggende Nasjonale Funksjoner, og kan utvides til også å dekke annen "
     "infrastruktur som er kritisk for å yte helsetjenester."),
    ("2.5", "new", "Videreutvikle høytilgjengelige løsninger for nasjonale e-helsetjenester",
     "Norsk Helsenett SF", NHN, "Alle virksomheter tilknyttet helsenettet",
     "Den nasjonale infrastrukturen levert av Norsk Helsenett er vesentlig for å ivareta "
     "digital informasjonsflyt i alle helseregioner, og på tvers av primær- og "
     "spesialisthelsetjenesten. Høytligjengelige løsninger er en forutsetning for god "
     "nasjonal helseberedskap og evnen til å levere helsetjenester i krise- og "
     "krigssituasjoner. Norsk Helsenett SF videreutvikler kritisk nasjonal "
     "e-helseinfrastruktur som redundante og høytligjengelige løsninger."),
    ("2.6", "new", "Videreutvikle høytilgjengelige løsninger regionalt", "RHF", RHF,
     "Spesialisthelsetjenesten",
     "IKT-driften innenfor regionene er sentralisert og levert av profesjonelle "
     "driftsleverandører. Høytligjengelige løsninger for kritisk IKT-infrastruktur er en "
     "forutsetning for god helseberedskap og evnen til å levere helsetjenester innenfor "
     "regionene i krise og krigssituasjoner. De regionale helseforetakene videreutvikler "
     "kritisk IKT-infrastruktur som redundante og høytligjengelige løsninger."),
    ("2.7", "new", "Etablere samhandlingsarena for kritisk infrastruktur",
     "Norsk Helsenett SF og RHF-ene", NHN + RHF,
     "Norsk Helsenett SF, RHF og deres IKT-leverandører",
     "Høytilgjengelighet i kritiske tjenester er avhengig av at sikkerhet er ivarettatt "
     "gjennom hele verdikjeden fra konsument til produsent av data. Norsk Helsenett SF og "
     "helseregionene etablerer en felles samhandlingsarena for å sikre samarbeid og "
     "gjensidig forståelse av integrasjoner og avhengigheter i de digitale verdikjedene av "
     "kritisk IKT-infrastruktur som bidrar til å ivareta motstandsdyktighet og "
     "høytilgjengelighet i kritiske helseløsninger."),
    ("2.8", "new", "Styrke IKT-tilsyn av kritisk infrastruktur", "Helsetilsynet",
     ["Statens helsetilsyn"], "Norsk Helsenett, RHF og deres IKT-leverandører",
     "Helsetilsynet viderefører og styrker sitt arbeid med IKT-tilsyn i helsetjenesten, og "
     "får et særlig mandat til å føre tilsyn med kritisk IKT-infrastruktur og "
     "sammenhengende digitale verdikjeder."),
]
