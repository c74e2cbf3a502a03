"""Two percentages for the same subject disagree, qualifiers respected.

What it flags:
    超过90% / 90%以上 against 高达87% (over 90 cannot be 87); 1.6% against 1.8% for the same forecast.

Why it matters:
    Shares and rates are quoted across outlets and drift; an "over 90%" that becomes 87% changes
    the claim.

Flagged example:
    001.txt: 在精炼加工环节，这一比例更高达90%以上 / 004.txt: 中国在稀土精炼环节市场份额高达87%

Not flagged:
    约九成 against 90% (九成 is 90%, and 约 widens it); "more than 60%" against 约六成; another outlet's
    rounding to its last digit (48% against 48.1%; a translation keeps its original's figure).
"""

from .base import Pair, Verdict, consistent, rule, show


@rule("FC005", "percent-conflict", "warning")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if a.kind != "percent" or b.kind != "percent" or a.unit != b.unit or consistent(p, a, b):
        return None
    if a.num is None or b.num is None:
        return None
    return Verdict(f"{show(a)} vs {show(b)}: the percentages do not agree", 0.75 if p.path == "precise" else 0.6)
