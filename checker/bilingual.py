"""Bilingual files (XLIFF 1.2 / 2.0, TMX) read as two aligned documents.

Each file becomes a source and a target document over the same raw text: every offset still
indexes the file, and each view blanks everything but its own side's segment contents. The
translation units give the alignment, so the precise path pairs claims unit by unit.

The XML is first parsed with defusedxml (no entity expansion, no external DTDs, so no XML
bombs); offsets come from a linear scan of the raw text, which translate-toolkit and
ElementTree do not expose.
"""

from __future__ import annotations

import re

from .errors import InputFileError
from .model import Document

BILINGUAL_SUFFIXES = {".xlf", ".xliff", ".tmx"}

_UNIT_12 = re.compile(r"<trans-unit\b[^>]{0,2000}>(.*?)</trans-unit\s*>", re.S)
_UNIT_20 = re.compile(r"<segment\b[^>]{0,2000}>(.*?)</segment\s*>", re.S)
_TU = re.compile(r"<tu\b[^>]{0,2000}>(.*?)</tu\s*>", re.S)
_SOURCE = re.compile(r"<source\b[^>]{0,2000}>(.*?)</source\s*>", re.S)
_TARGET = re.compile(r"<target\b[^>]{0,2000}>(.*?)</target\s*>", re.S)
_TUV = re.compile(r"<tuv\b(?P<attrs>[^>]{0,2000})>.*?<seg\b[^>]{0,500}>(?P<seg>.*?)</seg\s*>.*?</tuv\s*>", re.S)
_LANG_ATTR = re.compile(r"""(?:xml:)?lang\s*=\s*["']([^"']+)["']""")
_TAG = re.compile(r"<[^>]{0,2000}>")


def _lang(code: str | None) -> str:
    return "zh" if (code or "").lower().startswith("zh") else "en"


def _validate(text: str, name: str) -> None:
    try:
        import defusedxml.ElementTree as SafeET
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - declared dependency
        raise InputFileError(name, "reading XLIFF/TMX needs the defusedxml package") from None
    from xml.etree.ElementTree import ParseError

    try:
        SafeET.fromstring(text.encode("utf-8"))
    except DefusedXmlException as exc:
        raise InputFileError(name, f"refused: unsafe XML ({exc.__class__.__name__})") from None
    except ParseError as exc:
        raise InputFileError(name, f"invalid XML: {exc}") from None


def _view(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank everything but `spans` (and markup inside them); each segment starts a new line."""
    chars = [ch if ch == "\n" else " " for ch in text]
    for s, e in spans:
        chars[s:e] = text[s:e]
        for m in _TAG.finditer(text, s, e):
            for i in range(m.start(), m.end()):
                if chars[i] != "\n":
                    chars[i] = " "
        if s > 0 and chars[s - 1] != "\n":
            chars[s - 1] = "\n"
    return "".join(chars)


def read_bilingual(text: str, doc: str, suffix: str) -> tuple[Document, Document]:
    """(source document, target document) of one XLIFF/TMX file."""
    _validate(text, doc)
    src_spans: list[tuple[int, int]] = []
    tgt_spans: list[tuple[int, int]] = []
    if suffix == ".tmx":
        head = re.search(r"<header\b[^>]{0,4000}>", text)
        src_lang_code = None
        if head:
            m = re.search(r"""srclang\s*=\s*["']([^"']+)["']""", head.group(0))
            src_lang_code = m.group(1) if m else None
        langs: list[str] = []
        for tu in _TU.finditer(text):
            tuvs = list(_TUV.finditer(text, tu.start(1), tu.end(1)))
            if len(tuvs) < 2:
                continue
            codes = [(_LANG_ATTR.search(t.group("attrs")) or [None, None])[1] for t in tuvs]
            first = next((i for i, c in enumerate(codes) if src_lang_code and c and c.lower() == src_lang_code.lower()), 0)
            second = next(i for i in range(len(tuvs)) if i != first)
            src_spans.append(tuvs[first].span("seg"))
            tgt_spans.append(tuvs[second].span("seg"))
            langs = [codes[first] or "", codes[second] or ""]
        src_lang, tgt_lang = (_lang(langs[0]), _lang(langs[1])) if langs else ("zh", "en")
    else:
        m = re.search(r"""(?:source-language|srcLang)\s*=\s*["']([^"']+)["']""", text)
        n = re.search(r"""(?:target-language|trgLang)\s*=\s*["']([^"']+)["']""", text)
        src_lang, tgt_lang = _lang(m.group(1) if m else None), _lang(n.group(1) if n else None)
        unit_rx = _UNIT_20 if re.search(r"<xliff\b[^>]*version\s*=\s*[\"']2", text) else _UNIT_12
        for unit in unit_rx.finditer(text):
            s = _SOURCE.search(text, unit.start(1), unit.end(1))
            t = _TARGET.search(text, unit.start(1), unit.end(1))
            if s is None:
                continue
            src_spans.append(s.span(1))
            tgt_spans.append(t.span(1) if t else (s.end(), s.end()))
    if not src_spans:
        raise InputFileError(doc, "no translation units found")
    source = Document(doc=f"{doc}#source", text=text, lang=src_lang, view=_view(text, src_spans))
    target = Document(doc=f"{doc}#target", text=text, lang=tgt_lang, view=_view(text, tgt_spans),
                      translation_of=f"{doc}#source")
    source.segments, target.segments = src_spans, tgt_spans
    return source, target


def load_bilingual(path, doc: str, meta) -> tuple[Document, Document]:
    """Read, decode and split one XLIFF/TMX file; metadata (date, source) applies to both sides."""
    from .decode import NotText, decode_bytes, read_input_bytes

    data = read_input_bytes(path, doc)
    try:
        text, _ = decode_bytes(data)
    except NotText as exc:
        raise InputFileError(doc, str(exc)) from None
    source, target = read_bilingual(text, doc, path.suffix.lower())
    for d in (source, target):
        d.path = str(path)
        if meta is not None and meta.date:
            d.date, d.date_source = meta.date, "manifest"
        if meta is not None and meta.source:
            d.source = meta.source
    return source, target
