"""One edit conflict everywhere (issue 12): two people open the same form over HTTP, the first
saves, and the second's save is refused with the one message, their own text still in the
form and nothing overwritten. And there is only one conflict exception to catch."""

import ast
import datetime
import importlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actionplan.models import FocusArea, Strategy
from actionplan.services import measures as measure_services
from actionplan.services import plans as plan_services
from documents.models import Document, DocumentVersion
from governance.models import Representation
from meetings.models import AgendaItem, Attendance, CaseType, Meeting
from normen_portal.concurrency import EditConflict, check_unchanged
from reviews.models import Comment
from reviews.services import comments as comment_services

from .factories import AgendaItemFactory, MeetingFactory, person_with_user
from .meetings.agenda.conftest import add_case
from .meetings.agenda.conftest import make_meeting as make_planned_meeting
from .meetings.minutes.conftest import make_meeting as make_held_meeting

pytestmark = pytest.mark.django_db

MESSAGE = str(EditConflict.default_message)


# -- reading a form off a page, as a browser would post it ----------------------------------

class _Forms(HTMLParser):
    """The page's forms: for each, its attributes and the values a browser would post (no
    buttons, no files; checked boxes and radios only; a select's chosen options, or its
    first)."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._textarea, self._select = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"attrs": attrs, "fields": {}}
            self.forms.append(self._form)
        if self._form is None or "name" not in attrs and tag != "option":
            return
        fields = self._form["fields"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "reset", "image"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                fields.setdefault(attrs["name"], [])
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            fields.setdefault(attrs["name"], []).append(attrs.get("value") or default)
        elif tag == "textarea":
            self._textarea = attrs["name"]
            fields[self._textarea] = [""]
        elif tag == "select":
            self._select = {"name": attrs["name"], "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._form["fields"][self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"] or [self._select["first"] or ""]
            self._form["fields"][self._select["name"]] = chosen
            self._select = None


def form_on(response, field):
    """The posted values of the form on ``response``'s page that has ``field``."""
    assert response.status_code == 200, response.status_code
    parser = _Forms()
    parser.feed(response.content.decode())
    for form in parser.forms:
        if field in form["fields"]:
            # A textarea's first newline belongs to the markup, not the value.
            return {name: [v[1:] if v.startswith("\n") else v for v in values]
                    for name, values in form["fields"].items()}
    raise AssertionError(f"no form with {field!r} on the page")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def refused(response, typed):
    """The second save: not saved, the one message on the page, the typed text kept."""
    html = response.content.decode()
    assert response.status_code in {200, 400, 409}, response.status_code
    assert MESSAGE in html
    assert typed in html
    return html


@pytest.fixture
def secretariat(users):
    return users["secretariat"]


@pytest.fixture
def colleague(body):
    """A second person in the body's secretariat: the other one saving at the same time."""
    return person_with_user("sekretariat2", body=body, role=Representation.Role.SECRETARIAT,
                            name="Per Sekretær")


# -- the six forms ---------------------------------------------------------------------------

def test_agenda_item(body, secretariat, colleague):
    meeting = make_planned_meeting(body, secretariat)
    item = add_case(meeting, secretariat, "Sekretariatet orienterer",
                    start_time=datetime.time(10, 15))
    url = reverse("meetings:item_edit", args=[meeting.pk, item.pk])
    sara, per = logged_in(secretariat), logged_in(colleague)
    hers, his = form_on(sara.get(url), "version"), form_on(per.get(url), "version")

    first = sara.post(url, {**hers, "purpose": ["- Status handlingsplan 2024"]})
    assert first.status_code == 302
    second = per.post(url, {**his, "purpose": ["- Normkonferansen 2025"]})

    refused(second, "- Normkonferansen 2025")
    item.refresh_from_db()
    assert item.purpose == "<ul><li>Status handlingsplan 2024</li></ul>"
    assert item.version == 2


