"""When two claims state the same value: which claims can be compared and when they agree,
shared by the precise and the broad path."""

from __future__ import annotations

import re
from decimal import Decimal

from rules import PAIR_RULES, Pair, Rule, Verdict
from rules.fc002_date_conflict import dates_agree
from rules.base import one_end_moved, overlap, rounded, same_weekday, share_as_fraction, weekday_only, within, year_like

from .extract.per_unit import per_rates_agree, per_units_differ
from .lexicon import MONTHS, WEEKDAYS
from .model import Claim
from .resources import load


# month and weekday names: they date a claim, they say nothing of its subject; a weekday's plural
# too ('flies on Wednesdays, Fridays and Sundays', 每周三、五、日: a timetable, no name)
CALENDAR_WORDS = frozenset(MONTHS + WEEKDAYS + tuple(d + "s" for d in WEEKDAYS))
PATTERN_RULES = {"FC001", "FC004", "FC006", "FC007", "FC008"}


def agree(a: Claim, b: Claim, strict: bool = False) -> bool:
    """Do two comparable claims state the same value (within their stated precision)?

    `strict` is for a translation and its original, which must carry the same figures: two
    qualified values then agree only when their written values do (about 400 vs about 500 is
    a change even though the intervals touch), and clock times must match.
    """
    if "date" in (a.kind, b.kind) and a.kind != b.kind:
        date, num = (a, b) if a.kind == "date" else (b, a)
        return num.num == date.date_parts[0]
    if a.kind == "date" or b.kind == "date":
        if strict and a.kind == b.kind and (weekday_only(a) or weekday_only(b)) and same_weekday(a, b):
            return True  # "on Saturday" is "on Saturday" however each was resolved; 7日 as "Sunday"
        if a.kind != b.kind or not dates_agree(a, b):
            return False
        return not (strict and a.time and b.time and a.time != b.time and (a.tz == b.tz or not a.tz or not b.tz))
    if a.kind == "name":
        return a.value == b.value
    if a.kind == "identifier" or b.kind == "identifier":
        return a.kind == b.kind and a.value == b.value
    if a.kind == "money" and b.kind == "money" and a.unit != b.unit:
        return False
    if a.kind == "percent" and b.kind == "percent" and a.unit != b.unit:
        return False
    if a.kind == b.kind and per_units_differ(a, b):
        return per_rates_agree(a, b)   # 每斤7.31元 and 'per kilogram 14.62 yuan'; per 公斤 and per jin
    if a.kind != b.kind:   # (most pairs are of one kind: these two tests are asked of every pair)
        if share_as_fraction(a, b) or share_as_fraction(b, a):
            return True   # 不低于50% / 'at least half'
        if "percent" in (a.kind, b.kind) and "count" in (a.kind, b.kind):
            return False   # a multiple (3.5倍) and a percent (3.5%) never state one value
    if strict and a.qualifier == "range" and b.qualifier == "range" \
            and not (a.kind == "measure" and b.kind == "measure" and a.unit != b.unit):
        return _range_bounds(a) == _range_bounds(b)  # 2–5 days against 3–5 days: a bound changed
    if not strict and one_end_moved(a, b):
        return False   # 12%至18% in one report, 12% to 20% in another: a range's end changed
    converted = a.kind == "measure" and b.kind == "measure" and a.unit != b.unit
    if strict and (a.qualifier or b.qualifier) and a.num is not None and b.num is not None and not converted:
        # (measures in two units are compared converted, below: 'nearly three minutes' is no 2 h)
        if not (a.qualifier and b.qualifier):
            return within(a, b)
        if a.qualifier == "range" or b.qualifier == "range":
            return _range_bounds(a) == _range_bounds(b)
        else:
            # the same digits at another scale agree only where one side has a scale word the other
            # lacks (1.1 under a 'millions' heading, 1,100万): 4000余名 and 'more than 40,000' differ;
            # a heading multiplies, so the figure without the scale word is the smaller ('about
            # 570,000' is no 约5.7万)
            return a.num == b.num or (same_digits(a.num, b.num) and (a.kind != b.kind or a.unit != b.unit)
                                      and bool(a.scale_word) != bool(b.scale_word)
                                      and (a.num < b.num if b.scale_word else b.num < a.num)) \
                or any(x == b.num for x in _alt_nums(a)) or any(x == a.num for x in _alt_nums(b))
    if a.kind == "measure" and b.kind == "measure":
        if a.si is None or b.si is None:
            return False
        if a.dimension != b.dimension:
            return False
        if a.dimension == "temperature" and a.unit != b.unit:
            return _temperatures_agree(a, b)
        if a.unit == b.unit and a.num is not None and b.num is not None:
            return a.num == b.num or overlap(a, b) or rounded(a, b, strict)   # no conversion: 2:00:35 and 2:00:53 differ
        # a conversion is right within the precision it was written with (62 m = 203 ft)
        tol = max(abs(a.si), abs(b.si)) * Decimal("0.012")
        ia = _si_interval(a, strict)
        ib = _si_interval(b, strict)
        return ia[0] - tol <= ib[1] and ib[0] - tol <= ia[1]
    if a.num is None or b.num is None:
        return False
    if a.num == b.num or overlap(a, b) or rounded(a, b, strict):
        return True
    # 272.000 in a European-style English text is 272,000
    return any(x == b.num for x in _alt_nums(a)) or any(x == a.num for x in _alt_nums(b))


