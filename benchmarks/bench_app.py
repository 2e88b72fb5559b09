"""How fast the terminal app feels, measured in a real pseudo-terminal.

    python benchmarks/bench_app.py [--runs N] [--rules DIR]

Prints, from one run of this script:
- process start → first screen painted (the quick-exit label is on the terminal), beside the bare
  `python -c "import textual.app"` (start → exit); goal: at most 1.3 × the bare import;
- key press → next question painted (its "question n of m" line is on the terminal); goal: at most 50 ms.
Figures are median (min–max) over the runs. Not a test: nothing here fails.
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
sys.path.insert(0, str(ROOT / "tests" / "support"))
from terminal import Terminal  # noqa: E402  (the tests' pty helper, standard library only)


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
    return time.perf_counter() - started


APP_ALONE = """
import sys
from wizard.tui import hardening
hardening.prepare("en")
from wizard.tui.app import WizardApp
def load():
    from wizard.pack.loader import DEFAULT_RULES, load_pack
    return load_pack(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_RULES)
WizardApp(load, "en").run()
"""
"""What `wizard` does with no subcommand, without the command line's module imports (the engine and pydantic,
imported before `interactive()` runs): the first paint the app would have if those were imported lazily."""


def first_paint(argv: list[str]) -> float:
    term = start(argv)
    try:
        found = shown(term, ("Ctrl+Q",), 0, 20)
        assert found is not None, "the app did not paint"
        return found[1] - term.started
    finally:
        term.close()


def session(rules: Path | None) -> tuple[float, list[float]]:
    """One session: start → first paint, then the time of each key press that leads to the next question."""
    argv = [str(WIZARD), "--lang", "en"] + (["--rules", str(rules)] if rules else [])
    term = start(argv)
    steps: list[float] = []
    try:
        found = shown(term, ("Ctrl+Q",), 0, 20)
        assert found is not None, "the app did not paint"
        end, painted = found
        first_paint = painted - term.started
        time.sleep(0.2)
        term.send(b"\r")
        found = shown(term, ("question 1 of",), end, 5)
        assert found is not None, "no first question"
        end = found[0]
        number = 1
        while True:
            time.sleep(0.1)  # let the screen settle, as a person reading would
            pressed = term.send(b"\r")
            found = shown(term, (f"question {number + 1} of", "Check your answers"), end, 1.5)
            if found is None:  # a field that needs typing: answer "I don't know" and do not count it
                term.send(b"\t\t\r")
                found = shown(term, (f"question {number + 1} of", "Check your answers"), end, 5)
                assert found is not None, f"stuck at question {number}"
            else:
                steps.append(found[1] - pressed)
            end = found[0]
            if term.seen().find(b"Check your answers", end - 40) >= 0:
                break
            number += 1
    finally:
        term.close()
    return first_paint, steps


def figures(values: list[float]) -> str:
    ms = [value * 1000 for value in values]
    return f"{statistics.median(ms):.0f} ms ({min(ms):.0f}–{max(ms):.0f}), N={len(ms)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rules", type=Path, default=None, help="rule pack folder (default: the shipped one)")
    args = parser.parse_args()
    bare, firsts, alone, steps = [], [], [], []
    rules = [str(args.rules)] if args.rules else []
    for _ in range(args.runs):  # interleaved, so that a busy moment of the machine weighs on all three alike
        bare.append(bare_import())
        first, taken = session(args.rules)
        firsts.append(first)
        steps += taken
        alone.append(first_paint([str(PYTHON), "-c", APP_ALONE, *rules]))
    ratio = statistics.median(firsts) / statistics.median(bare)
    ratio_alone = statistics.median(alone) / statistics.median(bare)
    print(f"python -c 'import textual.app', start → exit: {figures(bare)}")
    print(f"wizard, start → first screen painted:        {figures(firsts)}")
    print(f"  = {ratio:.2f} × the bare import (goal ≤ 1.3)")
    print(f"the app without the command line's imports:  {figures(alone)}")
    print(f"  = {ratio_alone:.2f} × the bare import")
    print(f"key press → next question painted:           {figures(steps)} (goal ≤ 50 ms)")


if __name__ == "__main__":
    main()
