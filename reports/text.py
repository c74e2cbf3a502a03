"""Terminal renderers: readable tables (tabulate), grouped by subject, colour on a terminal."""

from __future__ import annotations

from tabulate import tabulate

from .grouping import fact_groups

try:   # tabulate's own cell wrapper, to wrap exactly as it does (see _wrap_cell)
    from tabulate import _BREAK_LONG_WORDS, _BREAK_ON_HYPHENS, _CustomTextWrap, _isnumber, _type
except ImportError:  # another tabulate: it wraps every cell itself
    _CustomTextWrap = None

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD = "\x1b[1m"
_RESET = "\x1b[0m"


def _safe(text: str) -> str:
    """Control characters shown as escapes: a file named 'x\x1b]0;…' must not drive the terminal."""
    if text.isprintable():   # nearly always: no per-character pass
        return text
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def _short(text: str, n: int = 60) -> str:
    text = _safe(" ".join(text.split()))
    return text if len(text) <= n else text[: n - 1] + "…"


def _plain_table(rows: list[list], widths: list[int | None]) -> str:
    """tabulate(rows, tablefmt="plain", maxcolwidths=widths), the cells wrapped here first. Most
    cells fit their width, and textwrap would only hand them back (two thirds of the time of the
    text report); the others go through tabulate's own wrapper, as tabulate would wrap them."""
    try:
        wrapped = [[_wrap_cell(cell, w) for cell, w in zip(row, widths)] for row in rows]
    except Exception:  # noqa: BLE001 - anything unusual: tabulate wraps (or fails) as it always did
        return tabulate(rows, tablefmt="plain", maxcolwidths=widths)
    return tabulate(wrapped, tablefmt="plain")


class _NoFastWrap(Exception):
    pass


def _wrap_cell(cell, width: int | None):
    """What tabulate's _wrap_text_to_colwidths makes of one cell (numbers parsed, as by default)."""
    if width is None:
        return cell
    if _CustomTextWrap is None:
        raise _NoFastWrap
    if not isinstance(cell, str) or "\x1b" in cell:   # colour codes carry from line to line: its wrapper
        raise _NoFastWrap
    if _isnumber(cell):
        return cell
    casted = str(cell) if cell == "" else str(_type(cell, True)(cell))
    wrapper = None
    out = []
    for line in casted.splitlines():
        if line.strip() == "":
            continue
        # one space between words, none around them, and narrow enough: textwrap returns it as it is
        if line == " ".join(line.split()) and 0 <= _CustomTextWrap._len(line) <= width:
            out.append(line)
            continue
        if wrapper is None:
            wrapper = _CustomTextWrap(width=width, break_long_words=_BREAK_LONG_WORDS, break_on_hyphens=_BREAK_ON_HYPHENS)
        out.append("\n".join(wrapper.wrap(line)))
    return "\n".join(out)


def render_claims(extraction, colour: bool = False) -> str:
    rows = []
    for doc in extraction.documents:
        for c in extraction.claims.get(doc.doc, []):
            extra = f"[{c.low}, {c.high}]" if c.low is not None or c.high is not None else ""
            rows.append([_safe(doc.doc), c.line, c.kind, _short(c.text, 40), c.value, c.unit or c.noun, extra])
    out = tabulate(rows, headers=["document", "line", "kind", "text", "value", "unit", "interval"])
    if extraction.errors:
        out += "\n\n" + "\n".join(f"error: {_safe(e.doc)}: {_safe(e.error)}" for e in extraction.errors)
    return out + "\n"


def render_report(report, colour: bool = False) -> str:
    findings = report.findings
    paint = (lambda s, sev: f"{_COLOURS.get(sev, '')}{s}{_RESET}") if colour else (lambda s, sev: s)
    lines: list[str] = []
    if not findings:
        lines.append("No conflicts found.")
    for group in ([findings[i] for i in g] for g in fact_groups(findings)):
        head = group[0]
        first = head.claims[0]
        title = f"■ {_short(head.subject, 70)}  ({_safe(first.doc)}:{first.line})"
        lines += ["", f"{_BOLD}{title}{_RESET}" if colour else title]
        rows = []
        for f in group:
            where = "\n".join(f"{_safe(c.doc)}:{c.line} «{_short(c.text, 28)}»" for c in f.claims[:4])
            rows.append([paint(f.severity, f.severity), f"{f.rule} {f.name}", f"{f.confidence:.2f}", _safe(f.message), where])
        lines.append(_plain_table(rows, [None, 22, None, 64, 52]))
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    n_claims = sum(len(v) for v in report.extraction.claims.values())
    lines.append("")
    lines.append(f"{len(report.extraction.documents)} documents, {n_claims} claims: "
                 f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info")
    for e in report.extraction.errors:
        lines.append(f"input error: {_safe(e.doc)}: {_safe(e.error)}")
    return "\n".join(lines).lstrip("\n") + "\n"
