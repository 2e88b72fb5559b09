"""Interface strings in Russian and English, read from the YAML files of the `catalogue/` folder beside this module.

Every sentence the program itself says (errors, labels, headings) lives in the catalogue; legal content
lives in the rule pack. A message is kept as a key and its parameters until it is shown, so that the same
error can be printed in either language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from wizard import snapshot

LANGUAGES = ("ru", "en")
CATALOGUE_DIR = snapshot.CATALOGUE


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Key → language → text: from the shipped snapshot when it matches the files, else `catalogue_files()`."""
    shipped = snapshot.shipped_part("catalogue", {})
    return shipped if isinstance(shipped, dict) else catalogue_files()


def catalogue_files() -> dict[str, dict[str, str]]:
    """Key → language → text, merged from every file of the catalogue folder."""
    import yaml  # only when the snapshot is not used

    merged: dict[str, dict[str, str]] = {}
    for path in sorted(CATALOGUE_DIR.glob("*.yaml")):
        merged.update(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))
    return merged


def t(key: str, lang: str, /, **params: Any) -> str:
    """The catalogue text for `key` in `lang`, with `params` filled in."""
    return catalogue()[key][lang].format(**params)


@dataclass(frozen=True)
class Msg:
    """A catalogue key with its parameters, rendered only when shown."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, lang: str) -> str:
        return t(self.key, lang, **self.params)
