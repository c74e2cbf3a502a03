"""Two counts of the same thing differ by a little.

What it flags:
    Counts that are close but not equal: 56个国家 against 55个合作伙伴国, "18 satellites" against
    "17 satellites".

Why it matters:
    Off-by-one and near-miss counts survive proofreading because they look plausible; one of the
    sources is wrong, or they count different things and the text should say so.

Flagged example:
    000.txt: 共有56个国家代表参会 / 000.txt: 拥有55个合作伙伴国的庞大联盟

Not flagged:
    近30国 against 28 countries (inside "nearly 30"); 约3万 against 30,512; a range against one figure
    next to its bound (16至59岁劳动年龄人口 against 60岁及以上人口: two age brackets).
"""

from .base import Pair, Verdict, consistent, rule, show


# the qualifiers of an open bracket (60岁及以上, 'under 16'), which a range's bound may border
_OPEN_BRACKETS = frozenset({"min", "max", "over", "under"})


@rule("FC003", "count-difference", "warning")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if a.kind not in ("count", "number") or b.kind not in ("count", "number"):
        return None
    if a.num is None or b.num is None or a.num == b.num or consistent(p, a, b):
        return None
    if (a.qualifier == "range") != (b.qualifier == "range") \
            and (b if a.qualifier == "range" else a).qualifier in _OPEN_BRACKETS:
        return None   # 16至59岁 beside 60岁及以上: a bracket's bound and the next bracket, no near-miss count
    lo, hi = sorted((abs(a.num), abs(b.num)))
    if hi - lo <= 2 or (hi > 0 and (hi - lo) / hi <= 0.05):
        # two bare figures (a ratio, a score) are not counts of anything
        what = "multiples differ" if a.noun == b.noun == "times" else \
            f"{'figures' if a.kind == b.kind == 'number' else 'counts'} differ by {hi - lo}"
        return Verdict(f"{show(a)} vs {show(b)}: {what}", 0.7 if p.path == "precise" else 0.55)
    return None
