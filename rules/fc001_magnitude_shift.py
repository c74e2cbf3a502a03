"""Two figures for the same fact differ by a power of ten.

What it flags:
    Values that match except for their scale: 120亿美元 ($12 billion) against "$1.2 billion",
    2,549万亿韩元 against "2,549 billion won", 20万辆 against "20,000 vehicles".

Why it matters:
    Scale words (万, 亿, 万亿, billion, bn) are the most common source of translation errors in
    figures, and a factor of ten changes the story.

Flagged example:
    000.txt: 启动高达120亿美元的“金库计划” / 002.txt: the launch of a $1.2 billion "Project Vault"

Not flagged:
    120亿美元 against "$12 billion" or "US$12bn" (the same value written differently).
"""

from decimal import Decimal

from .base import Pair, Verdict, rule, show


def _sig(c) -> str:
    return "".join(ch for ch in (c.figure or "") if ch.isdigit()).strip("0")


def _ratio_power(x: Decimal, y: Decimal) -> int | None:
    if x <= 0 or y <= 0 or x == y:
        return None
    big, small = max(x, y), min(x, y)
    r = big / small
    k = 0
    while r >= Decimal("9.95") and k < 15:
        r /= 10
        k += 1
    return k if k and abs(r - 1) <= Decimal("0.0005") else None


@rule("FC001", "magnitude-shift", "error")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if a.kind == "measure" and b.kind == "measure":
        if a.dimension != b.dimension or a.si is None or b.si is None:
            return None
        x, y = a.si, b.si
    else:
        if a.kind == "money" and b.kind == "money" and a.unit != b.unit:
            return None
        if a.kind == "percent" or b.kind == "percent" or a.num is None or b.num is None:
            return None
        x, y = a.num, b.num
    k = _ratio_power(abs(x), abs(y))
    if k is None:
        return None
    if p.path == "broad" and min(abs(a.num or 0), abs(b.num or 0)) < 10 and len(_sig(a)) < 2 and len(_sig(b)) < 2:
        return None  # 2 and 200 across reports: single digits are powers of ten apart all the time
    return Verdict(f"{show(a)} vs {show(b)}: differ by a factor of {10 ** k}", 0.9 if p.path == "precise" else 0.75)
