"""Lunar (Chinese calendar) dates to Gregorian ones: 正月初一, 腊月二十三, 农历2015年十月初一, 大年三十.

A fact-checker compares dates as days: 大年初一 of 2026 is 2026-02-17 whatever calendar wrote it.
The calendar is a data table (resources/zh/lunar.toml), so no dependency is needed.
"""

from __future__ import annotations

import datetime as dt

from ..resources import load

_YEARS = {int(y): (dt.date.fromisoformat(start), leap, lengths)
          for y, (start, leap, lengths) in load("zh", "lunar")["years"].items()}


def to_gregorian(year: int, month: int, day: int, leap: bool = False) -> dt.date | None:
    """The Gregorian day of lunar `year`/`month`/`day` (None outside the table or when that month
    has no such day: a 29-day month has no 三十)."""
    row = _YEARS.get(year)
    if row is None or not 1 <= month <= 12 or not 1 <= day <= 30:
        return None
    start, leap_month, lengths = row
    if leap and leap_month != month:
        return None
    index = month - 1 + (1 if leap_month and (month > leap_month or leap and month == leap_month) else 0)
    if day == 30 and lengths[index] == "0":
        return None
    return start + dt.timedelta(days=sum(29 + int(bit) for bit in lengths[:index]) + day - 1)


def new_years_eve(year: int) -> dt.date | None:
    """大年三十 / 除夕 of lunar `year`: the last day of its last month, 29 or 30 days long."""
    nxt = _YEARS.get(year + 1)
    return nxt[0] - dt.timedelta(days=1) if nxt else None


def lunar_day(year: int, month: int, day: int, eve: bool = False) -> dt.date | None:
    return new_years_eve(year) if eve else to_gregorian(year, month, day)


def nearest_lunar_day(month: int, day: int, ref: dt.date, future: bool, eve: bool = False) -> dt.date | None:
    """A lunar month-day without a year: the candidate nearest the document date, leaning to the past
    (news reports what happened) unless the clause looks forward, as for Gregorian month-days."""
    best, best_score = None, None
    for year in range(ref.year - 2, ref.year + 2):
        day_ = lunar_day(year, month, day, eve)
        if day_ is None:
            continue
        delta = (day_ - ref).days
        score = abs(delta) * ((3 if delta < -1 else 1) if future else (2.0 if delta > 0 else 1))
        if best_score is None or score < best_score:
            best, best_score = day_, score
    return best
