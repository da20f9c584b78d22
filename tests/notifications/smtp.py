"""A real SMTP server on loopback (aiosmtpd), started and stopped by the tests: only ever bound
to 127.0.0.1, on a port the operating system hands out."""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    """What the server accepted, one parsed message per recipient."""

    messages: list[EmailMessage] = field(default_factory=list)
    delay: float = 0.0  # seconds each DATA takes (makes two senders overlap)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        if self.delay:
            await asyncio.sleep(self.delay)
        parsed: Any = message_from_bytes(envelope.original_content, policy=policy.default)
        with self.lock:
            for _ in envelope.rcpt_tos:
                self.messages.append(parsed)
        return "250 Message accepted for delivery"


class LoopbackSMTP:
    """`port` is fixed at creation; the server listens only between start() and stop()."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received = Received()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.received, hostname=HOST, port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def settings(self) -> dict[str, Any]:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": HOST,
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_USE_SSL": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": 5,
        }
