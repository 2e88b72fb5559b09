"""Loading a rule pack from a folder of YAML files: parse, merge, validate, check, or say exactly where it fails.

Every `*.yaml` file directly in the folder holds one or more sections (`pack`, `sources`, `grounds`…); a
list section may be split over several files and is read in file-name order. Scenario files live in the
`scenarios/` subfolder and are not part of the pack.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wizard import snapshot
from wizard.catalogue import LANGUAGES, Msg
from wizard.errors import LocatedError, PackError, WizardError, clipped
from wizard.pack import conditions, model, wording
from wizard.pack.model import Pack
from wizard.pack.yamlfile import YamlDoc, parse, read_file

LIST_SECTIONS = (
    "topics",
    "sources",
    "documents",
    "regimes",
    "questions",
    "grounds",
    "procedure",
    "risks",
    "help",
    "ground_verdicts",
    "situations",
    "next_steps",
    "avoid",
)
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_PACK_BYTES = 8 * 1024 * 1024
"""Limits on one rule file and on all of them together: about forty times the shipped pack. Reading 8 MB of
rules takes some 400 MB of memory; more would end on a phone in the out-of-memory killer."""
MAX_PACK_FILES = 64
DEFAULT_RULES = snapshot.RULES
"""The shipped pack: the repository's `rules/`, installed as the package data `wizard.rules`."""


@dataclass
class Locator:
    """Maps a location in the merged pack, e.g. ("grounds", 3, "conditions"), to a file and line."""

    docs: dict[str, YamlDoc]
    """Section "pack" → the file holding it."""
    origins: dict[str, list[tuple[YamlDoc, int]]]
    """List section → for each merged item, its file and index there."""

    def locate(self, loc: tuple, message: Msg) -> LocatedError:
        section, *rest = loc or ("pack",)
        if section in self.origins and rest and isinstance(rest[0], int) and rest[0] < len(self.origins[section]):
            doc, index = self.origins[section][rest[0]]
            return LocatedError(doc.path, doc.line_at((section, index, *rest[1:])), message)
        doc = self.docs.get(section) or next(iter(self.docs.values()))
        return LocatedError(doc.path, doc.line_at(tuple(loc)), message)


def load_pack(folder: Path | str | None = None) -> Pack:
    """The validated and checked pack in `folder`; raises `PackError` listing every problem with its line.

    Without a folder, the shipped pack: from the shipped snapshot when it matches the files (it was checked when
    it was made), else from the files like any other folder."""
    collecting = gc.isenabled()
    gc.disable()  # loading allocates many objects and frees none: collecting meanwhile only costs time
    try:
        pack = (shipped_pack() if folder is None else None) or _from_folder(Path(folder or DEFAULT_RULES))
    finally:
        if collecting:
            gc.enable()
    gc.freeze()  # the pack lives as long as the process: keep the collector from walking it again and again
    return pack


def _from_folder(folder: Path) -> Pack:
    if not folder.is_dir():
        raise WizardError(Msg("pack.no_folder", {"path": str(folder)}))
    try:
        files = sorted(folder.glob("*.yaml"))
    except OSError:
        files = []
    if not files:
        raise WizardError(Msg("pack.no_files", {"path": str(folder)}))
    if len(files) > MAX_PACK_FILES:
        raise WizardError(Msg("pack.too_many_files", {"path": str(folder), "limit": MAX_PACK_FILES}))
    return _validated(files)


def shipped_pack() -> Pack | None:
    """The shipped pack from the shipped snapshot, or None when there is none to use."""
    found = snapshot.shipped_part("pack", snapshot.classes(conditions.Model, conditions, model, wording))
    return found if isinstance(found, Pack) else None


def _validated(files: list[Path]) -> Pack:
    docs, total = [], 0
    for path in files:
        raw = _read(path)
        total += len(raw)
        if total > MAX_PACK_BYTES:
            raise PackError([LocatedError(str(path), 1, Msg("pack.too_large", {"limit": MAX_PACK_BYTES >> 20}))])
        docs.append(_parse(path, raw))
    merged, locator = _merge(docs)
    try:
        pack = Pack.model_validate(merged)
    except ValidationError as error:
        raise PackError([locator.locate(e["loc"], pydantic_message(e)) for e in error.errors()]) from None
    from wizard.pack.checks import check_pack  # only a pack read from files is checked

    problems = check_pack(pack)
    if problems:
        raise PackError([locator.locate(loc, message) for loc, message in problems])
    return pack