def test_minutes_of_a_case(body, secretariat, colleague):
    meeting = make_held_meeting(body)
    case = meeting.items.filter(kind=AgendaItem.Kind.CASE).order_by("position").first()
    page = reverse("meetings:minutes", args=[meeting.pk])
    save = reverse("meetings:minutes_case_save", args=[meeting.pk, case.pk])
    sara, per = logged_in(secretariat), logged_in(colleague)
    field = f"sak{case.pk}-discussion"
    hers, his = form_on(sara.get(page), field), form_on(per.get(page), field)

    first = sara.post(save, {**hers, field: ["Helse Nord takker for oppdateringen."],
                             "action": "save"})
    assert first.status_code == 302
    second = per.post(save, {**his, field: ["Helse Vest ber om en ny runde."],
                             "action": "save"})

    html = refused(second, "Helse Vest ber om en ny runde.</textarea>")
    assert "Helse Nord takker for oppdateringen." in html  # what is saved, beside it
    case.refresh_from_db()
    assert case.discussion == "<p>Helse Nord takker for oppdateringen.</p>"


def test_attendance_row(body, users, secretariat, colleague):
    meeting = make_held_meeting(body)
    page = reverse("meetings:attendance", args=[meeting.pk])
    sara, per = logged_in(secretariat), logged_in(colleague)
    sara_page = sara.get(page)  # the first look fills the register from the seats
    row = meeting.attendances.get(person__user=users["member"])
    prefix = f"a{row.pk}-"
    hers = form_on(sara_page, f"{prefix}status")
    his = form_on(per.get(page), f"{prefix}status")
    own = lambda form: {k: v for k, v in form.items()  # noqa: E731
                        if k.startswith(prefix) or k == "csrfmiddlewaretoken"}

    first = sara.post(page, {**own(hers), f"{prefix}status": ["present"],
                             "save_row": [str(row.pk)]})
    assert first.status_code == 302
    second = per.post(page, {**own(his), f"{prefix}status": ["absent"],
                             f"{prefix}note": ["Meldte forfall på telefon"],
                             "save_row": [str(row.pk)]})

    refused(second, "Meldte forfall på telefon")
    row.refresh_from_db()
    assert row.status == Attendance.Status.PRESENT and row.note == ""


def _commented_case(body):
    now = timezone.now()
    meeting = MeetingFactory(
        body=body, date=timezone.localdate() + datetime.timedelta(days=14), place="Skøyen",
        status=Meeting.Status.NOTICE_SENT, notice_sent_at=now - datetime.timedelta(days=1),
        comment_deadline=now + datetime.timedelta(days=7))
    return AgendaItemFactory(meeting=meeting, number=16, year=meeting.date.year,
                             case_type=CaseType.DECISION, title="Godkjenning av Faktaark 59",
                             purpose="<p>Faktaarket gir råd.</p>")


def test_comment_answer(body, users, secretariat, colleague):
    case = _commented_case(body)
    comment = comment_services.comment_create(
        actor=users["member"], target=case, context=Comment.Context.COVER_NOTE,
        source="Helse Nord støtter forslaget.")
    url = reverse("reviews:comment_answer", args=[comment.pk])
    sara, per = logged_in(secretariat), logged_in(colleague)
    hers = form_on(sara.get(url, follow=True), "reply")
    his = form_on(per.get(url, follow=True), "reply")

    first = sara.post(url, {**hers, "status": ["answered"], "reply": ["Takk, vi tar det med."]})
    assert first.status_code == 302
    second = per.post(url, {**his, "status": ["answered"], "reply": ["Vi ser på dette."]})

    refused(second, "Vi ser på dette.")
    comment.refresh_from_db()
    assert comment.reply == "Takk, vi tar det med." and comment.version == 2


def test_comment_edited_in_two_tabs(body, users):
    case = _commented_case(body)
    comment = comment_services.comment_create(
        actor=users["member"], target=case, context=Comment.Context.COVER_NOTE,
        source="Første utkast.")
    url = reverse("reviews:comment_edit", args=[comment.pk])
    tab1, tab2 = logged_in(users["member"]), logged_in(users["member"])
    one = form_on(tab1.get(url, follow=True), "source")
    two = form_on(tab2.get(url, follow=True), "source")
    assert one["source"] == ["Første utkast."]

    assert tab1.post(url, {**one, "source": ["Skrevet i den ene fanen."]}).status_code == 302
    second = tab2.post(url, {**two, "source": ["Skrevet i den andre fanen."]})

    refused(second, "Skrevet i den andre fanen.")
    comment.refresh_from_db()
    assert comment.text == "<p>Skrevet i den ene fanen.</p>"


