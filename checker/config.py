"""One immutable run configuration passed everywhere (no module-level mutable state)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

SEVERITIES = ("info", "warning", "error")


@dataclass(frozen=True)
class Config:
    paths: tuple[Path, ...]
    glossary: Path | None = None
    fail_on: str = "error"            # error | warning | info | never
    rules_enabled: frozenset[str] | None = None
    severity_overrides: tuple[tuple[str, str], ...] = field(default_factory=tuple)
