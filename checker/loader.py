"""Load a corpus: walk paths, decode files, read metadata, mask what is not prose."""

from __future__ import annotations

import datetime as dt
import errno
import fnmatch
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from .bilingual import BILINGUAL_SUFFIXES, load_bilingual
from .textnorm import decode_entities
from .decode import MAX_BYTES, NotText, decode_bytes, os_reason, printable_name, read_input_bytes  # noqa: F401 - MAX_BYTES re-exported
from .errors import FactcheckError, InputFileError
from .manifest import MANIFEST_NAME, DocumentMeta, Manifest, load_manifest, split_front_matter
from .model import Document, InputError
from .textnorm import detect_lang

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
# a corpus folder's own notes are not articles; name such a file on the command line to check it
SKIPPED_STEMS = ("readme", "license", "licence", "changelog", "contributing")


@dataclass
class Corpus:
    root: Path
    documents: list[Document] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    manifest: Manifest | None = None
    glossary_path: Path | None = None
    warnings: list[str] = field(default_factory=list)   # problems that lose no input (said on stderr)


_HTML_RAW_OPEN = re.compile(r"<(script|style|template|noscript)\b[^>]{0,2000}>", re.I)
_HTML_RAW_CLOSE = {name: re.compile(rf"</{name}\s{{0,20}}>", re.I) for name in ("script", "style", "template", "noscript")}
_HTML_TAG = re.compile(r"<[^>]{0,2000}>")
_BLOCK_TAG = re.compile(r"</?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|pre|title)\b", re.I)


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """<!-- … --> spans, found with plain searches: linear even with many unclosed '<!--'
    (a lazy regex would rescan to the end of the text from each one). An unclosed comment
    runs to the end of the text, as in a browser."""
    spans = []
    pos = text.find("<!--")
    while pos >= 0:
        end = text.find("-->", pos + 4)
        end = len(text) if end < 0 else end + 3
        spans.append((pos, end))
        pos = text.find("<!--", end)
    return spans


def _raw_element_spans(text: str) -> list[tuple[int, int]]:
    """<script>/<style>/<template>/<noscript> elements with their content; an unclosed one runs
    to the end of the text (each closing tag is searched for once, so this stays linear)."""
    spans = []
    pos = 0
    while True:
        m = _HTML_RAW_OPEN.search(text, pos)
        if not m:
            return spans
        close = _HTML_RAW_CLOSE[m.group(1).lower()].search(text, m.end())
        end = close.end() if close else len(text)
        spans.append((m.start(), end))
        if not close:
            return spans
        pos = end


def _blanked(piece: str, newline: bool = False) -> str:
    """`piece` with every character but a line break turned into a space (same length)."""
    out = re.sub(r"[^\n]", " ", piece)
    if newline and out and out[0] != "\n":
        out = "\n" + out[1:]
    return out


def _blank_spans(text: str, spans) -> str:
    """`text` with the (start, end, newline) spans blanked, built from slices (no per-character list)."""
    parts: list[str] = []
    pos = 0
    for start, end, newline in spans:
        if end <= pos:
            continue
        start = max(start, pos)
        parts.append(text[pos:start])
        parts.append(_blanked(text[start:end], newline))
        pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _merged(*span_lists: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    return [(s, e, False) for s, e in sorted(x for spans in span_lists for x in spans)]


def html_view(text: str) -> str:
    """The text with markup blanked out and character references read (textnorm.decode_entities),
    same length: offsets found in it index the raw file."""
    masked = _blank_spans(text, _merged(_comment_spans(text), _raw_element_spans(text)))
    return decode_entities(_blank_spans(masked, ((m.start(), m.end(), bool(_BLOCK_TAG.match(m.group(0))))
                                                 for m in _HTML_TAG.finditer(masked))))


# a link target may hold one level of parentheses (wiki/Foo_(bar)); an unmatched '(' ends the
# attempt at once, so a run of '](' costs a few steps each, not 2000
_MD_TARGET = r"\((?:[^()\n]|\([^()\n]{0,200}\)){0,2000}\)"
_MD_TARGETS = re.compile(rf"!\[[^\]\n]{{0,500}}\]{_MD_TARGET}|(?<=\]){_MD_TARGET}")


def markdown_view(text: str) -> str:
    """Markdown with image and link targets and comments blanked (the visible link text stays)."""
    # every target follows a '](': a text without one is not scanned (the scan tries each position)
    targets = [m.span() for m in _MD_TARGETS.finditer(text)] if "](" in text else []
    return _blank_spans(text, _merged(_comment_spans(text), targets))


def line_break_view(text: str) -> str:
    """A lone carriage return (old Mac line ends, mixed files) read as a line break, same length.

    The text keeps its line ends as in the file (offsets index it); only the views the
    segmenter and extractors read see a lone \\r as \\n, so such lines are separate sentences.
    """
    return re.sub(r"\r(?!\n)", "\n", text) if "\r" in text else text


_DATELINE_PATTERNS = [
    re.compile(r"(?<!\d)(20\d\d|19\d\d)-(\d{1,2})-(\d{1,2})(?!\d)"),
    re.compile(r"(20\d\d|19\d\d)年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s*(20\d\d)"),
]
_MONTHS = {m: i for i, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August",
                                          "September", "October", "November", "December"], 1)}


