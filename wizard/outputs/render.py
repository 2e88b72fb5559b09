"""Renderings of the summary and of the drafted report: plain text, Markdown, printable HTML and JSON.

Every rendering is made from the summary model (`summary.summary`) or the report model built from it
(`report.draft`), through Jinja2 templates kept with the rule pack in `rules/templates/`, so that
lawyers can change the wording and layout without touching code. Templates run sandboxed (they are content,
not code), HTML is autoescaped, and a reference to anything missing is an error, never a blank. The shipped
templates come compiled in the shipped snapshot; Jinja2 compiles any whose source differs from what was compiled.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from wizard import snapshot
from wizard.catalogue import Msg, t
from wizard.errors import LocatedError
from wizard.outputs.content import Outputs, load_outputs, templates_folder
from wizard.outputs.summary import article, may_concern, summary_json
from wizard.outputs.words import cites

SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled in advance, by name; read-only: nothing is ever written at run time. Jinja2 uses one
    only when the checksum of the source it was compiled from matches the template's source."""

    def __init__(self, codes: Mapping[str, bytes]) -> None:
        self.codes = codes

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return name  # not the path: the package is installed elsewhere than where the snapshot was made

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.codes.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        pass


@cache
def environment(folder: Path) -> jinja2.Environment:
    """The environment of the templates in `folder`, with the compiled shipped templates for the shipped folder."""
    codes = snapshot.shipped_part("templates", {}) if folder == templates_folder() else None
    return make_environment(folder, CompiledTemplates(codes) if isinstance(codes, dict) else None)


def make_environment(folder: Path, compiled: jinja2.BytecodeCache | None) -> jinja2.Environment:
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(folder),
        bytecode_cache=compiled,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["md"] = markdown_escape
    env.filters["cell"] = markdown_cell
    return env


def render_summary(summary: dict[str, Any], fmt: str, outputs: Outputs | None = None) -> str:
    """The summary in `fmt`: text, markdown, html or json."""
    if fmt == "json":
        return summary_json(summary)
    lang = summary["lang"]
    return _render(
        outputs,
        f"summary.{SUFFIX[fmt]}.j2",
        s=summary,
        open_grounds=[ground for ground in summary["grounds"] if ground["status"] != "not_met"],
        steps=summary["procedure"] or summary["general_steps"],
        may_concern=may_concern(summary),
        counts=availability_counts(summary),
        cites=lambda ids: cites(summary, ids),
        article=lambda risk: article(risk, lang),
        t=lambda key, **params: t(key, lang, **params),
    )


def render_report(report: dict[str, Any], fmt: str, outputs: Outputs | None = None) -> str:
    """The drafted report in `fmt`: text, markdown or html (DOCX: `report.docx_bytes`)."""
    lang = report["lang"]
    return _render(outputs, f"report.{SUFFIX[fmt]}.j2", r=report, t=lambda key, **params: t(key, lang, **params))


def _render(outputs: Outputs | None, name: str, **context: Any) -> str:
    folder = (outputs or load_outputs()).folder
    try:
        return environment(folder).get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise LocatedError(
            error.filename or str(folder / name), error.lineno, Msg("out.template", {"problem": error.message})
        ) from None
    except jinja2.TemplateNotFound as error:
        raise LocatedError(str(folder / error.name), 1, Msg("file.missing")) from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, AttributeError) as error:
        path, line = _template_frame(error, folder / name)
        raise LocatedError(path, line, Msg("out.template", {"problem": str(error)[:200]})) from None


def _template_frame(error: BaseException, default: Path) -> tuple[str, int]:
    """The template file and line a rendering error happened at (Jinja2 rewrites tracebacks to show them)."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno or 1
    return str(default), 1


def availability_counts(summary: dict[str, Any]) -> dict[str, int]:
    """How many grounds of the pack are available, suspended… under the regime applied; what is not a ground
    at all is not counted."""
    counts = dict.fromkeys(("available", "discretionary", "suspended", "unconfirmed", "no_right"), 0)
    grounds = [ground for ground in summary["grounds"] if ground["availability"] != "not_a_ground"]
    for ground in grounds:
        counts[ground["availability"]] += 1
    return {"total": len(grounds), **counts}


_MARKDOWN = re.compile(r"[\\`*_<>|#]|(?<=\])[(\[:]|^[-+=](?=\s|$)|^(\d+)([.)])(?=\s|$)", re.MULTILINE)
"""Markup characters; "](", "][" and "]:" (links: a lone [placeholder] stays as it is); a list mark at a
line's start."""


def _escape(match: re.Match[str]) -> str:
    if match.group(1):  # "1. " at the start of a line would begin a numbered list
        return match.group(1) + "\\" + match.group(2)
    return "\\" + match.group(0)


def markdown_escape(value: Any) -> str:
    """`value` as literal Markdown text: characters that would start markup are escaped."""
    return _MARKDOWN.sub(_escape, str(value))


def markdown_cell(value: Any) -> str:
    """`value` escaped for a cell of a Markdown table (one line)."""
    return " ".join(markdown_escape(value).split())
