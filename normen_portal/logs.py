"""Structured logs: one JSON object per line, for log shippers (``LOG_FORMAT=json``).

Django's request logger and gunicorn's access logger attach the request to the record; the
formatter lifts the few fields an operator filters on (method, path, status, duration) into
top-level keys. Headers, cookies and query strings are left out on purpose: they carry
session ids and password-reset tokens.
"""

import json
import logging
from datetime import UTC, datetime

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
