"""Extraction details the case files cannot state: a tally's two sides, the direction of a change
followed by the level it reached, and an ordinal that leaves a qualifier to the figure after it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import claims_of


def test_tally_after_a_verb_keeps_both_sides():
    (c,) = [c for c in claims_of("The court voted 6-1 to uphold the law.") if c.kind == "count"]
    assert c.num == 6 and c.noun == "vote" and c.extra["tally"] == (6, 1)


def test_tally_before_a_noun_keeps_both_sides():
    (c,) = [c for c in claims_of("The board cut the rate on a 5-2 vote.") if c.kind == "count"]
    assert c.num == 5 and c.extra["tally"] == (5, 2)


def test_change_then_level_the_change_falls_the_level_does_not():
    claims = claims_of("Brent crude fell 26 cents to $108.58 a barrel.")
    change, level = [c for c in claims if c.kind == "money"]
    assert (change.num, change.direction) == (Decimal("0.26"), -1)
    assert level.num == Decimal("108.58") and level.qualifier != "range"


def test_percent_level_after_a_change_is_not_negative():
    claims = [c for c in claims_of("The jobless rate fell 2 percent to 3.5 percent.") if c.kind == "percent"]
    assert [c.value for c in claims] == ["-2", "3.5"]


def test_ordinal_leaves_its_qualifier_to_the_next_figure():
    claims = claims_of("佛州的每日死亡人数第十次超过100人。")
    ordinal = next(c for c in claims if c.kind == "identifier")
    count = next(c for c in claims if c.kind == "count")
    assert ordinal.text == "第十次" and ordinal.noun == ""
    assert count.qualifier == "over" and count.num == 100


def test_zh_count_before_a_vote_verb_counts_votes():
    (c,) = [c for c in claims_of("7名委员中6人赞成降息") if c.text.startswith("6")]
    assert c.num == 6 and "vote" in c.noun.split()


def test_bare_day_after_subject_resolves_in_document_month():
    (c,) = claims_of("朝鲜8日晚间举行阅兵", "zh", dt.date(2023, 2, 11))
    assert (c.kind, c.value, c.resolved) == ("date", "2023-02-08", "document-date")


def test_a_repeating_value_reads_in_four_places_in_messages():
    from rules.base import show
    (c,) = [c for c in claims_of("The trip will take 1 hour and 50 minutes.") if c.kind == "measure"]
    assert c.unit == "h" and c.num > Decimal("1.8333")     # the claim keeps every digit
    assert show(c) == "1 hour and 50 minutes (≈1.8333 h)"
    (whole,) = [c for c in claims_of("The trip will take 2 hours.") if c.kind == "measure"]
    assert show(whole) == "2 hours (2 h)"


def test_a_quarter_and_a_multiple_read_as_such_in_messages():
    from rules.base import show
    (q,) = [c for c in claims_of("比亚迪工厂预计2026年第四季度投产。") if c.kind == "date"]
    assert show(q) == "2026年第四季度 (2026-Q4)"
    (m,) = [c for c in claims_of("第四季度销量有望实现翻番。") if c.noun == "times"]
    assert show(m) == "翻番 (2×)"
