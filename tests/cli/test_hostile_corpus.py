"""A corpus of hostile inputs, each run through the real console script with bounded CPU time and memory.

Each case makes its input in a fresh folder (files, pipes, links, devices, standard input and output) and
expects one exit code and one line naming the problem, with no traceback, within `resource` limits set on
the child process: CPU seconds (RLIMIT_CPU; a case that spins is killed by SIGXCPU) and address space
(RLIMIT_AS; a case that reads without bound fails to allocate). A wall-clock timeout, far above either, only
catches a case that waits for ever without using the CPU (a pipe with no writer).

The detector (`judge`) has its positive controls at the end: a program that prints a traceback, two lines,
a raw escape sequence, that spins or that eats memory is caught.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import FIXTURE

WIZARD = Path(sys.executable).with_name("wizard")
MB = 1024 * 1024
WALL = 60
"""Seconds; only for a case that hangs without using the CPU."""

OK = b"respondent: self\n"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], tuple[list[str], object]]
    """(arguments, standard input: bytes, a path, None for /dev/null, or CLOSED) from the case's folder."""
    code: int
    fragment: str
    cpu: int = 5
    """CPU seconds."""
    memory: int = 400
    """Megabytes of address space."""
    stdout: object = subprocess.PIPE
    """Where standard output goes: a pipe, or a path made in the folder (see `output_to`)."""


CLOSED = object()


def answers(content: bytes, *options: str) -> Callable[[Path], tuple[list[str], object]]:
    def make(folder: Path) -> tuple[list[str], object]:
        path = folder / "answers.yaml"
        path.write_bytes(content)
        return ["--rules", str(FIXTURE), "--lang", "en", "evaluate", str(path), *options], None

    return make


def answers_at(prepare: Callable[[Path], Path]) -> Callable[[Path], tuple[list[str], object]]:
    def make(folder: Path) -> tuple[list[str], object]:
        return ["--rules", str(FIXTURE), "--lang", "en", "evaluate", str(prepare(folder))], None

    return make


def stdin(content: object) -> Callable[[Path], tuple[list[str], object]]:
    def make(folder: Path) -> tuple[list[str], object]:
        return ["--rules", str(FIXTURE), "--lang", "en", "evaluate", "-"], content

    return make


def saving(name: Callable[[Path], str]) -> Callable[[Path], tuple[list[str], object]]:
    def make(folder: Path) -> tuple[list[str], object]:
        path = folder / "answers.yaml"
        path.write_bytes(OK)
        return ["--rules", str(FIXTURE), "--lang", "en", "evaluate", str(path), "--output", name(folder)], None

    return make


def pack(change: Callable[[Path], None], command: str = "check") -> Callable[[Path], tuple[list[str], object]]:
    def make(folder: Path) -> tuple[list[str], object]:
        rules = folder / "rules"
        rules.mkdir()
        for path in FIXTURE.glob("*.yaml"):
            (rules / path.name).write_bytes(path.read_bytes())
        change(rules)
        return ["--lang", "en", "rules", command, str(rules)], None

    return make


def fifo(folder: Path, name: str = "answers.yaml") -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def link(target: str, name: str = "answers.yaml") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.symlink_to(target)
        return path

    return make


def write(name: str, content: bytes) -> Callable[[Path], None]:
    return lambda rules: (rules / name).write_bytes(content)


def nested(depth: int) -> bytes:
    return b"age: " + b"[" * depth + b"\n"


SEXAGESIMAL = b"age: 1" + b":59" * 340_000 + b"\n"
"""Just under 1 MB: YAML 1.1 would build it as a number in base 60, in quadratic time (about a minute)."""
OSC = b'"\\e]52;c;Q0FOQVJZ\\a\\e]0;PWNED\\a\\e[2J": 1\n'
CANARY_KEY = "ZXQ-канарейка командир избил меня: да\n".encode()
UNIT = b"zz_extra:\n" + b"  # " + b"x" * 70 + b"\n"

NOT_REGULAR = "this is not a regular file"
NOT_MAPPING = "must map question ids to answers"
INVALID = "not valid YAML or JSON"
NOT_A_QUESTION = "the key on this line is not a question"

