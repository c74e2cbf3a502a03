"""Build the one immutable Config from command-line options and project configuration.

Configuration lives in `[tool.factcheck]` of a pyproject.toml or at the top of the corpus
manifest `factcheck.toml` (`[settings]` table), read as data with tomllib (never executed):

    [tool.factcheck]
    fail-on = "warning"
    glossary = "glossary.csv"
    disable = ["FC012"]                 # or enable = ["FC001", "FC002"]
    exclude = ["drafts/*"]
    include = ["*.md"]
    [tool.factcheck.severity]
    FC003 = "error"

Command-line options win over configuration.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .config import Config
from .errors import InputFileError

_SEVERITIES = ("error", "warning", "info")


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fail_on: str | None = Field(default=None, alias="fail-on")
    glossary: str | None = None
    enable: list[str] | None = None
    disable: list[str] = []
    include: list[str] = []
    exclude: list[str] = []
    severity: dict[str, str] = {}
    baseline: str | None = None

    @field_validator("fail_on")
    @classmethod
    def _fail_on(cls, v: str | None) -> str | None:
        if v is not None and v not in (*_SEVERITIES, "never"):
            raise ValueError(f"fail-on must be one of error, warning, info, never (got {v!r})")
        return v

    @field_validator("severity")
    @classmethod
    def _severity(cls, v: dict[str, str]) -> dict[str, str]:
        for rule, sev in v.items():
            if sev not in _SEVERITIES:
                raise ValueError(f"severity of {rule} must be error, warning or info (got {sev!r})")
        return v


def _find_settings(paths: tuple[Path, ...]) -> tuple[Settings | None, Path | None]:
    """[settings] of the corpus manifest, else [tool.factcheck] of the nearest pyproject.toml."""
    start = paths[0] if paths else Path(".")
    start = start if start.is_dir() else start.parent
    manifest = start / "factcheck.toml"
    candidates: list[tuple[Path, list[str]]] = [(manifest, ["settings"])]
    here = start.resolve()
    for folder in (here, *here.parents):
        candidates.append((folder / "pyproject.toml", ["tool", "factcheck"]))
    for path, keys in candidates:
        if not path.is_file():
            continue
        from .decode import read_input_bytes

        try:
            data: Any = tomllib.loads(read_input_bytes(path, str(path)).decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise InputFileError(str(path), f"not UTF-8 (byte {exc.start}); TOML files must be UTF-8") from None
        except (tomllib.TOMLDecodeError, OSError) as exc:
            raise InputFileError(str(path), f"invalid TOML: {exc}") from None
        except RecursionError:
            raise InputFileError(str(path), "invalid TOML: nested too deeply") from None
        for k in keys:
            data = data.get(k) if isinstance(data, dict) else None
        if data is None:
            continue
        try:
            return Settings.model_validate(data), path.parent
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'])}: "
                                 f"{'unknown key' if e['type'] == 'extra_forbidden' else e['msg']}" for e in exc.errors())
            raise InputFileError(str(path), f"[{'.'.join(keys)}] {problems}") from None
    return None, None


def build_config(paths: tuple[Path, ...] | list[Path], *, glossary: Path | None = None, fail_on: str | None = None,
                 baseline: Path | None = None, pairs: tuple[tuple[Path, Path], ...] = (),
                 detect_pairs: bool = False, jobs: int = 1, cache_dir: Path | None = None,
                 engine: str = "local", scheduler: str | None = None) -> Config:
    paths = tuple(paths)
    settings, base = _find_settings(paths)
    s = settings or Settings()
    root = base or Path(".")
    return Config(
        paths=paths,
        glossary=glossary or (root / s.glossary if s.glossary else None),
        fail_on=fail_on or s.fail_on or "error",
        rules_enabled=frozenset(r.upper() for r in s.enable) if s.enable is not None else None,
        rules_disabled=frozenset(r.upper() for r in s.disable),
        severity_overrides=tuple(sorted((k.upper(), v) for k, v in s.severity.items())),
        include=tuple(s.include),
        exclude=tuple(s.exclude),
        baseline=baseline or (root / s.baseline if s.baseline else None),
        pairs=pairs,
        detect_pairs=detect_pairs,
        jobs=jobs,
        cache_dir=cache_dir,
        engine=engine,
        scheduler=scheduler,
    )
