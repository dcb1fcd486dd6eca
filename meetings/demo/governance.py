"""The steering group of Normen as the seed minutes list it, and the demo logins.

Nasjonalt e-helsestyre (seed 004) is in meetings.demo.ehelse_2021."""

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

# Demo accounts: invented people, so no real representative's name is tied to a login.
DEMO_USERS = [
    # username, person name, body slug, organisation or None, role; each gets a made-up
    # address (meetings.demo.load.demo_email)
    ("sekretariat", "Sara Sekretær", "normen", None, "secretariat"),
    ("medlem", "Martin Medlem", "normen", "Helse Nord RHF", "deputy"),
    ("observator", "Olivia Observatør", "normen", "IKT-Norge", "deputy"),
    # Nasjonalt e-helsestyre's secretariat (Direktoratet for e-helse in seed 004).
    ("ehelse-sekretariat", "Elin Sekretær", "e-helsestyre", None, "secretariat"),
]