CASES = [
    # --- answers files: size, kind of file, encoding, structure
    Case("alias_bomb", answers(b"a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"), 2, "aliases"),
    Case("over_1_mb", answers(b"# " + b"x" * (2 * MB) + b"\n"), 2, "larger than 1024 KB"),
    Case("dev_zero_as_file", answers_at(lambda folder: Path("/dev/zero")), 2, NOT_REGULAR),
    Case("link_to_dev_zero", answers_at(link("/dev/zero")), 2, NOT_REGULAR),
    Case("dev_zero_on_stdin", stdin(Path("/dev/zero")), 2, "larger than 1024 KB"),
    Case("endless_lines_on_stdin", stdin(b"age: 30\n" * (3 * MB // 8)), 2, "larger than 1024 KB"),
    Case("fifo_without_writer", answers_at(fifo), 2, NOT_REGULAR),
    Case("directory", answers_at(lambda folder: folder), 2, NOT_REGULAR),
    Case("dev_null", answers_at(lambda folder: Path("/dev/null")), 2, NOT_REGULAR),
    Case("missing_file", answers_at(lambda folder: folder / "nothing.yaml"), 2, "no such file"),
    Case("link_loop", answers_at(link("answers.yaml")), 2, "cannot read the file"),
    Case("proc_environ", answers_at(lambda folder: Path("/proc/self/environ")), 2, "not allowed (binary data?)"),
    Case("invalid_utf8", answers(b"respondent: self\nage: \xff\xfe\n"), 2, "not UTF-8"),
    Case("utf16", answers("respondent: self\n".encode("utf-16")), 2, "not UTF-8"),
    Case("nul_in_value", answers(b"respondent: se\x00lf\n"), 2, "binary data"),
    Case("deep_flow_nesting", answers(nested(100_000)), 2, INVALID),
    Case("deep_block_nesting", answers(b"".join(b"  " * i + b"- \n" for i in range(1000))), 2, ""),
    Case("scalar_file", answers(b"just text\n"), 2, NOT_MAPPING),
    Case("list_file", answers(b"- respondent\n- self\n"), 2, NOT_MAPPING),
    Case("two_documents", answers(b"respondent: self\n---\nage: 30\n"), 2, INVALID),
    # --- keys and values that must not reach the terminal as they are
    Case("duplicate_key", answers(b"respondent: self\nrespondent: self\n"), 2, "appears earlier too"),
    Case("key_with_line_break", answers(b'"x\\nsecond line": 1\n'), 2, NOT_A_QUESTION),
    Case("key_with_escape_sequences", answers(OSC), 2, NOT_A_QUESTION),
    Case("free_text_key", answers(CANARY_KEY), 2, NOT_A_QUESTION),
    Case("bidi_key", answers("\u202eevil\u202c: 1\n".encode()), 2, NOT_A_QUESTION),
    Case("number_key", answers(b"123: 1\n"), 2, NOT_A_QUESTION),
    Case("complex_key", answers(b"? [a, b]\n: 1\n"), 2, "a key must be a plain word"),
    Case("python_tag", answers(b'age: !!python/object/apply:os.system ["touch pwned"]\n'), 2, "must be a number"),
    Case("python_scalar_tag", answers(b"age: !!python/name:os.system\n"), 2, INVALID),
    Case("unknown_tag", answers(b"age: !foo 30\n"), 2, INVALID),
    # --- values of the wrong kind, at the edges
    Case("date_time_on_a_date", answers(b"signed_on: 2024-01-01 10:00:00\n"), 2, "must be a date"),
    Case("date_time_with_zone", answers(b"signed_on: 2024-01-01T10:00:00+03:00\n"), 2, "must be a date"),
    Case("impossible_date", answers(b"signed_on: 2024-02-30\n"), 2, "a value cannot be read"),
    Case("sexagesimal_number", answers(SEXAGESIMAL), 2, "must be a number"),
    Case("sexagesimal_key", answers(b"1" + b":59" * 340_000 + b": 1\n"), 2, INVALID),
    Case("long_decimal", answers(b"age: " + b"9" * 5000 + b"\n"), 2, "a value cannot be read"),
    Case("long_hex", answers(b"age: 0x" + b"f" * 900_000 + b"\n"), 2, "a value cannot be read"),
    Case("huge_float", answers(b"age: 1.0e+309\n"), 2, "out of range"),
    Case("not_a_number", answers(b"age: .nan\n"), 2, "must be a number"),
    Case("day_before_the_law", answers(OK, "--on", "0001-01-01"), 2, "no legal regime in force"),
    # --- standard input and output
    Case("stdin_closed", stdin(CLOSED), 2, "standard input is closed"),
    Case("stdout_full", answers(OK), 2, "cannot write the output", stdout=Path("/dev/full")),
    Case("stdout_closed", answers(OK), 2, "cannot write the output", stdout=CLOSED),
    # --- --output names
    Case("name_too_long", saving(lambda folder: str(folder / ("a" * 300 + ".txt"))), 2, "File name too long"),
    Case("path_too_long", saving(lambda folder: str(folder) + "/a" * 3000 + ".txt"), 2, "cannot write the file"),
    Case("no_such_user", saving(lambda folder: "~nosuchuser-zz/x.txt"), 2, "the folder for this file does not exist"),
    Case("missing_folder", saving(lambda folder: str(folder / "no" / "x.txt")), 2, "does not exist"),
    Case("folder_as_output", saving(lambda folder: str(folder)), 2, "this is a folder, not a file"),
    Case("existing_output", saving(lambda folder: str(folder / "answers.yaml")), 2, "already exists"),
    Case("control_in_output_name", saving(lambda folder: str(folder / "no" / "\x1b]0;T\x07.txt")), 2, "\\x1b]0;T"),
    # --- rule packs
    Case("pack_fifo", pack(lambda rules: fifo(rules, "zz.yaml")), 2, NOT_REGULAR),
    Case("pack_link_to_dev_zero", pack(lambda rules: (rules / "zz.yaml").symlink_to("/dev/zero")), 2, NOT_REGULAR),
    Case("pack_file_over_2_mb", pack(write("zz.yaml", b"# " + b"x" * (3 * MB) + b"\n")), 2, "larger than 2048 KB"),
    Case(
        "pack_over_8_mb",
        pack(lambda rules: [write(f"zz{n}.yaml", b"# " + b"x" * (2 * MB - 16) + b"\n")(rules) for n in range(5)]),
        2,
        "together are larger than 8 MB",
    ),
    Case(
        "pack_too_many_files",
        pack(lambda rules: [write(f"zz{n:03}.yaml", UNIT)(rules) for n in range(70)]),
        2,
        "more than 64",
    ),
    Case("pack_sexagesimal", pack(write("zz.yaml", b"zz_extra: 1" + b":59" * 600_000 + b"\n")), 2, "unknown section"),
    Case("pack_escape_in_section", pack(write("zz.yaml", b'"\\e]0;PWNED\\a": 1\n')), 2, "\\x1b]0;PWNED\\x07"),
    Case("pack_deep_flow", pack(write("zz.yaml", b"zz: " + b"[" * 100_000 + b"\n")), 2, "invalid YAML"),
]


def limits(cpu: int, memory: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU at the soft limit
        resource.setrlimit(resource.RLIMIT_AS, (memory * MB, memory * MB))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


@dataclass
class Outcome:
    code: int
    stdout: bytes
    stderr: bytes


def run_case(case: Case, folder: Path, argv: list[str] | None = None) -> Outcome:
    args, given = case.make(folder)
    argv = argv or [str(WIZARD), *args]
    source: object = subprocess.DEVNULL
    if isinstance(given, bytes):
        (folder / "stdin").write_bytes(given)
        source = open(folder / "stdin", "rb")  # noqa: SIM115
    elif isinstance(given, Path):
        source = open(given, "rb")  # noqa: SIM115
    elif given is CLOSED:
        argv = ["sh", "-c", '"$@" <&-', "sh", *argv]
    if case.stdout is CLOSED:
        argv = ["sh", "-c", '"$@" >&-', "sh", *argv]
    target = open(case.stdout, "wb") if isinstance(case.stdout, Path) else subprocess.PIPE  # noqa: SIM115
    try:
        done = subprocess.run(
            argv,
            stdin=source,
            stdout=target,
            stderr=subprocess.PIPE,
            cwd=folder,
            env={"PATH": os.environ["PATH"], "HOME": str(folder), "LANG": "C.UTF-8"},
            preexec_fn=limits(case.cpu, case.memory),
            timeout=WALL,
        )
    finally:
        for stream in (source, target):
            if hasattr(stream, "close"):
                stream.close()
    return Outcome(done.returncode, done.stdout or b"", done.stderr)


def judge(case: Case, outcome: Outcome) -> list[str]:
    """What is wrong with an outcome: the exit code, anything but one plain line on stderr, a raw control
    character, the expected words missing, anything on stdout."""
    problems = []
    if outcome.code != case.code:
        problems.append(f"exit code {outcome.code}, expected {case.code}")
    text = outcome.stderr.decode("utf-8", "replace")
    if "Traceback" in text or "Error:" in text:
        problems.append("a traceback")
    lines = text.splitlines()
    if len(lines) != 1 or not text.endswith("\n"):
        problems.append(f"{len(lines)} lines on stderr")
    if any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in text.rstrip("\n")):
        problems.append("a control character on stderr")
    if case.fragment not in text:
        problems.append(f"{case.fragment!r} not in {text[:300]!r}")
    if outcome.stdout:
        problems.append(f"stdout: {outcome.stdout[:100]!r}")
    return problems


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(case, tmp_path):
    outcome = run_case(case, tmp_path)
    assert judge(case, outcome) == [], outcome.stderr[:500]
    assert not (tmp_path / "pwned").exists()
    assert not [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")]


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


# --- positive controls: the detector catches each way of failing ----------------------------------------

CONTROL = Case("control", answers(OK), 2, "expected words", cpu=2, memory=200)


def control(code: str) -> Outcome:
    """A stand-in for the program, run under the same limits."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        preexec_fn=limits(CONTROL.cpu, CONTROL.memory),
        timeout=WALL,
    )
    return Outcome(done.returncode, done.stdout, done.stderr)


def test_control_good_program_passes():
    outcome = control("import sys; print('x: the expected words', file=sys.stderr); sys.exit(2)")
    assert judge(CONTROL, outcome) == []


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("raise ValueError('the expected words')", "a traceback"),
        ("import sys; print('the expected words\\nsecond', file=sys.stderr); sys.exit(2)", "2 lines on stderr"),
        (
            "import sys; print('the expected words \\x1b]52;c;QQ==\\x07', file=sys.stderr); sys.exit(2)",
            "a control character on stderr",
        ),
        ("import sys; print('the expected words', file=sys.stderr); print('out'); sys.exit(2)", "stdout: "),
        ("import sys; print('other words', file=sys.stderr); sys.exit(2)", "'expected words' not in"),
        ("import sys; print('the expected words', file=sys.stderr); sys.exit(0)", "exit code 0"),
        ("while True: pass", "exit code -24"),  # SIGXCPU: the CPU limit ends a spinning program
        ("x = bytearray(1024 ** 3)", "a traceback"),  # MemoryError: the memory limit ends a hungry one
    ],
)
def test_control_detector_fires(code, problem):
    problems = judge(CONTROL, control(code))
    assert any(found.startswith(problem) for found in problems), problems


FAILING_COMMAND = """
import sys
from wizard.cli import commands
def broken(*args, **options):
    secret = "ZXQ-canary"
    raise ValueError(secret)
commands.evaluate = broken
sys.argv = ["wizard", "--lang", "en", "evaluate", "-"]
from wizard.cli import run
run()
"""


def test_an_unexpected_error_in_a_command_is_the_fixed_sentence():
    done = subprocess.run(
        [sys.executable, "-c", FAILING_COMMAND], capture_output=True, stdin=subprocess.DEVNULL, timeout=WALL
    )
    assert done.returncode == 70
    assert done.stderr.decode() == "The program stopped because of an internal error. Nothing was saved.\n"
