"""Terminal renderers: readable tables (tabulate), grouped by subject, colour on a terminal."""

from __future__ import annotations

from tabulate import tabulate

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_RESET = "\x1b[0m"


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def render_claims(extraction, colour: bool = False) -> str:
    rows = []
    for doc in extraction.documents:
        for c in extraction.claims.get(doc.doc, []):
            extra = f"[{c.low}, {c.high}]" if c.low is not None or c.high is not None else ""
            rows.append([doc.doc, c.line, c.kind, _short(c.text, 40), c.value, c.unit or c.noun, extra])
    out = tabulate(rows, headers=["document", "line", "kind", "text", "value", "unit", "interval"])
    if extraction.errors:
        out += "\n\n" + "\n".join(f"error: {e.doc}: {e.error}" for e in extraction.errors)
    return out + "\n"


def render_report(report, colour: bool = False) -> str:
    findings = report.findings
    lines = []
    if not findings:
        lines.append("No conflicts found.")
    by_subject: dict[str, list] = {}
    for f in findings:
        by_subject.setdefault(f.subject, []).append(f)
    for subject, group in by_subject.items():
        lines.append("")
        lines.append(f"■ {subject}")
        rows = []
        for f in group:
            sev = f.severity
            if colour:
                sev = f"{_COLOURS.get(sev, '')}{sev}{_RESET}"
            where = "; ".join(f"{c.doc}:{c.line} «{_short(c.text, 30)}»" for c in f.claims[:4])
            rows.append([sev, f.rule, f"{f.confidence:.2f}", _short(f.message, 70), where])
        lines.append(tabulate(rows, headers=["severity", "rule", "conf", "message", "claims"], tablefmt="simple"))
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    docs = len(report.extraction.documents)
    lines.append("")
    lines.append(f"{docs} documents, {sum(len(v) for v in report.extraction.claims.values())} claims: "
                 f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info")
    for e in report.extraction.errors:
        lines.append(f"input error: {e.doc}: {e.error}")
    return "\n".join(lines).lstrip("\n") + "\n"
