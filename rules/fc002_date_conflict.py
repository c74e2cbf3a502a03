"""Two dates for the same event disagree.

What it flags:
    A month or day that differs (当地时间4日 = Feb 4 against "April 4th"), a day–month swap
    (3月4日 against "April 3"), a year that differs (2027年下半年 against "second half of 2028"),
    a quarter or half of one year that differs (2025年第二季度 against "the third quarter of
    2025"; on an aligned translation only: two reports of a year often give different quarters'
    figures), the beginning and the end of one month or year (5月下旬 against "early May", 本月下旬
    against "April 5"; aligned translations only), a relative date resolved differently, and a
    clock time labelled with another zone (北京时间15时42分 against "15:42 UTC").

Why it matters:
    Dates anchor the story; a wrong month or a swapped day and month puts an event in another season.

Flagged example:
    000.txt (dated 2026-02-05): 当地时间4日 / 002.txt: On April 4th local time

Not flagged:
    2月4日 against "Feb. 4"; 周四（2月26日）against "on Thursday" in a report dated that week;
    北京时间15时42分 against "0742 GMT"; 5月中旬 against "late May" (neighbouring parts).
"""

import re
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from checker.resources import load

from .base import Pair, Verdict, rule, same_weekday, show, weekday_only, year_like


def _parts(c):
    return c.date_parts


def _months_of_part(c) -> tuple[int, int] | None:
    """The months a quarter or half of a year covers (Q3: July to September, H1: January to June)."""
    part = c.extra.get("part")
    if not part or part[0] not in "QH" or not part[1:].isdigit():
        return None
    n = int(part[1:])
    return (3 * n - 2, 3 * n) if part[0] == "Q" else (6 * n - 5, 6 * n)


def parts_differ(a, b) -> bool:
    """Two dates of one year in quarters or halves that do not meet (Q2 and Q3; not H1 and Q2); two
    quarters named without a year ('third-quarter profit', 第四季度) are of one year whichever each
    reading leaned to."""
    ma, mb = _months_of_part(a), _months_of_part(b)
    if ma is None or mb is None or a.date_parts[0] is None:
        return False
    if a.date_parts[0] != b.date_parts[0] and not (_part_year_guessed(a) and _part_year_guessed(b)):
        return False
    return ma[1] < mb[0] or mb[1] < ma[0]


# the part of a month or year a word names (上旬, early May, 年底, 'the end of 2026'), as a third of it
_THIRDS = {"early": 0, "mid": 1, "late": 2, "end": 2}


def _third(c, of_month: bool) -> int | None:
    """Which third of its month (or year) a date names: by its part, or for a day of a month by the
    day (1–10, 11–20, 21 on)."""
    third = _THIRDS.get(c.extra.get("part") or "")
    if third is None and of_month and c.date_parts[2] is not None:
        third = 0 if c.date_parts[2] <= 10 else 1 if c.date_parts[2] <= 20 else 2
    return third


def thirds_differ(a, b) -> bool:
    """One month (or year) whose beginning one date names and whose end the other (5月下旬 / 'early
    May', 年初 / 'late 2026', 本月下旬 / 'on the 5th'). Neighbouring thirds are not told apart (where
    'mid' ends and 'late' begins is a matter of wording), nor two days (a day conflict)."""
    (ya, ma, _), (yb, mb, _) = a.date_parts, b.date_parts
    if ma != mb or not (a.extra.get("part") or b.extra.get("part")):
        return False
    if ya != yb and not (a.resolved == b.resolved == "document-date"):
        return False
    ta, tb = _third(a, ma is not None), _third(b, mb is not None)
    return ta is not None and tb is not None and abs(ta - tb) == 2


def _part_year_guessed(c) -> bool:
    """A quarter or half whose year the extractor chose, the text naming none ('the third quarter')."""
    return c.resolved == "document-date" and c.date_parts[0] is not None and str(c.date_parts[0]) not in c.text \
        and not _YEAR_WORDS.search(c.text)


