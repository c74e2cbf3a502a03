"""The corpus manifest (factcheck.toml) and document front matter (DESIGN §4.1)."""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .decode import read_input_bytes
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
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            # pydantic would read 20260205 as seconds since 1970: refuse instead of guessing
            raise ValueError(f"date {v!r} is not YYYY-MM-DD")
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


_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
_KEY_PART = re.compile(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)')
_KEY_LINE = re.compile(r'^\s*((?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+))*)\s*=')


def _key_path(written: str) -> tuple[str, ...]:
    return tuple(m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else m.group(3)
                 for m in _KEY_PART.finditer(written))


def _line_of_key(raw: str, loc: tuple[str, ...]) -> int | None:
    """The line of the TOML key (or table header) at `loc`, tracking [table] headers, so that
    `date` under [documents."b.txt"] is not confused with `date` under [documents."a.txt"]."""
    table: tuple[str, ...] = ()
    aliases = {loc, tuple(x.replace("-", "_") for x in loc), tuple(x.replace("_", "-") for x in loc)}
    for i, line in enumerate(raw.splitlines(), 1):
        header = _TABLE_HEADER.match(line)
        if header:
            table = _key_path(header.group(1))
            if table in aliases:
                return i
            continue
        key = _KEY_LINE.match(line)
        if key and table + _key_path(key.group(1)) in aliases:
            return i
    return None


def _line_of(raw: str, needle: str) -> int | None:
    for i, line in enumerate(raw.splitlines(), 1):
        if needle in line:
            return i
    return None


def _explain(exc: ValidationError, raw: str, first_line: int = 1) -> str:
    """One clause per validation problem, each naming its line: `line 3: documents.a.txt.author: unknown key`."""
    parts = []
    for err in exc.errors():
        loc = tuple(str(x) for x in err["loc"])
        line = None
        for n in range(len(loc), 0, -1):  # the key itself, else the nearest table that holds it
            line = _line_of_key(raw, loc[:n])
            if line:
                break
        if line is None and loc:
            line = _line_of(raw, loc[-1])
        where = f"line {line + first_line - 1}: " if line else ""
        what = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}{'.'.join(loc)}: {what}")
    return "; ".join(parts)


_TOML_WHERE = re.compile(r"\(at line (?P<line>\d+), column (?P<col>\d+)\)$")


def _toml_problem(exc: tomllib.TOMLDecodeError) -> str:
    text = str(exc)
    m = _TOML_WHERE.search(text)
    if m:
        return f"line {m.group('line')}, column {m.group('col')}: invalid TOML: {text[:m.start()].rstrip()}"
    return f"invalid TOML: {text}"


def _inside(root: Path, ref: str) -> bool:
    """Whether `ref` (relative to `root`) stays inside it once '..' and symlinks are resolved."""
    try:
        target = (root / ref).resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    resolved_root = root.resolve()
    return target == resolved_root or resolved_root in target.parents


def load_manifest(root: Path) -> Manifest | None:
    """The manifest at `root`, or None. Raises InputFileError naming the line of a problem."""
    path = root / MANIFEST_NAME
    if not os.path.lexists(path):
        return None
    data_bytes = read_input_bytes(path, str(path), limit=4 * 2**20)
    try:
        raw = data_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data_bytes.count(b"\n", 0, exc.start) + 1
        raise InputFileError(str(path), f"line {line}: not UTF-8 (byte {exc.start}); TOML files are UTF-8") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(str(path), _toml_problem(exc)) from None
    except RecursionError:
        raise InputFileError(str(path), "invalid TOML: nested too deeply") from None
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        raise InputFileError(str(path), _explain(exc, raw)) from None
    for name, meta in manifest.documents.items():
        for key, ref in (("documents", name), ("translation_of", meta.translation_of)):
            if ref is None:
                continue
            if "\x00" in ref or not _inside(root, ref):
                line = (_line_of_key(raw, ("documents", name)) if key == "documents"
                        else _line_of_key(raw, ("documents", name, "translation_of")))
                where = f"line {line}: " if line else ""
                raise InputFileError(str(path), f"{where}{ref!r} points outside the corpus root (refused)")
    if manifest.glossary and ("\x00" in manifest.glossary or not _inside(root, manifest.glossary)):
        line = _line_of_key(raw, ("glossary",))
        where = f"line {line}: " if line else ""
        raise InputFileError(str(path), f"{where}glossary {manifest.glossary!r} points outside the corpus root (refused)")
    return manifest


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.S | re.M)


_CSafeLoader = getattr(yaml, "CSafeLoader", None)   # libyaml's parser, when PyYAML was built with it


def _safe_load(src: str):
    """yaml.safe_load, parsed by libyaml where it can be (a sixth of the time: 2 s of a 10,000-file
    corpus). Only small front matter with few flow brackets goes there (its composer recurses in C,
    so depth must stay bounded); on any problem the pure loader reads it again, so errors, their
    wording and their line numbers are what they always were. Both build values with the same
    safe constructor: tags are refused either way."""
    if _CSafeLoader is not None and len(src) <= 16384 and src.count("[") + src.count("{") <= 32:
        try:
            return yaml.load(src, Loader=_CSafeLoader)  # noqa: S506 - CSafeLoader is the safe loader
        except Exception:  # noqa: BLE001 - the pure loader below raises the error we report
            pass
    return yaml.safe_load(src)


def split_front_matter(text: str, path: str) -> tuple[DocumentMeta | None, int]:
    """(metadata, offset where the body starts). Front matter is data: YAML is read with the safe
    loader only, so tags that would build Python objects (!!python/object/apply:…) are refused
    and nothing in a document is ever executed."""
    if not text.startswith("---"):
        return None, 0
    m = _FRONT.match(text)
    if not m:
        return None, 0
    try:
        data = _safe_load(m.group(1)) or {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f"line {mark.line + 2}: " if mark is not None else ""
        problem = exc.problem or exc.context or "invalid YAML"
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
            problem += " (YAML tags are refused: front matter is data)"
        raise InputFileError(path, f"{line}invalid front matter: {problem}") from None
    except yaml.YAMLError as exc:
        raise InputFileError(path, f"invalid front matter: {exc}") from None
    except RecursionError:
        raise InputFileError(path, "invalid front matter: nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. date: 2026-13-45 (the YAML timestamp type)
        raise InputFileError(path, f"invalid front matter: {exc}") from None
    if not isinstance(data, dict):
        raise InputFileError(path, "line 2: front matter is not a mapping of keys to values")
    data = {str(k): v for k, v in data.items()}
    try:
        meta = DocumentMeta.model_validate(data)
    except ValidationError as exc:
        raise InputFileError(path, "front matter: " + _explain_yaml(exc, m.group(0))) from None
    return meta, m.end()


_YAML_KEY = re.compile(r"^([^\s#:][^:#]*?)\s*:")


def _explain_yaml(exc: ValidationError, raw: str) -> str:
    """Validation problems of front matter, each with the line of its top-level key."""
    parts = []
    lines = raw.splitlines()
    for err in exc.errors():
        loc = [str(x) for x in err["loc"]]
        key = loc[0] if loc else ""
        names = {key, key.replace("-", "_"), key.replace("_", "-")}
        line = next((i for i, ln in enumerate(lines, 1)
                     if (k := _YAML_KEY.match(ln)) and k.group(1).strip("'\"") in names), None)
        where = f"line {line}: " if line else ""
        what = "unknown key" if err["type"] == "extra_forbidden" else err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}{'.'.join(loc)}: {what}")
    return "; ".join(parts)
