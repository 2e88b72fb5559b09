"""Reading one YAML (or JSON) file safely, keeping its node tree so that any problem can name its line.

Safe loading only; aliases and duplicate keys are refused, because in a file that lawyers edit by hand
they are more often mistakes than intentions (and aliases can blow up memory).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from wizard.catalogue import Msg
from wizard.errors import LocatedError, clipped

_OPEN = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
"""Non-blocking, so that opening a pipe with no writer does not wait; only regular files are read anyway."""


def read_file(path: Path, shown: str, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path` (shown as `shown`), read no further than `max_bytes`; a missing,
    unreadable, too large or not regular file (a folder, a pipe, a device) is one `LocatedError`."""
    try:
        descriptor = os.open(path, _OPEN)
    except FileNotFoundError:
        raise LocatedError(shown, 1, Msg("file.missing")) from None
    except OSError:
        raise LocatedError(shown, 1, Msg("file.unreadable")) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise LocatedError(shown, 1, Msg("file.not_regular"))
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            return read_limited(stream, shown, max_bytes)
    except OSError:
        raise LocatedError(shown, 1, Msg("file.unreadable")) from None
    finally:
        os.close(descriptor)


def read_limited(stream: BinaryIO, shown: str, max_bytes: int) -> bytes:
    """At most `max_bytes` from `stream`: one byte more is an error, and nothing past it is read."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise LocatedError(shown, 1, Msg("yaml.too_large", {"limit": max_bytes // 1024}))
    return raw


@dataclass(frozen=True)
class YamlDoc:
    """A parsed file: its data, its node tree, and the name it is shown by."""

    path: str
    data: Any
    root: yaml.Node | None

    def line_at(self, path: tuple) -> int:
        """The line of the deepest node along `path`; steps not found (union tags, missing keys) are skipped."""
        node = self.root
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for step in path:
            found = _child(node, step)
            if found is None:
                continue
            line, node = found
        return line


def _child(node: yaml.Node, step: Any) -> tuple[int, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(step, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == step:
                return key.start_mark.line + 1, value
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        child = node.value[step]
        return child.start_mark.line + 1, child
    return None


_STR = "tag:yaml.org,2002:str"
_NUMBERS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
_LONGEST_NUMBER = 64
"""No number in the project's files is longer; longer ones cost time to build (and are mistakes)."""
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML counts as the end of a line."""


class _Builder:
    """Builds Python data from the node tree: much faster than PyYAML's generic constructor, and it refuses
    aliases of collections and duplicate keys, naming their line."""

    def __init__(self, loader: yaml.CSafeLoader) -> None:
        self.loader = loader
        self.seen: set[int] = set()

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return node.value if node.tag == _STR or _sexagesimal(node) else self.scalar(node)
        if id(node) in self.seen:
            raise _Refused(node, Msg("yaml.alias"))
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child) for child in node.value]
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(key_node, Msg("yaml.complex_key"))
            key = key_node.value if key_node.tag == _STR or _sexagesimal(key_node) else self.scalar(key_node)
            if key in data:
                raise _Refused(key_node, Msg("yaml.duplicate_key", {"name": clipped(key_node.value)}))
            data[key] = self.build(value_node)
        return data

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag in _NUMBERS and len(node.value) > _LONGEST_NUMBER:
            raise _Refused(node, Msg("yaml.bad_value"))
        try:
            return self.loader.construct_object(node)
        except yaml.YAMLError:
            raise
        except Exception:  # PyYAML fails with ValueError, KeyError…: an impossible date, a bad explicit !!tag
            raise _Refused(node, Msg("yaml.bad_value")) from None


def _sexagesimal(node: yaml.ScalarNode) -> bool:
    """YAML 1.1 reads `1:30` as a number in base 60 (90), and building a long one takes quadratic time: such
    a scalar is taken as the text it is."""
    return node.tag in _NUMBERS and ":" in node.value


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: Msg) -> None:
        self.line = node.start_mark.line + 1
        self.message = message


def parse(path: str, raw: bytes, max_bytes: int) -> YamlDoc:
    """Parse `raw` (the bytes of the file shown as `path`); every failure is a `LocatedError`."""
    if len(raw) > max_bytes:
        raise LocatedError(path, 1, Msg("yaml.too_large", {"limit": max_bytes // 1024}))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LocatedError(path, raw.count(b"\n", 0, error.start) + 1, Msg("yaml.not_utf8")) from None
    loader = yaml.CSafeLoader(text)
    try:
        root = loader.get_single_node()
        data = None if root is None else _Builder(loader).build(root)
    except _Refused as refused:
        raise LocatedError(path, refused.line, refused.message) from None
    except yaml.reader.ReaderError as error:
        # libyaml reports the position as a byte offset into the UTF-8 text, not a character index
        line = text.encode("utf-8")[: error.position].count(b"\n") + 1
        raise LocatedError(path, line, Msg("yaml.bad_character")) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # at the end of a file without a final line break, libyaml counts one line more than the file has
        line = min(mark.line + 1, len(_LINE_BREAKS.findall(text)) + 1) if mark else 1
        raise LocatedError(path, line, Msg("yaml.invalid", {"problem": error.problem or ""})) from None
    except yaml.YAMLError:
        raise LocatedError(path, 1, Msg("yaml.invalid", {"problem": ""})) from None
    except RecursionError:
        raise LocatedError(path, 1, Msg("yaml.too_deep")) from None
    finally:
        loader.dispose()
    return YamlDoc(path, data, root)
