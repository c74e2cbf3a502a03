"""JSON renderers (DESIGN §4.3 report, §4.4 claims)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checker.gcpause import gc_paused

from .fastjson import Raw, dumps_indented, dumps_parts, fragment

_FINDING_DEPTH = 2   # report object > "findings" list > finding

# Python strings can hold lone surrogates (a file name with undecodable bytes, read with
# surrogateescape); they have no UTF-8 encoding, so writing them would fail, and JSON readers
# disagree about escaped ones. They become U+FFFD.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(data: Any) -> str:
    """Deterministic JSON whatever the text inside: stable key order from the data, UTF-8 text,
    control characters escaped by json, lone surrogates replaced by U+FFFD, and U+2028/U+2029
    escaped (legal in JSON but line ends to JavaScript, so the output also embeds safely)."""
    return _safe(dumps_indented(data, "\n"))


def _safe(text: str) -> str:
    """dumps' replacements, each of one character: the same made on any cut of a text into pieces."""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    # raw U+2028/U+2029 can only occur inside JSON strings, where the escape means the same
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


_CHUNK = 1 << 20   # characters of the report written at a time


def _chunks(parts: list[str]) -> Iterator[str]:
    """The parts joined into pieces of about _CHUNK characters, each made safe (_safe)."""
    batch: list[str] = []
    size = 0
    for part in parts:
        batch.append(part)
        size += len(part)
        if size >= _CHUNK:
            yield _safe("".join(batch))
            batch, size = [], 0
    if batch:
        yield _safe("".join(batch))


def render_claims(extraction) -> str:
    """`factcheck extract --format json` (DESIGN §4.4): each claim as findings cite it, with the
    noun a count counts and a readable subject (Claim.label)."""
    claims = []
    for doc in extraction.documents:
        for c in extraction.claims.get(doc.doc, []):
            out = c.to_json()
            if c.kind == "count" and c.noun:
                out["noun"] = c.noun
            out["subject"] = c.subject or c.label(doc)
            claims.append(out)
    return dumps({"claims": claims, "errors": [e.to_json() for e in extraction.errors]})


def render_finding(finding) -> str:
    """A finding's part of the report, as render_report writes it (kept in the cache with it)."""
    return fragment(finding.to_json(), _FINDING_DEPTH)


def _finding_json(finding):
    return Raw(finding.rendered) if finding.rendered else finding.to_json()


def render_report(report) -> str:
    # builds a few hundred thousand dicts and no reference cycle: without the collector walking
    # the run's claims each time a batch of them is made (gcpause), half the time or less
    with gc_paused():
        return dumps(report.to_json(_finding_json))


def render_report_chunks(report) -> Iterator[str]:
    """render_report's text in pieces, one after the other, for writing out: the whole text of a
    large report is never in memory (only its pieces, most of them the findings' own parts)."""
    with gc_paused():   # as render_report
        parts = dumps_parts(report.to_json(_finding_json), "\n")
    return _chunks(parts)
