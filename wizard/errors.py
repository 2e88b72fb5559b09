"""The project's own errors: each names where the problem is and renders to one line."""

from __future__ import annotations

import re

from wizard.catalogue import Msg

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufeff\ud800-\udfff]")
"""What must not reach a terminal from a message: control characters (line breaks, escape sequences), marks
that reorder or hide text, and lone surrogates (which cannot even be written)."""


def escape_controls(text: str) -> str:
    """`text` on one line and inert: each unsafe character written as its escape (\\n, \\x1b, \\u202e)."""
    return _UNSAFE.sub(lambda found: repr(found.group())[1:-1], text)


def clipped(text: str, limit: int = 40) -> str:
    """A short, escaped form of text from a pack file, for a message that must name it."""
    text = escape_controls(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class WizardError(Exception):
    """An error the user can act on; the CLI prints it as one line and exits with code 2."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message

    def render(self, lang: str) -> str:
        return escape_controls(self.message.render(lang))


class LocatedError(WizardError):
    """An error at a line of a file: rendered as `path:line: message`."""

    def __init__(self, path: str, line: int, message: Msg) -> None:
        super().__init__(message)
        self.path = path
        self.line = line

    def render(self, lang: str) -> str:
        return escape_controls(f"{self.path}:{self.line}: {self.message.render(lang)}")


class PackError(WizardError):
    """A rule pack that cannot be used; holds every problem found, each located."""

    def __init__(self, problems: list[LocatedError]) -> None:
        super().__init__(problems[0].message)
        self.problems = sorted(problems, key=lambda p: (p.path, p.line))

    def render(self, lang: str) -> str:
        return "\n".join(problem.render(lang) for problem in self.problems)


class AnswersError(LocatedError):
    """A problem in an answers file. Its message never quotes an answer."""
