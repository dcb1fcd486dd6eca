"""A real SMTP server for the delivery tests (aiosmtpd, on a free port of 127.0.0.1), which
can be told to fail:

    with SmtpServer() as smtp:
        smtp.fail_after(12, code=451, times=1)   # the 13th message gets a 451, then all is well
        smtp.refuse("ola@example.no")            # 550 for that address, at RCPT
        smtp.drop_after(5)                       # the 6th DATA: the connection is closed
        smtp.delay = 0.2                         # each message waits before it is accepted
        smtp.received_by("kari@example.no")      # the messages that address got

The portal (this process, a worker, gunicorn) sends to it when ``smtp.env()`` is in its
environment; ``use(settings)`` points this process's settings at it.
"""

import email
import email.policy
import threading
import time
from dataclasses import dataclass, field

from aiosmtpd.controller import Controller

from .worker import free_port


@dataclass
class Received:
    to: list
    message_id: str
    subject: str
    at: float = field(default_factory=time.monotonic)
    wall: float = field(default_factory=time.time)


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        refusal = self.server.refusals.get(address.lower())
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        fault = self.server._next_fault()
        if fault == "drop":
            server.transport.close()
            return "421 4.4.2 Tilkoblingen ble brutt"
        if fault:
            return fault
        if self.server.delay:
            import asyncio

            await asyncio.sleep(self.server.delay)
        message = email.message_from_bytes(envelope.original_content or envelope.content,
                                           policy=email.policy.default)
        self.server._record(Received(to=[a.lower() for a in envelope.rcpt_tos],
                                     message_id=str(message.get("Message-ID", "")),
                                     subject=str(message.get("Subject", "")).strip()))
        return "250 2.0.0 Mottatt"


class SmtpServer:
    def __init__(self):
        self.port = free_port()
        self.host = "127.0.0.1"
        self.refusals = {}
        self.delay = 0.0
        self._lock = threading.Lock()
        self._received = []
        self._faults = []          # (after_n_accepted, reply or "drop", times left)
        self.controller = Controller(_Handler(self), hostname=self.host, port=self.port)

    # -- telling it to fail -------------------------------------------------------------------

    def fail_after(self, n, code=451, times=1, text="4.3.0 Prøv igjen senere"):
        """The next ``times`` messages after ``n`` accepted ones get ``code`` at DATA."""
        with self._lock:
            self._faults.append([n, f"{code} {text}", times])

    def drop_after(self, n, times=1):
        with self._lock:
            self._faults.append([n, "drop", times])

    def refuse(self, address, code=550, text="5.1.1 Mottakeren finnes ikke"):
        self.refusals[address.lower()] = f"{code} {text}"

    def _next_fault(self):
        with self._lock:
            for fault in self._faults:
                if len(self._received) >= fault[0] and fault[2] > 0:
                    fault[2] -= 1
                    return fault[1]
        return None

    # -- what it got ----------------------------------------------------------------------------

    def _record(self, received):
        with self._lock:
            self._received.append(received)

    @property
    def received(self):
        with self._lock:
            return list(self._received)

    def received_by(self, address):
        return [r for r in self.received if address.lower() in r.to]

    def count_by_address(self):
        counts = {}
        for message in self.received:
            for address in message.to:
                counts[address] = counts.get(address, 0) + 1
        return counts

    # -- pointing the portal at it --------------------------------------------------------------

    def env(self):
        """For a process started with these variables (tests/worker.py, tests/ops)."""
        return {"TEST_SMTP_PORT": str(self.port)}

    def use(self, settings):
        """Point this process's (pytest-django ``settings``) e-mail at the server."""
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = self.host
        settings.EMAIL_PORT = self.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 10

    def start(self):
        self.controller.start()
        return self

    def stop(self):
        self.controller.stop()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