def _read(path: Path) -> bytes:
    try:
        return read_file(path, str(path), MAX_FILE_BYTES)
    except LocatedError as error:
        raise PackError([error]) from None


def _parse(path: Path, raw: bytes) -> YamlDoc:
    try:
        return parse(str(path), raw, MAX_FILE_BYTES)
    except LocatedError as error:
        raise PackError([error]) from None


def _merge(docs: list[YamlDoc]) -> tuple[dict[str, Any], Locator]:
    merged: dict[str, Any] = {}
    locator = Locator({}, {section: [] for section in LIST_SECTIONS})
    problems: list[LocatedError] = []
    for doc in docs:
        if doc.data is None:
            problems.append(LocatedError(doc.path, 1, Msg("file.empty")))
            continue
        if not isinstance(doc.data, dict):
            problems.append(LocatedError(doc.path, doc.line_at(()), Msg("pack.not_mapping")))
            continue
        for section, value in doc.data.items():
            line = doc.line_at((section,))
            if section == "pack":
                if "pack" in merged:
                    problems.append(LocatedError(doc.path, line, Msg("pack.twice")))
                merged["pack"] = value
                locator.docs["pack"] = doc
            elif section not in LIST_SECTIONS:
                expected = ", ".join(("pack", *LIST_SECTIONS))
                problems.append(
                    LocatedError(
                        doc.path,
                        line,
                        Msg("pack.unknown_section", {"section": clipped(str(section)), "expected": expected}),
                    )
                )
            elif not isinstance(value, list):
                problems.append(LocatedError(doc.path, line, Msg("pack.not_list", {"section": section})))
            else:
                merged.setdefault(section, []).extend(value)
                locator.origins[section].extend((doc, index) for index in range(len(value)))
                locator.docs.setdefault(section, doc)
    if problems:
        raise PackError(problems)
    if "pack" not in merged:
        raise PackError([LocatedError(docs[0].path, 1, Msg("pack.no_meta"))])
    return merged, locator


_UNION_TAGS = frozenset({"plain", "role", "cases"})


def pydantic_message(error: dict[str, Any]) -> Msg:
    """A pydantic error as a catalogue message, in the words a pack editor would use."""
    kind = error["type"]
    loc = error["loc"]
    # the key the error is at: not a list position, nor a tag pydantic adds for a union ("plain", "role", "cases")
    field = next((str(step) for step in reversed(loc) if isinstance(step, str) and step not in _UNION_TAGS), "")
    ctx = error.get("ctx", {})
    value = error.get("input")
    if kind == "missing":
        return Msg(f"schema.missing_{field}") if field in LANGUAGES else Msg("schema.missing", {"field": field})
    if kind == "too_short" and field == "sources":
        return Msg("schema.no_sources")
    if kind in ("too_short", "string_too_short"):
        return Msg("schema.empty", {"field": field})
    simple = {
        "extra_forbidden": "schema.unknown_key",
        "condition": "schema.condition",
        "string_pattern_mismatch": "schema.bad_id",
        "literal_error": "schema.not_one_of",
        "date_type": "schema.not_date",
        "date_parsing": "schema.not_date",
        "date_from_datetime_parsing": "schema.not_date",
        "model_type": "schema.not_mapping",
        "model_attributes_type": "schema.not_mapping",
        "dict_type": "schema.not_mapping",
        "tuple_type": "schema.not_list",
        "list_type": "schema.not_list",
        "string_type": "schema.not_text",
        "int_type": "schema.not_number",
        "int_parsing": "schema.not_number",
        "float_type": "schema.not_number",
        "float_parsing": "schema.not_number",
        "bool_type": "schema.not_bool",
        "bool_parsing": "schema.not_bool",
        "greater_than_equal": "schema.too_small",
    }
    if kind in simple:
        shown = str(value)[:60].replace("\r", "\\r").replace("\n", "\\n")  # every problem stays one line
        return Msg(simple[kind], {"field": field, "value": shown, **{k: str(v) for k, v in ctx.items()}})
    return Msg("schema.other", {"detail": error["msg"]})
