"""Where a claim sits, in the terms machine formats want: a file path and 1-based line/column."""

from __future__ import annotations

import os
from pathlib import Path


def columns(text: str, start: int, end: int) -> tuple[int, int, int, int]:
    """(start line, start column, end line, end column), 1-based, columns in code points, end exclusive."""
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    end_line = text.count("\n", 0, end) + 1
    end_col = end - (text.rfind("\n", 0, end) + 1) + 1
    return line, col, end_line, end_col


def file_uri(report, doc: str) -> str:
    """file_path as a URI reference (spaces, '#', '%' and non-ASCII percent-encoded) for SARIF."""
    from urllib.parse import quote

    return quote(file_path(report, doc), safe="/")


def file_path(report, doc: str) -> str:
    """The document's path as a repository-relative URI when it lies under the working directory
    (what GitHub code scanning matches), else relative to the corpus root."""
    root = Path(report.extraction.corpus.root)
    real_doc = doc.split("#", 1)[0]
    try:
        rel = os.path.relpath((root / real_doc).resolve(), Path.cwd().resolve())
    except ValueError:
        return real_doc
    if rel.startswith(".."):
        return real_doc
    return rel.replace(os.sep, "/")


def document_text(report, doc: str) -> str:
    for d in report.extraction.documents:
        if d.doc == doc:
            return d.text
    return ""


class Locator:
    """file_path, file_uri, document_text and primary_claim for one report, each document's
    answer worked out once: a report of 100,000 findings names the same few thousand files over
    and over (each file_path resolves the path on disk, each document_text scans the corpus)."""

    def __init__(self, report):
        self.report = report
        self._texts: dict[str, str] = {}
        for d in report.extraction.documents:
            self._texts.setdefault(d.doc, d.text)   # the first of a name, as document_text
        self._paths: dict[str, str] = {}
        self._uris: dict[str, str] = {}
        self._translations: set[str] | None = None

    def text(self, doc: str) -> str:
        return self._texts.get(doc, "")

    def path(self, doc: str) -> str:
        got = self._paths.get(doc)
        if got is None:
            got = self._paths[doc] = file_path(self.report, doc)
        return got

    def uri(self, doc: str) -> str:
        got = self._uris.get(doc)
        if got is None:
            from urllib.parse import quote

            got = self._uris[doc] = quote(self.path(doc), safe="/")
        return got

    def primary(self, f):
        if self._translations is None:
            self._translations = {d.doc for d in self.report.extraction.documents if d.translation_of}
        return primary_claim(self.report, f, self._translations)


def strip_control(text: str) -> str:
    """Characters XML 1.0 cannot carry (C0 controls but tab/newline/CR, lone surrogates) replaced."""
    out = []
    for ch in text:
        cp = ord(ch)
        if (cp < 0x20 and ch not in "\t\n\r") or 0xD800 <= cp <= 0xDFFF or cp in (0xFFFE, 0xFFFF):
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def primary_claim(report, f, translations: set[str] | None = None):
    """The claim a one-location format points at: the outlier of a group; on a translation pair
    the translation's side (its claim, or the aligned sentence lacking the original's value),
    where the fix goes; else the first claim. `translations`: the names of the report's
    translations, when the caller has them already."""
    if f.outlier is not None:
        return f.outlier
    if f.path == "precise" and len(f.claims) > 1:
        if translations is None:
            translations = {d.doc for d in report.extraction.documents if d.translation_of}
        return next((c for c in f.claims if c.doc in translations), f.claims[-1])
    return f.claims[0]
