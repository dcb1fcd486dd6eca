"""A 403 is one log line saying who, where and why, without a traceback; a 500 keeps its."""

import io
import logging
import sys

import pytest

from normen_portal.logs import OneLineClientErrors

from ..factories import MeetingFactory


@pytest.fixture
def console():
    """What the portal's own console handler (settings.LOGGING) writes."""
    handler = next(h for h in logging.getLogger().handlers
                   if type(h) is logging.StreamHandler)
    out = io.StringIO()
    old = handler.setStream(out)
    yield out
    handler.setStream(old)


@pytest.mark.django_db
def test_a_refused_request_is_one_line_with_who_where_and_why(client, users, body, console):
    meeting = MeetingFactory(body=body)
    client.force_login(users["member"])
    response = client.get(f"/moter/{meeting.pk}/rediger/")
    assert response.status_code == 403
    lines = [line for line in console.getvalue().splitlines() if "django.request" in line]
    assert len(lines) == 1, console.getvalue()
    line = lines[0]
    assert f"/moter/{meeting.pk}/rediger/" in line
    assert f"medlem (#{users['member'].pk})" in line
    assert "Traceback" not in console.getvalue()
    assert "PermissionDenied" not in console.getvalue()


@pytest.mark.django_db
def test_the_django_request_record_itself_has_no_traceback(client, users, body, caplog):
    meeting = MeetingFactory(body=body)
    client.force_login(users["observer"])
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.post(f"/moter/{meeting.pk}/rediger/", {}).status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    record = records[0]
    assert record.exc_info is None
    assert record.status_code == 403
    assert record.user == f"observator (#{users['observer'].pk})"
    assert record.reason


def _record(status, exc):
    try:
        raise exc
    except Exception:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Failed: %s",
                               ("/x/",), exc_info)
    record.status_code = status
    return record


def test_a_server_error_keeps_its_traceback():
    record = _record(500, ValueError("ødelagt"))
    assert OneLineClientErrors().filter(record)
    assert record.exc_info is not None


def test_a_reason_cannot_forge_a_second_log_line():
    from django.core.exceptions import PermissionDenied

    record = _record(403, PermissionDenied("nei\nFAKE 200 OK \u202eabc"))
    OneLineClientErrors().filter(record)
    message = record.getMessage()
    assert "\n" not in message and "\u202e" not in message
    assert "nei\\nFAKE 200 OK abc" in message
    assert record.exc_info is None
