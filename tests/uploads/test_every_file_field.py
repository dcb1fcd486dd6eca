"""Every way a file gets into the portal goes through the one upload policy: each model
FileField carries its validator (except the exemptions the policy itself lists, with a
reason), each form file field in the project's forms modules is the policy's UploadField,
and no project code builds a bare forms.FileField that could slip past it."""

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from normen_portal import uploads

from . import files

ROOT = Path(settings.BASE_DIR).resolve()


def project_apps():
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(ROOT) and ".venv" not in path.parts:
            yield config


def model_file_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):  # ImageField included
                yield f"{model._meta.label}.{field.name}", model, field


def test_every_model_file_field_carries_the_policy_validator():
    checked, missing = [], []
    for label, _model, field in model_file_fields():
        if label in uploads.EXEMPT_FILE_FIELDS:
            continue
        checked.append(label)
        if not any(isinstance(v, uploads.UploadValidator) for v in field.validators):
            missing.append(label)
    assert missing == [], f"FileFields without UploadValidator: {missing}"
    assert set(checked) >= {"meetings.Attachment.file", "documents.Annex.file",
                            "documents.DocumentVersion.source_docx",
                            "documents.DocumentVersion.source_pdf"}


def test_the_exemptions_are_real_fields_with_a_reason():
    fields = {label for label, _model, _field in model_file_fields()}
    for label, reason in uploads.EXEMPT_FILE_FIELDS.items():
        assert label in fields, f"stale exemption {label}"
        assert len(reason) > 20


SAMPLES = {"pdf": ("Referat.pdf", files.pdf_bytes), "docx": ("Notat.docx", files.docx_bytes)}


@pytest.mark.parametrize("label", [
    label for label, _m, _f in model_file_fields() if label not in uploads.EXEMPT_FILE_FIELDS])
def test_each_model_file_field_refuses_a_hostile_file_and_takes_a_good_one(label):
    model, field_name = label.rsplit(".", 1)
    model = apps.get_model(model)
    field = model._meta.get_field(field_name)
    [validator] = [v for v in field.validators if isinstance(v, uploads.UploadValidator)]
    profile = uploads.PROFILES[validator.profile]

    hostile = model()
    setattr(hostile, field.attname, SimpleUploadedFile("Referat.pdf", files.EXE))
    with pytest.raises(ValidationError):
        field.run_validators(getattr(hostile, field.attname))

    kind = next(k for k in ("pdf", "docx") if k in profile.kinds)
    name, build = SAMPLES[kind]
    good = model()
    setattr(good, field.attname, SimpleUploadedFile(name, build()))
    field.run_validators(getattr(good, field.attname))


def test_a_stored_file_is_not_read_again_on_save():
    # Files already in storage reached it through the policy; re-reading them on every
    # full_clean would be slow and would lock old rows when the policy is tightened.
    from meetings.models import Attachment

    field = Attachment._meta.get_field("file")
    row = Attachment(file="vedlegg/1/gammel.exe")
    field.run_validators(row.file)


def forms_modules():
    """The project's forms modules: ``forms.py``, ``forms_*.py`` and ``forms/`` packages."""
    for config in project_apps():
        base = Path(config.path)
        for path in sorted(base.rglob("*.py")):
            rel = path.relative_to(base)
            if {"migrations", "tests"} & set(rel.parts):
                continue
            if rel.stem.startswith("forms") or "forms" in rel.parts[:-1]:
                dotted = ".".join((config.name, *rel.with_suffix("").parts))
                yield importlib.import_module(dotted.removesuffix(".__init__"))


def form_classes():
    for module in forms_modules():
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_form_file_field_is_the_policy_field():
    found, bare = [], []
    for cls in form_classes():
        for name, field in cls.base_fields.items():
            if not isinstance(field, forms.FileField):
                continue
            label = f"{cls.__module__}.{cls.__qualname__}.{name}"
            found.append(label)
            if isinstance(field, uploads.UploadField):
                continue
            # A ModelForm's field for a model FileField is checked by the model validator.
            model = getattr(getattr(cls, "_meta", None), "model", None)
            model_field = model and next(
                (f for f in model._meta.fields if f.name == name), None)
            if model_field is None or not any(
                    isinstance(v, uploads.UploadValidator) for v in model_field.validators):
                bare.append(label)
    assert bare == [], f"form file fields outside the upload policy: {bare}"
    assert {"meetings.forms.agenda.AttachmentForm.file", "documents.forms.AnnexForm.file",
            "documents.forms.UploadForm.docx", "documents.forms.UploadForm.pdf"} <= set(found)


def test_no_project_code_builds_a_bare_form_file_field():
    """Also fields added in ``__init__``, which class introspection cannot see."""
    offenders = []
    for config in project_apps():
        for path in Path(config.path).rglob("*.py"):
            if "migrations" in path.parts or path.name == "uploads.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr in ("FileField", "ImageField")
                        and isinstance(node.func.value, ast.Name)
                        and node.func.value.id == "forms"):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == [], f"use normen_portal.uploads.UploadField: {offenders}"


def test_the_word_import_uses_the_same_policy():
    """The import's package check is the policy plus what the converter needs: a file the
    policy refuses is refused by the import with the policy's reason."""
    from documents.converters.docx_import import DocxRejected, check_package, convert

    for data, reason in [(files.dde_docx(), "DDEAUTO"),
                         (files.follina_docx(), "OLE-objekter"),
                         (files.remote_template_docx(), "andre steder")]:
        with pytest.raises(ValidationError) as policy:
            uploads.check_upload(data, "document_docx", name="x.docx")
        with pytest.raises(DocxRejected) as imported:
            check_package(data)
        assert reason in policy.value.messages[0] and reason in str(imported.value)
    assert "Les mer" in convert(files.hyperlink_docx("https://lovdata.no/")).text.plain
