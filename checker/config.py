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
    rules_enabled: frozenset[str] | None = None          # None: every rule
    rules_disabled: frozenset[str] = frozenset()
    severity_overrides: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    include: tuple[str, ...] = ()                         # glob patterns of documents to check
    exclude: tuple[str, ...] = ()
    baseline: Path | None = None
    pairs: tuple[tuple[Path, Path], ...] = ()             # (original, translation) given explicitly
    detect_pairs: bool = False
    jobs: int = 1                                         # extraction processes (0: one per core)
    cache_dir: Path | None = None                         # extraction cache folder (None: no cache)
    engine: str = "local"                                 # local | dask
    scheduler: str | None = None                          # dask: tcp://host:port, or local (LocalCluster)
