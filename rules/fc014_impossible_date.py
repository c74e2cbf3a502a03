"""A date that the calendar does not have.

What it flags:
    A day its month never has or lacks in the year stated: 2月30日, "April 31, 2025", 2019年2月29日
    and 2/29/2019 (2019 is not a leap year). One source is enough: no other report has to disagree.

Why it matters:
    An impossible date is a typo or a wrong conversion, and nothing else catches it: a translation
    that copies it agrees with its original, and a reader cannot tell which real day was meant.

Flagged example:
    a.zh.md: 公司于2月30日宣布 / b.en.md: The contract of April 31, 2025 is void.

Not flagged:
    February 29 of a leap year (2024年2月29日) or with no year stated; "the 31st of this month" in
    a month of 31 days.
"""

import calendar

from .base import Pair, Verdict, rule


@rule("FC014", "impossible-date", "warning")
def check(p: Pair) -> Verdict | None:
    """Pair.a is the claim on its own (Pair.b is the same claim): extraction marks the dates it read
    as written although the calendar lacks them."""
    c = p.a
    if c.kind != "date" or not c.extra.get("impossible"):
        return None
    y, m, d = c.date_parts
    if m is None or d is None:
        return None
    month = calendar.month_name[m]
    if y is not None and m == 2 and d == 29:
        why = f"{y} is not a leap year"
    elif y is None and m == 2:
        why = "February has at most 29 days"
    else:
        why = f"{month} has {calendar.monthrange(y or 2001, m)[1]} days"
    return Verdict(f"{c.text}: no such date ({why})", 0.8)
