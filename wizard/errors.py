"""The project's own errors: each names where the problem is and renders to one line."""

from __future__ import annotations

from wizard.catalogue import Msg


class WizardError(Exception):
    """An error the user can act on; the CLI prints it as one line and exits with code 2."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.key)
        self.message = message

    def render(self, lang: str) -> str:
        return self.message.render(lang)


class LocatedError(WizardError):
    """An error at a line of a file: rendered as `path:line: message`."""

    def __init__(self, path: str, line: int, message: Msg) -> None:
        super().__init__(message)
        self.path = path
        self.line = line

    def render(self, lang: str) -> str:
        return f"{self.path}:{self.line}: {self.message.render(lang)}"


class PackError(WizardError):
    """A rule pack that cannot be used; holds every problem found, each located."""

    def __init__(self, problems: list[LocatedError]) -> None:
        super().__init__(problems[0].message)
        self.problems = sorted(problems, key=lambda p: (p.path, p.line))

    def render(self, lang: str) -> str:
        return "\n".join(problem.render(lang) for problem in self.problems)


class AnswersError(LocatedError):
    """A problem in an answers file. Its message never quotes an answer."""