# words that state a year, if only relatively: 年, year, and the relative words before a month
# (last December, this March: en dates.toml relative_prefix)
_YEAR_WORDS = re.compile(r"年|\b(?:years?|%s)\b" % "|".join(map(re.escape, load("en", "dates")["relative_prefix"])), re.I)


def year_guessed(c) -> bool:
    """Was the date's year chosen by the extractor, the text naming none (12月, 'by December'), as
    opposed to written (2025年12月) or stated relatively (去年12月, 'last December')?"""
    return c.resolved == "document-date" and c.date_parts[0] is not None and c.date_parts[1] is not None \
        and str(c.date_parts[0]) not in c.text and not _YEAR_WORDS.search(c.text)


def _instant(c) -> datetime | None:
    """The moment a date with a clock time in a named zone states, in UTC; None without one."""
    (y, m, d), tz = c.date_parts, getattr(c, "tz", "")
    if y is None or m is None or d is None or not c.time or not tz or tz == "local":
        return None
    try:
        h, mi = (int(x) for x in c.time.split(":")[:2])
        return datetime(y, m, d, h, mi, tzinfo=ZoneInfo(tz)).astimezone(timezone.utc)
    except (ValueError, ZoneInfoNotFoundError):
        return None


# days on which a clock time alone is read in its zone: one in winter, one in summer, so that
# 10:52 EDT and 1452 GMT agree whatever the season the text leaves unsaid
_SEASONS = (datetime(2026, 1, 15), datetime(2026, 7, 15))


def clock_in_utc(c) -> frozenset[tuple[int, int]] | None:
    """A clock time alone in a named zone (北京时间15时42分, '15:42 UTC') as the UTC times it may be
    (one per season); None for a date, a time without a zone, or local time."""
    tz = getattr(c, "tz", "")
    if c.date_parts != (None, None, None) or not c.time or not tz or tz == "local":
        return None
    try:
        h, mi = (int(x) for x in c.time.split(":")[:2])
        zone = ZoneInfo(tz)
    except (ValueError, ZoneInfoNotFoundError):
        return None
    out = set()
    for day in _SEASONS:
        t = day.replace(hour=h % 24, minute=mi, tzinfo=zone).astimezone(timezone.utc)
        out.add((t.hour, t.minute))
    return frozenset(out)


def dates_agree(a, b) -> bool:
    if parts_differ(a, b) or thirds_differ(a, b):
        return False
    if a.tz != b.tz and (ca := clock_in_utc(a)) is not None and (cb := clock_in_utc(b)) is not None:
        return bool(ca & cb)   # 北京时间22时52分 is 1452 GMT; 北京时间15时42分 is no 15:42 UTC
    if a.tz != b.tz and (ia := _instant(a)) is not None and (ib := _instant(b)) is not None:
        # 3:40 p.m. EDT on the 5th is 北京时间6日3时40分: one moment, another day on each clock
        return ia == ib
    if a.date_parts[1:] == b.date_parts[1:] and year_guessed(a) and year_guessed(b):
        return True   # 12月 and 'by December': one month, whichever year each reading leaned to
    if a.extra.get("part") and a.extra.get("part") == b.extra.get("part") and _part_year_guessed(a) \
            and _part_year_guessed(b):
        return True   # 第三季度 and 'the third quarter', whichever year each reading leaned to
    pa, pb = _parts(a), _parts(b)
    values_a = {a.value, *a.alt}
    values_b = {b.value, *b.alt}
    if values_a & values_b:
        return True
    for va in values_a:
        for vb in values_b:
            if _compatible(va, vb):
                return True
    return pa == pb


def _compatible(x: str, y: str) -> bool:
    """Partial ISO values agree where both are specified ('2026-02' and '2026-02-04')."""
    if x.startswith("--") or y.startswith("--"):
        return x[-2:] == y[-2:]
    return x.startswith(y) or y.startswith(x)


