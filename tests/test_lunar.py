"""The lunar calendar table against festival dates published by calendars (not computed here)."""

import datetime as dt

from checker.extract.lunar import nearest_lunar_day, new_years_eve, to_gregorian


def test_known_festivals():
    assert to_gregorian(2024, 1, 1) == dt.date(2024, 2, 10)    # Spring Festival 2024
    assert to_gregorian(2023, 8, 15) == dt.date(2023, 9, 29)   # Mid-Autumn 2023
    assert to_gregorian(2020, 5, 5) == dt.date(2020, 6, 25)    # Dragon Boat 2020, after 闰四月
    assert to_gregorian(2025, 6, 1, leap=True) == dt.date(2025, 7, 25)  # 闰六月初一 2025
    assert new_years_eve(2025) == dt.date(2026, 2, 16)         # 除夕 before the 2026 Spring Festival


def test_no_such_day():
    assert to_gregorian(2025, 4, 1, leap=True) is None  # 2025 has no 闰四月
    assert to_gregorian(2026, 2, 30) is None            # a 29-day month has no 三十
    assert to_gregorian(1800, 1, 1) is None             # outside the table


def test_nearest_leans_to_the_past():
    assert nearest_lunar_day(1, 1, dt.date(2026, 1, 15), future=False) == dt.date(2026, 2, 17)
    assert nearest_lunar_day(8, 15, dt.date(2026, 1, 15), future=False) == dt.date(2025, 10, 6)
