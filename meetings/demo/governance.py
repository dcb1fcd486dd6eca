"""The steering group of Normen and Nasjonalt e-helsestyre as the seed minutes list them."""

from datetime import date

# (organisation, short name, kind, represents, [(person, role, start, end), ...])
# Periods: the 27.09.2023 minutes show the 2023 representatives, the 10.06.2024 minutes the
# 2024 ones; where a seat changed hands the change is dated to the turn of the year.
Y23_END = date(2023, 12, 31)
Y24 = date(2024, 1, 1)

NORMEN_MEMBERS = [
    ("Apotekforeningen", "Apotekforeningen", "", [("Kenneth Bjørnstad", "member", None, None)]),
    ("Den norske legeforening", "Legeforeningen", "", [("Petter Hurlen", "member", None, None)]),
    ("Den norske tannlegeforening", "Tannlegeforeningen", "", []),
    ("Den offentlige tannhelsetjenesten", "DOT", "",
     [("Steinar Løgith Aase", "member", None, None)]),
    ("Norsk farmaceutisk forening", "Farmaceutisk forening", "",
     [("Hanne Sandberg", "member", None, Y23_END),
      ("Camilla Hansen Steinum", "member", Y24, None)]),
    ("Norsk fysioterapeutforbund", "Fysioterapeutforbundet", "",
     [("Henrietta Richter", "member", None, None)]),
    ("Norsk psykologforening", "Psykologforeningen", "",
     [("Julius Okkenhaug", "member", Y24, None)]),
    ("Norsk sykepleierforbund", "Sykepleierforbundet", "",
     [("Bente Christiansen", "member", None, None), ("Jo Cranner", "deputy", None, None)]),
    ("KS", "KS", "", [("Arne Ingebrigtsen", "chair", None, None),
                      ("Suhail Mushtaq", "member", Y24, None)]),
    ("KiNS", "KiNS", "", [("Harald Torbjørnsen", "member", None, None)]),
    ("Helse Midt-Norge RHF", "Helse Midt", "",
     [("Stein Gilde", "member", None, Y23_END), ("Laila Eikeset", "member", Y24, None)]),
    ("Helse Nord RHF", "Helse Nord", "", [("Ida-Kristin Martinussen", "member", None, None)]),
    ("Helse Sør-Øst RHF", "HSØ", "", [("Jon Berger Holden", "member", None, None)]),
    ("Helse Vest RHF", "Helse Vest", "",
     [("Lars Erik Baugstø-Hartvigsen", "member", None, None)]),
    ("Fürst", "Fürst", "Private helsevirksomheter",
     [("Christian Cato Bülow-Larsen", "member", None, None)]),
    ("Folkehelseinstituttet", "FHI", "", []),
    ("Direktoratet for e-helse", "E-helse", "", [("Kåre Ljungmann", "member", None, None)]),
    ("Helsedirektoratet", "Hdir", "", [("Caroline Ringstad Schultz", "member", None, None)]),
    ("Norsk Helsenett", "NHN", "", [("Marit Larsen Haar", "member", None, None)]),
]

NORMEN_OBSERVERS = [
    ("Digitaliseringsdirektoratet", "Dig.dir", "",
     [("Siri Beisvåg Rom", "member", None, Y23_END),
      ("Katrine Aam Svendsen", "member", Y24, None)]),
    ("FFO – funksjonshemmedes fellesorganisasjon", "FFO", "Pasientorganisasjoner",
     [("Arnfinn Aarnes", "member", None, None)]),
    ("IKT-Norge", "IKT-Norge", "Leverandørorganisasjoner",
     [("Amund Lundgård", "member", None, None)]),
    ("Melanor", "Melanor", "Leverandørorganisasjoner",
     [("Mats Skretting", "member", None, None)]),
    ("NAV", "NAV", "", []),
    ("NSM", "NSM", "", []),
    ("WSO", "WSO", "Pasientorganisasjoner", []),
    ("Senior Norge", "Senior Norge", "Pasientorganisasjoner",
     [("Rune Andersen", "member", None, None)]),
]

# Seed 004: Nasjonalt e-helsestyre, møte 3/2021.
EHELSE_MEMBERS = [
    ("Helse Vest RHF", "Inger Cathrine Bryne"),
    ("Alta kommune", "Bjørn-Atle Hansen"),
    ("Helse Midt-Norge RHF", "Stig Slørdahl"),
    ("Bergen kommune", "Kjell Wolff"),
    ("Helse Nord RHF", "Cecilie Daae"),
    ("FFO – funksjonshemmedes fellesorganisasjon", "Lilly Ann Elvestad"),
    ("Helse Sør-Øst RHF", "Jan Frich"),
    ("Nasjonalforeningen for folkehelsen", "Mina Gerhardsen"),
    ("Direktoratet for e-helse", "Karl Vestli"),
    ("Den norske legeforening", "Ivar Halvorsen"),
    ("Helsedirektoratet", "Jan Arild Lyngstad"),
    ("Digitaliseringsdirektoratet", "Steffen Sutorius"),
    ("Folkehelseinstituttet", "Gun Peggy Knudsen"),
    ("KS", "Kristin W. Wieland"),
    ("Norsk sykepleierforbund", "Lill Sverresdatter Larsen"),
    ("Oslo kommune", "Svein Lyngroth"),
    ("Kristiansand kommune", "Camilla Dunsæd"),
]
EHELSE_OBSERVERS = [("Norsk Helsenett", "Johan Ronæs")]

# Demo accounts: invented people, so no real representative's name is tied to a login.
DEMO_USERS = [
    # username, person name, e-mail, body slug, organisation or None, role
    ("sekretariat", "Sara Sekretær", "sekretariat@normen.example", "normen", None,
     "secretariat"),
    ("medlem", "Martin Medlem", "medlem@normen.example", "normen", "Helse Nord RHF", "deputy"),
    ("observator", "Olivia Observatør", "observator@normen.example", "normen", "IKT-Norge",
     "deputy"),
]
