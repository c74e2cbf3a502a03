"""Two figures for the same fact use the same digits in another order.

What it flags:
    126 against 162, 1,930万亿 against 1,390万亿, 45,218 against 45,128, 94.5% against 95.4%, 2.1万
    against 12,000; a compound measure by its parts as written (2小时41分钟 against "2 hours, 14
    minutes"); in a translation, a measure against the same sentence's figure written without its
    unit (24秒35 against "took silver in 24.53").

Why it matters:
    Transposed digits are a typing error that a reader cannot detect; the figure looks plausible.

Flagged example:
    01.zh.md: 1,930万亿韩元 / 04.zh.md: 1,390万亿韩元

Not flagged:
    Figures with the same digits that also agree in value (1,930 and 1930.0); a rise and a fall
    (增长7.2% against "fell 2.7%": the direction rule speaks of a flip of one figure).
"""

from .base import Pair, Verdict, consistent, rule, show


def _digits(c) -> str:
    """The digits of the value, whatever scale word wrote it (员工2.1万人 and '12,000 employees' are
    21000 and 12000), else of the figure as written; of a compound measure, its parts' figures as
    written (2 hours 14 minutes: 214)."""
    parts = c.extra.get("parts")
    if parts and all(p[:1].isdigit() for p in parts):
        return "".join(ch for ch in "".join(parts) if ch.isdigit())
    n = c.num
    if n is not None and n.is_finite():
        return format(abs(n).normalize(), "f").replace(".", "").lstrip("0")
    return "".join(ch for ch in (c.figure or "") if ch.isdigit())


def _unit_left_out(a, b) -> bool:
    """A measure's figure rendered in the aligned sentence without its unit, as sports copy writes a
    time ('took silver in 24.53' for 以24秒35获得银牌): the bare figure answers the measure."""
    return {a.kind, b.kind} == {"measure", "number"} and not (a.unit if a.kind == "number" else b.unit)


@rule("FC004", "digit-transposition", "error")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if a.kind in ("date", "name", "identifier") or b.kind in ("date", "name", "identifier"):
        return None
    if a.unit != b.unit and not (a.kind in ("count", "number") and b.kind in ("count", "number")) \
            and not (p.path == "precise" and _unit_left_out(a, b)):
        return None
    da, db = _digits(a), _digits(b)
    if len(da) < 2 or da == db or sorted(da) != sorted(db) or consistent(p, a, b):
        return None
    if a.num is None or b.num is None or a.direction * b.direction < 0:
        return None   # a slip of the digits keeps the sign: 7.2% up and 2.7% down are two figures
    ratio = max(a.num, b.num) / max(min(a.num, b.num), 1)
    if ratio >= 10:
        return None
    return Verdict(f"{show(a)} vs {show(b)}: same digits in another order", 0.85 if p.path == "precise" else 0.7)
