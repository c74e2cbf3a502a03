"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Rules carry their docstrings as help; each result points at the claim it is about (the outlier
where there is one) with the other claims as related locations; partial fingerprints are the
stable finding ids, so code scanning tracks a finding across commits.
"""

from __future__ import annotations

from checker import __version__
from checker.gcpause import gc_paused
from rules import REGISTRY

from .fastjson import dumps_indented
from .locations import Locator, columns

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _location(loc: Locator, claim) -> dict:
    line, col, end_line, end_col = columns(loc.text(claim.doc), claim.start, claim.end)
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": loc.uri(claim.doc)},
            "region": {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
                       "charOffset": claim.start, "charLength": claim.end - claim.start,
                       "snippet": {"text": claim.text}},
        },
        "message": {"text": f"{claim.text} = {claim.value}{(' ' + claim.unit) if claim.unit else ''}"},
    }


def sarif_json(report) -> dict:
    rules = [{
        "id": r.id,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.summary},
        "help": {"text": r.doc, "markdown": r.doc},
        "defaultConfiguration": {"level": _LEVEL[r.severity]},
        "properties": {"tags": ["consistency"]},
    } for r in REGISTRY]
    index = {r.id: i for i, r in enumerate(REGISTRY)}
    results = []
    loc = Locator(report)
    for f in report.findings:
        primary = loc.primary(f)
        others = [c for c in f.claims if c is not primary]
        result = {
            "ruleId": f.rule,
            "ruleIndex": index.get(f.rule, 0),
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [_location(loc, primary)],
            "relatedLocations": [dict(_location(loc, c), id=i + 1,
                                      **({"message": {"text": "aligned passage"}} if c.kind == "passage" else {}))
                                 for i, c in enumerate(others)],
            "partialFingerprints": {"factcheckFindingId/v1": f.id},
            "properties": {"confidence": round(f.confidence, 2), "subject": f.subject, "path": f.path},
        }
        if f.id in report.baselined:
            result["baselineState"] = "unchanged"
            result["suppressions"] = [{"kind": "external", "justification": "accepted in the baseline"}]
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "factcheck", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/factcheck/", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{
                "executionSuccessful": not report.extraction.errors,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": e.error},
                     "locations": [{"physicalLocation": {"artifactLocation": {"uri": loc.uri(e.doc)}}}]}
                    for e in report.extraction.errors],
            }],
        }],
    }


def render_report(report) -> str:
    with gc_paused():   # plain dicts and lists, no cycles: see json_report.render_report
        return dumps_indented(sarif_json(report)) + "\n"
