"""Benchmark of loading the shipped files and of a json evaluation's whole process; prints figures, asserts nothing.

    python benchmarks/bench_load.py [--rounds N]

Figures (warm-up, the compared cases interleaved round by round, min / median, the ratio the median of the
per-round ratios; the collector as the loader sets it):
  1. the shipped pack from the shipped snapshot (file read, key hashed, unpickled) beside the files' path (read,
     parsed, validated, checked), in the same process; goal ≤ 0.2
  2. the CPU of `wizard evaluate - --format json` beside `python -c "import yaml; from pydantic import BaseModel"`,
     each a fresh process, paired; goal ≤ 1.6
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import timing

import wizard
from wizard import snapshot
from wizard.pack.loader import DEFAULT_RULES, load_pack

ANSWERS = b"respondent: soldier\nservice_kind: contract\nvvk_done: yes\nvvk_category: d\n"
FLOOR = "import yaml; from pydantic import BaseModel"


def from_snapshot() -> object:
    snapshot.shipped_parts.cache_clear()  # the file read and its key checked again, as in a new process
    return load_pack()


def pack_load(rounds: int) -> None:
    if snapshot.shipped_parts() is None:
        print(f"the shipped snapshot does not match the files: run `python -m wizard.cli.snapshot` ({__file__})")
        return
    figures = timing.interleaved({"snapshot": from_snapshot, "files": lambda: load_pack(DEFAULT_RULES)}, rounds)
    print(timing.line("shipped pack from the snapshot", figures["snapshot"]))
    print(timing.line("shipped pack from the files (parse, validate, check)", figures["files"]))
    print(timing.goal("shipped pack load: snapshot / files", timing.ratio(figures["snapshot"], figures["files"]), 0.2))


def json_evaluation(rounds: int) -> None:
    timing.bytecode_written(Path(wizard.__file__).parent)
    evaluate = [sys.executable, "-m", "wizard", "evaluate", "-", "--format", "json"]
    cases = {
        "evaluate": lambda: timing.process_cpu(evaluate, ANSWERS),
        "floor": lambda: timing.process_cpu([sys.executable, "-c", FLOOR]),
    }
    figures = timing.processes_cpu(cases, rounds)
    print(timing.line("CPU of `wizard evaluate - --format json`", figures["evaluate"]))
    print(timing.line(f'CPU of `python -c "{FLOOR}"`', figures["floor"]))
    ratio = timing.ratio(figures["evaluate"], figures["floor"])
    print(timing.goal("evaluate json CPU / import yaml + pydantic", ratio, 1.6))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    pack_load(args.rounds)
    json_evaluation(args.rounds)


if __name__ == "__main__":
    main()
