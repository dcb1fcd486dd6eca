"""Importing a body's member list from a spreadsheet: text pasted from Excel (tab-separated),
a CSV file (``;`` or ``,``, UTF-8 with or without BOM, or Windows-1252) or an XLSX file.

Three steps, each a plain function:

- ``parse_text`` / ``parse_upload`` → ``Parsed``: the cells of each row by field, with the
  errors one row shows on its own (an address that is no address, an unknown role, a date
  that is no date, «Til» before «Fra»). No database.
- ``plan(body, rows)`` → ``Plan``: what the import would create and change in ``body``
  (organisations, memberships, people, representations), and the errors that need the
  database (an address registered to someone else, two people of the same name, the same
  row twice). ``Plan.digest`` fingerprints the data the plan was made from, so a confirm
  can be refused when the body's data changed after the preview.
- ``apply(plan, actor)``: one transaction through the same services the hand-edit pages use
  (``membership_add``, ``person_add``, ``representation_add`` …), so the history reasons and
  the events are those of a hand edit. A refusal from any of them rolls everything back.

One row is one person's representation for an organisation; a row with only an
organisation makes (or updates) the organisation's membership. The first row names the
columns, in Norwegian, in any order.
"""

import csv
import datetime
import hashlib
import io
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import Membership, Organisation, Person, Representation
from governance.permissions import can_edit_body
from governance.services import memberships, people
from governance.services.common import day
from normen_portal.access import require

FIELDS = ("organisation", "short_name", "kind", "category", "name", "email", "phone", "role",
          "start", "end")

# Column headers, compared without case, spaces and punctuation («E-post», «epost», «E-mail»).
HEADERS = {
    "organisation": ("virksomhet", "virksomhetsnavn", "organisasjon", "organisasjonsnavn",
                     "medlemsvirksomhet", "foretak", "org"),
    "short_name": ("kortnavn", "forkortelse", "kortform"),
    "kind": ("type", "medlemstype", "medlemskap", "medlemobservatør", "status"),
    "category": ("kategori", "representerer", "representasjon", "kategorirepresenterer"),
    "name": ("navn", "person", "personnavn", "fulltnavn", "representant", "navnpåperson"),
    "email": ("epost", "epostadresse", "email", "mail", "eepost", "mailadresse"),
    "phone": ("telefon", "tlf", "telefonnummer", "mobil", "mobilnummer", "tlfnr", "mobiltelefon"),
    "role": ("rolle", "funksjon", "verv"),
    "start": ("fra", "fradato", "fraogmed", "fom", "start", "startdato", "gyldigfra"),
    "end": ("til", "tildato", "tilogmed", "tom", "slutt", "sluttdato", "gyldigtil"),
}
_HEADER_KEYS = {alias: name for name, aliases in HEADERS.items() for alias in aliases}

ROLES = {
    "medlem": Representation.Role.MEMBER, "representant": Representation.Role.MEMBER,
    "fast representant": Representation.Role.MEMBER, "fast medlem": Representation.Role.MEMBER,
    "vara": Representation.Role.DEPUTY, "varamedlem": Representation.Role.DEPUTY,
    "vararepresentant": Representation.Role.DEPUTY, "varaperson": Representation.Role.DEPUTY,
    "leder": Representation.Role.CHAIR, "leiar": Representation.Role.CHAIR,
    "styreleder": Representation.Role.CHAIR,
    "sekretariat": Representation.Role.SECRETARIAT,
    "sekretariatet": Representation.Role.SECRETARIAT,
    "sekretær": Representation.Role.SECRETARIAT,
}
KINDS = {
    "medlem": Membership.Kind.MEMBER, "m": Membership.Kind.MEMBER,
    "observatør": Membership.Kind.OBSERVER, "observator": Membership.Kind.OBSERVER,
    "observatør (uten stemmerett)": Membership.Kind.OBSERVER,
    "obs": Membership.Kind.OBSERVER, "o": Membership.Kind.OBSERVER,
}
MAX_ROWS = 1000


def _header_key(text):
    return re.sub(r"[^a-z0-9æøå]", "", str(text).casefold())


def _word(text):
    return " ".join(text.casefold().replace(".", "").split())


# -- parsing ------------------------------------------------------------------------------

