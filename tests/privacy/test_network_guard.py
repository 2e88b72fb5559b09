"""The suite's network guard (privacy.audit) catches what it must, and lets asyncio's own socket pair through.

Every test of the suite runs under it, the app's Pilot sessions included; these are its positive controls.
The real program in a terminal is watched by the launcher's own hook and by strace (test_leak_sessions.py).
"""

from __future__ import annotations

import contextlib
import socket

import pytest
from privacy.audit import GUARD, NetworkUsed, observed
from uipilot import DAY, PACKS, SIZE, pack_at, start, walk

from wizard.tui.app import WizardApp


def test_every_test_runs_under_the_guard():
    assert GUARD.armed


@pytest.mark.parametrize("family", ["AF_INET", "AF_INET6"])
def test_an_internet_socket_is_stopped_and_seen(family):
    with observed() as seen, pytest.raises(NetworkUsed):
        socket.socket(getattr(socket, family), socket.SOCK_DGRAM)
    assert seen == [f"socket of family {family}"]


def test_a_name_lookup_is_stopped_and_seen():
    with observed() as seen, pytest.raises(NetworkUsed):
        socket.getaddrinfo("example.org", 443)
    assert len(seen) == 1 and seen[0].startswith("socket.getaddrinfo")


def test_a_connect_to_an_internet_address_is_stopped_and_seen():
    """The socket is made with the guard off for a moment (made with it on, it would be stopped already)."""
    GUARD.armed = False
    try:
        internet = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    finally:
        GUARD.armed = True
    with internet, observed() as seen, pytest.raises(NetworkUsed):
        internet.connect(("127.0.0.1", 9))
    assert seen == ["socket.connect to ('127.0.0.1', 9)"]


def test_a_swallowed_attempt_still_fails_the_test():
    """Code that catches the exception does not hide the attempt: the guard keeps it for the test's end."""
    with contextlib.suppress(Exception):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    caught = list(GUARD.caught)
    GUARD.caught.clear()  # this test expects it; any other test would fail here
    assert caught == ["socket of family AF_INET"]


def test_asyncio_socket_pair_is_allowed():
    with observed() as seen:
        first, second = socket.socketpair()
        first.close()
        second.close()
    assert seen == []


async def test_a_whole_app_session_uses_no_network():
    """The app, from the safety screen to the review, with the pack loaded in its worker thread."""
    with observed() as seen:
        app = WizardApp(lambda: pack_at(PACKS["test_pack"]), "ru", on=DAY)
        async with app.run_test(size=SIZE) as pilot:
            await start(pilot)
            await walk(pilot, {})
    assert seen == []
