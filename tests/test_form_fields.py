"""Every form of the portal draws its fields through the one field template
(partials/form_field.html, Django's field template by the portal's FORM_RENDERER), and every
visible field comes out accessible when it has an error: a label tied to the input (a legend
for a group of radio buttons or check boxes), the error in an element the input's
aria-describedby names, and aria-invalid="true".

The forms are found, not listed: every subclass of ``forms.BaseForm`` defined in the
portal's apps. Their keyword arguments are made from the demo data by name (``KWARGS``)."""

import importlib
import inspect
import pkgutil

import lxml.html
import pytest
from allauth.core import context as allauth_context
from django import forms
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from governance.models import Body, Organisation, Person, Representation

from .factories import person_with_user

APPS = ["normen_portal", "governance", "meetings", "reviews", "documents", "actionplan",
        "rendering", "events"]
ERROR = "Testfeil for skjemafeltet"
CHOICE_GROUPS = ("radioselect", "checkboxselectmultiple")


def project_forms():
    found = {}
    for app in APPS:
        package = importlib.import_module(app)
        for module_info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module_info.name or ".demo" in module_info.name:
                continue
            module = importlib.import_module(module_info.name)
            for obj in vars(module).values():
                if (inspect.isclass(obj) and issubclass(obj, forms.BaseForm)
                        and obj.__module__ == module.__name__):
                    found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return dict(sorted(found.items()))


FORMS = project_forms()


def _kwargs_factories(body):
    from actionplan.models import ActionPlan
    from documents.models import Topic
    from meetings.models import AgendaItem, Attendance, Meeting

    secretariat = person_with_user("skjematest", body=body,
                                   role=Representation.Role.SECRETARIAT)
    meeting = Meeting.objects.filter(body=body).order_by("date").first()
    plan = ActionPlan.objects.filter(body=body).first()
    return {
        "user": lambda: secretariat,
        "body": lambda: body,
        "plan": lambda: plan,
        "meeting": lambda: meeting,
        "cases": lambda: AgendaItem.objects.filter(body=body, kind=AgendaItem.Kind.CASE),
        "organisations": lambda: Organisation.objects.order_by("name")[:3],
        "people": lambda: list(Person.objects.order_by("name")[:3]),
        "deputies": lambda: list(Person.objects.order_by("name")[:2]),
        "row": lambda: Attendance.objects.filter(meeting=meeting).first(),
        "replacing": lambda: Representation.objects.filter(body=body).first(),
        "topics": lambda: list(Topic.objects.all()[:3]),
        "years": lambda: [2025, 2026],
        "bodies": lambda: list(Body.objects.all()),
        "year": lambda: 2026,
        "slug_fixed": lambda: False,
        "next_label": lambda: "1",
        "parents": lambda: (),
        "request": lambda: RequestFactory().post("/"),
    }


# allauth's forms take what they need in **kwargs, so the signature does not say.
ALLAUTH_KWARGS = {
    "normen_portal.accounts.LoginForm": ("request",),
    "normen_portal.totp_codes.ActivateTOTPForm": ("user",),
    "normen_portal.totp_codes.AuthenticateForm": ("user",),
    "normen_portal.totp_codes.ReauthenticateForm": ("user",),
}


def _needed(name, form_class):
    needed = list(ALLAUTH_KWARGS.get(name, ()))
    for klass in form_class.__mro__:
        if "__init__" not in vars(klass):
            continue
        for param in inspect.signature(vars(klass)["__init__"]).parameters.values():
            if param.kind is param.KEYWORD_ONLY and param.default is param.empty:
                needed.append(param.name)
    return dict.fromkeys(needed)


def test_every_form_is_found():
    # A guard on the walk itself: it finds forms in every app that has some.
    apps = {name.split(".")[0] for name in FORMS}
    assert {"normen_portal", "governance", "meetings", "reviews", "documents",
            "actionplan"} <= apps
    assert len(FORMS) > 60


def _describedby(element, document):
    ids = (element.get("aria-describedby") or "").split()
    assert ids, "no aria-describedby"
    for ref in ids:
        assert document.get_element_by_id(ref, None) is not None, f"#{ref} missing"
    return " ".join(document.get_element_by_id(ref).text_content() for ref in ids)


def _check_field(bound):
    html = bound.as_field_group()
    document = lxml.html.fromstring(f"<div>{html}</div>")
    if bound.widget_type in CHOICE_GROUPS:
        fieldset = document.find(".//fieldset")
        assert fieldset is not None and fieldset.find("legend") is not None
        assert fieldset.find("legend").text_content().strip()
        inputs = document.xpath(f".//input[@name='{bound.html_name}']")
        for element in inputs:
            labels = document.xpath(f".//label[@for='{element.get('id')}']")
            assert labels and labels[0].text_content().strip()
    else:
        inputs = [document.get_element_by_id(bound.auto_id)]
        assert inputs[0].tag in ("input", "select", "textarea")
        labels = document.xpath(f".//label[@for='{bound.auto_id}']")
        assert labels and labels[0].text_content().strip(), "no label"
    for element in inputs:
        assert element.get("aria-invalid") == "true"
        assert ERROR in _describedby(element, document)


@pytest.mark.parametrize("name", list(FORMS))
def test_fields_render_through_the_one_template(name, demo):
    form_class = FORMS[name]
    factories = _kwargs_factories(demo)
    kwargs = {key: factories[key]() for key in _needed(name, form_class)}
    request = RequestFactory().post("/")
    request.session = SessionStore()
    with allauth_context.request_context(request):  # allauth's TOTP form reads the session
        form = form_class(data={}, **kwargs)
    form.is_valid()
    for bound in form:
        if not bound.is_hidden and ERROR not in bound.errors:
            form.add_error(bound.name, ERROR)
    visible = [bound for bound in form if not bound.is_hidden]
    for bound in visible:
        try:
            _check_field(bound)
        except AssertionError as error:
            raise AssertionError(f"{name}.{bound.name}: {error}") from error