@dataclass
class Row:
    """One row of the list: its number in the spreadsheet (the header is row 1), the cells
    by field, the values read from them and the row's own errors."""

    line: int
    cells: dict
    organisation: str = ""
    short_name: str = ""
    kind: str = ""
    category: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    role: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    errors: list = field(default_factory=list)

    @property
    def is_organisation_only(self):
        return not self.name


@dataclass
class Parsed:
    rows: list
    columns: list            # the fields the header row named
    errors: list             # about the whole list (no header, nothing in it)
    ignored: list            # headers that name no field

    def cells(self):
        """What a preview keeps to confirm later: the cells, not the values read."""
        return {"columns": self.columns, "rows": [[r.line, r.cells] for r in self.rows],
                "ignored": self.ignored}


def _date(text, label, errors):
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(_("%(label)s-datoen «%(value)s» er ikke en gyldig dato. Skriv den som "
                    "dd.mm.åååå, f.eks. 01.03.2026.") % {"label": label, "value": text})
    return None


def read_row(line, cells):
    """The values of one row, and its own errors (those that need no database)."""
    get = {name: str(cells.get(name, "") or "").strip() for name in FIELDS}
    row = Row(line=line, cells={k: v for k, v in get.items() if v})
    errors = row.errors
    row.organisation, row.short_name = " ".join(get["organisation"].split()), get["short_name"]
    row.category, row.name = get["category"], " ".join(get["name"].split())
    row.phone = get["phone"]
    if get["kind"]:
        row.kind = KINDS.get(_word(get["kind"]), "")
        if not row.kind:
            errors.append(_("Typen «%(value)s» finnes ikke. Bruk medlem eller observatør.") % {
                "value": get["kind"]})
    if get["role"]:
        row.role = ROLES.get(_word(get["role"]), "")
        if not row.role:
            errors.append(_("Rollen «%(value)s» finnes ikke. Bruk medlem, vara, leder eller "
                            "sekretariat.") % {"value": get["role"]})
    elif row.name:
        row.role = Representation.Role.MEMBER
    if get["email"]:
        email = get["email"].removeprefix("mailto:").strip()
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("E-postadressen «%(value)s» er ikke gyldig.") % {
                "value": get["email"]})
        else:
            row.email = email
    row.start = _date(get["start"], _("Fra"), errors)
    row.end = _date(get["end"], _("Til"), errors)
    if row.start and row.end and row.end < row.start:
        errors.append(_("Til-datoen %(end)s er før fra-datoen %(start)s.") % {
            "end": day(row.end), "start": day(row.start)})
    if not row.name and (get["email"] or get["phone"] or get["role"]):
        errors.append(_("Skriv navnet på personen, eller la rolle, e-post og telefon stå tomme "
                        "i en rad som bare gjelder virksomheten."))
    elif row.name and row.role == Representation.Role.SECRETARIAT and row.organisation:
        errors.append(_("Sekretariatet representerer ikke en virksomhet. La «Virksomhet» stå "
                        "tom for sekretariatet."))
    elif row.name and row.role and row.role != Representation.Role.SECRETARIAT \
            and not row.organisation:
        errors.append(_("Skriv virksomheten personen representerer. Bare sekretariatet står "
                        "uten virksomhet."))
    return row


def rows_from_cells(saved):
    """``Parsed`` again from what ``Parsed.cells()`` kept (the confirm step)."""
    rows = [read_row(int(line), cells) for line, cells in saved.get("rows", [])]
    return Parsed(rows=rows, columns=list(saved.get("columns", [])), errors=[],
                  ignored=list(saved.get("ignored", [])))


def _from_table(table):
    """``Parsed`` from a list of rows of cell texts, the first row being the header."""
    table = [[str(c or "").strip() for c in row] for row in table]
    while table and not any(table[0]):
        table.pop(0)
    if not table:
        return Parsed([], [], [_("Lista er tom. Lim inn radene fra regnearket, med "
                                 "overskriftene i første rad.")], [])
    header, body = table[0], table[1:]
    columns, ignored = {}, []
    for index, text in enumerate(header):
        if not text:
            continue
        name = _HEADER_KEYS.get(_header_key(text))
        if name is None or name in columns.values():
            ignored.append(text)
        else:
            columns[index] = name
    if "organisation" not in columns.values() and "name" not in columns.values():
        return Parsed([], [], [_(
            "Fant ikke kolonnene «Virksomhet» og «Navn» i første rad. Første rad skal ha "
            "overskriftene, f.eks. Virksomhet, Kortnavn, Type, Kategori, Navn, E-post, "
            "Telefon, Rolle, Fra, Til.")], ignored)
    rows = []
    for offset, cells in enumerate(body, start=2):
        if not any(cells):
            continue
        values = {name: cells[index] for index, name in columns.items() if index < len(cells)}
        rows.append(read_row(offset, values))
    errors = []
    if not rows:
        errors.append(_("Lista har bare overskrifter. Ta med radene under dem."))
    elif len(rows) > MAX_ROWS:
        errors.append(_("Lista har %(count)s rader; mer enn %(max)s tas ikke inn på en gang.")
                      % {"count": len(rows), "max": MAX_ROWS})
        rows = []
    return Parsed(rows, list(dict.fromkeys(columns.values())), errors, ignored)


