"""The shipped snapshot: current with the files, the same pack and outputs as the files give, never used when it
is stale, altered, crafted or for a `--rules` pack, and nothing written at run time."""

from __future__ import annotations

import io
import json
import pickle
import shutil
import subprocess
import sys
from datetime import date

import pytest

from wizard import snapshot
from wizard.catalogue import catalogue_files
from wizard.outputs import render
from wizard.outputs.content import load_outputs, read_outputs, shipped_outputs, templates_folder
from wizard.outputs.summary import summary
from wizard.pack import loader
from wizard.pack.loader import DEFAULT_RULES, load_pack, shipped_pack
from wizard.pack.scenarios import run_scenario, scenario_files

DAY = date(2026, 6, 1)
REMAKE = "python -m wizard.cli.snapshot"


@pytest.fixture
def fresh_cache():
    """Each test reads the snapshot anew, and later tests find it as it is on disk."""
    snapshot.shipped_parts.cache_clear()
    yield
    snapshot.shipped_parts.cache_clear()


def stored_key() -> bytes:
    return snapshot.SNAPSHOT_FILE.read_bytes().split(b"\n")[1]


def test_the_committed_snapshot_is_current():
    assert stored_key() == snapshot.source_key().encode(), f"the snapshot is stale: run `{REMAKE}` and commit it"


MAKE_AGAIN = """
import sys
from wizard import snapshot
from wizard.cli.snapshot import parts
sys.stdout.buffer.write(snapshot.encode(parts(), snapshot.source_key()))
"""


def test_the_snapshot_is_made_again_byte_for_byte():
    """Made from the same files and code by a fresh process, as `python -m wizard.cli.snapshot` makes it, the
    snapshot is the same bytes: the committed one is what the files and code make now. The compiled templates
    are compared by name only: their code names the folder it was compiled in."""
    made = subprocess.run([sys.executable, "-c", MAKE_AGAIN], capture_output=True, check=True, timeout=120).stdout
    made_parts, stored_parts = (snapshot.decode(raw, snapshot.source_key()) for raw in (made, stored_bytes()))
    templates = [snapshot.restricted_loads(parts.pop("templates"), {}).keys() for parts in (made_parts, stored_parts)]
    assert made_parts == stored_parts and templates[0] == templates[1], f"run `{REMAKE}` and commit it"


def stored_bytes() -> bytes:
    return snapshot.SNAPSHOT_FILE.read_bytes()


def test_the_snapshot_holds_classes_of_the_keyed_modules_only():
    """Every class in the snapshot is defined in a module its key covers (or is `datetime.date`)."""
    modules = set()

    class Recording(pickle.Unpickler):
        def find_class(self, module, name):
            modules.add(module)
            return super().find_class(module, name)

    for part in snapshot.shipped_parts().values():
        Recording(io.BytesIO(part)).load()
    assert modules <= {"datetime", *snapshot.PICKLED_MODULES}
    assert {"wizard.pack.model", "wizard.pack.conditions"} <= modules


def test_the_snapshot_gives_the_pack_the_files_give():
    from_snapshot, from_files = shipped_pack(), load_pack(DEFAULT_RULES)
    assert from_snapshot is not None and from_snapshot == from_files
    assert from_snapshot.pack.checked_on == from_files.pack.checked_on and isinstance(
        from_snapshot.pack.checked_on, date
    )
    models = [(pack.questions + pack.grounds) for pack in (from_snapshot, from_files)]
    for kept, read in zip(*models, strict=True):
        assert kept.model_fields_set == read.model_fields_set  # the fields given, not only their values
    assert shipped_outputs().content == read_outputs(templates_folder()).content
    assert snapshot.shipped_part("catalogue", {}) == catalogue_files()


@pytest.mark.parametrize("path", scenario_files(DEFAULT_RULES), ids=lambda path: path.stem)
def test_every_scenario_evaluates_the_same_from_the_snapshot(path):
    outcomes = [run_scenario(path, pack) for pack in (shipped_pack(), load_pack(DEFAULT_RULES))]
    assert [outcome.failures for outcome in outcomes] == [[], []]
    summaries = [
        summary(pack, outcome.evaluation, "en", answers=outcome.answers, today=DAY, outputs=load_outputs())
        for pack, outcome in zip((shipped_pack(), load_pack(DEFAULT_RULES)), outcomes, strict=True)
    ]
    assert summaries[0] == summaries[1]


