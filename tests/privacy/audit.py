"""No network, ever: a pytest plugin that watches every test of the suite with an audit hook (PEP 578).

Registered from tests/conftest.py (`pytest_plugins`), so it is loaded once, as `privacy.audit`. The hook is
armed around each test; it stops (by raising `NetworkUsed`) and records any socket that is not AF_UNIX, any
name lookup, and any connect, bind or send to an internet address. A test that did any of these fails, even
if the code under test swallowed the exception. asyncio's own AF_UNIX socket pair is allowed.

Audit hooks cannot be removed, so the hook consults a flag: `observed()` lets a test (the positive control)
see what the hook catches without failing; outside a test the hook does nothing.
"""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

if __name__ not in ("privacy.audit", "__main__"):
    raise ImportError(f"import this module as privacy.audit, not {__name__}: one hook per process")

LOOKUPS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"}
LOOKUPS |= {"socket.getnameinfo"}
ADDRESSED = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"}


class NetworkUsed(RuntimeError):
    """Raised inside the code that tried to use the network."""


class Guard:
    def __init__(self) -> None:
        self.armed = False
        self.caught: list[str] = []
        self.observers: list[list[str]] = []
        self.lock = threading.Lock()

    def __call__(self, event: str, args: tuple) -> None:
        if not self.armed or not event.startswith("socket."):
            return
        what = self.classify(event, args)
        if what is None:
            return
        with self.lock:
            if self.observers:
                self.observers[-1].append(what)
            else:
                self.caught.append(what)
        raise NetworkUsed(what)

    @staticmethod
    def classify(event: str, args: tuple) -> str | None:
        if event == "socket.__new__":
            family = args[1]
            if family == socket.AF_UNIX:
                return None
            try:
                return f"socket of family {socket.AddressFamily(family).name}"
            except ValueError:
                return f"socket of family {family}"
        if event in LOOKUPS:
            return f"{event}{args[:2]!r}"
        if event in ADDRESSED:
            address = args[1] if len(args) > 1 else None
            return f"{event} to {address!r}" if isinstance(address, tuple) else None
        return None


GUARD = Guard()
sys.addaudithook(GUARD)


@contextmanager
def observed() -> Iterator[list[str]]:
    """What the hook catches inside the block, recorded here instead of failing the test (still stopped)."""
    seen: list[str] = []
    with GUARD.lock:
        GUARD.observers.append(seen)
    try:
        yield seen
    finally:
        with GUARD.lock:
            GUARD.observers.remove(seen)


@pytest.fixture(autouse=True)
def no_network() -> Iterator[None]:
    """Every test: no network. Fails the test if it (or the app it ran) tried."""
    GUARD.caught.clear()
    GUARD.armed = True
    try:
        yield
    finally:
        GUARD.armed = False
    if GUARD.caught:
        pytest.fail("the network was used: " + "; ".join(GUARD.caught), pytrace=False)