def _delimiter(first_line):
    if "\t" in first_line:
        return "\t"
    return ";" if first_line.count(";") >= first_line.count(",") else ","


def parse_text(text):
    """Rows pasted from a spreadsheet (tab-separated) or the text of a CSV file."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    first = next((line for line in text.split("\n") if line.strip()), "")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first))
    return _from_table(list(reader))


def decode(data):
    """The text of a CSV file: UTF-8 (with or without BOM), else Windows-1252, which Excel on
    Norwegian Windows writes for «CSV (semikolonseparert)»."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _xlsx_cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return day(value.date())
    if isinstance(value, datetime.date):
        return day(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_xlsx(data):
    """The first sheet of an XLSX workbook (values, not formulas)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is the same answer
        return Parsed([], [], [_("Excel-filen kunne ikke leses. Lagre den på nytt som .xlsx, "
                                 "eller kopier radene og lim dem inn.")], [])
    try:
        sheet = workbook.worksheets[0]
        table = [[_xlsx_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _from_table(table)


def parse_upload(name, data):
    """A CSV or XLSX file (already through the upload policy)."""
    if name.lower().endswith(".xlsx"):
        return parse_xlsx(data)
    return parse_text(decode(data))


# -- the plan -----------------------------------------------------------------------------

@dataclass
class Item:
    """One line of the preview: what happens, from which rows."""

    lines: list
    text: str

    @property
    def rows_text(self):
        return ", ".join(str(n) for n in self.lines)


@dataclass
class _Org:
    key: str
    name: str
    short_name: str = ""
    organisation: Organisation | None = None
    membership: Membership | None = None
    kind: str = ""
    category: str = ""
    start: datetime.date | None = None
    lines: list = field(default_factory=list)


@dataclass
class _Person:
    key: object
    name: str
    email: str = ""
    phone: str = ""
    person: Person | None = None      # None: a new person
    in_body: bool = False
    lines: list = field(default_factory=list)

    def __post_init__(self):
        self.is_new = self.person is None


@dataclass
class _Rep:
    line: int
    person: _Person
    org: _Org | None
    role: str
    start: datetime.date | None
    end: datetime.date | None
    existing: Representation | None = None


@dataclass
class Plan:
    body: object
    today: datetime.date
    parsed: Parsed
    errors: list = field(default_factory=list)
    digest: str = ""
    new_organisations: list = field(default_factory=list)
    new_memberships: list = field(default_factory=list)
    changed_memberships: list = field(default_factory=list)
    new_people: list = field(default_factory=list)
    changed_people: list = field(default_factory=list)
    new_representations: list = field(default_factory=list)
    changed_representations: list = field(default_factory=list)
    ending_representations: list = field(default_factory=list)
    unchanged_rows: list = field(default_factory=list)
    # What apply() does, in order: (line, callable(actor, state)).
    _orgs: list = field(default_factory=list, repr=False)
    _people: list = field(default_factory=list, repr=False)
    _reps: list = field(default_factory=list, repr=False)
    _membership_updates: list = field(default_factory=list, repr=False)
    _person_updates: list = field(default_factory=list, repr=False)
    _rep_updates: list = field(default_factory=list, repr=False)

    @property
    def has_errors(self):
        return bool(self.errors)

    @property
    def sections(self):
        """(heading, items) of the preview, in the order the import does them."""
        return [(heading, items) for heading, items in (
            (_("Nye virksomheter"), self.new_organisations),
            (_("Nye medlemskap i gruppen"), self.new_memberships),
            (_("Endret type eller kategori"), self.changed_memberships),
            (_("Nye personer"), self.new_people),
            (_("Endret e-post eller telefon"), self.changed_people),
            (_("Nye roller"), self.new_representations),
            (_("Endrede roller"), self.changed_representations),
            (_("Roller som avsluttes"), self.ending_representations),
        )]

    @property
    def change_count(self):
        return sum(len(items) for _heading, items in self.sections)

    @property
    def new_people_with_email(self):
        return [p for p in self._people if p.is_new and p.email]


def _error(plan, line, message):
    plan.errors.append(_("Rad %(line)s: %(message)s") % {"line": line, "message": message})


def _snapshot(body, parsed):
    """The data the plan reads, fetched once: the body's memberships, representations and
    people, and the organisations and people the rows name."""
    names = {r.organisation.casefold() for r in parsed.rows if r.organisation}
    emails = {r.email.casefold() for r in parsed.rows if r.email}
    orgs = list(Organisation.objects.annotate(n=Lower("name"), s=Lower("short_name"))
                .filter(n__in=names) | Organisation.objects.annotate(
                    n=Lower("name"), s=Lower("short_name")).filter(s__in=names))
    body_memberships = list(Membership.objects.filter(body=body).select_related("organisation"))
    reps = list(Representation.objects.filter(body=body).select_related("person",
                                                                          "organisation"))
    by_email = list(Person.objects.annotate(e=Lower("email")).filter(e__in=emails))
    return orgs, body_memberships, reps, by_email


def _digest(today, orgs, body_memberships, reps, by_email):
    people_rows = {(p.pk, p.name, p.email, p.phone) for p in by_email}
    people_rows |= {(r.person.pk, r.person.name, r.person.email, r.person.phone) for r in reps}
    data = {
        "today": today.isoformat(),
        "orgs": sorted((o.pk, o.name, o.short_name) for o in orgs),
        "memberships": sorted((m.pk, m.organisation_id, m.kind, m.represents, str(m.start_date),
                               str(m.end_date)) for m in body_memberships),
        "reps": sorted((r.pk, r.person_id, r.organisation_id or 0, r.role, str(r.start_date),
                        str(r.end_date)) for r in reps),
        "people": sorted(people_rows),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _overlaps(rep, start, end):
    return ((end is None or rep.start_date is None or rep.start_date <= end)
            and (start is None or rep.end_date is None or rep.end_date >= start))


def plan(body, parsed, *, today=None):
    """What importing ``parsed`` into ``body`` would do, and why it cannot, row by row."""
    today = today or timezone.localdate()
    result = Plan(body=body, today=today, parsed=parsed, errors=list(parsed.errors))
    for row in parsed.rows:
        for message in row.errors:
            _error(result, row.line, message)
    orgs, body_memberships, reps, by_email = _snapshot(body, parsed)
    result.digest = _digest(today, orgs, body_memberships, reps, by_email)
    rows = [r for r in parsed.rows if not r.errors]

    membership_of = {m.organisation_id: m for m in body_memberships}
    by_name = {o.name.casefold(): o for o in orgs}
    by_short = {}
    for o in orgs:
        if o.short_name:
            by_short.setdefault(o.short_name.casefold(), []).append(o)
    people_in_body = {}
    for rep in reps:
        people_in_body.setdefault(rep.person.name.casefold(), {})[rep.person.pk] = rep.person
    email_owner = {p.email.casefold(): p for p in by_email}

    found_orgs, found_people = {}, {}
    _plan_organisations(result, rows, found_orgs, by_name, by_short, membership_of)
    seen = {}
    for row in rows:
        if row.is_organisation_only:
            key = ("org", row.organisation.casefold())
            if key in seen:
                _error(result, row.line, _("Virksomheten står også alene i rad %(other)s.") % {
                    "other": seen[key]})
            seen.setdefault(key, row.line)
            continue
        entry = _plan_person(result, row, found_people, people_in_body, email_owner)
        if entry is None:
            continue
        org = found_orgs.get(row.organisation.casefold()) if row.organisation else None
        if row.organisation and org is None:
            continue  # refused with the organisation
        key = ("rep", entry.key, org.key if org else None, row.role)
        if key in seen:
            _error(result, row.line, _("%(person)s står med samme rolle for samme virksomhet i "
                                       "rad %(other)s.") % {"person": row.name,
                                                            "other": seen[key]})
            continue
        seen[key] = row.line
        _plan_representation(result, row, entry, org, reps, today)

    for entry in found_people.values():
        if entry.person is None:
            contact = ", ".join(x for x in (entry.email, entry.phone) if x)
            result.new_people.append(Item(entry.lines, f"{entry.name} ({contact})" if contact
                                          else entry.name))
    if result.errors:
        # With errors nothing is imported: the preview lists the errors, not a half plan.
        for name in ("new_organisations", "new_memberships", "changed_memberships",
                     "new_people", "changed_people", "new_representations",
                     "changed_representations", "ending_representations"):
            getattr(result, name).clear()
    result._people = list(found_people.values())
    result._orgs = list(found_orgs.values())
    return result


def _plan_organisations(result, rows, found, by_name, by_short, membership_of):
    """Each organisation the rows name, once: found or new, its membership found or new,
    and the kind and category the rows give it."""
    for row in rows:
        if not row.organisation:
            continue
        key = row.organisation.casefold()
        org = found.get(key)
        if org is None:
            match = by_name.get(key)
            if match is None and len(by_short.get(key, [])) == 1:
                match = by_short[key][0]
            org = _Org(key=key, name=match.name if match else row.organisation,
                       short_name=row.short_name, organisation=match,
                       membership=membership_of.get(match.pk) if match else None)
            found[key] = org
        org.lines.append(row.line)
        for attr in ("kind", "category"):
            value = getattr(row, attr)
            if value and getattr(org, attr) and getattr(org, attr) != value:
                _error(result, row.line, _("%(org)s står med en annen %(what)s i rad "
                                           "%(other)s.") % {
                    "org": org.name, "what": _("type") if attr == "kind" else _("kategori"),
                    "other": org.lines[0]})
            elif value:
                setattr(org, attr, value)
        if row.short_name and not org.short_name:
            org.short_name = row.short_name
        start = row.start or result.today
        org.start = min(org.start, start) if org.start else start

    for org in found.values():
        membership, line = org.membership, org.lines[0]
        if membership is not None and membership.end_date and membership.end_date < result.today:
            _error(result, line, _("Medlemskapet til %(org)s ble avsluttet %(date)s. Endre det "
                                   "under «Virksomheter» først hvis virksomheten er med igjen.")
                   % {"org": org.name, "date": day(membership.end_date)})
            continue
        kind = org.kind or Membership.Kind.MEMBER
        kind_label = Membership.Kind(kind).label.lower()
        if org.organisation is None:
            short = f" ({org.short_name})" if org.short_name else ""
            result.new_organisations.append(Item(org.lines, f"{org.name}{short}"))
        if membership is None:
            category = f", {org.category}" if org.category else ""
            result.new_memberships.append(Item(org.lines, _(
                "%(org)s som %(kind)s%(category)s fra %(date)s") % {
                "org": org.name, "kind": kind_label, "category": category,
                "date": day(org.start)}))
            continue
        changes, texts = {}, []
        if org.kind and org.kind != membership.kind:
            changes["kind"] = org.kind
            texts.append(_("type %(old)s → %(new)s") % {
                "old": membership.get_kind_display().lower(), "new": kind_label})
        if org.category and org.category != membership.represents:
            changes["represents"] = org.category
            texts.append(_("kategori «%(old)s» → «%(new)s»") % {
                "old": membership.represents or "–", "new": org.category})
        if changes:
            result.changed_memberships.append(Item(org.lines, f"{org.name}: {', '.join(texts)}"))
            result._membership_updates.append((line, membership, changes))


def _plan_person(result, row, found, people_in_body, email_owner):
    """The person a row names: found by e-mail address (with the same name), else the one
    person of that name in the body, else new. Returns the entry, or None (refused)."""
    person = None
    if row.email:
        person = email_owner.get(row.email.casefold())
        if person is not None and person.name.casefold() != row.name.casefold():
            _error(result, row.line, _("E-postadressen «%(email)s» er registrert på %(name)s. "
                                       "Skriv det samme navnet hvis det er samme person.") % {
                "email": row.email, "name": person.name})
            return None
    if person is None:
        same_name = list(people_in_body.get(row.name.casefold(), {}).values())
        if row.email:
            # One of them may have the address already under another spelling of the name;
            # otherwise the address is new for the one person of that name.
            same_name = [p for p in same_name
                         if not p.email or p.email.casefold() != row.email.casefold()]
        if len(same_name) > 1:
            _error(result, row.line, _("Flere personer i gruppen heter %(name)s. Skriv "
                                       "e-postadressen personen er registrert med.") % {
                "name": row.name})
            return None
        if same_name:
            person = same_name[0]
    key = person.pk if person is not None else (
        ("email", row.email.casefold()) if row.email else ("name", row.name.casefold()))
    if person is None and not row.email and ("name", row.name.casefold()) not in found:
        # A new person without an address is the same as a new one of that name with one.
        twin = next((e for e in found.values()
                     if e.person is None and e.name.casefold() == row.name.casefold()), None)
        if twin is not None:
            key = twin.key
    entry = found.get(key)
    if entry is None:
        entry = _Person(key=key, name=person.name if person else row.name,
                        email=row.email, phone=row.phone, person=person,
                        in_body=person is not None and row.name.casefold() in people_in_body
                        and person.pk in people_in_body[row.name.casefold()])
        found[key] = entry
        if person is not None:
            _plan_contact_change(result, row, entry)
    else:
        for attr, label in (("email", _("e-postadresse")), ("phone", _("telefon"))):
            value = getattr(row, attr)
            if value and getattr(entry, attr) and getattr(entry, attr).casefold() != \
                    value.casefold():
                _error(result, row.line, _("%(person)s står med en annen %(what)s i rad "
                                           "%(other)s.") % {"person": row.name, "what": label,
                                                            "other": entry.lines[0]})
                return None
            if value and not getattr(entry, attr):
                setattr(entry, attr, value)
                if entry.person is not None:
                    _plan_contact_change(result, row, entry)
    entry.lines.append(row.line)
    return entry


def _plan_contact_change(result, row, entry):
    person = entry.person
    changes = {}
    if entry.email and entry.email.casefold() != person.email.casefold():
        changes["email"] = entry.email
    if entry.phone and entry.phone != person.phone:
        changes["phone"] = entry.phone
    # One change per person: a later row may add the phone to an address found earlier.
    result._person_updates = [u for u in result._person_updates if u[1].pk != person.pk]
    result.changed_people = [i for i in result.changed_people if i.text.split(":")[0] !=
                             person.name]
    if not changes:
        return
    texts = []
    if "email" in changes:
        texts.append(_("e-post %(old)s → %(new)s") % {"old": person.email or "–",
                                                      "new": changes["email"]})
    if "phone" in changes:
        texts.append(_("telefon %(old)s → %(new)s") % {"old": person.phone or "–",
                                                       "new": changes["phone"]})
    result.changed_people.append(Item([row.line], f"{person.name}: {', '.join(texts)}"))
    result._person_updates.append((row.line, person, changes))


def _rep_text(row, org, role, start, end):
    where = f", {org.name}" if org else ""
    role_label = Representation.Role(role).label.lower()
    period = _("fra %(start)s") % {"start": day(start)} if start else _("uten fra-dato")
    if end:
        period += " " + _("til %(end)s") % {"end": day(end)}
    return f"{row.name} ({role_label}{where}) {period}"


def _plan_representation(result, row, entry, org, reps, today):
    """A new representation, a changed one, or nothing (already registered)."""
    window_start = row.start or (today if row.end is None or row.end >= today else None)
    existing = []
    if entry.person is not None:
        existing = [r for r in reps if r.person_id == entry.person.pk and r.role == row.role
                    and r.organisation_id == (org.organisation.pk if org and org.organisation
                                              else None)
                    and (org is None or org.organisation is not None)
                    and _overlaps(r, window_start, row.end)]
    if not existing:
        start = row.start or today
        if row.end and row.end < start:
            _error(result, row.line, _("Til-datoen %(end)s er før fra-datoen %(start)s. Skriv "
                                       "fra-datoen også.") % {"end": day(row.end),
                                                               "start": day(start)})
            return
        result.new_representations.append(
            Item([row.line], _rep_text(row, org, row.role, start, row.end)))
        result._reps.append(_Rep(row.line, entry, org, row.role, start, row.end))
        return
    rep = sorted(existing, key=lambda r: (not (r.start_date is None or r.start_date <= today),
                                          r.start_date or datetime.date.min))[0]
    changes = {}
    if row.start and row.start != rep.start_date:
        changes["start_date"] = row.start
    if row.end and row.end != rep.end_date:
        changes["end_date"] = row.end
    if not changes:
        result.unchanged_rows.append(row.line)
        return
    start, end = changes.get("start_date", rep.start_date), changes.get("end_date", rep.end_date)
    if start and end and end < start:
        _error(result, row.line, _("Til-datoen %(end)s er før fra-datoen %(start)s.") % {
            "end": day(end), "start": day(start)})
        return
    target = (result.ending_representations if "end_date" in changes
              else result.changed_representations)
    target.append(Item([row.line], _rep_text(row, org, row.role, start, end)))
    result._rep_updates.append((row.line, rep, changes))


# -- applying it --------------------------------------------------------------------------

class ImportRefused(Exception):
    """A service refused a step: nothing of the import is kept. ``errors`` are the preview's
    row errors («Rad 4: …»)."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def _messages(exc):
    if hasattr(exc, "error_dict"):
        return [m for messages in exc.message_dict.values() for m in messages]
    return list(exc.messages)


@dataclass
class Result:
    organisations: int = 0
    memberships: int = 0
    people: int = 0
    representations: int = 0
    changes: int = 0
    invited: list = field(default_factory=list)


@transaction.atomic
def apply(plan, actor, *, invite=False):
    """Import ``plan`` as one change. Raises ``ImportRefused`` (and keeps nothing) if the plan
    has errors or any service refuses a row. With ``invite``, new people with an e-mail
    address get a login invitation (``invitations.invite``), in the same transaction."""
    require(can_edit_body(actor, plan.body))
    if plan.errors:
        raise ImportRefused(plan.errors)
    body, result = plan.body, Result()
    line = None
    try:
        for org in plan._orgs:
            line = org.lines[0]
            if org.membership is None:
                result.organisations += org.organisation is None
                membership = memberships.membership_add(
                    body, actor=actor, kind=org.kind or Membership.Kind.MEMBER,
                    organisation=org.organisation,
                    new_name="" if org.organisation else org.name,
                    new_short_name="" if org.organisation else org.short_name,
                    represents=org.category, start_date=org.start)
                org.membership, org.organisation = membership, membership.organisation
                result.memberships += 1
        for line, membership, changes in plan._membership_updates:  # noqa: B007 - the row, for the error
            memberships.membership_update(membership, actor=actor, **changes)
            result.changes += 1
        for rep in plan._reps:
            line = rep.line
            entry = rep.person
            organisation = rep.org.organisation if rep.org else None
            if entry.person is not None and (entry.in_body or entry.person.representations
                                             .filter(body=body).exists()):
                people.representation_add(body, entry.person, actor=actor,
                                          organisation=organisation, role=rep.role,
                                          start_date=rep.start, end_date=rep.end)
            else:
                # A person registered in another body is found by their address (and
                # name); a new one is made with the row's contact details.
                known = entry.person
                made, created = people.person_add(
                    body, actor=actor, name=known.name if known else entry.name,
                    email=known.email if known else entry.email,
                    phone=known.phone if known else entry.phone, organisation=organisation,
                    role=rep.role, start_date=rep.start, end_date=rep.end)
                if entry.person is None:
                    result.people += created
                entry.person, entry.in_body = made.person, True
            result.representations += 1
        for line, person, changes in plan._person_updates:  # noqa: B007 - the row, for the error
            person.refresh_from_db()
            people.person_update(person, body, actor=actor, name=person.name,
                                 email=changes.get("email", person.email),
                                 phone=changes.get("phone", person.phone), title=person.title)
            result.changes += 1
        for line, rep, changes in plan._rep_updates:  # noqa: B007 - the row, for the error
            rep.refresh_from_db()
            people.representation_update(
                rep, actor=actor, role=rep.role, organisation=rep.organisation,
                start_date=changes.get("start_date", rep.start_date),
                end_date=changes.get("end_date", rep.end_date))
            result.changes += 1
        if invite:
            from governance.services.invitations import invite as send_invitation

            for entry in plan.new_people_with_email:
                line = entry.lines[0]
                entry.person.refresh_from_db()
                if entry.person.user_id is None:
                    send_invitation(entry.person, body, actor=actor)
                    result.invited.append(entry.person)
    except ValidationError as exc:
        raise ImportRefused([_("Rad %(line)s: %(message)s") % {"line": line, "message": m}
                             for m in _messages(exc)]) from exc
    return result
