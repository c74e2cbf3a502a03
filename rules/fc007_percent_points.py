"""A change in percentage points is reported as a percent change, or the reverse.

What it flags:
    上升1.5个百分点 against "rose 1.5%"; "up 2 percentage points" against "up 2%".

Why it matters:
    A rate that rises from 5.7% to 7.2% rose 1.5 points, but about 26 percent; mixing the two
    misstates the size of the change.

Flagged example:
    01.zh.md: 较去年同期上升1.5个百分点 / 02.en.md: rose 1.5% from a year earlier

Not flagged:
    25个基点 against "a quarter of a percentage point" (25 basis points = 0.25 points).
"""

from .base import Pair, Verdict, rule


@rule("FC007", "percent-vs-points", "error")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if a.kind != "percent" or b.kind != "percent" or {a.unit, b.unit} != {"%", "pp"}:
        return None
    if a.num is None or b.num is None or a.num != b.num:
        return None
    pp, pc = (a, b) if a.unit == "pp" else (b, a)
    return Verdict(f"{pp.text} is {pp.num} percentage points; {pc.text} is a percent change", 0.85)
