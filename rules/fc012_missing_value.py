"""A figure of the original has no counterpart in its translation.

What it flags:
    A value stated in a source sentence that appears nowhere in the aligned part of the translation:
    倾角53度 dropped from "entered their planned orbit at an altitude of about 550 km".

Why it matters:
    Dropped figures are silent omissions: nothing looks wrong, but the reader loses a fact.

Flagged example:
    01.zh.md: 卫星进入倾角53度、高度约550公里的预定轨道 / 02.en.md: entered their planned orbit at an
    altitude of about 550 km

Not flagged:
    A figure the translation gives in another form (五个月 / five months), or elsewhere in the
    aligned passage.
"""

from .base import Pair, Verdict, rule, show


@rule("FC012", "missing-value", "warning")
def check(p: Pair) -> Verdict | None:
    """Pair.b is the first claim of the aligned target passage (for location); a is the missing one."""
    return Verdict(f"{show(p.a)} has no counterpart in the translation", 0.55)
