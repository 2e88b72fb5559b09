"""The content of the take-away outputs, read from `rules/templates/content.yaml`: steps shown when the pack
shows none, the written follow-up, and the wording of the drafted report (рапорт), each with its sources.

It is content, like the rule pack: lawyers edit it, every statement cites source ids, and a problem is
reported as `path:line: message`. A source id the pack defines is taken from the pack; the file's own
`sources` stand in only for ids the pack lacks.
"""

from __future__ import annotations

import datetime
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import Field, ValidationError

from wizard import snapshot
from wizard.catalogue import Msg
from wizard.errors import LocatedError, PackError
from wizard.pack import conditions, model, wording
from wizard.pack.conditions import Id, Model, Text
from wizard.pack.loader import DEFAULT_RULES, pydantic_message
from wizard.pack.model import Pack, Source, Step
from wizard.pack.values import Cites
from wizard.pack.yamlfile import parse, read_file

TEMPLATES = "templates"
CONTENT_FILE = "content.yaml"
MAX_CONTENT_BYTES = 1024 * 1024


class Provision(Model):
    """A provision a report cites: a unit of one of the report's `acts`, cited only on and after the date of
    each of its sources and `since`, and, when `regimes` are named, only under one of them."""

    act: Id
    article: str | None = None
    part: str | None = None
    point: str | None = None
    subpoint: str | None = None
    since: datetime.date | None = None
    regimes: tuple[Id, ...] = ()
    sources: Cites


class Request(Model):
    """What a report asks for: its subject (for the title), the request and the provisions it rests on."""

    subject: Text
    request: Text
    provisions: tuple[Provision, ...] = ()
    circumstances: Text | None = None
    """The placeholder for the circumstances, when it differs from the report's own."""
    documents: tuple[Id, ...] | None = None
    """Which of the ground's documents go with this report; None: all that the answers make relevant."""
    check: Text | None = None
    """A line in [brackets] inside the report, to settle with a lawyer and remove before filing."""
    note: Text | None = None
    """A note beside the report, for the person."""
    sources: Cites


class GroundRequest(Request):
    within_reach: Request | None = None
    """What to ask for while the ground is within reach (e.g. a referral to the ВВК); None: the request itself,
    flagged to be filed once the missing document is obtained."""


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
    acts: dict[Id, Text]
    """The acts provisions are cited from, as their names read after a provision (Russian: the genitive)."""
    grounds: dict[Id, GroundRequest]
    """The grounds a report can be drafted on; no other ground is ever put in a report."""
    to_confirm: Text
    obtain_first: Text
    closed: Text
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
_FORMATS = {
    ("report", "to_confirm"): ("missing",),
    ("report", "closed"): ("verdict",),
    ("report", "obtain_first"): ("obtain",),
    ("report", "attachment"): ("title",),
}


@dataclass(frozen=True)
class Outputs:
    """The templates folder (`rules/templates/` of a pack) and its checked content file."""

    folder: Path
    content: Content
    path: str
    """The content file, as error messages name it."""
    cites: tuple[tuple[str, int], ...]
    """Every source id the content cites, with its line."""
    refs: tuple[tuple[str, str, int], ...] = ()
    """Every (section of the pack, id) the report's wording names, with its line: grounds, documents, regimes
    and sources. Another pack may borrow the shipped content; these are checked only for the pack it is of."""
    provisions: tuple[tuple[str, Provision, int], ...] = ()
    """Every provision of the report's wording, with its ground and line."""

    def check(self, pack: Pack) -> None:
        """Every source id cited must be defined by `pack` or by the content itself; raises `PackError`."""
        self._raise(pack, [("sources", source_id, line) for source_id, line in self.cites])

    def check_report(self, pack: Pack) -> None:
        """The report's wording must fit `pack`, whose own content this is: every ground, document, regime and
        source it names is the pack's (or, for a source, the content's own), and a provision cites only sources
        its ground cites (so that the summary has their dates). Raises `PackError`."""
        problems = []
        for ground_id, provision, line in self.provisions:
            ground = pack.by_id["grounds"].get(ground_id)
            stray = [sid for sid in provision.sources if ground is not None and sid not in ground.sources]
            if stray:
                problems.append(
                    LocatedError(self.path, line, Msg("out.content.ground_source", {"ids": ", ".join(stray)}))
                )
        self._raise(pack, self.refs, problems)

    def _raise(self, pack: Pack, refs, problems: list[LocatedError] | None = None) -> None:
        own = {source.id for source in self.content.sources}
        problems = list(problems or ())
        for kind, item_id, line in refs:
            if item_id not in pack.by_id[kind] and not (kind == "sources" and item_id in own):
                problems.append(LocatedError(self.path, line, Msg("check.unknown_ref", {"kind": kind, "id": item_id})))
        if problems:
            raise PackError(problems)

    def source(self, pack: Pack, source_id: str) -> Source:
        """The source `source_id`: the pack's when it defines it, else the content's own."""
        found = pack.by_id["sources"].get(source_id)
        if found is not None:
            return found
        return next(source for source in self.content.sources if source.id == source_id)


