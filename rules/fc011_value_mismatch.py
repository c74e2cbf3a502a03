"""Aligned sentences state a figure with different values (no specific error pattern).

What it flags:
    In a translation, a figure differs from the figure in the sentence it translates and no more
    specific rule explains how: 下调至1.6% against "cut to 1.7%", 330多座 against "more than 340";
    a range with one bound changed ("between 2 and 5 days" against "between 3 and 5 days").

Why it matters:
    A translation must carry the original's values; any change is an error until a person clears it.

Flagged example:
    01.zh.md: 将今年经济增长预期从1.8%下调至1.6% / 02.en.md: cut its forecast for growth this year to 1.7%

Not flagged:
    Equal values written differently: 五个月 / five months; 1,100万 / 11 million; 2月4日 / Feb. 4;
    a long figure shortened with a scale word, rounded at its last digit: 103,682亿千瓦时 / 10.37 trillion kWh;
    a share as a percentage and as a fraction: 不低于50% / at least half.
"""

from decimal import Decimal

from .base import Pair, Verdict, consistent, rule, share_as_fraction, show


@rule("FC011", "value-mismatch", "warning")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if a.kind in ("name", "date", "identifier") or a.num is None or b.num is None:
        return None
    if p.path == "precise" and a.qualifier == "range" and b.qualifier == "range" and a.unit == b.unit \
            and (a.low, a.high) != (b.low, b.high):
        return Verdict(f"{show(a)} vs {show(b)}: the ranges differ", 0.6)
    if a.kind == "measure" or b.kind == "measure":
        if a.kind != b.kind or a.dimension != b.dimension or a.si is None or b.si is None:
            return None
        if a.unit == b.unit:
            if consistent(p, a, b) or a.num == b.num:
                return None   # in one unit no conversion excuses a difference (2:00:35 / 2:00:53)
        else:
            ratio = max(a.si, b.si) / max(min(a.si, b.si), Decimal("1e-12")) if min(a.si, b.si) > 0 else 0
            if ratio and ratio < 1.02:
                return None   # a conversion rounded (62 m = 203 ft)
        return Verdict(f"{show(a)} vs {show(b)}: values differ", 0.6 if p.path == "precise" else 0.45)
    if a.kind == "money" and b.kind == "money" and a.unit != b.unit:
        return None
    if a.kind == "percent" and b.kind == "percent" and a.unit != b.unit:
        return None
    if share_as_fraction(a, b) or share_as_fraction(b, a):
        return None   # a share written as a fraction: 不低于50% / 'at least half', 三分之一 / 33%
    if "percent" in (a.kind, b.kind) and a.kind != b.kind and "number" not in (a.kind, b.kind):
        return None   # a multiple and a percent of one sentence: FC008 judges the same figure in both
    if consistent(p, a, b) or a.num == b.num:
        return None
    return Verdict(f"{show(a)} vs {show(b)}: values differ", 0.6 if p.path == "precise" else 0.45)