def dateline_date(text: str) -> dt.date | None:
    """A publication date stated in the first lines of a text (a dateline or header)."""
    head = "\n".join(text[:4000].splitlines()[:4])[:600]
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


def _skipped_in_folder(name: str) -> bool:
    """Hidden files, the manifest and a corpus folder's own notes (README.md, LICENSE, CHANGELOG.zh.md)."""
    stem = name.lower().split(".")[0]
    return name.startswith(".") or name == MANIFEST_NAME or stem in SKIPPED_STEMS


def _walk(path: Path, errors: list[InputError], root: Path, seen: set[Path]) -> list[Path]:
    """Files under `path` in name order. Iterative (a folder tree deeper than the recursion limit
    is fine); a folder reached twice through symlinks is read once, so a loop ends."""
    out: list[Path] = []
    stack = [path]
    while stack:
        current = stack.pop()
        try:
            real = current.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            errors.append(InputError(_rel(current, root), _path_problem(current, exc)))
            continue
        if real in seen:
            continue
        seen.add(real)
        if not real.is_dir():
            out.append(current)
            continue
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append(InputError(_rel(current, root), f"cannot list folder: {os_reason(exc)}"))
            continue
        children = []
        for entry in entries:
            if _skipped_in_folder(entry.name):
                continue
            child = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                broken_link = entry.is_symlink() and not os.path.exists(entry.path)
            except OSError:
                is_dir, broken_link = False, True
            if is_dir or _looks_like_input_name(child) or (broken_link and _looks_like_input_name(child)):
                children.append(child)
        stack.extend(reversed(children))
    return out


def _looks_like_input_name(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES | BILINGUAL_SUFFIXES


def _path_problem(path: Path, exc: BaseException) -> str:
    """Why a path cannot be resolved: a symlink loop, a broken symlink, or an OS error."""
    if isinstance(exc, RuntimeError) or (isinstance(exc, OSError) and exc.errno == errno.ELOOP):
        return "cannot read: symlink loop"
    if os.path.islink(path) and not os.path.exists(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        shown = "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" for ch in printable_name(target))
        return f"cannot read: broken symlink (to {shown})"
    if isinstance(exc, OSError):
        return f"cannot read: {os_reason(exc)}"
    return f"cannot read: {exc}"


def _rel(path: Path, root: Path) -> str:
    try:
        rel = os.path.relpath(path, root)
    except ValueError:
        rel = str(path)
    return printable_name(rel.replace(os.sep, "/"))


def load_document(path: Path, doc: str, meta: DocumentMeta | None) -> Document:
    """Read and decode one file; raises InputFileError with the reason."""
    data = read_input_bytes(path, doc)
    try:
        text, _ = decode_bytes(data)
    except NotText as exc:
        raise InputFileError(doc, str(exc)) from None
    del data
    front, body_start = split_front_matter(text, doc)
    suffix = path.suffix.lower()
    view = line_break_view(text)
    if suffix in (".html", ".htm"):
        view = html_view(view)
    elif suffix in (".md", ".markdown"):
        view = markdown_view(view)
    if body_start:
        view = _blanked(view[:body_start]) + view[body_start:]
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
    line, counted = 1, 0
    for m in _SUPPRESS.finditer(text):
        rules = {r.upper() for r in m.group("rules").split()} or None
        line += text.count("\n", counted, m.start())  # counted on from the last comment: linear
        counted = m.start()
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
        root = Path(os.path.commonpath([os.path.abspath(p) for p in parents]))
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
        # absolute, not resolved: a symlink inside the corpus keeps its own name
        doc = _rel(Path(os.path.abspath(path)) if not path.is_absolute() and root.is_absolute() else path, root)
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
    corpus.warnings += _resolve_translations(corpus.documents)
    _dates_from_translations(corpus.documents)
    corpus.documents.sort(key=lambda d: d.doc)
    return corpus


def _resolve_translations(docs: list[Document]) -> list[str]:
    """Name each document's original as the corpus names it. translation-of is a path from the
    corpus root (DESIGN §4.1); front matter that names a file of its own folder (a folder of
    stories, each with '01-original.zh.md') means that file, so a name not found from the root is
    looked for beside the document. One found nowhere is said: without it the translation is
    checked only as another report, not sentence by sentence."""
    names = {d.doc for d in docs}
    warnings = []
    for d in docs:
        if not d.translation_of or d.translation_of in names:
            continue
        beside = posixpath.normpath(posixpath.join(posixpath.dirname(d.doc), d.translation_of))
        if beside in names:
            d.translation_of = beside
        else:
            warnings.append(f"{d.doc}: translation-of names {d.translation_of}, which is not in the corpus; "
                            "the document is checked as another report")
    return warnings


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