def test_action_plan_measure(body, secretariat, colleague):
    strategy = Strategy.objects.create(body=body, title="Normens strategi 2026–2028",
                                       start_year=2026, end_year=2028)
    FocusArea.objects.create(strategy=strategy, number=1, title="Bransjenormen")
    plan = plan_services.plan_create(body=body, year=2027, actor=None, strategy=strategy)
    measure = measure_services.measure_create(plan, actor=None, title="Oppdatere faktaark",
                                              area=plan.areas.get(number=1))
    url = f"/handlingsplan/tiltak/{measure.pk}/rediger/"
    sara, per = logged_in(secretariat), logged_in(colleague)
    hers, his = form_on(sara.get(url), "version"), form_on(per.get(url), "version")

    first = sara.post(url, {**hers, "description": ["Faktaark 59 og 60 oppdateres."]})
    assert first.status_code == 302
    second = per.post(url, {**his, "description": ["Alle faktaark gjennomgås i 2027."]})

    html = refused(second, "Alle faktaark gjennomgås i 2027.")
    assert "Faktaark 59 og 60 oppdateres." in html  # the saved version, beside the form
    measure.refresh_from_db()
    assert measure.description == "Faktaark 59 og 60 oppdateres." and measure.version == 2


def test_document_draft(body, secretariat, colleague):
    document = Document.objects.create(body=body, kind=Document.Kind.FACT_SHEET, number=59,
                                       slug="faktaark-59", title="Integritet")
    draft = DocumentVersion.objects.create(document=document, number="1.0", major=1, minor=0,
                                           text_html="<p>Utkastet.</p>",
                                           text_plain="Utkastet.")
    url = f"/dokumenter/arbeid/versjon/{draft.pk}/tekst/"
    sara, per = logged_in(secretariat), logged_in(colleague)
    hers = form_on(sara.get(url), "expected_version")
    his = form_on(per.get(url), "expected_version")

    first = sara.post(url, {**hers, "text_html": ["<p>Kari lagret først.</p>"]})
    assert first.status_code == 302
    second = per.post(url, {**his, "text_html": ["<p>Ola sin tekst.</p>"],
                            "change_log": ["Olas endringslogg"]})

    refused(second, "Olas endringslogg")
    assert "Ola sin tekst." in second.content.decode()
    draft.refresh_from_db()
    assert "Kari lagret først." in draft.text_html and "Ola" not in draft.text_html


# -- one exception, one check ----------------------------------------------------------------

SERVICES = [
    "meetings.services.agenda", "meetings.services.minutes", "meetings.services.attendance",
    "meetings.history", "reviews.services.comments", "reviews.services.circulation",
    "actionplan.services", "actionplan.services.measures", "actionplan.services.plans",
    "documents.services", "documents.services.documents", "documents.services.versions",
    "documents.services.consultations",
]


@pytest.mark.parametrize("name", SERVICES)
def test_the_services_have_no_conflict_of_their_own(name):
    module = importlib.import_module(name)
    for attr, value in vars(module).items():
        if isinstance(value, type) and issubclass(value, Exception) and "Conflict" in attr:
            assert value is EditConflict, f"{name}.{attr}"


def test_only_one_conflict_exception_is_defined_in_the_project():
    root = Path(settings.BASE_DIR)
    defined = []
    tops = [top for top in root.iterdir() if top.is_dir() and (top / "__init__.py").exists()
            and top.name != "tests"]
    for path in (path for top in tops for path in top.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith(("Conflict",
                                                                       "ConflictError")):
                defined.append(f"{path.relative_to(root)}:{node.name}")
    assert defined == ["normen_portal/concurrency.py:EditConflict"]


def test_check_unchanged_compares_what_the_form_carried():
    class Row:
        version = 3

    check_unchanged(Row, 3)
    check_unchanged(Row, " 3")  # as a form posts it
    check_unchanged(Row, None)  # no form: nothing to compare
    for stale in (2, "2", "abc", ""):
        with pytest.raises(EditConflict) as err:
            check_unchanged(Row, stale)
        assert err.value.current is Row and str(err.value) == MESSAGE
    with pytest.raises(EditConflict):
        check_unchanged(Row, None, required=True)
    with pytest.raises(EditConflict, match="Egne ord"):
        check_unchanged(Row, "x", now="y", message="Egne ord.")
