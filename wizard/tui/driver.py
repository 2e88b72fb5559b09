"""The app's terminal driver: Textual's own, with an input loop that puts the quick exit before everything
and notices when the terminal is gone.

* Textual parses the bytes read from the terminal into keys and queues them for the app, one message each:
  a paste that the terminal does not mark as a paste is thousands of keys, and a quick-exit key behind them
  would wait for all of them to be parsed and handled (half a minute for 100 KB). Here the raw bytes are
  read as soon as they arrive and looked at before they are parsed, and a quick-exit key among them ends the
  program at once, however much is still waiting to be parsed.
* A terminal that goes away without a SIGHUP (a window closed while the signal is ignored, a program started
  with `setsid`) leaves Textual's loop reading end-of-file for ever, with the answers in memory. Here
  end-of-file or an error on the terminal ends the program as the quick exit does.

Imported only after `hardening.prepare()`, like everything that imports Textual.
"""

from __future__ import annotations

import contextlib
import os
import re
import selectors
from codecs import getincrementaldecoder
from typing import Any, TextIO

from textual import events
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from wizard.tui import hardened, hardening

QUICK_EXIT_KEYS = frozenset({"ctrl+q", "ctrl+c"})
QUICK_EXIT_BYTES = re.compile(rb"[\x11\x03]|\x1b\[(?:113|99);5u")
"""Ctrl+Q and Ctrl+C as a terminal sends them: plain, or in the kitty keyboard protocol Textual turns on.
Also inside a bracketed paste: a pasted control character is no text anyone means to keep."""
PIECE = 1024
"""Bytes parsed between two looks at the terminal."""
MAX_WAITING = 256 * 1024
"""Input read but not yet parsed is kept up to this size; the rest of a bigger paste is dropped (no field of
the app takes that much)."""


class GuardedDriver(LinuxDriver):
    def __init__(self, *args: Any, **options: Any) -> None:
        super().__init__(*args, **options)
        hardened.wrap_driver_file(self, _Terminal)

    def start_application_mode(self) -> None:
        super().start_application_mode()
        hardening.on_fatal(self)  # a signal or an error now gives this terminal back, even before the app mounts

    def run_input_thread(self) -> None:
        """Read whatever the terminal has sent, look for the quick exit in it, and only then parse it, a
        piece at a time, reading again before each piece; leave when the terminal is gone."""
        parser = hardened.input_parser(self)
        decode = getincrementaldecoder("utf-8")().decode
        waiting = bytearray()
        with selectors.SelectSelector() as selector:
            selector.register(self.fileno, selectors.EVENT_READ)
            while not self.exit_event.is_set():
                if selector.select(0 if waiting else 0.1):
                    data = self._read()
                    if not data or QUICK_EXIT_BYTES.search(data):
                        hardening.panic_exit(self)
                        return
                    waiting += data[: MAX_WAITING - len(waiting)]
                    continue
                if waiting:
                    piece = decode(bytes(waiting[:PIECE]))
                    del waiting[:PIECE]
                    for event in parser.feed(piece) if piece else ():  # empty would mean the end of input
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)

    def _read(self) -> bytes:
        """What the terminal has sent; nothing when it is gone (end-of-file, or an error such as EIO)."""
        try:
            return os.read(self.fileno, 4096)
        except OSError:
            return b""

    def process_message(self, message: Message) -> None:
        """A quick-exit key that reaches the parser some other way (split across two reads) still wins."""
        if isinstance(message, events.Key) and message.key in QUICK_EXIT_KEYS:
            hardening.panic_exit(self)
        super().process_message(message)


class _Terminal:
    """The terminal as the driver writes to it. Once it is gone, writing does nothing: the input loop is
    told too (end-of-file or an error), and ends the program as the quick exit does."""

    def __init__(self, file: TextIO) -> None:
        self.file = file

    def write(self, text: str) -> int:
        try:
            return self.file.write(text)
        except OSError:
            return 0

    def flush(self) -> None:
        with contextlib.suppress(OSError):
            self.file.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.file, name)


def guarded(driver_class: type) -> type:
    """The driver the app runs with: the guarded one wherever Textual would use its Linux/macOS driver."""
    return GuardedDriver if driver_class is LinuxDriver else driver_class
