"""What anonymous visitors see, cached, and never stale after a change.

The rule lives here, once: **any committed write to a table whose rows can show on a public
page starts a new public generation.** It is enforced at the database layer (an execute
wrapper on every connection sees each INSERT, UPDATE and DELETE), not with model signals,
because queryset ``update()``, ``bulk_update()`` and cascades fire no signals, and a publish
that forgot to announce itself would leave the old version out for everyone.

The generation is read by two caches:

- the caching proxy in front of gunicorn (deploy/nginx/nginx.conf): when
  ``PUBLIC_GENERATION_FILE`` is set, each new generation is written to that file, nginx reads
  it at the start of every request and puts it in the cache key. A request that began before
  the publish is stored under the old key, which nobody asks for any more, so not even a page
  rendered while publishing can outlive it;
- the portal's own page cache (documents/cache.py), which keys pages in Redis by it.

Where it is kept: in that file when there is one (a shared volume, which a Redis outage does
not touch: a publication while Redis is down must not let Redis come back with the old
generation and the pages made under it). Without a file, in the cache itself, where it
lives for GENERATION_SECONDS: if a bump is lost to an outage, the pages made before it are
dropped within that time. The generation is a timestamp, never a counter, so a new value
cannot collide with an old one.
"""

import contextlib
import logging
import os
import re
import time
from functools import cache as once

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.signals import connection_created

logger = logging.getLogger(__name__)

GENERATION_KEY = "public:generation"
GENERATION_SECONDS = 5 * 60

# The apps whose rows end up on public pages (bodies and members, minutes, decisions, closed
# circulations, the library, action plans,
# the PDFs of all of them).
PUBLIC_APPS = ("governance", "meetings", "reviews", "documents", "actionplan", "rendering")
# Tables written on every visit, comment or notification, which no anonymous page shows. They
# are left out so that members' activity does not empty the public cache all day.
PRIVATE_MODELS = (
    "reviews.comment",
    "reviews.lastvisit",
    "reviews.notification",
    "reviews.notificationpreference",
    "meetings.noticedispatch",
)

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"([^"]+)"', re.IGNORECASE)


def generation():
    """The current public generation; None when it cannot be known (then cache nothing)."""
    if settings.PUBLIC_GENERATION_FILE:
        return _read_generation_file()
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = time.time_ns()
        # add(): two processes starting at once agree on one value.
        if not cache.add(GENERATION_KEY, value, timeout=GENERATION_SECONDS):
            value = cache.get(GENERATION_KEY, value)
    return value


def bump():
    """Something the public can see changed: every cached public page is out of date."""
    value = time.time_ns()
    if settings.PUBLIC_GENERATION_FILE:
        write_generation_file(value)
    else:
        cache.set(GENERATION_KEY, value, timeout=GENERATION_SECONDS)


def _read_generation_file():
    try:
        with open(settings.PUBLIC_GENERATION_FILE) as handle:
            return int(handle.read().strip() or 0) or None
    except FileNotFoundError:
        bump()  # the first process to look starts the first generation
        return None
    except (OSError, ValueError):
        logger.exception("Could not read the public generation")
        return None


def write_generation_file(value):
    path = settings.PUBLIC_GENERATION_FILE
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        with open(temporary, "w") as handle:
            handle.write(f"{value}\n")
        os.replace(temporary, path)  # nginx reads the old value or the new, never half
    except OSError:
        logger.exception("Could not write the public generation to %s", path)
        # Without a file nginx caches nothing (see deploy/nginx/nginx.conf): slower, never stale.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


@once
def public_tables():
    private = {apps.get_model(label)._meta.db_table for label in PRIVATE_MODELS}
    tables = set()
    for label in PUBLIC_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            # simple-history's tables are written together with the rows they record.
            if not model.__name__.startswith("Historical"):
                tables.add(model._meta.db_table)
    return frozenset(tables - private)


def writes_public_table(sql):
    if sql[:6].upper() not in ("INSERT", "UPDATE", "DELETE"):
        return False
    match = _WRITE.match(sql)
    return bool(match) and match.group(1) in public_tables()


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and writes_public_table(sql):
        _bump_on_commit(context["connection"])
    return result


def _bump_on_commit(connection):
    # One bump per atomic block, however many rows it writes: a callback registered in the
    # same block is dropped only with a rollback that drops this write too. (One from an
    # outer block would do as well, but then test helpers that run only the callbacks of a
    # code block would miss it.)
    here = set(connection.savepoint_ids)
    if any(func is bump and savepoints == here
           for savepoints, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(bump, using=connection.alias)


def _install(sender, connection, **kwargs):
    # First in the list: Django's execute_wrapper() context manager pops the *last* wrapper.
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch_writes)


def watch_public_writes():
    connection_created.connect(_install, dispatch_uid="public_cache.watch_public_writes")
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        _install(None, connection)


NOT_SHARED = ("private", "no-store")


def may_answer_from_shared_copy(request):
    """Whether what every anonymous visitor gets may answer ``request``: a GET or HEAD, not
    from htmx (that gets a fragment of the page), from a visitor who is not logged in and
    sent no session cookie."""
    if request.method not in ("GET", "HEAD") or "HX-Request" in request.headers:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and not user.is_authenticated


def shareable(request, response):
    """Whether ``response`` may be kept and given to every anonymous visitor: such a request
    answered 200, setting no cookie (no CSRF token or message is stored for everyone) and not
    marked ``private`` or ``no-store`` (attachments, PDFs of drafts). The one place of the
    rule, for the proxy's cache and the portal's own (documents/cache.py)."""
    if not may_answer_from_shared_copy(request):
        return False
    if response.status_code != 200 or response.cookies:
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in NOT_SHARED)


class SharedCacheMiddleware:
    """Lets the caching proxy share a page between anonymous visitors, when nothing in it is
    anyone's own (``shareable``).

    The mark is ``X-Accel-Expires`` (nginx reads it and does not pass it on; browsers still get
    the page's own Cache-Control, e.g. the library's «no-cache»). It is given only when the
    proxy can be told about publications (``PUBLIC_GENERATION_FILE``). The seconds bound only
    what changes with the clock (what counts as an upcoming meeting); a publication reaches
    visitors at once through the generation.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        seconds = settings.SHARED_CACHE_SECONDS
        if seconds and settings.PUBLIC_GENERATION_FILE and shareable(request, response):
            response["X-Accel-Expires"] = str(seconds)
        return response