_SCALES = {unit: (Decimal(str(f)), Decimal(str(o)))
           for unit, (f, o) in dict(load("en", "units")["temperature_scales"]).items()}


def celsius(c: Claim, x: Decimal) -> Decimal | None:
    """A value of a temperature claim in degrees Celsius (95 °F is 35 °C); None for an unknown scale."""
    scale = _SCALES.get(c.unit)
    return x * scale[0] + scale[1] if scale is not None else None


def _temperatures_agree(a: Claim, b: Claim) -> bool:
    """Two temperatures in different scales agree when one converts to the other within the
    precision of a whole degree Fahrenheit (35 °C = 95 °F; 35 °C and 35 °F are far apart)."""
    ia = [celsius(a, x) for x in ((a.low, a.high) if a.low is not None and a.high is not None else (a.num, a.num))]
    ib = [celsius(b, x) for x in ((b.low, b.high) if b.low is not None and b.high is not None else (b.num, b.num))]
    if None in ia or None in ib:
        return False
    tol = Decimal("0.6")
    return ia[0] - tol <= ib[1] and ib[0] - tol <= ia[1]


# a qualifier whose interval is bounded on one side only: 'up to 18 inches' is [0, 18] in, which
# holds any smaller figure in any unit ('最多18厘米' too); 'more than', 'under' keep their precision
_ONE_SIDED = frozenset({"max"})


def _si_interval(c: Claim, strict: bool) -> tuple[Decimal, Decimal]:
    """A measure's interval in SI units. In a translation a bound converts as the figure it
    states: 'up to 18 inches' is rendered 最多46厘米, not any length below it."""
    if c.low is None or not c.num or (strict and c.qualifier in _ONE_SIDED):
        return (c.si, c.si)
    return (c.low * c.si / c.num, c.high * c.si / c.num)


def _range_bounds(c: Claim) -> tuple:
    return (c.low, c.high) if c.qualifier == "range" else (c.num, c.num)


_DOT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def _alt_nums(c: Claim) -> list[Decimal]:
    """Other readings of a figure: '272.000' written with dots as thousands separators; the other
    multiple of 增长两倍 (grew by two times: three times the level, often meant as twice)."""
    if c.extra.get("also"):
        return list(c.extra["also"])
    if c.figure and "." in c.figure and _DOT_THOUSANDS.match(c.figure) and c.num is not None:   # ("." first: cheap)
        base = Decimal(c.figure.replace(".", ""))
        return [base * (c.num / Decimal(c.figure))] if Decimal(c.figure) else []
    return []


