"""Translation links: explicit (`factcheck pair A B`) and detected from shared normalized values."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .model import Claim, Document


@dataclass(frozen=True)
class DetectedPair:
    original: str
    translation: str
    confidence: float
    shared: int

    def to_json(self) -> dict:
        return {"original": self.original, "translation": self.translation,
                "confidence": round(self.confidence, 2), "shared_values": self.shared}


def _value_keys(claims: list[Claim]) -> set[str]:
    """Normalized values that a translation keeps whatever its language: amounts, shares, dates."""
    keys = set()
    for c in claims:
        if c.kind in ("money", "percent", "count", "measure") and c.num is not None and c.num >= 10 or \
                c.kind in ("money", "percent") and c.num is not None:
            keys.add(f"{c.kind}:{c.num.normalize()}:{c.unit}")
        elif c.kind == "date" and c.date_parts[2] is not None:
            keys.add(f"date:{c.value}")
        elif c.kind == "identifier":
            keys.add(f"id:{c.value}")
    return keys


def detect_pairs(documents: list[Document], claims: dict[str, list[Claim]], threshold: float = 0.5) -> list[DetectedPair]:
    """Pairs of documents whose normalized values overlap like a translation's do.

    Confidence is the share of the larger document's values found in the other, damped when
    few values are shared; the original is the earlier document (else the one listed first).
    """
    keys = {d.doc: _value_keys(claims.get(d.doc, [])) for d in documents}
    index: dict[str, set[str]] = {}
    for doc, ks in keys.items():
        for k in ks:
            index.setdefault(k, set()).add(doc)
    out = []
    linked = {frozenset((d.doc, d.translation_of)) for d in documents if d.translation_of}
    by_name = {d.doc: d for d in documents}
    seen: set[frozenset[str]] = set()
    for doc, ks in sorted(keys.items()):
        candidates: dict[str, int] = {}
        for k in ks:
            for other in index[k]:
                if other != doc:
                    candidates[other] = candidates.get(other, 0) + 1
        for other, shared in candidates.items():
            pair = frozenset((doc, other))
            if pair in seen or pair in linked:
                continue
            seen.add(pair)
            larger = max(len(ks), len(keys[other]))
            if larger == 0:
                continue
            # a translation carries (nearly) all values of its original and adds few: reports of
            # the same story share many values, but each also has many of its own
            confidence = (shared / larger) * min(1.0, shared / 5)
            if confidence < threshold:
                continue
            a, b = by_name[doc], by_name[other]
            first, second = sorted((a, b), key=lambda d: (d.date or __import__("datetime").date.max, d.doc))
            out.append(DetectedPair(first.doc, second.doc, confidence, shared))
    return sorted(out, key=lambda p: (-p.confidence, p.original, p.translation))


def link_explicit(documents: list[Document], original: Path, translation: Path) -> None:
    """Mark `translation` as translating `original` (paths as given on the command line)."""
    def find(p: Path) -> Document | None:
        real = os.path.realpath(p)
        return next((d for d in documents if os.path.realpath(d.path) == real), None) if documents else None

    src, tgt = find(original), find(translation)
    if src is None or tgt is None:
        return
    tgt.translation_of = src.doc
    if tgt.date is None and src.date is not None:
        tgt.date, tgt.date_source = src.date, f"translation of {src.doc}"
