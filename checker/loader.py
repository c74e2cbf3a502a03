"""Load a corpus: walk paths, decode files, read metadata, mask what is not prose."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .bilingual import BILINGUAL_SUFFIXES, load_bilingual
from .decode import NotText, decode_bytes
from .errors import FactcheckError, InputFileError
from .manifest import MANIFEST_NAME, DocumentMeta, Manifest, load_manifest, split_front_matter
from .model import Document, InputError
from .textnorm import detect_lang

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
# a corpus folder's own notes are not articles; name such a file on the command line to check it
SKIPPED_STEMS = ("readme", "license", "licence", "changelog", "contributing")
MAX_BYTES = 200 * 1024 * 1024


@dataclass
class Corpus:
    root: Path
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    manifest: Manifest | None = None
    glossary_path: Path | None = None


_HTML_DROP = re.compile(r"<!--.*?-->|<(script|style|template|noscript)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_HTML_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK_TAG = re.compile(r"</?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|pre|title)\b", re.I)


def _blank(chars: list[str], start: int, end: int, newline: bool = False) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "
    if newline and end > start and chars[start] != "\n":
        chars[start] = "\n"


def html_view(text: str) -> str:
    """The text with markup blanked out, same length: offsets found in it index the raw file."""
    chars = list(text)
    for m in _HTML_DROP.finditer(text):
        _blank(chars, m.start(), m.end())
    masked = "".join(chars)
    for m in _HTML_TAG.finditer(masked):
        _blank(chars, m.start(), m.end(), newline=bool(_BLOCK_TAG.match(m.group(0))))
    return "".join(chars)


def markdown_view(text: str) -> str:
    """Markdown with image and link targets blanked (the visible link text stays)."""
    chars = list(text)
    for m in re.finditer(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)|(?<=\])\([^)\n]{0,2000}\)|<!--.*?-->", text, re.S):
        _blank(chars, m.start(), m.end())
    return "".join(chars)


_DATELINE_PATTERNS = [
    re.compile(r"(?<!\d)(20\d\d|19\d\d)-(\d{1,2})-(\d{1,2})(?!\d)"),
    re.compile(r"(20\d\d|19\d\d)年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s*(20\d\d)"),
]
_MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                          "September", "October", "November", "December"], 1)}


def dateline_date(text: str) -> dt.date | None:
    """A publication date stated in the first lines of a text (a dateline or header)."""
    head = "\n".join(text.splitlines()[:4])[:600]
    for i, pat in enumerate(_DATELINE_PATTERNS):
        m = pat.search(head)
        if not m:
            continue
        try:
            if i == 2:
                return dt.date(int(m.group(3)), _MONTHS[m.group(1)], int(m.group(2)))
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
    return None


def _walk(path: Path, errors: list[InputError], root: Path, seen: set[Path]) -> list[Path]:
    out: list[Path] = []
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        errors.append(InputError(_rel(path, root), f"cannot read: {exc.__class__.__name__}: symlink loop or missing target"))
        return out
    if real in seen:
        return out
    seen.add(real)
    if path.is_dir():
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            errors.append(InputError(_rel(path, root), f"cannot list folder: {exc.strerror}"))
            return out
        for entry in entries:
            if entry.name.startswith(".") or entry.name == MANIFEST_NAME or entry.name.lower().startswith(SKIPPED_STEMS):
                continue
            child = Path(entry.path)
            if child.is_dir() or child.suffix.lower() in TEXT_SUFFIXES | BILINGUAL_SUFFIXES or not child.exists():
                out += _walk(child, errors, root, seen)
    else:
        out.append(path)
    return out


def _rel(path: Path, root: Path) -> str:
    try:
        rel = os.path.relpath(path, root)
    except ValueError:
        rel = str(path)
    rel = rel.replace(os.sep, "/")
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def load_document(path: Path, doc: str, meta: DocumentMeta | None) -> Document:
    """Read and decode one file; raises InputFileError with the reason."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputFileError(doc, f"too large ({size} bytes; limit {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(doc, f"cannot read: {exc.strerror or exc}") from None
    try:
        text, _ = decode_bytes(data)
    except NotText as exc:
        raise InputFileError(doc, str(exc)) from None
    front, body_start = split_front_matter(text, doc)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        view = html_view(text)
    elif suffix in (".md", ".markdown"):
        view = markdown_view(text)
    else:
        view = text
    if body_start:
        view = "".join("\n" if ch == "\n" else " " for ch in view[:body_start]) + view[body_start:]
    merged = DocumentMeta()
    for layer in (front, meta):
        if layer is not None:
            for k, v in layer.model_dump(exclude_none=True).items():
                setattr(merged, k, v)
    document = Document(doc=doc, text=text, body_start=body_start, path=str(path))
    document.view = view
    if suffix in (".md", ".markdown", ".html", ".htm"):
        document.suppressions = inline_suppressions(text)
    document.lang = merged.lang or detect_lang(view)
    document.source = merged.source or ""
    document.title = merged.title or ""
    document.translation_of = merged.translation_of
    if merged.date:
        document.date = merged.date
        document.date_source = "manifest" if meta and meta.date else "front matter"
    else:
        found = dateline_date(view[body_start:])
        if found:
            document.date, document.date_source = found, "dateline"
    return document


_SUPPRESS = re.compile(r"<!--\s*factcheck-disable(?P<next>-next-line)?(?P<rules>(?:\s+FC\d{3})*)\s*-->", re.I)


def inline_suppressions(text: str) -> dict[int, set[str] | None]:
    """Lines turned off by comments in Markdown/HTML sources: {line: rule ids, or None for all}.

    `<!-- factcheck-disable FC001 -->` turns rules off for the whole document (line 0);
    `<!-- factcheck-disable-next-line [FC002] -->` for the line after the comment.
    """
    out: dict[int, set[str] | None] = {}
    for m in _SUPPRESS.finditer(text):
        rules = {r.upper() for r in m.group("rules").split()} or None
        line = text.count("\n", 0, m.start()) + 1
        key = line + 1 if m.group("next") else 0
        prev = out.get(key, set())
        out[key] = None if rules is None or prev is None else (prev | rules)
    return out


def load_corpus(paths: list[Path], include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()) -> Corpus:
    """Every document under `paths`; bad files become errors, the rest load."""
    if not paths:
        raise FactcheckError("no input paths given")
    for p in paths:
        if not os.path.lexists(p):
            raise FactcheckError(f"{p}: no such file or folder")
    if len(paths) == 1 and paths[0].is_dir():
        root = paths[0]
    else:
        parents = [p if p.is_dir() else p.parent for p in paths]
        root = Path(os.path.commonpath([str(p.resolve()) for p in parents]))
    corpus = Corpus(root=root)
    corpus.manifest = load_manifest(root)
    metas = corpus.manifest.documents if corpus.manifest else {}
    if corpus.manifest and corpus.manifest.glossary:
        corpus.glossary_path = root / corpus.manifest.glossary
    seen: set[Path] = set()
    files: list[Path] = []
    for p in paths:
        files += _walk(p, corpus.errors, root, seen)
    for path in files:
        doc = _rel(path.resolve() if not path.is_absolute() and root.is_absolute() else path, root)
        if (include and not any(fnmatch.fnmatch(doc, g) for g in include)) or any(fnmatch.fnmatch(doc, g) for g in exclude):
            continue
        try:
            if path.suffix.lower() in BILINGUAL_SUFFIXES:
                corpus.documents.extend(load_bilingual(path, doc, metas.get(doc)))
            else:
                corpus.documents.append(load_document(path, doc, metas.get(doc)))
        except InputFileError as exc:
            corpus.errors.append(InputError(doc, exc.problem))
    for name in metas:
        if not any(d.doc == name for d in corpus.documents) and not (root / name).exists():
            corpus.errors.append(InputError(name, "listed in factcheck.toml but not found"))
    _dates_from_translations(corpus.documents)
    corpus.documents.sort(key=lambda d: d.doc)
    return corpus


def _dates_from_translations(docs: list[Document]) -> None:
    by_name = {d.doc: d for d in docs}
    for d in docs:
        if d.date is None and d.translation_of in by_name and by_name[d.translation_of].date:
            d.date, d.date_source = by_name[d.translation_of].date, f"translation of {d.translation_of}"
    for d in docs:
        if d.date is None:
            for other in docs:
                if other.translation_of == d.doc and other.date:
                    d.date, d.date_source = other.date, f"translated by {other.doc}"
                    break
