"""The same change is reported in opposite directions.

What it flags:
    上涨0.8% against "fell 0.8%", 环比下降4.1% against "up 4.1%", 减重约15% against "15% heavier".

Why it matters:
    A rise reported as a fall inverts the news while every figure still matches, so digit checks
    never see it.

Flagged example:
    01.zh.md: 韩国综合股价指数（KOSPI）上涨0.8% / 02.en.md: The benchmark KOSPI fell 0.8%.

Not flagged:
    上涨0.8% against "rose 0.8%" or "gained 0.8%"; a change stated without a direction; a level a
    change reached against a change of the same size (下调至1.6% against "expand 1.6%").
"""

from .base import Pair, Verdict, overlap, rule


@rule("FC006", "direction-flip", "error")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if not a.direction or not b.direction or a.direction == b.direction:
        return None
    if bool(a.extra.get("level")) != bool(b.extra.get("level")):
        return None   # 下调至1.6% (the level reached) and 'expand 1.6%' (a change) state different things
    if a.kind not in ("percent", "money", "count", "number", "measure") or a.num is None or b.num is None:
        return None
    if not (a.num == b.num or overlap(a, b)):
        return None
    word = {1: "up", -1: "down"}
    return Verdict(f"{a.text} ({word[a.direction]}) vs {b.text} ({word[b.direction]}): the direction of the change is reversed",
                   0.85 if p.path == "precise" else 0.65)
