"""The data the pipeline passes along: documents, claims and findings."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


def fmt_decimal(value: Decimal | None) -> str | None:
    """A Decimal as a plain decimal string without exponent or trailing zeros ('1.2E+9' → '1200000000')."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


@dataclass
class Document:
    """One source text with its metadata; `text` is the whole decoded file."""

    doc: str                      # path relative to the corpus root, '/' separators
    text: str
    lang: str = "en"
    date: dt.date | None = None
    date_source: str = ""         # where the date came from: manifest, front matter, dateline, translation
    source: str = ""
    title: str = ""
    translation_of: str | None = None
    # spans of `text` that carry visible prose (HTML markup and front matter excluded)
    view: str = ""               # same length as text, markup and front matter blanked
    body_start: int = 0           # offset of the first character after front matter
    suppressions: dict[int, set[str] | None] = field(default_factory=dict)
    path: str = ""                # the file on disk
    segments: list[tuple[int, int]] | None = None  # aligned units of a bilingual file (XLIFF/TMX)

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1


@dataclass(slots=True)
class Claim:
    """A stated figure, date, name or identifier, with its exact place in the file.

    Slotted: a corpus of 10,000 articles holds some 300,000 claims, and a per-instance __dict__
    would cost about a kilobyte each."""

    doc: str
    lang: str
    kind: str                     # money | count | percent | date | measure | identifier | name | number
    start: int
    end: int
    text: str
    value: str                    # normalized value as a string (Decimal, ISO date, canonical name)
    unit: str = ""
    low: Decimal | None = None
    high: Decimal | None = None
    num: Decimal | None = None    # numeric value (None for dates and names)
    qualifier: str = ""           # approx | over | min | max | under | near | range | ""
    line: int = 0
    sent: int = -1                # index of the sentence in the document
    direction: int = 0            # +1 rise, -1 fall, 0 none stated
    scale_word: str = ""          # 亿, billion, bn... as written
    figure: str = ""              # the digits as written (for transposition checks)
    noun: str = ""                # counted noun / head (language-neutral where known)
    si: Decimal | None = None     # measures: value in SI base units; money: None
    dimension: str = ""           # measures: length, mass...; percent: % or pp
    resolved: str = ""            # dates: 'document-date' when resolved relative to the document
    alt: tuple[str, ...] = ()     # other readings (ambiguous numeric dates)
    date_parts: tuple[int | None, int | None, int | None] = (None, None, None)
    time: str = ""                # dates: hh:mm when stated
    tz: str = ""                  # dates: time zone named (UTC, GMT, local)
    weekday: int | None = None    # dates: weekday named in the text (0 = Monday)
    ordinal: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    subject: str = ""

    @property
    def terms(self) -> frozenset[str]:
        """The claim's subject terms: every word of its sentence's word groups (extra["groups"]).
        Computed, not kept: one set per sentence was a third of the claims' memory in a large
        corpus, and only grouping reads them (it makes each sentence's set once, checker.broad)."""
        return frozenset().union(*self.extra.get("groups", ()))

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.doc, self.start, self.end, self.kind)

    def interval(self) -> tuple[Decimal, Decimal] | None:
        if self.low is not None or self.high is not None:
            lo = self.low if self.low is not None else self.num
            hi = self.high if self.high is not None else self.num
            if lo is None or hi is None:
                return None
            return lo, hi
        if self.num is not None:
            return self.num, self.num
        return None

    def label(self, doc: "Document | None") -> str:
        """A readable subject: the clause that states the claim, about 48 characters of it centred
        on the claim, else its counted noun or its kind."""
        if doc is not None and "clause" in self.extra:
            s, e = self.extra["clause"]
            text = _LABEL_OPEN.sub("", " ".join(doc.text[s:e].split())).rstrip(_LABEL_CLOSE) or self.text
            if len(text) > 48:
                rel = max(0, self.start - s - 20)
                text = ("…" if rel else "") + text[rel:rel + 46] + "…"
            return text
        return self.noun or self.kind

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc": self.doc, "line": self.line, "start": self.start, "end": self.end,
            "text": self.text, "kind": self.kind, "value": self.value,
        }
        if self.direction < 0 and self.kind in _SIGNED_IN_JSON and self.qualifier != "range" \
                and not self.extra.get("level") and not self.value.startswith("-") \
                and not self.extra.get("multiplier") and self.noun not in ("time", "times") \
                and not self.extra.get("distant_direction"):
            # (a multiple, 减半 = 0.5 times, is a factor, '7 times' a count of occasions, and a figure
            # a few words after the change word, 'fell in 70 cities', not its size)
            # a fall by an amount is a negative change, as a fall in percent is (extract.pipeline):
            # 减少46.1万亩 is -461000 mu, which an 'up 461,000 mu' contradicts (the bounds too)
            out["value"] = "-" + self.value
        if self.unit:
            out["unit"] = self.unit
        if self.extra.get("per"):
            out["per"] = self.extra["per"][0]   # a price or a yield: the unit it is stated per (kg, mu)
        low, high = self.low, self.high
        if out["value"] is not self.value and (low is not None or high is not None):
            low, high = (-high if high is not None else None), (-low if low is not None else None)
        if low is not None:
            out["low"] = fmt_decimal(low)
        if high is not None:
            out["high"] = fmt_decimal(high)
        if self.qualifier:
            out["qualifier"] = self.qualifier
        if self.resolved:
            out["resolved"] = self.resolved
        if self.alt:
            out["alternatives"] = list(self.alt)
        if self.time:
            out["time"] = self.time
        if self.tz:
            out["tz"] = self.tz
        if self.direction:
            out["direction"] = "up" if self.direction > 0 else "down"
        out["lang"] = self.lang
        if self.subject:
            out["subject"] = self.subject
        return out


# the kinds whose falls to_json signs (a percent's value is signed when extracted)
_SIGNED_IN_JSON = frozenset({"money", "count", "measure"})

# what a clause may begin with that is no part of its subject (the quotation mark that closed the
# sentence before: '" Andreas Hoffmann'), and end with (a comma)
_LABEL_CLOSE = " ,，、;；:："
_LABEL_OPEN = re.compile(r"^(?:[\"'] |[”’」』,，、;；:： ])+")


@dataclass
class Finding:
    rule: str
    name: str
    severity: str
    confidence: float
    subject: str
    message: str
    claims: list[Claim]
    outlier: Claim | None = None
    docs: tuple[str, ...] = ()
    path: str = "broad"           # precise (aligned translation) or broad (subject similarity)
    similarity: float | None = None
    id: str = ""
    # to_json() as the JSON report writes it, when the finding is kept in the cache: written once
    # with the finding and read back with it, so a warm run does not format it again
    rendered: str = field(default="", init=False, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "rule": self.rule, "name": self.name, "severity": self.severity,
            "confidence": round(self.confidence, 2), "subject": self.subject, "message": self.message,
            "claims": [c.to_json() for c in self.claims],
        }
        if self.outlier is not None:
            out["outlier"] = {"doc": self.outlier.doc, "start": self.outlier.start, "text": self.outlier.text}
        docs = sorted(set(self.docs) | {c.doc for c in self.claims})
        out["docs"] = docs
        out["path"] = self.path
        if self.similarity is not None:
            out["similarity"] = round(self.similarity, 2)
        return out


@dataclass
class InputError:
    doc: str
    error: str

    def to_json(self) -> dict[str, str]:
        return {"doc": self.doc, "error": self.error}
