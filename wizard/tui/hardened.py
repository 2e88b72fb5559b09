"""Every use of a private name of Textual, in one module, so that a Textual upgrade that changes one of them
fails here and in tests/ui/test_textual_private.py with a clear message, not somewhere far away.

Textual has no public way to end the app at once with a code of the program's choosing and nothing
printed (its error path, overridden by `HardenedApp`), nor to do what the quick exit needs: to write the last
bytes to the terminal from the thread that is leaving, after the frames already queued and before any frame
queued later (the writer thread's queue and file), and to read the terminal's raw bytes before they are parsed
(the driver's file, debug flag and parser). `PRIVATE` lists each name used, where Textual defines it.

Nothing here imports Textual at module level: `hardening`, which runs before Textual is imported, uses it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from wizard.exit_codes import EXIT_CRASH

PRIVATE = {
    "textual.app.App": (
        "_close_messages_no_wait",
        "_driver",
        "_exception",
        "_exception_event",
        "_exit_renderables",
        "_fatal_error",
        "_handle_exception",
        "_print_error_renderables",
    ),
    "textual.drivers._writer_thread.WriterThread": ("_file", "_queue"),
    "textual.drivers.linux_driver.LinuxDriver": ("_file", "_debug", "_writer_thread"),
    "textual._xterm_parser": ("XTermParser",),
}
"""Where Textual defines each private name this module uses (a class, or a private module)."""


def writer_of(driver: Any) -> Any | None:
    """The thread through which the driver writes to the terminal; None before it has one."""
    return getattr(driver, "_writer_thread", None)


def writer_file(writer: Any) -> Any:
    """The terminal the writer thread writes to."""
    return writer._file


def stop_writer(writer: Any, timeout: float) -> None:
    """Ask the writer thread to stop once it has written what is queued (raises `queue.Full` on timeout)."""
    writer._queue.put(None, timeout=timeout)


def wrap_driver_file(driver: Any, wrap: Callable[[Any], Any]) -> None:
    """Put `wrap(file)` in place of the terminal file the driver writes to."""
    driver._file = wrap(driver._file)


def input_parser(driver: Any) -> Any:
    """The parser Textual's own input loop uses, for a loop of the driver's own."""
    from textual._xterm_parser import XTermParser  # the driver runs: Textual is imported by now

    return XTermParser(driver._debug)


class HardenedApp:
    """What the app changes in Textual's `App`: no clipboard, no bell, and any unexpected error (Textual's own
    error path, which would print a traceback with local variables, the asyncio loop) leaves with code 70 and
    prints nothing. Put before `App` among the bases; the app gives `crashed` and `_forget()`."""

    crashed: bool

    def driver(self) -> Any | None:
        """The driver while the app runs in a terminal (None before, and in tests)."""
        return self._driver

    def copy_to_clipboard(self, text: str) -> None:
        """Nothing ever reaches the system clipboard (clipboard managers keep history on disk)."""

    def bell(self) -> None:
        """No bell."""

    def panic(self, *renderables: Any) -> None:
        self._crash(None)

    def _handle_exception(self, error: Exception) -> None:
        self._crash(error)

    def _fatal_error(self) -> None:
        self._crash(None)

    def _print_error_renderables(self) -> None:
        self._exit_renderables.clear()

    def _crash(self, error: BaseException | None) -> None:
        """Any unexpected error: leave with code 70 and no traceback; the caller prints one fixed sentence."""
        self.crashed = True
        self._forget()
        self.exit(None, return_code=EXIT_CRASH)
        self._exit_renderables.clear()
        if error is not None and self._exception is None and isinstance(error, Exception):
            self._exception = error  # re-raised by a test harness (run_test), never printed by the app
            self._exception_event.set()
        self._close_messages_no_wait()

    def _loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        self._crash(context.get("exception"))
