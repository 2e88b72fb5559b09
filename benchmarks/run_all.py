"""Every benchmark in one run, then every goal with its ratio; prints figures, asserts nothing.

    python benchmarks/run_all.py [--rounds N]

Runs benchmarks/bench_load.py, bench_engine.py and bench_app.py one after the other (each with its own warm-up and
interleaved rounds; `--rounds` is passed to each, else each uses its own default) and repeats their GOAL lines at
the end, so that one run gives the whole table.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_app
import bench_engine
import bench_load


class _Tee(io.TextIOBase):
    """Writes through to the terminal and keeps what was written."""

    def __init__(self, out: io.TextIOBase) -> None:
        self.out, self.kept = out, io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        return self.out.write(text)

    def flush(self) -> None:
        self.out.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=None)
    rounds = parser.parse_args(argv).rounds
    passed = [] if rounds is None else ["--rounds", str(rounds)]
    tee = _Tee(sys.stdout)
    with contextlib.redirect_stdout(tee):
        for name, bench in (("load", bench_load), ("engine", bench_engine), ("app", bench_app)):
            print(f"== {name}: {Path(bench.__file__).name}")
            bench.main(passed)
            print()
    print("== every goal, from this run")
    for line in tee.kept.getvalue().splitlines():
        if line.startswith("GOAL "):
            print(line)


if __name__ == "__main__":
    main()
