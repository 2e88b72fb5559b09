"""What every run of the program does to its own process, the commands and the app alike: no memory image on a
crash, and the signals of a logout or a closed terminal ending it the program's way.

Standard library only, and light: the commands import it before anything else.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable
from typing import Any

_PR_SET_DUMPABLE = 4

LEAVING_SIGNALS = ("SIGTERM", "SIGHUP", "SIGQUIT")
"""What a logout, a closed terminal window, a shutdown or Ctrl+\\ sends: each ends the program as the quick exit
does (SIGINT is Ctrl+C: the app reads it as a key, the commands as KeyboardInterrupt)."""


def no_core_dumps() -> None:
    """A crash leaves no memory image: RLIMIT_CORE 0 and, on Linux, the process marked not dumpable."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
        except (OSError, AttributeError):
            pass


def on_leaving_signals(leave: Callable[[int], Any]) -> None:
    """Call `leave(signal number)` on each of `LEAVING_SIGNALS` (from the main thread, as Python runs handlers)."""
    for name in LEAVING_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, lambda received, frame: leave(received))


def exit_on_signals() -> None:
    """In the commands: each leaving signal raises SystemExit(128 + its number), so that a file being written
    is removed on the way out."""

    def leave(number: int) -> None:
        raise SystemExit(128 + number)

    on_leaving_signals(leave)
