"""The snapshot of the shipped files: the checked rule pack, its content, the catalogue and the compiled templates,
read back without parsing YAML, validating or checking anything.

`python -m wizard.cli.snapshot` writes it (to `wizard/snapshot.bin`, package data) from a pack that passed every
check. It is keyed by a hash of the package version and of the names and bytes of every file it was made from; a
snapshot whose key differs from the files installed beside it, or whose payload differs from its own digest, or
that cannot be read, is not used at all: the files are read the ordinary way, only more slowly. Its parts are
pickles, read back by an unpickler that resolves only the classes its caller allows, so that a crafted file cannot
run code. This module imports no layer of the program: each layer decodes its own part.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from types import ModuleType

from wizard import __version__, rules

RULES = Path(rules.__path__[0])
"""The shipped pack: the repository's `rules/`, installed as the package data `wizard.rules`."""
CATALOGUE = Path(__file__).with_name("catalogue")
SNAPSHOT_FILE = Path(__file__).with_name("snapshot.bin")
MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024
_MAGIC = b"wizard snapshot 1\n"


PICKLED_MODULES = ("wizard.pack.conditions", "wizard.pack.model", "wizard.pack.wording", "wizard.outputs.content")
"""The modules whose classes the snapshot holds: a change to their code makes it stale as surely as a change to
the files (tests/cli/test_snapshot.py checks that no other module's class is in it)."""


def source_files() -> Iterator[tuple[str, Path]]:
    """(name, path) of every file the snapshot is made from or depends on, in a fixed order."""
    package = Path(__file__).parent
    groups = (
        ("rules", sorted(RULES.glob("*.yaml"))),
        ("templates", sorted(path for path in (RULES / "templates").iterdir() if path.is_file())),
        ("catalogue", sorted(CATALOGUE.glob("*.yaml"))),
        ("code", [package.joinpath(*name.split(".")[1:]).with_suffix(".py") for name in PICKLED_MODULES]),
    )
    for label, paths in groups:
        for path in paths:
            yield f"{label}/{path.name}", path


def source_key() -> str:
    """The hash of the package version and of the names and bytes of the source files."""
    digest = hashlib.sha256(__version__.encode())  # SHA-256: computed in hardware on most processors today
    for name, path in source_files():
        raw = path.read_bytes()
        for chunk in (name.encode(), len(raw).to_bytes(8, "big"), raw):
            digest.update(chunk)
    return digest.hexdigest()


def _digest(payload: bytes) -> bytes:
    return hashlib.sha256(payload).hexdigest().encode()


def encode(parts: Mapping[str, bytes], key: str) -> bytes:
    """The snapshot file of `parts` (name → pickle), under `key`."""
    payload = pickle.dumps(dict(parts), protocol=pickle.HIGHEST_PROTOCOL)
    return b"".join((_MAGIC, key.encode(), b"\n", _digest(payload), b"\n", payload))


def decode(raw: bytes, key: str) -> dict[str, bytes] | None:
    """The parts of a snapshot file, or None when it is not one, was made under another key or was altered."""
    header, _, rest = raw.partition(b"\n")
    stored_key, _, rest = rest.partition(b"\n")
    stored_digest, _, payload = rest.partition(b"\n")
    if header + b"\n" != _MAGIC or stored_key != key.encode() or stored_digest != _digest(payload):
        return None
    parts = restricted_loads(payload, {})
    if not isinstance(parts, dict) or not all(isinstance(v, bytes) for v in parts.values()):
        return None
    return parts


@cache
def shipped_parts() -> dict[str, bytes] | None:
    """The parts of the shipped snapshot when it matches the files installed beside it; else None."""
    try:
        with SNAPSHOT_FILE.open("rb") as stream:
            raw = stream.read(MAX_SNAPSHOT_BYTES + 1)
        if len(raw) > MAX_SNAPSHOT_BYTES:
            return None
        return decode(raw, source_key())
    except (OSError, pickle.UnpicklingError, ValueError, EOFError):
        return None


def shipped_part(name: str, allowed: Mapping[tuple[str, str], object]) -> object | None:
    """Part `name` of the shipped snapshot, unpickled resolving only `allowed`; None when there is none to use."""
    parts = shipped_parts()
    if parts is None or name not in parts:
        return None
    try:
        return restricted_loads(parts[name], allowed)
    except Exception:  # a part that does not unpickle into the program as it is now: the files are read instead
        return None


def classes(base: type, *modules: ModuleType) -> dict[tuple[str, str], object]:
    """What an unpickler may resolve for models: `datetime.date` and every subclass of `base` defined in
    `modules`, by (module, qualified name)."""
    allowed: dict[tuple[str, str], object] = {("datetime", "date"): date}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, base) and value.__module__ == module.__name__:
                allowed[(value.__module__, value.__qualname__)] = value
    return allowed


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, allowed: Mapping[tuple[str, str], object]) -> None:
        super().__init__(io.BytesIO(data))
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> object:
        found = self.allowed.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a snapshot")
        return found


def restricted_loads(data: bytes, allowed: Mapping[tuple[str, str], object]) -> object:
    """`pickle.loads` resolving only the `allowed` globals: anything else is an `UnpicklingError`."""
    return _Unpickler(data, allowed).load()
