"""The content of the take-away outputs, read from `rules/templates/content.yaml`: steps shown when the pack
shows none, the written follow-up, and the wording of the drafted report (рапорт), each with its sources.

It is content, like the rule pack: lawyers edit it, every statement cites source ids, and a problem is
reported as `path:line: message`. A source id the pack defines is taken from the pack; the file's own
`sources` stand in only for ids the pack lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import Field, ValidationError

from wizard.catalogue import Msg
from wizard.conditions import Id, Model, Text
from wizard.errors import LocatedError, PackError
from wizard.loader import DEFAULT_RULES, pydantic_message
from wizard.model import Cites, Pack, Source, Step
from wizard.yamlfile import parse, read_file

TEMPLATES = "templates"
CONTENT_FILE = "content.yaml"
MAX_CONTENT_BYTES = 1024 * 1024


class ReportText(Model):
    """The words of the drafted report; text in [brackets] is a placeholder left for the person."""

    sources: Cites
    form_note: Text
    addressee: Text
    from_: Text = Field(alias="from")
    rank: Text
    name: Text
    unit: Text
    title: Text
    grounds: dict[Id, tuple[Id, ...]]
    """Ground id → the source ids the report cites for it; only these grounds are put in a report."""
    no_reference: Text
    request: Text
    to_confirm: Text
    circumstances: Text
    attachments: Text
    attachment: Text
    not_attached: tuple[Id, ...] = ()
    no_attachments: Text
    signature: Text
    date: Text
    no_ground: Text


class Content(Model):
    sources: tuple[Source, ...] = ()
    general_steps: tuple[Step, ...] = ()
    follow_up: Step
    report: ReportText


# Where a text of the file is filled in by the program: the parameters it must take, and nothing else.
_FORMATS = {("report", "to_confirm"): ("missing",), ("report", "attachment"): ("title",)}


@dataclass(frozen=True)
class Outputs:
    """The templates folder (`rules/templates/` of a pack) and its checked content file."""

    folder: Path
    content: Content
    path: str
    """The content file, as error messages name it."""
    cites: tuple[tuple[str, int], ...]
    """Every source id the content cites, with its line."""

    def check(self, pack: Pack) -> None:
        """Every source id cited must be defined by `pack` or by the content itself; raises `PackError`."""
        own = {source.id for source in self.content.sources}
        problems = [
            LocatedError(self.path, line, Msg("check.unknown_ref", {"kind": "sources", "id": source_id}))
            for source_id, line in self.cites
            if source_id not in own and source_id not in pack.by_id["sources"]
        ]
        if problems:
            raise PackError(problems)

    def source(self, pack: Pack, source_id: str) -> Source:
        """The source `source_id`: the pack's when it defines it, else the content's own."""
        found = pack.by_id["sources"].get(source_id)
        if found is not None:
            return found
        return next(source for source in self.content.sources if source.id == source_id)


def templates_folder(rules: Path | None = None) -> Path:
    """The templates folder of the pack in `rules`, or the shipped one when that pack has none."""
    if rules is not None and (Path(rules) / TEMPLATES / CONTENT_FILE).is_file():
        return Path(rules) / TEMPLATES
    return DEFAULT_RULES / TEMPLATES


@cache
def load_outputs(rules: Path | None = None) -> Outputs:
    """The templates and checked content of the pack in `rules` (see `templates_folder`); raises `PackError`
    naming the line of each problem."""
    folder = templates_folder(rules)
    path = folder / CONTENT_FILE
    shown = str(path)
    try:
        doc = parse(shown, read_file(path, shown, MAX_CONTENT_BYTES), MAX_CONTENT_BYTES)
    except LocatedError as error:
        raise PackError([error]) from None
    if not isinstance(doc.data, dict):
        raise PackError([LocatedError(shown, doc.line_at(()), Msg("pack.not_mapping"))])
    try:
        content = Content.model_validate(doc.data)
    except ValidationError as error:
        raise PackError(
            [LocatedError(shown, doc.line_at(tuple(e["loc"])), pydantic_message(e)) for e in error.errors()]
        ) from None
    problems = []
    for (section, field), params in _FORMATS.items():
        text = getattr(getattr(content, section), field)
        for lang in ("ru", "en"):
            try:
                text[lang].format(**dict.fromkeys(params, ""))
            except (KeyError, IndexError, ValueError):
                problems.append(
                    LocatedError(
                        shown,
                        doc.line_at((section, field, lang)),
                        Msg("out.content.placeholders", {"names": ", ".join("{" + p + "}" for p in params)}),
                    )
                )
    if problems:
        raise PackError(problems)
    return Outputs(folder, content, shown, tuple(_cites(doc.data, doc)))


def _cites(data: object, doc, path: tuple = ()):
    """(source id, line) of every `sources` list of statements in the file (not the `sources` section)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "sources" and path and isinstance(value, list):
                for index, source_id in enumerate(value):
                    yield str(source_id), doc.line_at((*path, key, index))
            else:
                yield from _cites(value, doc, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _cites(value, doc, (*path, index))
