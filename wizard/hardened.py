"""Every use of a private name of Textual, in one module, so that a Textual upgrade that changes one of them
fails here and in tests/ui/test_textual_private.py with a clear message, not somewhere far away.

Textual has no public way to do what the quick exit needs: to write the last bytes to the terminal from the
thread that is leaving, after the frames already queued and before any frame queued later (the writer thread's
queue and file), and to read the terminal's raw bytes before they are parsed (the driver's file, debug flag and
parser). `PRIVATE` lists each name used, where Textual defines it.

Nothing here imports Textual at module level: `hardening`, which runs before Textual is imported, uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PRIVATE = {
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
