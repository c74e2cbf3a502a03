"""JSON renderers (DESIGN §4.3 report, §4.4 claims)."""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any) -> str:
    """Deterministic JSON: stable key order from the data, UTF-8 text, control characters escaped."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_claims(extraction) -> str:
    claims = []
    for doc in extraction.documents:
        claims += [c.to_json() for c in extraction.claims.get(doc.doc, [])]
    return dumps({"claims": claims, "errors": [e.to_json() for e in extraction.errors]})


def render_report(report) -> str:
    return dumps(report.to_json())
