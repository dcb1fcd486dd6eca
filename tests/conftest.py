"""Shared fixtures: a body with one user in each role, and the demo data."""

import contextlib
import copy
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from governance.models import Membership, Representation

from .factories import BodyFactory, OrganisationFactory, UserFactory, person_with_user


@pytest.fixture
def body(db):
    return BodyFactory(name="Styringsgruppen for Normen", short_name="Styringsgruppen",
                       slug="normen")


@pytest.fixture
def other_body(db):
    return BodyFactory(name="Nasjonalt e-helsestyre", short_name="Nasjonalt e-helsestyre",
                       slug="e-helsestyre")


@pytest.fixture
def users(body, other_body):
    """One user per role: the permission matrix's columns."""
    helse_nord = OrganisationFactory(name="Helse Nord RHF", short_name="Helse Nord")
    ikt = OrganisationFactory(name="IKT-Norge")
    alta = OrganisationFactory(name="Alta kommune")
    return {
        "anonymous": None,
        "other_body_member": person_with_user("annen", body=other_body, organisation=alta,
                                              name="Anne Annen"),
        "observer": person_with_user("observator", body=body, organisation=ikt,
                                     kind=Membership.Kind.OBSERVER, name="Olivia Observatør"),
        "member": person_with_user("medlem", body=body, organisation=helse_nord,
                                   name="Martin Medlem"),
        "deputy": person_with_user("vara", body=body, organisation=helse_nord,
                                   role=Representation.Role.DEPUTY, name="Vera Vara"),
        "secretariat": person_with_user("sekretariat", body=body,
                                        role=Representation.Role.SECRETARIAT,
                                        name="Sara Sekretær"),
        "no_seat": UserFactory(username="utenverv"),
    }


class DemoSnapshot:
    """What ``manage.py load_demo`` writes into the test database, kept to be written again.

    The demo is loaded for real once per test process, in a transaction that is rolled back;
    every table is copied out (``COPY … TO STDOUT``) before and after, and the rows the load
    added are kept. A test's ``demo`` then copies those rows back in (``COPY … FROM STDIN``)
    inside its own transaction, which is rolled back after it as usual: the same rows, with
    the same keys, as the load would have written, in milliseconds instead of seconds.

    The copy is used only where it is exactly what the load would give: the database holds
    what it held before the load (nothing of the test's own yet, the same content types and
    permissions), the settings are those the load ran under (a test that switches on PDF
    rendering or another password hasher loads for real), and the test runs in a transaction
    (transactional and live-server tests, which commit and flush, load for real too).
    """

    def __init__(self):
        from django.conf import settings

        from meetings.demo import load

        with transaction.atomic():
            self.before = self._tables()
            call_command("load_demo", verbosity=0, stdout=io.StringIO())
            after = self._tables()
            transaction.set_rollback(True)
        self.created_this_run = set(load._created_this_run)
        self.settings = self._settings(settings)
        self.added = {}
        for table, rows in after.items():
            old = set(self.before.get(table, ()))
            assert old <= set(rows), f"load_demo changed rows of {table} it did not add"
            new = [row for row in rows if row not in old]
            if new:
                self.added[table] = b"".join(new)

    @staticmethod
    def _tables():
        """Every table's rows as COPY writes them, one bytes line per row."""
        tables = {}
        with connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                    data = b"".join(bytes(chunk) for chunk in copy)
                tables[table] = sorted(data.splitlines(keepends=True))
        return tables

    @staticmethod
    def _settings(settings):
        values = {}
        for name in dir(settings):
            if name.isupper():
                value = getattr(settings, name)
                # A copy, so that a setting changed in place later still counts as changed.
                with contextlib.suppress(Exception):
                    value = copy.deepcopy(value)
                values[name] = value
        return values

    def applies(self):
        from django.conf import settings

        return (connection.in_atomic_block and self._settings(settings) == self.settings
                and self._tables() == self.before)

    def restore(self):
        from meetings.demo import load

        with transaction.atomic(), connection.cursor() as cursor:
            for table, data in self.added.items():
                with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                    copy.write(data)
        # Every foreign key of the copied rows is checked now, not at a commit that never
        # comes.
        connection.check_constraints()
        # What the loader remembers of its run (rows it may still complete), as after a load.
        load._created_this_run.clear()
        load._created_this_run.update(self.created_this_run)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return DemoSnapshot()


@pytest.fixture
def demo(db, demo_snapshot):
    if demo_snapshot.applies():
        demo_snapshot.restore()
    else:
        call_command("load_demo", verbosity=0, stdout=io.StringIO())
    from governance.models import Body

    return Body.objects.get(slug="normen")


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def proxy(live_server, settings, demo):
    """The demo portal behind the production caching proxy (tests/proxy.py)."""
    from .proxy import proxy_in_front_of

    with proxy_in_front_of(live_server, settings) as proxy:
        yield proxy


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """Transactional tests (live server, Celery worker) empty every table after them. Django
    does that with one TRUNCATE of all ~90 tables, which PostgreSQL makes new files for and
    syncs to disk; the tables hold a few rows by then, and DELETE empties them in a fraction
    of the time. Same result: every row gone, sequences left as they are (Django's TRUNCATE
    does not restart them either, unless a test asks for reset_sequences, which still gets
    the TRUNCATE). The foreign keys are deferred, so the order of the tables does not matter
    within the flush's transaction. The statements go to the driver's cursor directly, as a
    TRUNCATE would pass normen_portal.public_cache's watch: emptying the test database is
    not a public change."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate, execute = DatabaseOperations.sql_flush, DatabaseOperations.execute_sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(self, style, tables, reset_sequences=reset_sequences,
                            allow_cascade=allow_cascade)
        # Table names from Django's introspection, quoted.
        return [f"DELETE FROM {self.quote_name(table)};" for table in tables]  # noqa: S608

    def execute_sql_flush(self, sql_list):
        if not all(sql.startswith("DELETE FROM ") for sql in sql_list):
            return execute(self, sql_list)
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            for sql in sql_list:
                cursor.cursor.execute(sql)

    DatabaseOperations.sql_flush = sql_flush
    DatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    DatabaseOperations.sql_flush, DatabaseOperations.execute_sql_flush = truncate, execute