def nouns_match(a: Claim, b: Claim) -> bool:
    """Do two claims count things named by a common word ('deep water berth', 'deep-water berth')?"""
    if not a.noun or not b.noun:
        return False
    return not set(a.noun.split()).isdisjoint(b.noun.split())


def comparable(a: Claim, b: Claim) -> bool:
    if "date" in (a.kind, b.kind) and a.kind != b.kind:
        date, num = (a, b) if a.kind == "date" else (b, a)
        return year_like(num) and date.date_parts[1] is None and date.date_parts[0] is not None
    if a.kind == b.kind:
        if a.kind == "measure":
            return a.dimension == b.dimension
        if a.kind == "identifier" and (a.unit == "streak") != (b.unit == "streak"):
            # a place in a streak ('a third straight fall', 十连涨) and a place of another kind (3月第二周,
            # the second week of March) number different things
            return False
        if a.kind == "identifier" and "code" in (a.unit, b.unit):
            # F-35 and Covid-19 are different kinds of thing; F-35 and F-43 are comparable
            return a.unit == b.unit and re.match(r"[A-Z]*", a.value).group(0) == re.match(r"[A-Z]*", b.value).group(0)
        return True
    kinds = {a.kind, b.kind}
    if kinds == {"count", "measure"}:
        # an age counted in years (23岁, 'the 23-year-old') and a span of years ('4.5 billion years
        # old', 4.5亿年): the same quantity, whichever way each language writes it
        count, measure = (a, b) if a.kind == "count" else (b, a)
        return count.noun == _AGE_NOUN and measure.unit == "yr"
    if kinds == {"count", "percent"}:
        # a multiple and a percent: 'a 3.5-fold increase' rendered 增长3.5% (FC008 judges it)
        return (a if a.kind == "count" else b).noun == _MULTIPLE_NOUN
    return kinds <= {"count", "number"} or kinds in ({"number", "money"}, {"number", "measure"}, {"number", "percent"})


# a multiple's noun (3倍, 'three times', 'threefold': checker.extract.multipliers)
_MULTIPLE_NOUN = "times"
# an age's noun: the gloss of 岁 (zh/classifiers.toml), which en/units.toml [ages] names
_AGE_NOUN = load("zh", "classifiers")["classifiers"][load("en", "units")["ages"]["noun_of"]]


def first_verdict(pair: Pair, allowed: set[str] | None = None) -> tuple[Rule, Verdict] | None:
    for r in PAIR_RULES:
        if allowed is not None and r.id not in allowed:
            continue
        v = r.check(pair)
        if v is not None:
            return r, v
    return None


def same_figure(a: Claim, b: Claim) -> bool:
    """The same value in the same unit (dates: the same date), whatever the qualifiers."""
    if a.kind == "date" or b.kind == "date" or a.num is None or b.num is None:
        return a.value == b.value
    return a.num == b.num and a.unit == b.unit


def change_direction(c: Claim) -> int:
    """The direction of the change a figure states: none for a level a change reached or started
    from (下调至1.6%, 'to 1.6% from 1.8%'), whose direction is the revision's, not the figure's."""
    return 0 if c.extra.get("level") else (c.direction or 0)


def same_value(a: Claim, b: Claim) -> bool:
    if a.kind == "date" or b.kind == "date":
        return a.value == b.value
    if a.num is None or b.num is None:
        return a.value == b.value
    return a.num == b.num and a.unit == b.unit and change_direction(a) == change_direction(b) and a.qualifier == b.qualifier


def same_digits(x: Decimal, y: Decimal) -> bool:
    """1.1 (million) and 1,100万: the same significant digits at another scale."""
    dx = format(x.normalize(), "f").replace(".", "").strip("0")
    dy = format(y.normalize(), "f").replace(".", "").strip("0")
    return bool(dx) and dx == dy
