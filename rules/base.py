"""The rule API: what a rule sees (a pair of claims with context) and what it returns."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from checker.model import Claim

SECTIONS = ("What it flags", "Why it matters", "Flagged example", "Not flagged")


@dataclass(frozen=True)
class Pair:
    """Two claims that speak of the same subject, found by alignment (precise) or similarity (broad)."""

    a: Claim
    b: Claim
    similarity: float
    path: str  # "precise" | "broad"


@dataclass(frozen=True)
class Verdict:
    message: str
    confidence: float
    severity: str | None = None   # None: the rule's default


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: str
    summary: str
    doc: str
    check: Callable[[Pair], Verdict | None]


def rule(id: str, name: str, severity: str):
    """Register a module's check function as a rule; the module docstring is its documentation."""

    def wrap(fn: Callable[[Pair], Verdict | None]) -> Rule:
        import sys

        doc = (sys.modules[fn.__module__].__doc__ or "").strip()
        summary = doc.splitlines()[0] if doc else name
        return Rule(id=id, name=name, severity=severity, summary=summary, doc=doc, check=fn)

    return wrap


def sections_of(doc: str) -> dict[str, str]:
    out: dict[str, str] = {}
    current = None
    for line in doc.splitlines():
        m = re.match(r"^(What it flags|Why it matters|Flagged example|Not flagged)\s*:?\s*$", line.strip())
        if m:
            current = m.group(1)
            out[current] = ""
        elif current:
            out[current] += line + "\n"
    return out


# ---- helpers shared by rules -------------------------------------------------------------

def show(c: Claim) -> str:
    """How a claim reads in a message: its text and, where it differs, its normalized value."""
    unit = f" {c.unit}" if c.unit and c.kind in ("money", "measure") else ("%" if c.unit == "%" else (" pp" if c.unit == "pp" else ""))
    if c.kind == "date":
        part = c.extra.get("part", "")
        if part[:1] in ("Q", "H") and len(c.value) == 4:
            return f"{c.text} ({c.value}-{part})"   # 2026年第四季度 (2026-Q4)
        return f"{c.text} ({c.value})"
    if c.kind == "name":
        return c.text
    val = c.value
    if c.num is not None and abs(c.num) >= 1_000_000:
        val = human(c.num)
    elif c.num is not None and c.num.as_tuple().exponent < -6:
        # 1 hour and 50 minutes is 1.8333… h: a reader needs four places, not twenty-eight
        val = f"≈{c.num.quantize(Decimal('0.0001')).normalize():f}"
    if c.noun == "times" and c.kind == "count":
        unit = "×"   # 翻番 (2×), 'tripled' (3×): a multiple, not a count of things
    return f"{c.text} ({val}{unit})"


def human(v: Decimal) -> str:
    for div, word in ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if abs(v) >= div:
            return f"{(v / div).normalize():f} {word}"
    return f"{v.normalize():f}"


def interval(c: Claim) -> tuple[Decimal, Decimal] | None:
    """A claim's interval, signed as its value is: a fall in percent is a negative change, and its
    stated bounds are negative (extract.pipeline), so a plain 'fell 18.6%' is -18.6, inside 减少近两成
    [-20, -15], as its bounds are."""
    if c.low is None and c.high is None and c.num is not None and c.num > 0 and c.kind == "percent" \
            and c.value.startswith("-"):
        return -c.num, -c.num
    return c.interval()


