"""The corpus manifest (factcheck.toml) and document front matter (DESIGN §4.1)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import InputFileError

MANIFEST_NAME = "factcheck.toml"


class DocumentMeta(BaseModel):
    """Metadata keys a document may carry (manifest entry or front matter)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    date: dt.date | None = None
    lang: str | None = None
    source: str | None = None
    title: str | None = None
    translation_of: str | None = Field(default=None, alias="translation-of")

    @field_validator("lang")
    @classmethod
    def _lang(cls, v: str | None) -> str | None:
        if v is None:
            return v
        v = v.strip().lower()
        base = v.split("-")[0].split("_")[0]
        if base not in ("zh", "en"):
            raise ValueError(f"unsupported language {v!r} (zh or en)")
        return base

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, str):
            try:
                return dt.date.fromisoformat(v.strip()[:10])
            except ValueError:
                raise ValueError(f"date {v!r} is not YYYY-MM-DD") from None
        return v


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    glossary: str | None = None
    documents: dict[str, DocumentMeta] = {}
    settings: dict = {}  # run settings, validated by checker.settings


def _line_of(raw: str, needle: str) -> int | None:
    for i, line in enumerate(raw.splitlines(), 1):
        if needle in line:
            return i
    return None


def _explain(exc: ValidationError, raw: str) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err["loc"]]
        key = loc[-1] if loc else ""
        line = _line_of(raw, f"{key} ") or _line_of(raw, f"{key}=") or _line_of(raw, key)
        where = f"line {line}: " if line else ""
        what = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        parts.append(f"{where}{'.'.join(loc)}: {what}")
    return "; ".join(parts)


def load_manifest(root: Path) -> Manifest | None:
    """The manifest at `root`, or None. Raises InputFileError naming the line of a problem."""
    path = root / MANIFEST_NAME
    if not path.is_file():
        return None
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(str(path), f"invalid TOML: {exc}") from None
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        raise InputFileError(str(path), _explain(exc, raw)) from None
    resolved_root = root.resolve()
    for name, meta in manifest.documents.items():
        for ref in (name, meta.translation_of):
            if ref is None:
                continue
            target = (root / ref).resolve()
            if resolved_root not in target.parents and target != resolved_root:
                line = _line_of(raw, ref)
                raise InputFileError(str(path), f"line {line}: {ref!r} points outside the corpus root")
    if manifest.glossary:
        target = (root / manifest.glossary).resolve()
        if resolved_root not in target.parents:
            raise InputFileError(str(path), f"glossary {manifest.glossary!r} points outside the corpus root")
    return manifest


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.S | re.M)


def split_front_matter(text: str, path: str) -> tuple[DocumentMeta | None, int]:
    """(metadata, offset where the body starts). YAML is read with the safe loader."""
    if not text.startswith("---"):
        return None, 0
    m = _FRONT.match(text)
    if not m:
        return None, 0
    try:
        data = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 2}: " if mark is not None else ""
        raise InputFileError(path, f"{line}invalid front matter: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise InputFileError(path, "line 2: front matter is not a mapping of keys to values")
    data = {str(k): v for k, v in data.items()}
    try:
        meta = DocumentMeta.model_validate(data)
    except ValidationError as exc:
        raise InputFileError(path, "front matter: " + _explain(exc, m.group(0))) from None
    return meta, m.end()
