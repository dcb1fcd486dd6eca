"""Structured logs: one JSON object per line, for log shippers (``LOG_FORMAT=json``).

Django's request logger and gunicorn's access logger attach the request to the record; the
formatter lifts the few fields an operator filters on (method, path, status, duration) into
top-level keys. Headers, cookies and query strings are left out on purpose: they carry
session ids and password-reset tokens.

``OneLineClientErrors`` keeps a refused request to one line: Django logs every 403 (and the
400s of SuspiciousOperation and BadRequest) with the exception's traceback, which says nothing
about a client being refused and made 5.5 MB of log in one security test.
"""

import json
import logging
import re
from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied

from normen_portal.text import strip_bidi

# Attributes every LogRecord has; anything else on a record came from ``extra=`` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
# Set by Django on django.request / django.server records; reported in their own way below.
_DJANGO_EXTRA = {"request", "status_code", "server_time"}


def _jsonable(value):
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return str(value)
    return value


class JsonFormatter(logging.Formatter):
    def format(self, record):
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            data.update(self._access(record.args))
        else:
            data["message"] = record.getMessage()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            data["method"] = request.method
            data["path"] = request.path
        if hasattr(record, "status_code"):
            data["status"] = record.status_code
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in _DJANGO_EXTRA and key not in data:
                data[key] = _jsonable(value)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            data["exception"] = record.exc_text
        return json.dumps(data, ensure_ascii=False)

    @staticmethod
    def _access(atoms):
        """gunicorn passes its access-log atoms as the record's args (see glogging.atoms)."""
        def atom(key):
            value = atoms[key]
            return None if value == "-" else value

        status = atom("s")
        return {
            "message": f'{atom("m")} {atom("U")} {status}',
            "method": atom("m"),
            "path": atom("U"),
            "status": int(status) if status and str(status).isdigit() else status,
            "duration_ms": atom("M"),
            "bytes": atom("B"),
            "remote_addr": atom("h"),
            "user_agent": atom("a"),
        }


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _one_line(text):
    """``text`` as it may stand in a log line: no line breaks or other control characters
    (log injection) and no bidi controls (a line that reads differently than it is)."""
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"),
                        strip_bidi(str(text)))


def _who(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anonymous"
    return f"{user.get_username()} (#{user.pk})"


class OneLineClientErrors(logging.Filter):
    """Drops the traceback from records of 4xx responses (django.request, django.security):
    a refusal is the portal working, not failing. A 403 from PermissionDenied is rewritten to
    say who was refused, where, and why, as the message and as the fields ``user`` and
    ``reason`` (for LOG_FORMAT=json). 5xx records keep their traceback."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        if not record.exc_info or not isinstance(status, int) or not 400 <= status < 500:
            return True
        exc = record.exc_info[1]
        if isinstance(exc, PermissionDenied):
            request = getattr(record, "request", None)
            path = getattr(request, "path", "")
            record.user = _who(request)
            record.reason = _one_line(exc) or "-"
            record.msg = "Forbidden: %s for %s: %s"
            record.args = (_one_line(path), record.user, record.reason)
        record.exc_info = None
        record.exc_text = None
        return True
