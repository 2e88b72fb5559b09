"""What the terminal app does before and around Textual so that it leaves as little behind as it can.

`prepare()` runs before Textual is imported (its settings are read from the environment at import):
it removes every `TEXTUAL*` variable (log files, devtools, screenshots), turns off core dumps, keeps the
`logging` module silent, and replaces Python's last-resort error output with one fixed sentence.
`panic_exit()` is the quick exit: the terminal is cleared and restored, and the process ends at once.

This module must not import Textual.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import sys
import termios
import threading
from collections.abc import Callable, MutableMapping
from typing import Any, NoReturn

from wizard.catalogue import t
from wizard.exit_codes import EXIT_CRASH
from wizard.process import no_core_dumps, on_leaving_signals
from wizard.tui import hardened

CLEAR = "\x1b[H\x1b[2J\x1b[3J"
"""Cursor home, erase the screen, erase the saved lines (scrollback)."""
LEAVE_ALTERNATE = "\x1b[?1049l"
LEAVE_MODES = (
    "\x1b[?2004l\x1b[?7h\x1b[?2048l"  # bracketed paste off, line wrap on, in-band resize reports off
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"  # mouse reports off
    "\x1b[<u"  # the kitty keyboard protocol off, before the alternate screen is left
)
"""What Textual's driver turns off as it stops, written by the quick exit itself so as not to wait for the
driver's input thread to end (its `stop_application_mode()` joins it, up to two 0.1 s polls)."""
SHOW = "\x1b[?25h\x1b[?1004l"
"""Cursor shown, focus reports off."""

_driver: Any = None
_lang = "ru"


def has_terminal() -> bool:
    """Whether standard input, output and error are all a terminal (Textual draws on standard error)."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            if stream is None or not stream.isatty():
                return False
        except (AttributeError, ValueError, OSError):
            return False
    return True


def scrub_environment(environ: MutableMapping[str, str] | None = None) -> None:
    """Remove every variable whose name starts with TEXTUAL: none of them may steer a run of this program."""
    environ = os.environ if environ is None else environ
    for name in [name for name in environ if name.upper().startswith("TEXTUAL")]:
        del environ[name]


def crash_message(lang: str | None = None) -> str:
    return t("app.crash", lang or _lang)


def fail(code: int = EXIT_CRASH) -> NoReturn:
    """Leave at once after an unexpected error, from whichever thread it happened in: terminal given back,
    one fixed sentence, no traceback."""
    driver = _driver
    if driver is not None:
        with contextlib.suppress(Exception):
            give_back(driver)
    try:
        stream = sys.__stderr__
        if stream is not None:
            stream.write(crash_message() + "\n")
            stream.flush()
    finally:
        os._exit(code)


def _excepthook(kind: type[BaseException], error: BaseException, traceback: Any) -> None:
    if issubclass(kind, KeyboardInterrupt):
        os._exit(130)
    fail()


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    fail()


def _unraisable_hook(args: Any) -> None:
    """An error Python cannot raise (in `__del__`, in a finalizer, at exit) is ignored as Python ignores it,
    but without printing it: its message and the object's repr may hold what was typed."""


def install_hooks(lang: str) -> None:
    """Errors that reach Python's own handlers print the fixed sentence instead of a traceback (errors
    Python would only report and ignore print nothing)."""
    global _lang
    _lang = lang
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    sys.unraisablehook = _unraisable_hook
    root = logging.getLogger()
    if not any(isinstance(handler, logging.NullHandler) for handler in root.handlers):
        root.addHandler(logging.NullHandler())  # so that logging's last-resort handler never prints


def set_language(lang: str) -> None:
    global _lang
    _lang = lang


def on_fatal(driver: Any) -> None:
    """Set while the app runs: the Textual driver through which `fail()` gives the terminal back."""
    global _driver
    _driver = driver


def take_over(driver: Any) -> Any | None:
    """From now on the driver writes from the calling thread only, synchronously; returns the terminal file
    (None when the driver's writer is not running: not started, or already stopped by Textual).

    The driver writes through a queue emptied by its own thread; a process that ends before that thread has
    written "leave the alternate screen" keeps the answers on the screen, and a frame queued after it lands on
    the normal screen. So: frames queued by now are written (still on the alternate screen), and any frame
    another thread queues later is dropped."""
    writer = hardened.writer_of(driver)
    if writer is None or not writer.is_alive():
        return None
    caller = threading.get_ident()
    terminal = hardened.writer_file(writer)

    def write(data: str) -> None:
        if threading.get_ident() == caller:
            terminal.write(data)

    driver.write = write
    with contextlib.suppress(queue.Full):
        hardened.stop_writer(writer, timeout=1)
    writer.join(1)
    return terminal


def give_back(driver: Any) -> None:
    """Leave the app's screen for good, whichever thread calls this while the app may still be drawing."""
    terminal = take_over(driver)
    if terminal is None:
        return
    driver.stop_application_mode()
    terminal.flush()


def prepare(lang: str) -> None:
    """Everything that must happen before Textual is imported."""
    scrub_environment()
    no_core_dumps()
    install_hooks(lang)


def panic_exit(driver: Any, exit: Callable[[int], Any] = os._exit) -> None:
    """The quick exit, from any thread: remove a file being saved, leave the alternate screen and erase screen
    and scrollback first, then give the terminal back its settings, erase once more, and end the process with
    code 0 without waiting for anything."""
    try:
        _remove_temporaries()
        if driver is not None:
            terminal = take_over(driver)
            driver.write(LEAVE_MODES + LEAVE_ALTERNATE + CLEAR + SHOW)
            driver.flush()
            try:
                restore_mode(driver)
            finally:
                driver.write(CLEAR)
                driver.close()
                if terminal is not None:
                    terminal.flush()
    except Exception:
        pass
    finally:
        exit(0)


def restore_mode(driver: Any) -> None:
    """The terminal's settings as they were before the app started, and keys typed but not read dropped."""
    attributes = getattr(driver, "attrs_before", None)
    if attributes is None:
        return
    with contextlib.suppress(termios.error, OSError):
        termios.tcflush(driver.fileno, termios.TCIFLUSH)
    termios.tcsetattr(driver.fileno, termios.TCSANOW, attributes)


def _remove_temporaries() -> None:
    output = sys.modules.get("wizard.outputs.files")  # not imported: nothing is being saved
    if output is not None:
        output.remove_temporaries()


def quick_exit_on_signals() -> None:
    """In the app: each leaving signal is the quick exit, ending with code 128 + the signal's number."""
    on_leaving_signals(lambda number: panic_exit(_driver, exit=lambda code: os._exit(128 + number)))