@rule("FC002", "date-conflict", "error")
def check(p: Pair) -> Verdict | None:
    a, b = p.a, p.b
    if "date" in (a.kind, b.kind) and a.kind != b.kind:
        date, num = (a, b) if a.kind == "date" else (b, a)
        if date.date_parts[1] is None and date.date_parts[0] is not None and year_like(num) \
                and num.num != date.date_parts[0]:
            return Verdict(f"{show(date)} vs {num.text}: the year differs", 0.75)
        return None
    if a.kind != "date" or b.kind != "date":
        return None
    if p.path == "precise" and (weekday_only(a) or weekday_only(b)) and same_weekday(a, b):
        return None  # the same weekday named in a text and its translation (or 7日 as "Sunday")
    if dates_agree(a, b):
        if a.time and b.time and a.time != b.time and (a.tz == b.tz or not a.tz or not b.tz) \
                and a.date_parts == b.date_parts:
            return Verdict(f"{a.text} vs {b.text}: same day, the time differs ({a.time} vs {b.time})", 0.7)
        return None
    if a.tz != b.tz and (ia := _instant(a)) is not None and (ib := _instant(b)) is not None:
        hours = abs(ia - ib).total_seconds() / 3600
        return Verdict(f"{a.text} ({ia:%Y-%m-%d %H:%M} UTC) vs {b.text} ({ib:%Y-%m-%d %H:%M} UTC): "
                       f"{hours:g} hours apart", 0.8)
    if a.date_parts == (None, None, None) and b.date_parts == (None, None, None):
        # clock times alone (15时50分, 3:40 p.m.): compare them when the zones do not differ
        if a.time and b.time and a.time != b.time and (a.tz == b.tz or not a.tz or not b.tz):
            return Verdict(f"{a.text} ({a.time}) vs {b.text} ({b.time}): the time differs", 0.7)
        if a.tz != b.tz and clock_in_utc(a) is not None and clock_in_utc(b) is not None:
            same = " the same clock time," if a.time == b.time else ""
            return Verdict(f"{a.text} ({a.time} {a.tz}) vs {b.text} ({b.time} {b.tz}):{same} "
                           f"another moment in another time zone", 0.7)
        return None
    if parts_differ(a, b):
        if p.path != "precise":
            return None
        what = "quarter" if a.extra["part"][0] == b.extra["part"][0] == "Q" else "part of the year"
        return Verdict(f"{a.text} ({a.value} {a.extra['part']}) vs {b.text} ({b.value} {b.extra['part']}): "
                       f"the {what} differs", 0.85)
    if a.extra.get("calendar", "gregorian") != b.extra.get("calendar", "gregorian"):
        return None  # a lunar date and a Gregorian one are not comparable field by field
    if thirds_differ(a, b):
        if p.path != "precise":
            return None
        what = "month" if a.date_parts[1] is not None else "year"
        return Verdict(f"{a.text} vs {b.text}: the beginning and the end of the {what}", 0.8)
    (ya, ma, da), (yb, mb, db) = a.date_parts, b.date_parts
    if p.path == "precise" and da is not None and da == db and (ma is None) != (mb is None):
        # 8日 (no month known) rendered "August 8": the translation states a month the original does not
        bare, full = (a, b) if ma is None else (b, a)
        return Verdict(f"{bare.text} gives no month; {full.text} states one ({full.value})", 0.6, "warning")
    if (da is None) != (db is None) or (ma is None) != (mb is None):
        return None  # 9月 (a month's statistics) and Oct. 30 (an event) state different things
    if ma is not None and mb is not None and da is not None and db is not None:
        if ma == db and da == mb and ma != da:
            return Verdict(f"{show(a)} vs {show(b)}: day and month swapped", 0.9)
        if ma != mb and da == db:
            what = "month differs"
        elif ma == mb and da != db:
            what = "day differs"
        elif ya != yb and ma == mb and da == db:
            what = "year differs"
        else:
            what = "different dates"
        conf = 0.85 if (a.resolved or b.resolved) else 0.9
        return Verdict(f"{show(a)} vs {show(b)}: {what}", conf)
    if ya is not None and yb is not None and ya != yb and ma == mb and da == db:
        return Verdict(f"{show(a)} vs {show(b)}: year differs", 0.8)
    if ma is not None and mb is not None and ma != mb and (da is None or db is None):
        return Verdict(f"{show(a)} vs {show(b)}: month differs", 0.7)
    return None
