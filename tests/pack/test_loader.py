"""The loader: a folder of YAML files becomes one checked pack, or every problem is named as `file:line: message`."""

from __future__ import annotations

import datetime

import pytest
from support import BROKEN_PACKS, FIXTURE, build_case, cases, copy_fixture, read_expect

from wizard.catalogue import Msg
from wizard.errors import LocatedError, PackError, WizardError
from wizard.pack import loader
from wizard.pack.loader import load_pack

BROKEN = cases(BROKEN_PACKS)


NOT_REGULAR = "this is not a regular file (a folder, a device or a pipe): only files are read"


def test_fixture_pack_loads_every_section():
    """The fixture pack loads with each section merged from its files."""
    pack = load_pack(FIXTURE)
    assert [q.id for q in pack.questions] == [
        "respondent",
        "unfit",
        "age",
        "signed_on",
        "family",
        "family_proof",
        "left_unit",
    ]
    assert [g.id for g in pack.grounds] == ["health", "family", "age_limit"]
    assert [r.id for r in pack.regimes] == ["ordinary", "emergency"]
    assert [s.id for s in pack.procedure] == ["report", "lawyer"]
    assert [r.id for r in pack.risks] == ["desertion", "false_papers"]
    assert pack.pack.checked_on == datetime.date(2024, 6, 1)


def test_unquoted_yes_in_a_condition_means_the_answer_yes():
    """YAML 1.1 reads `yes` as true; a condition on a yes/no question stores it as the answer key "yes"."""
    health = load_pack(FIXTURE).by_id["grounds"]["health"]
    assert health.conditions.equals == {"unfit": "yes"}


def test_list_sections_split_over_files_are_read_in_file_name_order(tmp_path):
    """Items of one section in several files are merged in the order of the file names."""
    folder = copy_fixture(tmp_path / "pack")
    (folder / "a_first.yaml").write_text("topics:\n  - id: first\n    title: {ru: Первый, en: First}\n")
    (folder / "zz_last.yaml").write_text("topics:\n  - id: last\n    title: {ru: Последний, en: Last}\n")
    assert [topic.id for topic in load_pack(folder).topics] == ["first", "about", "service", "last"]


def test_only_yaml_files_directly_in_the_folder_are_read(tmp_path):
    """Scenario files, other extensions and subfolders are not part of the pack."""
    folder = copy_fixture(tmp_path / "pack")
    (folder / "scenarios").mkdir()
    (folder / "scenarios" / "broken.yaml").write_text("not: [a, pack")
    (folder / "notes.yml").write_text("not: [a, pack")
    (folder / "README.md").write_text("# notes\n")
    assert len(load_pack(folder).questions) == 7


def test_a_file_with_a_byte_order_mark_loads(tmp_path):
    """A UTF-8 byte order mark (as some Windows editors write) is accepted."""
    folder = copy_fixture(tmp_path / "pack")
    path = folder / "sources.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_pack(folder).sources) == 3


def test_a_missing_folder_is_one_error_naming_it(tmp_path):
    """A folder that does not exist is a WizardError naming the folder, not a PackError."""
    with pytest.raises(WizardError) as raised:
        load_pack(tmp_path / "nowhere")
    assert not isinstance(raised.value, PackError)
    assert raised.value.render("en") == f"{tmp_path / 'nowhere'}: no such rule folder"


def test_a_folder_without_yaml_files_is_one_error(tmp_path):
    """A folder holding no *.yaml file is refused with one message."""
    (tmp_path / "notes.txt").write_text("nothing")
    with pytest.raises(WizardError) as raised:
        load_pack(tmp_path)
    assert raised.value.render("en") == f"{tmp_path}: the folder has no *.yaml files"


def test_an_unreadable_file_is_located(tmp_path):
    """A `*.yaml` entry that is not a file (here a folder) is reported at its line 1."""
    folder = copy_fixture(tmp_path / "pack")
    (folder / "zz.yaml").mkdir()
    with pytest.raises(PackError) as raised:
        load_pack(folder)
    assert raised.value.render("en") == f"{folder / 'zz.yaml'}:1: {NOT_REGULAR}"


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    """A file larger than the limit is refused at line 1 with the limit in the message."""
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 2048)
    folder = copy_fixture(tmp_path / "pack")
    (folder / "zz.yaml").write_text("topics: []\n" + "#" * 4096 + "\n")
    with pytest.raises(PackError) as raised:
        load_pack(folder)
    assert raised.value.render("en") == f"{folder / 'zz.yaml'}:1: the file is larger than 2 KB"


def test_the_corpus_is_large_enough():
    """The corpus holds at least 20 broken packs, each with its expectation."""
    assert len(BROKEN) >= 20
    assert all(read_expect(case) for case in BROKEN)


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_broken_pack_reports_each_problem_at_its_file_and_line(case, tmp_path):
    """Each broken pack raises PackError with exactly the expected `file:line: message` problems, in order."""
    folder = build_case(case, tmp_path / "pack")
    with pytest.raises(PackError) as raised:
        load_pack(folder)
    got = [(problem.path, problem.line, problem.render("en")) for problem in raised.value.problems]
    expected = read_expect(case)
    assert len(got) == len(expected), got
    for (path, line, rendered), want in zip(got, expected, strict=True):
        assert want.matches(path, line, rendered), (want, rendered)
        assert rendered.startswith(f"{folder / want.file}:{want.line}: ")


@pytest.mark.parametrize("case", BROKEN, ids=[case.name for case in BROKEN])
def test_broken_pack_problems_render_in_both_languages_on_lines_of_the_file(case, tmp_path):
    """Every problem names a line inside its file and has its own wording in Russian and in English."""
    folder = build_case(case, tmp_path / "pack")
    with pytest.raises(PackError) as raised:
        load_pack(folder)
    for problem in raised.value.problems:
        lines = max(1, len((folder / problem.path).read_bytes().splitlines()))
        assert 1 <= problem.line <= lines
        russian, english = problem.message.render("ru"), problem.message.render("en")
        assert russian != english
        assert "\n" not in russian and "\n" not in english
    assert raised.value.render("en").count("\n") == len(raised.value.problems) - 1


def test_problems_are_sorted_by_file_then_line():
    """PackError orders its problems by file name, then line, whatever order they were found in."""
    message = Msg("file.empty")
    error = PackError(
        [LocatedError("b.yaml", 9, message), LocatedError("a.yaml", 5, message), LocatedError("b.yaml", 2, message)]
    )
    assert [(p.path, p.line) for p in error.problems] == [("a.yaml", 5), ("b.yaml", 2), ("b.yaml", 9)]


def test_structural_problems_of_every_file_are_reported_together(tmp_path):
    """Section-level problems in several files are all reported, not only the first file's."""
    folder = copy_fixture(tmp_path / "pack")
    (folder / "a.yaml").write_text("topics: []\nhelp: {}\n")
    (folder / "zz.yaml").write_text("\nextras: []\n")
    with pytest.raises(PackError) as raised:
        load_pack(folder)
    got = [(p.path.rsplit("/", 1)[-1], p.line, p.message.key) for p in raised.value.problems]
    assert got == [("a.yaml", 2, "pack.not_list"), ("zz.yaml", 2, "pack.unknown_section")]


def test_the_shipped_pack_loads():
    """Whatever its content, the shipped pack in rules/ loads and passes the checks."""
    assert load_pack().questions
