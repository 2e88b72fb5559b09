"""The canary: a fresh random string typed into every free-text field, and every form in which to look for it.

A program that keeps what it was given may write it in another encoding than the one it was typed in: UTF-16
(Windows-minded libraries, some log formats), JSON with `\\uXXXX` escapes (`ensure_ascii`), base64 (the OSC 52
clipboard sequence, data URLs, many serialisers), or a Russian legacy code page. The canary has an ASCII part and
a Cyrillic part, each unique on its own, so that a form that mangles one part still shows the other.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from support.terminal import strip_ansi


def base64_cores(data: bytes) -> list[bytes]:
    """What every base64 stream holding `data` contains, whatever the offset of `data` in it: the characters
    that depend on `data` alone, for each of the three alignments."""
    cores = []
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + data)
        first = -(-8 * shift // 6)  # the first character with no bit of the padding in front
        last = 8 * (shift + len(data)) // 6  # past the last character with no bit of what may follow
        cores.append(encoded[first:last])
    return cores


@dataclass(frozen=True)
class Canary:
    latin: str
    cyrillic: str

    @classmethod
    def fresh(cls) -> Canary:
        tail = secrets.token_hex(5)
        return cls(f"ZXQ-{tail}", f"КАНАРЕЙКА{tail.upper()}")

    @property
    def text(self) -> str:
        """What is typed."""
        return self.latin + self.cyrillic

    @cached_property
    def forms(self) -> dict[str, bytes]:
        """Name of the form: its bytes. Each is long and random enough never to occur by chance."""
        text = self.text
        forms: dict[str, bytes] = {}
        for part, value in (("", text), ("latin ", self.latin), ("cyrillic ", self.cyrillic)):
            forms[f"{part}utf-8"] = value.encode("utf-8")
            forms[f"{part}utf-16-le"] = value.encode("utf-16-le")
            forms[f"{part}utf-16-be"] = value.encode("utf-16-be")
        escaped = json.dumps(self.cyrillic)[1:-1]  # \u041a\u0410...
        forms["json \\u escapes"] = escaped.encode("ascii")
        forms["json \\U escapes"] = re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m[1].upper(), escaped).encode()
        forms["cp1251"] = self.cyrillic.encode("cp1251")
        forms["koi8-r"] = self.cyrillic.encode("koi8-r")
        for part, value in (("", text), ("latin ", self.latin), ("cyrillic ", self.cyrillic)):
            for shift, core in enumerate(base64_cores(value.encode("utf-8"))):
                forms[f"{part}base64/{shift}"] = core
        return forms

    def found_in(self, data: bytes) -> list[str]:
        """The forms of the canary in `data` (also looked for with terminal escape sequences removed)."""
        plain = strip_ansi(data)
        return [name for name, form in self.forms.items() if form in data or form in plain]

    def found_in_files(self, folders: Iterable[Path]) -> list[tuple[str, str]]:
        """(file, form) for every file under `folders` that holds the canary in any form, its name included."""
        hits = []
        for folder in folders:
            for path in sorted(folder.rglob("*")):
                for name in self.found_in(str(path.relative_to(folder)).encode("utf-8", "surrogateescape")):
                    hits.append((str(path), f"file name: {name}"))
                if path.is_file() and not path.is_symlink():
                    hits += [(str(path), name) for name in self.found_in(path.read_bytes())]
        return hits
