"""Moving the governance and review models into their own apps keeps every row.

A database is migrated and filled by the code as it was before the move (the demo in one
database, the benchmark generator's ten years in another), dumped with ``dumpdata``, then
migrated by today's code and dumped again. Both dumps must hold the same rows: the same
primary keys and field values, only the moved models' app label changed. Real processes and
real PostgreSQL databases; nothing is mocked.
"""

import concurrent.futures
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

import psycopg
import pytest
from django.apps import apps
from django.db import connection

from tests.ops.processes import database_url

ROOT = Path(__file__).resolve().parents[2]
# main just before governance/ and reviews/ became apps (issue 12): the schema every
# database in use was migrated to.
BEFORE_MOVE = "c8da7c01e024a6f6f3ceabf2ea81d21c6bfbdf85"

GOVERNANCE = {"body", "organisation", "membership", "person", "representation"}
REVIEWS = {"comment", "commentingperiod", "conflictofinterest", "notificationpreference",
           "notification", "lastvisit", "circulation", "circulationanswer"}
MOVED = {f"meetings.{m}": f"governance.{m}" for m in GOVERNANCE}
MOVED |= {f"meetings.historical{m}": f"governance.historical{m}" for m in GOVERNANCE}
MOVED |= {f"meetings.{m}": f"reviews.{m}" for m in REVIEWS}
MOVED |= {f"meetings.historical{m}": f"reviews.historical{m}"
          for m in REVIEWS - {"notification", "lastvisit"}}


def _old_tree(tmp):
    """The code at BEFORE_MOVE, unpacked from git (a clone always has its history)."""
    archive = subprocess.run(["git", "archive", "--format=tar", BEFORE_MOVE], cwd=ROOT,
                             capture_output=True, check=False)
    if archive.returncode != 0:
        pytest.fail(f"git cannot produce {BEFORE_MOVE}: {archive.stderr.decode()}")
    tree = Path(tmp) / "before"
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    return tree


def _run(tree, url, *args):
    env = {**os.environ, "DATABASE_URL": url,
           "DJANGO_SETTINGS_MODULE": "normen_portal.settings_test",
           "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True,
                          text=True, check=False, timeout=600)
    assert done.returncode == 0, f"{' '.join(args)} in {tree}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _added_after(old):
    """``{model label: {field: default}}`` for the fields that migrations written after
    BEFORE_MOVE add (e.g. a meeting's number): a moved row gains them with their default,
    and nothing else may differ."""
    from django.db.migrations import AddField
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    added = {}
    for (app, name), migration in loader.disk_migrations.items():
        if (old / app / "migrations" / f"{name}.py").exists() or not (ROOT / app).is_dir():
            continue
        for operation in migration.operations:
            if isinstance(operation, AddField):
                field = operation.field
                # (not field.get_default(): a migration's relation names its model as text)
                default = field.default if field.has_default() else None
                default = default() if callable(default) else default
                added.setdefault(f"{app}.{operation.model_name}", {})[operation.name] = default
    return added


def _created_after(old):
    """``{"app.model", …}``: the models that migrations written after BEFORE_MOVE create
    (e.g. the outbox's job and delivery of issue 18). Their content types and permissions
    are new rows after the migration, and nothing else may be."""
    from django.db.migrations import CreateModel
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{operation.name_lower}"
            for (app, name), migration in loader.disk_migrations.items()
            if not (old / app / "migrations" / f"{name}.py").exists() and (ROOT / app).is_dir()
            for operation in migration.operations if isinstance(operation, CreateModel)}


def _new_because_created(key, fields, created):
    model, _pk = key
    if model in created:
        return True
    if model == "contenttypes.contenttype":
        return f"{fields['app_label']}.{fields['model']}" in created
    if model == "auth.permission":
        return any(fields["codename"].endswith(f"_{label.split('.')[1]}") for label in created)
    return False


def _rows(dump, rename=None):
    rows = {}
    for row in json.loads(dump):
        model = (rename or {}).get(row["model"], row["model"])
        # A many-to-many field is a set: dumpdata lists it in no particular order.
        many = {f.name for f in apps.get_model(model)._meta.many_to_many}
        fields = {name: sorted(value) if name in many else value
                  for name, value in row["fields"].items()}
        if model == "contenttypes.contenttype":
            label = f"{fields['app_label']}.{fields['model']}"
            fields = {**fields, "app_label": (rename or {}).get(label, label).split(".")[0]}
        rows[(model, json.dumps(row["pk"]))] = fields
    return rows


def _migrate_across(old, new, name, fill):
    settings_dict = connection.settings_dict
    admin = database_url(settings_dict, name="postgres")
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    url = database_url(settings_dict, name=name)
    try:
        _run(old, url, "manage.py", "migrate", "--noinput")
        _run(old, url, *fill)
        dump = ["manage.py", "dumpdata", "--indent", "0", "--exclude", "sessions"]
        before = _run(old, url, *dump)
        migrated = _run(new, url, "manage.py", "migrate", "--noinput")
        after = _run(new, url, *dump)
        return before, after, migrated
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db
def test_a_database_filled_before_the_move_keeps_every_row():
    fills = {
        "demo": ["manage.py", "load_demo"],
        "bench": ["bench/generate.py", "--scale", "0.2", "--comments", "300"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        old = _old_tree(tmp)
        added = _added_after(old)
        created = _created_after(old)
        with concurrent.futures.ThreadPoolExecutor(len(fills)) as pool:
            futures = {kind: pool.submit(_migrate_across, old, ROOT,
                                         f"{connection.settings_dict['NAME']}_move_{kind}",
                                         fill)
                       for kind, fill in fills.items()}
            results = {kind: f.result() for kind, f in futures.items()}

    assert added.get("meetings.meeting") == {"number": None}  # the meeting number of issue 13
    for kind, (before, after, migrated) in results.items():
        assert "governance.0001_initial" in migrated and "reviews.0001_initial" in migrated
        old_rows, new_rows = _rows(before, MOVED), _rows(after)
        assert len(old_rows) > 500, kind  # the fill really wrote something
        for label in ("governance.body", "governance.representation", "reviews.comment",
                      "reviews.circulation" if kind == "demo" else "reviews.comment"):
            assert any(model == label for model, _ in new_rows), (kind, label)
        missing = old_rows.keys() - new_rows.keys()
        extra = {key for key in new_rows.keys() - old_rows.keys()
                 if not _new_because_created(key, new_rows[key], created)}
        # A row keeps every value it had; fields added later hold their defaults.
        changed = [key for key in old_rows.keys() & new_rows.keys()
                   if new_rows[key] != {**old_rows[key], **added.get(key[0], {})}]
        assert not missing, (kind, sorted(missing)[:10])
        assert not extra, (kind, sorted(extra)[:10])
        assert not changed, (kind, changed[:10], [old_rows[k] for k in changed[:3]],
                             [new_rows[k] for k in changed[:3]])
