"""Fair timing for the benchmarks: warm-up runs, the compared cases interleaved round by round, min and median.

Every figure is in milliseconds. A ratio is the median of the per-round ratios, so that drift on a shared machine
falls on both sides of it. The collector is left as the code under test sets it (the engine and the loader choose
their own policy); nothing here turns it off.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def interleaved(cases: dict[str, Callable[[], object]], rounds: int, warmup: int = 2) -> dict[str, list[float]]:
    """Milliseconds of each case in each round; the cases run A B C A B C … after `warmup` untimed rounds."""
    return _rounds(cases, rounds, warmup, _wall_ms)


def bytecode_written(folder: Path) -> None:
    """Write the bytecode of every module under `folder`, as installing a wheel does, so that a program measured
    in a fresh process does not compile its own sources on every run (as it would under PYTHONDONTWRITEBYTECODE)
    while the libraries it is compared with load theirs compiled."""
    compileall.compile_dir(folder, quiet=1)


def process_cpu(argv: Sequence[str], stdin: bytes = b"", env: dict[str, str] | None = None) -> float:
    """CPU milliseconds (user + system) one run of `argv` took, as the operating system counts the finished child."""
    process = subprocess.Popen(
        argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    process.stdin.write(stdin)
    process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise RuntimeError(f"{argv[0]} exited with {os.waitstatus_to_exitcode(status)}")
    return (usage.ru_utime + usage.ru_stime) * 1000


def processes_cpu(cases: dict[str, Callable[[], float]], rounds: int, warmup: int = 1) -> dict[str, list[float]]:
    """Like `interleaved`, for cases that measure themselves (each call returns its own figure in ms)."""
    return _rounds(cases, rounds, warmup, lambda measure: measure())


def _rounds(
    cases: dict[str, Callable[[], Any]], rounds: int, warmup: int, figure: Callable[[Callable[[], Any]], float]
) -> dict[str, list[float]]:
    for _ in range(warmup):
        for case in cases.values():
            case()
    figures: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(rounds):
        for label, case in cases.items():
            figures[label].append(figure(case))
    return figures


def _wall_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def ratio(figures: list[float], baseline: list[float]) -> float:
    """The median of the per-round ratios of two interleaved series."""
    return statistics.median(a / b for a, b in zip(figures, baseline, strict=True))


def line(label: str, figures: list[float]) -> str:
    return f"{label:<60} {min(figures):9.3f} / {statistics.median(figures):9.3f} ms (min / median)"


def goal(label: str, value: float, limit: float) -> str:
    """One line of the goal table: the measured ratio beside its goal, and whether it is met."""
    mark = "met" if value <= limit else "NOT met"
    return f"GOAL {label:<56} {value:7.3f}  (goal ≤ {limit:g})  {mark}"
