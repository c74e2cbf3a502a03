"""A figure of the original has no counterpart in its translation.

What it flags:
    A value stated in a source sentence that appears nowhere in the aligned part of the translation:
    倾角53度 dropped from "entered their planned orbit at an altitude of about 550 km"; a date whose
    day or year is written as a figure (中新网2月11日电, 2015–2019) that the translation leaves out. The finding cites
    the aligned sentences of the translation (kind "passage") so a reviewer sees where it is missing.

Why it matters:
    Dropped figures are silent omissions: nothing looks wrong, but the reader loses a fact.

Flagged example:
    01.zh.md: 卫星进入倾角53度、高度约550公里的预定轨道 / 02.en.md: entered their planned orbit at an
    altitude of about 550 km

Not flagged:
    A figure the translation gives in another form (五个月 / five months), or elsewhere in the
    aligned passage; a date stated in words (当天, 上周五) rendered without it.
"""

from .base import Pair, Verdict, rule, show


@rule("FC012", "missing-value", "warning")
def check(p: Pair) -> Verdict | None:
    """Pair.a is the original's claim that has no counterpart; the engine cites the aligned
    sentences of the translation beside it as claims of kind "passage"."""
    return Verdict(f"{show(p.a)} has no counterpart in the translation", 0.55)
