"""A figure in a translation has no counterpart in its original.

What it flags:
    A value stated in a translated sentence that appears nowhere in the aligned part of the
    original: "a loss of over 1,800 tons" where the original has no such figure; a figure repeated
    for something else ("7 products from 7 institutions" where the original counts 7只产品 only).

Why it matters:
    An invented figure is worse than a dropped one: readers take it as sourced fact.

Flagged example:
    01.zh.md: 也是"伤敌一千自损八百" / 02.en.md: has resulted in a loss of over 1,800 tons

Not flagged:
    A figure the original gives in another form (五个月 / five months, 1,100万 / 11 million), or
    small numbers written in words that translators add for fluency ("both" → two).
"""

from .base import Pair, Verdict, rule, show


@rule("FC013", "extra-value", "warning")
def check(p: Pair) -> Verdict | None:
    """Pair.a is the translation's claim that has no counterpart; the engine cites the aligned
    sentences of the original beside it as claims of kind "passage"."""
    return Verdict(f"{show(p.a)} has no counterpart in the original", 0.5)
