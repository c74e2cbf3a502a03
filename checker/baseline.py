"""Baselines: findings a person has accepted, so CI stops counting them.

File format (JSON, written atomically):
    {"schema_version": 1, "tool": "factcheck",
     "findings": [{"id": "FC001-…", "rule": "FC001", "status": "not-a-problem",
                   "comment": "…", "claims": [{"doc": "…", "text": "…", "value": "…"}]}]}

`status` is "accepted" (written by `factcheck baseline write`), "not-a-problem" (cleared by a
reviewer in the HTML report) or "confirmed" (a real error: still counted). Finding ids are
stable fingerprints of the rule and the claims' documents, quotes and values, so they survive
edits elsewhere in the files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputFileError

SUPPRESSING = {"accepted", "not-a-problem"}
STATUSES = SUPPRESSING | {"confirmed"}


@dataclass
class Baseline:
    entries: dict[str, dict] = field(default_factory=dict)

    def suppresses(self, finding_id: str) -> bool:
        entry = self.entries.get(finding_id)
        return entry is not None and entry.get("status", "accepted") in SUPPRESSING

    def stale(self, current_ids: set[str]) -> list[str]:
        """Entries that no longer match any finding: the file can be pruned of them."""
        return sorted(i for i in self.entries if i not in current_ids)


def load_baseline(path: Path) -> Baseline:
    from .decode import read_input_bytes

    raw = read_input_bytes(Path(path), str(path))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputFileError(str(path), f"baseline is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputFileError(str(path), f"line {exc.lineno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise InputFileError(str(path), "invalid JSON: nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise InputFileError(str(path), "not a factcheck baseline (no 'findings' list)")
    base = Baseline()
    for i, entry in enumerate(data["findings"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise InputFileError(str(path), f"finding {i}: needs an 'id'")
        status = entry.get("status", "accepted")
        if status not in STATUSES:
            raise InputFileError(str(path), f"finding {i}: status {status!r} is not one of {sorted(STATUSES)}")
        base.entries[entry["id"]] = entry
    return base


def baseline_json(findings, status: str = "accepted") -> dict:
    return {
        "schema_version": 1,
        "tool": "factcheck",
        "findings": [{"id": f.id, "rule": f.rule, "status": status, "comment": "",
                      "claims": [{"doc": c.doc, "text": c.text, "value": c.value}
                                 for c in [c for c in f.claims if c.kind != "passage"][:2]]}
                     for f in findings],
    }
