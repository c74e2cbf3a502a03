"""GitHub Actions workflow commands: one annotation per finding, on the claim it is about."""

from __future__ import annotations

from .locations import Locator, columns

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render_report(report) -> str:
    lines = []
    loc = Locator(report)
    for f in report.counted_findings:
        c = loc.primary(f)
        line, col, end_line, end_col = columns(loc.text(c.doc), c.start, c.end)
        props = (f"file={_prop(loc.path(c.doc))},line={line},endLine={end_line},col={col},endColumn={end_col},"
                 f"title={_prop(f'{f.rule} {f.name}')}")
        lines.append(f"::{_COMMAND[f.severity]} {props}::{_data(f.message)}")
    for e in report.extraction.errors:
        lines.append(f"::error file={_prop(loc.path(e.doc))},title=factcheck input error::{_data(e.error)}")
    return "\n".join(lines) + ("\n" if lines else "")
