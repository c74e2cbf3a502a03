"""The glossary: one entity or term per row in each language (DESIGN §4.2). CSV or TBX."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .decode import decode_file
from .errors import InputFileError
from .resources import load

# words of a glossary note that say the row names a person (resources en/names.toml [glossary_notes]),
# whole words: 'state-owned contractor' and 'monetary authority' name no actor and no author
_PERSON_HINT = re.compile(r"\b(?:%s)s?\b" % "|".join(map(re.escape, load("en", "names")["glossary_notes"]["person"])), re.I)


@dataclass
class Entry:
    zh: str
    en: str
    note: str = ""

    @property
    def is_person(self) -> bool:
        """A person unless the note says otherwise (no note: treat the name as a person's)."""
        return not self.note or bool(_PERSON_HINT.search(self.note))


@dataclass
class Glossary:
    entries: list[Entry] = field(default_factory=list)

    def terms(self) -> list[tuple[str, str, bool]]:
        """(written term, canonical English form, is a non-person entity), longest first."""
        out = []
        for e in self.entries:
            for t in (e.zh, e.en):
                if t:
                    out.append((t, e.en or e.zh, not e.is_person))
        return sorted(set(out), key=lambda x: (-len(x[0]), x[0]))

    @staticmethod
    @cache
    def pattern(term: str) -> re.Pattern[str]:
        if term.isascii():
            return re.compile(rf"(?<![A-Za-z]){re.escape(term)}(?![A-Za-z])")
        return re.compile(re.escape(term))

    def by_zh(self) -> dict[str, Entry]:
        return {e.zh: e for e in self.entries if e.zh}

    def by_en(self) -> dict[str, Entry]:
        return {e.en: e for e in self.entries if e.en}


def load_glossary(path: Path) -> Glossary:
    """Read a CSV (header of language codes, e.g. zh,en[,note]) or TBX glossary.

    Every problem is an InputFileError naming the file and, where there is one, the line.
    """
    name = str(path)
    try:
        text = decode_file(path, name)
    except InputFileError as exc:
        raise InputFileError(name, f"glossary: {exc.problem}") from None
    if path.suffix.lower() in (".tbx", ".xml"):
        return _load_tbx(text, name)
    reader = csv.reader(io.StringIO(text), strict=True)  # an unclosed quote is an error, not the rest of the file
    rows: list[tuple[int, list[str]]] = []  # (line the record starts on, fields)
    ended = 0
    try:
        for row in reader:
            rows.append((ended + 1, row))
            ended = reader.line_num
    except csv.Error as exc:
        raise InputFileError(name, f"line {reader.line_num}: invalid CSV: {exc}") from None
    if not rows:
        raise InputFileError(name, "glossary is empty")
    header = [h.strip().lower() for h in rows[0][1]]
    if "zh" not in header and "en" not in header:
        raise InputFileError(name, "line 1: header must name language columns, e.g. zh,en,note")
    gl = Glossary()
    for line, row in rows[1:]:
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(header):
            raise InputFileError(name, f"line {line}: {len(row)} fields, header has {len(header)}")
        rec = {h: (row[j].strip() if j < len(row) else "") for j, h in enumerate(header)}
        gl.entries.append(Entry(zh=rec.get("zh", ""), en=rec.get("en", ""), note=rec.get("note", "")))
    return gl


def _load_tbx(text: str, name: str) -> Glossary:
    from xml.etree.ElementTree import ParseError

    try:
        import defusedxml.ElementTree as ET  # type: ignore[import-untyped]
    except ImportError:
        import xml.etree.ElementTree as ET  # noqa: N813 - XML without DTD/entity expansion below
        if "<!ENTITY" in text or "<!DOCTYPE" in text:
            raise InputFileError(name, "TBX with a DTD is refused (install defusedxml)") from None
    try:
        root = ET.fromstring(text)
    except ParseError as exc:
        raise InputFileError(name, f"invalid TBX: {exc}") from None
    except ValueError as exc:  # defusedxml's refusals (DTDForbidden, EntitiesForbidden…) are ValueErrors
        raise InputFileError(name, f"TBX refused: {exc.__class__.__name__} (no DTDs or entities)") from None
    gl = Glossary()
    for entry in root.iter():
        if not entry.tag.endswith(("termEntry", "conceptEntry")):
            continue
        terms: dict[str, str] = {}
        for lang_set in entry:
            if not lang_set.tag.endswith(("langSet", "langSec")):
                continue
            lang = next((v for k, v in lang_set.attrib.items() if k.endswith("lang")), "")
            term = next((t.text or "" for t in lang_set.iter() if t.tag.endswith("term")), "")
            if lang and term:
                terms[lang.split("-")[0].lower()] = term.strip()
        note = next((d.text or "" for d in entry.iter() if d.tag.endswith(("descrip", "note")) and (d.text or "").strip()), "")
        if terms:
            gl.entries.append(Entry(zh=terms.get("zh", ""), en=terms.get("en", ""), note=note.strip()))
    return gl
