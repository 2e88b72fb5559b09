"""How fast the terminal app feels, measured in a real pseudo-terminal.

    python benchmarks/bench_app.py [--rounds N] [--rules DIR]

In each round, interleaved after a warm-up round (benchmarks/timing.py), one after the other:
- `python -c "import textual.app"`, start → exit;
- one `wizard --lang en` session: start → first screen painted (the quick-exit label is on the terminal), then
  each key press → next question painted (its "question n of m" line is on the terminal), then at the review
  screen Ctrl+Q → process gone;
- the yardstick: a bare Textual app, an `OptionList` and a `Static` whose "question n of m" line is updated on
  Enter, with the same key presses.
Prints min / median of each, and the goals: quick exit ≤ 50 ms (median ÷ 50 ms), key press → next question
≤ 2 × the yardstick, first paint ≤ 1.2 × the bare import (both the median of the per-round ratios). The
collector is left as the programs set it. Not a test: nothing here fails.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
WIZARD = PYTHON.with_name("wizard")
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "support"))
import timing  # noqa: E402
from terminal import Terminal  # noqa: E402  (the tests' pty helper, standard library only)

QUICK_EXIT_GOAL_MS = 50
YARDSTICK_QUESTIONS = 20
YARDSTICK = f"""
from textual.app import App
from textual.widgets import OptionList, Static

class Yardstick(App):
    number = 1

    def compose(self):
        yield Static("question 1 of {YARDSTICK_QUESTIONS}", id="line")
        yield OptionList("Yes", "No", "I don't know")

    def on_option_list_option_selected(self, event):
        self.number += 1
        self.query_one("#line", Static).update(f"question {{self.number}} of {YARDSTICK_QUESTIONS}")

Yardstick().run()
"""
"""The least a Textual program does to show the next question on Enter."""


def start(argv: list[str]) -> Terminal:
    env = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", "/"), "LANG": "C.UTF-8"}
    env["TERM"] = "xterm-256color"
    term = Terminal(argv, env)
    term.poll = 0.0005
    return term


def shown(term: Terminal, texts: tuple[str, ...], after: int, timeout: float) -> tuple[int, float] | None:
    """The end offset of the first of `texts` to appear past `after`, and when; None on timeout."""
    try:
        end = term.wait_for(texts, after, timeout)
    except AssertionError:
        return None
    return end, term.shown_at


def bare_import() -> float:
    started = time.perf_counter()
    subprocess.run([str(PYTHON), "-c", "import textual.app"], check=True)
    return (time.perf_counter() - started) * 1000


class Session:
    """One `wizard` session per call, its first paint returned, its key presses and quick exit kept."""

    def __init__(self, rules: Path | None) -> None:
        self.argv = [str(WIZARD), "--lang", "en"] + (["--rules", str(rules)] if rules else [])
        self.steps: list[list[float]] = []
        self.exits: list[float] = []

    def __call__(self) -> float:
        term = start(self.argv)
        try:
            found = shown(term, ("Ctrl+Q",), 0, 20)
            assert found is not None, "the app did not paint"
            end, painted = found
            time.sleep(0.2)
            term.send(b"\r")
            found = shown(term, ("question 1 of",), end, 5)
            assert found is not None, "no first question"
            self.steps.append(self._questions(term, found[0]))
            time.sleep(0.2)
            pressed = term.send(b"\x11")
            term.wait(10)
            self.exits.append((term.exited_at - pressed) * 1000)
        finally:
            term.close()
        return (painted - term.started) * 1000

    @staticmethod
    def _questions(term: Terminal, end: int) -> list[float]:
        """Enter on each question up to the review screen: the milliseconds until the next one is painted."""
        steps, number = [], 1
        while True:
            time.sleep(0.1)  # let the screen settle, as a person reading would
            pressed = term.send(b"\r")
            listed = shown(term, (f"question {number + 1} of", "Check your answers"), end, 1.5)
            found = listed
            if listed is None:  # a field that needs typing: answer "I don't know" and do not count it
                term.send(b"\t\t\r")
                found = shown(term, (f"question {number + 1} of", "Check your answers"), end, 5)
                assert found is not None, f"stuck at question {number}"
            end = found[0]
            if term.seen().find(b"Check your answers", end - 40) >= 0:
                return steps  # the review is another screen, not a next question: its step is not counted
            if listed is not None:
                steps.append((listed[1] - pressed) * 1000)
            number += 1


def yardstick() -> float:
    """One yardstick session: the median milliseconds from Enter to the next question line painted."""
    term = start([str(PYTHON), "-c", YARDSTICK])
    steps = []
    try:
        found = shown(term, ("question 1 of",), 0, 20)
        assert found is not None, "the yardstick did not paint"
        end = found[0]
        for number in range(2, YARDSTICK_QUESTIONS + 1):
            time.sleep(0.1)
            pressed = term.send(b"\r")
            found = shown(term, (f"question {number} of",), end, 5)
            assert found is not None, f"the yardstick is stuck at question {number - 1}"
            steps.append((found[1] - pressed) * 1000)
            end = found[0]
    finally:
        term.close()
    return statistics.median(steps)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rules", type=Path, default=None, help="rule pack folder (default: the shipped one)")
    args = parser.parse_args(argv)
    wizard = Session(args.rules)
    figures = timing.processes_cpu(
        {"bare": bare_import, "wizard": wizard, "yardstick": yardstick}, rounds=args.rounds, warmup=1
    )
    rounds = args.rounds
    steps, exits = wizard.steps[-rounds:], wizard.exits[-rounds:]
    step_medians = [statistics.median(one) for one in steps]
    print(timing.line('python -c "import textual.app", start → exit', figures["bare"]))
    print(timing.line("wizard, start → first screen painted", figures["wizard"]))
    print(timing.line("wizard, key press → next question painted", [step for one in steps for step in one]))
    print(timing.line("yardstick, key press → next question (median a round)", figures["yardstick"]))
    print(timing.line("wizard, quick exit: Ctrl+Q → process gone", exits))
    print(timing.goal("quick exit ÷ 50 ms", statistics.median(exits) / QUICK_EXIT_GOAL_MS, 1))
    print(timing.goal("key press → next question ÷ yardstick", timing.ratio(step_medians, figures["yardstick"]), 2))
    print(timing.goal("first paint ÷ import textual.app", timing.ratio(figures["wizard"], figures["bare"]), 1.2))


if __name__ == "__main__":
    main()
