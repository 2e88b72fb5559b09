"""Writing a take-away file safely: all or nothing, readable by its owner only, never over a file by mistake.

The text is written to a temporary file in the same folder (created with mode 0600, so that no other user
can read it even for a moment), flushed to the disk, and then put in place in one step. Without `force` an
existing file is never replaced, not even one that appears while we write. On any error the temporary file
is removed: nothing partial is left behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.catalogue import Msg
from wizard.errors import WizardError, escape_controls

if TYPE_CHECKING:
    from wizard.outputs.content import Outputs

SUMMARY_FORMATS = ("text", "markdown", "html", "json")
REPORT_FORMATS = ("text", "markdown", "html", "docx")
MODE = 0o600
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


_temporaries: set[Path] = set()
"""Temporary files being written now: the quick exit removes them (it ends the process at once)."""


def write_file(path: str | Path, data: str | bytes, *, force: bool = False) -> Path:
    """Write `data` (text is UTF-8) to `path` atomically with mode 0600; returns the path written.

    Raises `WizardError` (one line naming the file) when the file exists and `force` is false, when the
    folder does not exist or `path` is a folder, or when any call on the path fails; nothing is left behind.
    """
    shown = shown_path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target = Path(path).expanduser()
    except RuntimeError:  # "~someone" with no such user, or no home folder
        raise WizardError(Msg("out.file.no_folder", {"path": shown})) from None
    folder = target.parent
    try:
        if target.is_dir():
            raise WizardError(Msg("out.file.is_dir", {"path": shown}))
        if not folder.is_dir():
            raise WizardError(Msg("out.file.no_folder", {"path": shown}))
        if not force and os.path.lexists(target):
            raise WizardError(Msg("out.file.exists", {"path": shown}))
    except OSError as error:  # a name too long, a folder it may not search…
        raise _failed(shown, error) from None
    temporary = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    _temporaries.add(temporary)
    try:
        _write_new(temporary, payload)
        _put_in_place(temporary, target, force)
        _sync_folder(folder)
    except FileExistsError:
        raise WizardError(Msg("out.file.exists", {"path": shown})) from None
    except OSError as error:
        raise _failed(shown, error) from None
    finally:
        _remove(temporary)
        _temporaries.discard(temporary)
    return target


def shown_path(path: str | Path) -> str:
    """A path as messages show it: control characters escaped, clipped to 120 characters."""
    text = escape_controls(str(path))
    return text if len(text) <= 120 else text[:119] + "…"


def _failed(shown: str, error: OSError) -> WizardError:
    reason = error.strerror or type(error).__name__
    return WizardError(Msg("out.file.failed", {"path": shown, "reason": reason}))


def remove_temporaries() -> None:
    for temporary in list(_temporaries):
        _remove(temporary)


def _write_new(temporary: Path, payload: bytes) -> None:
    descriptor = os.open(temporary, _FLAGS, MODE)
    try:
        os.fchmod(descriptor, MODE)  # whatever the umask
        view = memoryview(payload)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _put_in_place(temporary: Path, target: Path, force: bool) -> None:
    if force:
        os.replace(temporary, target)
        return
    # A hard link fails if the target exists, so a file that appeared meanwhile is never replaced.
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
            raise
        _replace_placeholder(temporary, target)


def _replace_placeholder(temporary: Path, target: Path) -> None:
    """A file system without hard links (FAT, exFAT): take the name first with an empty file of our own
    (fails if the name exists), then put the text over it; a file that appears meanwhile cannot take it."""
    os.close(os.open(target, _FLAGS, MODE))
    try:
        os.replace(temporary, target)
    except BaseException:
        _remove(target)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the new name durable too (where the platform allows opening a folder)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


# --- the documents, for the app's result screen ------------------------------------------------------

SUFFIXES = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".docx": "docx",
}


def format_of(path: str | Path) -> str:
    """The format a file name asks for (.txt, .md, .html, .json, .docx); text for any other name."""
    return SUFFIXES.get(Path(path).suffix.lower(), "text")


def save_summary(
    summary: dict, path: str | Path, *, fmt: str | None = None, force: bool = False, outputs: Outputs | None = None
) -> Path:
    """Render `summary` (from `summary.summary`) in `fmt` (default: from the file name) with the templates of
    `outputs` (default: the shipped ones) and write it safely."""
    from wizard.outputs.render import render_summary

    fmt = fmt or format_of(path)
    if fmt not in SUMMARY_FORMATS:
        fmt = "text"
    return write_file(path, render_summary(summary, fmt, outputs), force=force)


def save_report(
    report: dict, path: str | Path, *, fmt: str | None = None, force: bool = False, outputs: Outputs | None = None
) -> Path:
    """Render `report` (from `report.draft`) in `fmt` (default: from the file name) with the templates of
    `outputs` (default: the shipped ones) and write it safely."""
    from wizard.outputs.render import render_report
    from wizard.outputs.report import docx_bytes

    fmt = fmt or format_of(path)
    if fmt not in REPORT_FORMATS:
        fmt = "text"
    rendered = docx_bytes(report) if fmt == "docx" else render_report(report, fmt, outputs)
    return write_file(path, rendered, force=force)