def test_a_stale_snapshot_is_never_used(fresh_cache, monkeypatch):
    monkeypatch.setattr(snapshot, "source_key", lambda: "0" * 64)
    assert snapshot.shipped_parts() is None
    assert shipped_pack() is None and shipped_outputs() is None
    assert load_pack() == load_pack(DEFAULT_RULES)


def test_an_edited_rule_file_is_read_from_the_files(fresh_cache, monkeypatch, tmp_path):
    """The snapshot as shipped, beside rule files edited since it was made: the edit is what loads."""
    rules = tmp_path / "rules"
    shutil.copytree(DEFAULT_RULES, rules)
    pack_file = rules / "pack.yaml"
    text = pack_file.read_text(encoding="utf-8")
    pack_file.write_text(text.replace("stale_after_days: 183", "stale_after_days: 90"), encoding="utf-8")
    monkeypatch.setattr(snapshot, "RULES", rules)
    monkeypatch.setattr(loader, "DEFAULT_RULES", rules)
    assert snapshot.shipped_parts() is None
    assert load_pack().pack.stale_after_days == 90


def test_an_altered_snapshot_is_never_used(fresh_cache, monkeypatch, tmp_path):
    raw = bytearray(snapshot.SNAPSHOT_FILE.read_bytes())
    raw[-100] ^= 1
    altered = tmp_path / "snapshot.bin"
    altered.write_bytes(bytes(raw))
    monkeypatch.setattr(snapshot, "SNAPSHOT_FILE", altered)
    assert snapshot.shipped_parts() is None
    monkeypatch.setattr(snapshot, "SNAPSHOT_FILE", tmp_path / "missing.bin")
    snapshot.shipped_parts.cache_clear()
    assert snapshot.shipped_parts() is None and shipped_pack() is None


class _Crafted:
    def __reduce__(self):
        return (subprocess.call, (["false"],))


def test_a_crafted_part_runs_no_code(fresh_cache, monkeypatch, tmp_path):
    """Even with the right key and digest, a part naming anything but the allowed classes is not unpickled."""
    payload = pickle.dumps(_Crafted())
    crafted = tmp_path / "snapshot.bin"
    crafted.write_bytes(snapshot.encode({"pack": payload}, snapshot.source_key()))
    monkeypatch.setattr(snapshot, "SNAPSHOT_FILE", crafted)
    monkeypatch.setattr(subprocess, "call", lambda *args: pytest.fail("code ran"))
    assert snapshot.shipped_parts() is not None
    assert shipped_pack() is None
    with pytest.raises(pickle.UnpicklingError):
        snapshot.restricted_loads(payload, {})


def test_a_rules_folder_never_uses_the_snapshot(monkeypatch):
    monkeypatch.setattr(loader, "shipped_pack", lambda: pytest.fail("snapshot used"))
    assert load_pack(DEFAULT_RULES).questions


def test_the_compiled_templates_are_used_and_nothing_is_written():
    env = render.environment(templates_folder())
    compiled = env.bytecode_cache
    assert isinstance(compiled, render.CompiledTemplates) and "summary.txt.j2" in compiled.codes
    before = dict(compiled.codes)
    bucket = env.bytecode_cache.get_bucket(env, "summary.txt.j2", None, "changed source")
    assert bucket.code is None  # compiled from other source: not used
    compiled.dump_bytecode(bucket)
    assert compiled.codes == before


JSON_RUN = """
import io, json, sys
sys.stdin = io.TextIOWrapper(io.BytesIO(b"respondent: soldier\\n"))
from wizard.cli import main
main(["evaluate", "-", "--format", "json"])
from wizard.pack.model import Pack
loaded = [name for name in ("jinja2", "markupsafe", "wizard.pack.scenarios", "wizard.outputs.report",
    "wizard.outputs.render", "wizard.outputs.text", "wizard.pack.checks", "wizard.tui.hardening", "asyncio",
    "textual", "zipfile") if name in sys.modules]
print(json.dumps({"loaded": loaded, "schema_built": Pack.__pydantic_complete__}), file=sys.stderr)
"""


def test_a_json_evaluation_imports_and_builds_only_what_it_uses():
    done = subprocess.run([sys.executable, "-c", JSON_RUN], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["grounds"]
    assert json.loads(done.stderr.splitlines()[-1]) == {"loaded": [], "schema_built": False}