def overlap(a: Claim, b: Claim, rel_tol: Decimal = Decimal("0.000001")) -> bool:
    """Do the claims' intervals meet? Exact figures must be equal: a stated precision lives in low/high."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return False
    tol = max(abs(ia[1]), abs(ib[1])) * rel_tol
    return ia[0] - tol <= ib[1] and ib[0] - tol <= ia[1]


def year_like(c: Claim) -> bool:
    """A bare four-digit figure without separators that may be a year: 'the 2002 census',
    'the 2008 surveillance' (a year used as a modifier reads like a count or a plain number)."""
    fig = c.figure or ""
    return c.kind in ("number", "count") and c.num is not None and not c.qualifier and fig.isdigit() \
        and len(fig) == 4 and c.num == int(fig) and 1000 <= c.num <= 2100


def weekday_only(c: Claim) -> bool:
    """A date named by its weekday alone (on Saturday, 上周五, this Sunday): its day comes from
    resolving against the document date, which two versions of one text may do differently."""
    return c.kind == "date" and c.weekday is not None and not any(ch.isdigit() for ch in c.text) \
        and not re.search(r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|[月日号]", c.text)


def same_weekday(a: Claim, b: Claim) -> bool:
    """Do two dates, one of them named by its weekday alone, fall on the same weekday? (7日 rendered
    "Sunday" when the 7th is a Sunday.) A date that names its own weekday is compared as a date."""
    days = []
    for c in (a, b):
        if weekday_only(c):
            days.append(c.weekday)
        elif c.weekday is not None:
            return False  # "Monday, the 24th" states its own weekday: compare the dates
        else:
            y, m, d = c.date_parts
            try:
                days.append(dt.date(y, m, d).weekday() if y and m and d else None)
            except ValueError:
                days.append(None)
    return days[0] is not None and days[0] == days[1]


def within(a: Claim, b: Claim) -> bool:
    """Does the plain figure of the two state the qualified one's value (a dropped 余 or 'about')
    or lie inside its stated interval (no tolerance)?"""
    plain, qual = (a, b) if not a.qualifier else (b, a)
    if plain.num is not None and plain.num == qual.num:
        return True
    if qual.qualifier == "max":
        return False   # 'up to 65 mph' is [0, 65]: a translation that drops 'up to' still writes 65, not 5
    iv = interval(qual)
    at = interval(plain)[0] if plain.low is None and plain.high is None and plain.num is not None else plain.num
    return iv is not None and at is not None and iv[0] <= at <= iv[1]


def _step(c: Claim) -> Decimal | None:
    """The place of a figure's last written digit, in the claim's own unit: '10.37 trillion' →
    0.01 trillion, '48.1%' → 0.1, '64,033亿' → 1亿. None when the figure is not plain digits."""
    fig = (c.figure or "").replace(",", "")
    if c.num is None or not fig or not re.fullmatch(r"\d+(\.\d+)?", fig) or Decimal(fig) == 0:
        return None
    places = len(fig.split(".")[1]) if "." in fig else 0
    return Decimal(1).scaleb(-places) * (c.num / Decimal(fig))


def rounded(a: Claim, b: Claim, strict: bool = False) -> bool:
    """Does one figure state the other rounded at its own last digit? A figure with a scale word
    is how a translator or another outlet shortens a long one (103,682亿千瓦时 / '10.37 trillion
    kWh', 6,403亿 / '640 billion'), and other outlets round a percentage ('48%' for 48.1%); a
    translation keeps its original's percentages as written. Only the less precise figure may be
    the rounded one, only to the nearest value at its last digit, and only when it keeps two
    significant digits or more (within 5%): '10.36 trillion' or '41.2万' against 421,000 still
    conflict, and so do '2 million' against 160万 and '3%' against 3.25%. `strict` is for a
    translation and its original. Bare figures without a scale word are never read as rounded
    (1,470 against 1,468 is a changed figure unless 约 says otherwise)."""
    if a.unit != b.unit or a.qualifier or b.qualifier or a.num is None or b.num is None:
        return False
    for r, x in ((a, b), (b, a)):
        if not (r.scale_word or (r.kind == "percent" and not strict)):
            continue
        rs, xs = _step(r), _step(x)
        # two significant digits at least: '2 million' is no rounding of 160万, nor '3%' of 3.25%
        if rs is not None and xs is not None and abs(xs) < abs(rs) and abs(r.num) >= 10 * abs(rs) \
                and abs(x.num - r.num) * 2 <= abs(rs):
            return True
    return False


def one_end_moved(a: Claim, b: Claim) -> bool:
    """Two ranges of one kind and unit that share one end exactly and not the other (12-18% and
    12-20%): across reports the intervals overlap, but a shared end says they bound one thing, so
    the other end is a slip, not a looser wording."""
    return a.qualifier == "range" and b.qualifier == "range" and a.kind == b.kind and a.unit == b.unit \
        and None not in (a.low, a.high, b.low, b.high) and (a.low == b.low) != (a.high == b.high)


def consistent(p: Pair, a: Claim, b: Claim) -> bool:
    """Do the two values agree for this pair? On the precise path (a translation and its
    original) a qualified figure must state the same value as its counterpart: 'about 400' and
    'about 500' conflict although their intervals touch, and so do 逾14万 and '150,000' (a
    translation may drop the qualifier, not change the figure); elsewhere overlapping intervals
    agree. A figure rounded at its own last digit agrees with the longer one (see rounded)."""
    if rounded(a, b, p.path == "precise"):
        return True
    if p.path == "precise" and a.qualifier == "range" and b.qualifier == "range":
        return (a.low, a.high) == (b.low, b.high)
    if one_end_moved(a, b):
        return False
    if p.path == "precise" and (a.qualifier or b.qualifier) and a.num is not None and b.num is not None:
        if not (a.qualifier and b.qualifier):
            return within(a, b)
        if "range" in (a.qualifier, b.qualifier):
            return (a.low, a.high) == (b.low, b.high)
        return a.num == b.num
    return overlap(a, b)


def share_as_fraction(pct: Claim, frac: Claim) -> bool:
    """A percentage and a fraction of one (half, a third, 三分之一) that state the same share, to
    within a percentage point: 不低于50% / 'at least half', 33% / 'a third'."""
    return pct.kind == "percent" and pct.unit == "%" and frac.kind == "number" and frac.num is not None \
        and pct.num is not None and 0 < frac.num < 1 and abs(pct.num - frac.num * 100) < 1


def digits(c: Claim) -> str:
    """Significant digits of a figure as written (for transposition): '1,930' → '193'."""
    fig = c.figure or ""
    d = "".join(ch for ch in fig if ch.isdigit())
    return d.strip("0") if d else ""
