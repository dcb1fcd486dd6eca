"""Structured logs: one JSON object per line, with the request fields lifted out and nothing
secret (cookies, query strings) in them."""

import json
import logging
import sys

from django.test import RequestFactory
from gunicorn.glogging import Logger as GunicornLogger

from normen_portal.logs import JsonFormatter


def record(name="normen", level=logging.INFO, msg="hei %s", args=("verden",), **extra):
    rec = logging.LogRecord(name, level, __file__, 10, msg, args, None)
    for key, value in extra.items():
        setattr(rec, key, value)
    return rec


def formatted(rec):
    line = JsonFormatter().format(rec)
    assert "\n" not in line
    return json.loads(line)


def test_a_plain_record_is_one_json_object():
    data = formatted(record())
    assert data["message"] == "hei verden"
    assert data["level"] == "INFO"
    assert data["logger"] == "normen"
    assert data["time"].endswith("+00:00")


def test_extra_fields_are_kept_and_made_serialisable():
    data = formatted(record(meeting_id=7, when=object()))
    assert data["meeting_id"] == 7
    assert data["when"].startswith("<object")


def test_django_request_errors_carry_method_path_status_and_the_traceback():
    request = RequestFactory().post("/moter/3/innkalling/?token=hemmelig",
                                    HTTP_COOKIE="sessionid=abc")
    try:
        raise ValueError("ødelagt")
    except ValueError:
        rec = record("django.request", logging.ERROR, "Internal Server Error: %s",
                     ("/moter/3/innkalling/",), request=request, status_code=500)
        rec.exc_info = sys.exc_info()
    data = formatted(rec)
    assert data["method"] == "POST"
    assert data["path"] == "/moter/3/innkalling/"
    assert data["status"] == 500
    assert "ValueError: ødelagt" in data["exception"]
    line = JsonFormatter().format(rec)
    assert "hemmelig" not in line
    assert "abc" not in line


def test_gunicorn_access_lines_are_structured_without_headers():
    class Cfg:
        access_log_format = '%(h)s "%(r)s" %(s)s'

    atoms = {"h": "10.0.0.5", "m": "GET", "U": "/arkiv/", "s": "200", "M": 12, "B": 5120,
             "a": "curl/8", "q": "token=hemmelig", "{cookie}i": "sessionid=abc", "r": "-"}
    safe = GunicornLogger.atoms_wrapper_class(atoms)
    rec = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1,
                            Cfg.access_log_format, (safe,), None)
    data = formatted(rec)
    assert data == {**data, "method": "GET", "path": "/arkiv/", "status": 200,
                    "duration_ms": 12, "bytes": 5120, "remote_addr": "10.0.0.5",
                    "message": "GET /arkiv/ 200"}
    line = JsonFormatter().format(rec)
    assert "hemmelig" not in line
    assert "sessionid" not in line