def has_own_outputs(rules: Path | None = None) -> bool:
    """Whether the pack in `rules` (default: the shipped one) has its own templates, rather than borrowing
    the shipped ones (whose report wording is written for the shipped pack)."""
    return rules is None or (Path(rules) / TEMPLATES / CONTENT_FILE).is_file()


def outputs_for(pack: Pack, rules: Path | None = None) -> Outputs:
    """The outputs of the pack in `rules` (the shipped ones when it has none of its own), its own checked against
    `pack`; raises `PackError`."""
    outputs = load_outputs(rules)
    if has_own_outputs(rules):
        outputs.check_report(pack)
    return outputs


def templates_folder(rules: Path | None = None) -> Path:
    """The templates folder of the pack in `rules`, or the shipped one when that pack has none."""
    if rules is not None and (Path(rules) / TEMPLATES / CONTENT_FILE).is_file():
        return Path(rules) / TEMPLATES
    return DEFAULT_RULES / TEMPLATES


@cache
def load_outputs(rules: Path | None = None) -> Outputs:
    """The templates and checked content of the pack in `rules` (see `templates_folder`); raises `PackError`
    naming the line of each problem. The shipped ones (no `rules`) come from the shipped snapshot when it matches
    the files."""
    return (shipped_outputs() if rules is None else None) or read_outputs(templates_folder(rules))


def snapshot_state(outputs: Outputs) -> tuple:
    """What the shipped snapshot keeps of the shipped outputs (the folder is where the package is installed)."""
    return outputs.content, outputs.cites, outputs.refs, outputs.provisions


def shipped_outputs() -> Outputs | None:
    """The shipped outputs from the shipped snapshot, or None when there is none to use."""
    allowed = snapshot.classes(Model, sys.modules[__name__], conditions, model, wording)
    found = snapshot.shipped_part("content", allowed)
    if not (isinstance(found, tuple) and len(found) == 4 and isinstance(found[0], Content)):
        return None
    folder = DEFAULT_RULES / TEMPLATES
    return Outputs(folder, found[0], str(folder / CONTENT_FILE), *found[1:])


def read_outputs(folder: Path) -> Outputs:
    """The templates in `folder` and its content file, read and checked; raises `PackError`."""
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
    problems += _unknown_acts(content, doc, shown)
    if problems:
        raise PackError(problems)
    refs, provisions = _report_refs(content, doc)
    return Outputs(folder, content, shown, tuple(_cites(doc.data, doc)), refs, provisions)


def _requests(content: Content):
    """(ground id, path in the file, request) of every request of the report's wording."""
    for ground_id, request in content.report.grounds.items():
        yield ground_id, ("report", "grounds", ground_id), request
        if request.within_reach is not None:
            yield ground_id, ("report", "grounds", ground_id, "within_reach"), request.within_reach


def _unknown_acts(content: Content, doc, shown: str) -> list[LocatedError]:
    return [
        LocatedError(
            shown,
            doc.line_at((*path, "provisions", index, "act")),
            Msg("check.unknown_ref", {"kind": "acts", "id": provision.act}),
        )
        for _, path, request in _requests(content)
        for index, provision in enumerate(request.provisions)
        if provision.act not in content.report.acts
    ]


def _report_refs(content: Content, doc):
    refs = [
        ("grounds", ground_id, doc.line_at(("report", "grounds", ground_id))) for ground_id in content.report.grounds
    ]
    refs += [("documents", doc_id, doc.line_at(("report", "not_attached"))) for doc_id in content.report.not_attached]
    provisions = []
    for ground_id, path, request in _requests(content):
        refs += [("documents", doc_id, doc.line_at((*path, "documents"))) for doc_id in request.documents or ()]
        refs += [("sources", source_id, doc.line_at((*path, "sources"))) for source_id in request.sources]
        for index, provision in enumerate(request.provisions):
            line = doc.line_at((*path, "provisions", index))
            provisions.append((ground_id, provision, line))
            refs += [("regimes", regime_id, line) for regime_id in provision.regimes]
            refs += [("sources", source_id, line) for source_id in provision.sources]
    return tuple(refs), tuple(provisions)


def _cites(data: object, doc, path: tuple = ()):
    """(source id, line) of every `sources` list of statements in the file (not the `sources` section, nor
    the report's wording for each ground: see `_report_refs`)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if path == ("report",) and key == "grounds":
                continue
            if key == "sources" and path and isinstance(value, list):
                for index, source_id in enumerate(value):
                    yield str(source_id), doc.line_at((*path, key, index))
            else:
                yield from _cites(value, doc, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _cites(value, doc, (*path, index))
