"""Language data loaded from checker/resources/<lang>/*.toml (read once, immutable)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

_ROOT = Path(__file__).parent / "resources"


@cache
def load(lang: str, name: str) -> Mapping[str, Any]:
    """The parsed TOML table `resources/<lang>/<name>.toml`."""
    with open(_ROOT / lang / f"{name}.toml", "rb") as fh:
        return MappingProxyType(tomllib.load(fh))


def longest_first(words: Mapping[str, Any] | list[str]) -> list[str]:
    """Keys sorted longest first, so alternations prefer the longest written form."""
    return sorted(words, key=lambda w: (-len(w), w))
