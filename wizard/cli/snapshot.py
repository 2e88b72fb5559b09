"""Making the shipped snapshot, `python -m wizard.cli.snapshot`: the shipped pack read and checked the ordinary way,
its content, the catalogue and the compiled templates, written to `wizard/snapshot.bin` (see `wizard.snapshot`).
Run it after changing any file of `rules/`, `rules/templates/` or `wizard/catalogue/`; a test says when it is due."""

from __future__ import annotations

import pickle
import sys

from wizard import snapshot
from wizard.catalogue import catalogue_files
from wizard.errors import WizardError
from wizard.outputs.content import read_outputs, snapshot_state, templates_folder
from wizard.outputs.render import CompiledTemplates, make_environment
from wizard.pack.loader import DEFAULT_RULES, load_pack


class _Recorder(CompiledTemplates):
    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()


def compiled_templates() -> dict[str, bytes]:
    recorder = _Recorder({})
    env = make_environment(templates_folder(), recorder)
    for name in env.list_templates(filter_func=lambda name: name.endswith(".j2")):
        env.get_template(name)
    return dict(recorder.codes)


def parts() -> dict[str, bytes]:
    """The snapshot's parts, from the files, every check passed (else `PackError`)."""
    pack = load_pack(DEFAULT_RULES)
    pack.by_id, pack.ground_order  # noqa: B018 (cached with the pack)
    outputs = read_outputs(templates_folder())
    outputs.check_report(pack)
    objects = {
        "pack": pack,
        "content": snapshot_state(outputs),
        "catalogue": catalogue_files(),
        "templates": compiled_templates(),
    }
    return {name: pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for name, value in objects.items()}


def main() -> int:
    try:
        made = parts()
    except WizardError as error:
        print(error.render("en"), file=sys.stderr)
        return 2
    snapshot.SNAPSHOT_FILE.write_bytes(snapshot.encode(made, snapshot.source_key()))
    print(f"wrote {snapshot.SNAPSHOT_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
