"""Dates a day apart across reports (checker.broad._one_day_apart): compared only as one kind of fact."""

from __future__ import annotations

import datetime as dt

from checker.broad import _one_day_apart
from checker.extract.pipeline import extract_document
from checker.model import Document


def _dates(text: str, lang: str = "zh") -> dict[str, object]:
    doc = Document(doc="d", text=text, lang=lang, date=dt.date(2025, 8, 12))
    return {c.text: c for c in extract_document(doc) if c.kind == "date"}


def test_a_cutoff_and_the_day_figures_were_announced_are_not_compared():
    a = _dates("广东省疾病预防控制中心11日通报，佛山市累计报告基孔肯雅热本地病例7385例。")["11日"]
    b = _dates("广东省疾控中心最新通报显示，截至8月10日，佛山累计报告基孔肯雅热本地病例7385例。")["8月10日"]
    assert b.extra.get("cutoff") and not a.extra.get("cutoff")
    assert not _one_day_apart(a, b)


def test_two_cutoffs_or_two_event_days_a_day_apart_are_compared():
    a = _dates("截至8月10日，佛山累计报告病例7385例。")["8月10日"]
    b = _dates("As of August 11, Foshan had reported 7,385 cases.", "en")["August 11"]
    assert a.extra.get("cutoff") and b.extra.get("cutoff") and _one_day_apart(a, b)
    c = _dates("He made his debut on Sept. 13 against Porto.", "en")["Sept. 13"]
    d = _dates("He made his debut on September 14 against Porto.", "en")["September 14"]
    assert _one_day_apart(c, d)


def test_a_month_a_year_apart_is_compared_but_not_a_day_or_another_month():
    from checker.broad import _one_year_apart
    a = _dates("项目于2020年12月开工建设。")["2020年12月"]
    b = _dates("Construction started in December 2021.", "en")["December 2021"]
    c = _dates("Construction started in November 2021.", "en")["November 2021"]
    d = _dates("Construction started on December 3, 2021.", "en")["December 3, 2021"]
    assert _one_year_apart(a, b)
    assert not _one_year_apart(a, c) and not _one_year_apart(a, d)


def test_a_weekday_alone_a_day_from_another_reports_date_is_compared():
    """'on Monday' in a report dated Tuesday 12 Aug 2025 is the 11th: a day from 8月10日, not from
    8月11日; one with a clock time is not compared (another zone may be the next day); an impossible
    date (2月30日) is no day to count from."""
    from dataclasses import replace

    from checker.broad import _weekday_day_off
    week = _dates("Officials announced the figures on Monday.", "en")["Monday"]
    assert week.date_parts == (2025, 8, 11)
    other = lambda text: replace(_dates(text)[text[:text.index("日") + 1]], doc="e")
    assert _weekday_day_off(week, other("8月10日通报新增病例。"))
    assert not _weekday_day_off(week, other("8月11日通报新增病例。")) and not _weekday_day_off(week, other("8月13日通报新增病例。"))
    assert not _weekday_day_off(week, replace(other("8月10日通报新增病例。"), time="09:00"))
    assert not _weekday_day_off(week, replace(other("8月10日通报新增病例。"), date_parts=(2025, 2, 30)))
    assert not _weekday_day_off(week, replace(week, doc="e"))
