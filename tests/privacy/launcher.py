"""Test-only launcher: the program's own entry point (`wizard.cli.run`), run in this process after a test has
put in what it needs. Never shipped and never imported by the program.

    python launcher.py [--crash MODE] [--leak KIND]... [--slow-load SECONDS] -- [wizard arguments]

What it observes. An audit hook (PEP 578), installed before anything of the program is imported, reports as
JSON lines on the file descriptor named in PRIVACY_REPORT_FD: every socket that is not AF_UNIX, every
getaddrinfo, connect, bind or sendto, every open() for writing and every file or folder made, renamed or
removed (bytecode caches excepted), every new process, syslog and web browser call. Once the app is mounted
it also reports the core-dump state of the process (RLIMIT_CORE and PR_GET_DUMPABLE).

--crash MODE makes the app fail while the text just typed into a field of the report screen and sent (Enter) is
a local variable of the failing code, on the path named:
    handler     a screen's message handler raises (Textual's handler: a traceback with local variables)
    worker      a worker started from the handler raises (Textual's worker error path)
    loop        a callback scheduled on the asyncio loop raises (the loop's exception handler)
    thread      a thread started from the handler raises (threading.excepthook)
    uncaught    the handler raises an exception that is not an Exception (Textual still takes it)
    excepthook  the handler keeps the text and ends the app; once the terminal is restored, the entry point
                raises an exception that no `except Exception` catches (sys.excepthook)
Which handler took the error is reported ("error", via app / sys.excepthook / threading.excepthook).

--leak KIND makes this a deliberately leaky program, the positive control of the detectors (see LEAKS).

--slow-load SECONDS keeps the app's one worker (loading the rule pack) busy that long; it reports when it starts.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys

REPORT_FD = int(os.environ.get("PRIVACY_REPORT_FD", "-1"))
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
EVENTS = {
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.forkpty",
    "pty.spawn",
    "tempfile.mkstemp",
    "tempfile.mkdtemp",
    "syslog.openlog",
    "syslog.syslog",
    "webbrowser.open",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.gethostbyaddr",
    "socket.bind",
    "socket.sendto",
    "socket.sendmsg",
}
CHANGES = {"os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.link", "os.symlink", "os.truncate", "shutil.copyfile"}


def report(kind: str, **detail: object) -> None:
    if REPORT_FD < 0:
        return
    line = json.dumps({"event": kind, **detail}, default=repr, ensure_ascii=True) + "\n"
    with contextlib.suppress(OSError):
        os.write(REPORT_FD, line.encode())


def _bytecode(path: object) -> bool:
    return "__pycache__" in str(path)


def audit(event: str, args: tuple) -> None:
    if event == "socket.__new__":
        family = args[1]
        if family != socket.AF_UNIX:
            report("socket", family=int(family))
    elif event == "socket.connect":
        if isinstance(args[1], tuple):
            report("connect", address=args[1])
    elif event == "open":
        path, mode, flags = args
        writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (flags or 0) & WRITE_FLAGS
        if writing and not isinstance(path, int) and not _bytecode(path):
            report("open for writing", path=str(path))
    elif event in CHANGES:
        if not any(_bytecode(arg) for arg in args[:2]):
            report(event, args=args[:2])
    elif event in EVENTS:
        report(event, args=args[:2])


def core_state() -> dict[str, object]:
    import ctypes
    import resource

    return {
        "pid": os.getpid(),
        "rlimit_core": list(resource.getrlimit(resource.RLIMIT_CORE)),
        "dumpable": ctypes.CDLL(None).prctl(3, 0, 0, 0, 0),  # PR_GET_DUMPABLE
    }


# --- failures -----------------------------------------------------------------------------------------


class Uncaught(BaseException):
    """Not an Exception: no `except Exception` on the way stops it."""


KEPT: list[str] = []
"""The typed text, kept by the `excepthook` failure for the error raised after the app has ended."""


def fail(mode: str, screen, secret: str) -> None:
    """Fail on the path `mode` names; `secret` (the typed text) is a local variable of the failing code."""
    import asyncio
    import threading

    if mode == "handler":
        raise RuntimeError(f"note: {secret}")
    if mode == "uncaught":
        raise Uncaught(f"note: {secret}")
    if mode == "excepthook":
        KEPT.append(secret)
        screen.app.exit()
    elif mode == "worker":

        def work(secret: str = secret) -> None:
            raise RuntimeError(f"note: {secret}")

        screen.app.run_worker(work, thread=True, name="failing")
    elif mode == "loop":

        def callback(secret: str = secret) -> None:
            raise RuntimeError(f"note: {secret}")

        asyncio.get_running_loop().call_soon(callback)
    elif mode == "thread":

        def target(secret: str = secret) -> None:
            raise RuntimeError(f"note: {secret}")

        threading.Thread(target=target, name="failing").start()
    else:
        raise SystemExit(f"unknown crash mode {mode!r}")


def inject_crash(mode: str) -> None:
    from wizard.tui.app import WizardApp
    from wizard.tui.screens.report import ReportScreen

    def broken(self, event) -> None:  # a message handler of the screen, run after its own
        if event.value.strip():
            secret = event.value
            fail(mode, self, secret)

    ReportScreen.on_input_submitted = broken
    if mode == "excepthook":
        run = WizardApp.run

        def run_then_fail(self, *args, **options):
            run(self, *args, **options)
            secret = KEPT[0]
            raise Uncaught(f"note: {secret}")

        WizardApp.run = run_then_fail


# --- the deliberately leaky program ---------------------------------------------------------------------

LEAKS = {
    "file": "the typed text, UTF-16-LE, in a new file in HOME",
    "base64": "the typed text, base64, in a new file in XDG_STATE_HOME",
    "json": "the typed text, JSON with \\u escapes, in a new file in the working folder",
    "tempfile": "the typed text, UTF-8, in a temporary file (tempfile.mkstemp, so TMPDIR)",
    "stderr": "the typed text written to standard error by the quick exit, after the terminal is cleared and restored",
    "socket": "an AF_INET socket opened (and closed; nothing sent)",
    "clipboard": "the typed text sent to the clipboard (Textual's own copy_to_clipboard: OSC 52)",
    "title": "a window title set (OSC 2)",
    "notify": "a desktop notification sent (OSC 9)",
    "bell": "the bell rung (Textual's own App.bell)",
    "core": "core dumps left on (the hardening step skipped)",
    "noclear": "the quick exit without erasing screen and scrollback",
    "slow": "the quick exit waiting a second before it ends the process",
    "env": "TEXTUAL* variables left in place (Textual's log file and screenshot)",
    "traceback": "the error boundary removed: Textual's own crash output (a traceback with local variables)",
    "norestore": "a crash that ends the process without giving the terminal back",
}
NOTES: list[str] = []


def leak_note(kinds: set[str], app, note: str) -> None:
    import base64
    import tempfile
    from pathlib import Path

    from textual.app import App

    if "file" in kinds:
        (Path.home() / ".wizard_history").write_bytes(note.encode("utf-16-le"))
    if "base64" in kinds:
        Path(os.environ["XDG_STATE_HOME"], "state").write_bytes(base64.b64encode(b"note=" + note.encode()))
    if "json" in kinds:
        Path("answers.json").write_text(json.dumps({"note": note}))
    if "tempfile" in kinds:
        handle, _ = tempfile.mkstemp()
        os.write(handle, note.encode())
        os.close(handle)
    NOTES.append(note)
    if "socket" in kinds:
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM).close()
    if "clipboard" in kinds:
        App.copy_to_clipboard(app, note)
    if "title" in kinds:
        app._driver.write("\x1b]2;wizard\x07")
    if "notify" in kinds:
        app._driver.write("\x1b]9;wizard\x07")
    if "bell" in kinds:
        App.bell(app)


def inject_leaks(kinds: set[str]) -> None:
    import time

    from wizard.tui import app as app_module
    from wizard.tui import hardening

    unknown = kinds - set(LEAKS)
    if unknown:
        raise SystemExit(f"unknown leak {sorted(unknown)}")
    from wizard.tui.screens.report import ReportScreen

    crashing = getattr(ReportScreen, "on_input_submitted", None)  # with --crash, it fails after the leaks

    def leaky_handler(self, event) -> None:  # a message handler of the screen, run after its own
        if event.value.strip():
            leak_note(kinds, self.app, event.value)
        if crashing is not None:
            crashing(self, event)

    ReportScreen.on_input_submitted = leaky_handler
    if "stderr" in kinds:
        quick_exit = hardening.panic_exit

        def talkative_panic_exit(driver, exit=os._exit) -> None:
            def say_then_exit(code: int) -> None:
                sys.__stderr__.write(f"notes: {NOTES}\n")
                sys.__stderr__.flush()
                exit(code)

            quick_exit(driver, exit=say_then_exit)

        hardening.panic_exit = talkative_panic_exit
    if "norestore" in kinds:
        hardening.give_back = lambda driver: None
    if "noclear" in kinds:
        hardening.CLEAR = ""
        hardening.LEAVE_ALTERNATE = ""
    if "slow" in kinds:
        panic_exit = hardening.panic_exit

        def slow_panic_exit(*args, **options) -> None:
            time.sleep(1)
            panic_exit(*args, **options)

        hardening.panic_exit = slow_panic_exit
    if "traceback" in kinds:
        from rich.console import Console
        from textual.app import App

        for name in ("_handle_exception", "_fatal_error", "_print_error_renderables", "panic"):
            setattr(app_module.WizardApp, name, getattr(App, name))
        init = app_module.WizardApp.__init__

        def loud_init(self, *args, **options) -> None:
            init(self, *args, **options)
            self.error_console = Console(markup=False, highlight=False, stderr=True)  # Textual's own

        app_module.WizardApp.__init__ = loud_init


def loosen_hardening(kinds: set[str]) -> None:
    """Leaks that undo a hardening step, put in before `prepare()` runs."""
    from wizard import process
    from wizard.tui import hardening

    if "core" in kinds:

        def dumps_on() -> None:
            import ctypes
            import resource

            _, hard = resource.getrlimit(resource.RLIMIT_CORE)
            resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))
            ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE

        process.no_core_dumps = hardening.no_core_dumps = dumps_on  # the commands' and the app's
    if "env" in kinds:
        hardening.scrub_environment = lambda environ=None: None
    if "traceback" in kinds:
        hardening.install_hooks = lambda lang: None


# --- observation and start ------------------------------------------------------------------------------


def observe(slow_load: float) -> None:
    """Reports from inside the program (after its hardening: the hooks seen are the program's own)."""
    import threading
    import time

    from wizard.tui import run as terminal
    from wizard.tui.app import WizardApp

    on_mount = WizardApp.on_mount

    def reporting_on_mount(self) -> None:
        on_mount(self)
        report("core", **core_state())

    WizardApp.on_mount = reporting_on_mount
    crash = WizardApp._crash

    def reporting_crash(self, error) -> None:
        report("error", via="app")
        crash(self, error)

    WizardApp._crash = reporting_crash
    for module, name in ((sys, "excepthook"), (threading, "excepthook")):
        hook = getattr(module, name)

        def reporting_hook(*args, hook=hook, via=f"{module.__name__}.{name}") -> None:
            report("error", via=via)
            hook(*args)

        setattr(module, name, reporting_hook)
    if slow_load:
        load = terminal._load

        def slow(*args, **options):
            report("worker", state="running")
            time.sleep(slow_load)
            return load(*args, **options)

        terminal._load = slow


def main(argv: list[str]) -> None:
    sys.addaudithook(audit)
    import argparse

    parser = argparse.ArgumentParser(prog="launcher")
    parser.add_argument("--crash", default=None)
    parser.add_argument("--leak", action="append", default=[])
    parser.add_argument("--slow-load", type=float, default=0.0)
    parser.add_argument("wizard", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    wizard_args = options.wizard[1:] if options.wizard[:1] == ["--"] else options.wizard
    kinds = set(options.leak)

    from wizard.tui import hardening

    loosen_hardening(kinds)
    prepare = hardening.prepare

    def prepare_then_patch(lang: str) -> None:
        """The program's own hardening first; Textual may be imported only after it."""
        textual_before = "textual" in sys.modules
        prepare(lang)
        left = sorted(name for name in os.environ if name.upper().startswith("TEXTUAL"))
        report("prepared", textual_imported_before=textual_before, textual_variables_left=left)
        observe(options.slow_load)
        if options.crash:
            inject_crash(options.crash)
        if kinds:
            inject_leaks(kinds)

    hardening.prepare = prepare_then_patch
    from wizard.cli import run

    sys.argv = ["wizard", *wizard_args]
    run()


if __name__ == "__main__":
    main(sys.argv[1:])
