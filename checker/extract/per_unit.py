"""The unit a price or a yield is stated per: 每公斤14.62元 and "14.62 yuan per kilogram" (CNY per
kg), 每亩375.8公斤 and "375.8 kilograms per hectare" (kg per mu, kg per ha), "$78.36 a barrel".

Commodity copy states most of its figures so, and the unit it is stated per is where translations
slip (per 公斤 become "per jin", per 盎司 "per gram", per 亩 "per hectare"): the figure survives and
its meaning changes. A claim keeps the unit in extra["per"] as (symbol, factor to the SI base of
its dimension, dimension); checker.agreement compares two prices per different units of one dimension
converted (每斤7.31元 = 每公斤14.62元), and FC008 flags one number per two different units.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..resources import load, longest_first

_ZH, _EN = load("zh", "units"), load("en", "units")
_DIMENSIONS = frozenset(_ZH["per_unit"]["dimensions"])   # (one list for both languages)
# written form -> (symbol, factor, dimension), of the units of those dimensions
_UNITS = {w: (sym, Decimal(str(f)), dim) for table in (_ZH["units"], _EN["units"], _EN["per_unit"]["units"])
          for w, (sym, f, dim) in dict(table).items() if dim in _DIMENSIONS}
_UNIT_ALT = "|".join(map(re.escape, longest_first(_UNITS)))
_ZH_BEFORE = re.compile("(?:%s)(%s)$" % ("|".join(map(re.escape, _ZH["per_unit"]["before"])), _UNIT_ALT))
_ZH_AFTER = re.compile("(?:%s)(%s)" % ("|".join(map(re.escape, _ZH["per_unit"]["after"])), _UNIT_ALT))
# English: the word, then the unit as a whole word ('a barrel', 'per kg', '/bbl'); a word between
# spaces, a sign with or without them ('$5 a share' names no unit and is left alone by the unit list)
_EN_JOINERS = _EN["per_unit"]["after"]
_EN_AFTER = re.compile(r"(?:[ ](?:%s)[ ]|[ ]?(?:%s)[ ]?)(%s)(?![A-Za-z0-9])" % (
    "|".join(re.escape(w) for w in _EN_JOINERS if w.isalpha()),
    "|".join(re.escape(w) for w in _EN_JOINERS if not w.isalpha()), _UNIT_ALT), re.I)
_UNITS_FOLDED = {w.lower(): v for w, v in _UNITS.items()}


def per_unit(text: str, start: int, end: int, lang: str, dimension: str = "") -> tuple[str, Decimal, str] | None:
    """(symbol, factor, dimension) of the unit the figure at text[start:end] is stated per, or None.
    A unit of the measure's own `dimension` is none: '100 yards/meters' gives the length in either."""
    if lang == "zh":
        m = _ZH_BEFORE.search(text, max(0, start - 6), start)
        if m is None:
            m = _ZH_AFTER.match(text, end)
        per = _UNITS.get(m.group(1)) if m else None
    else:
        m = _EN_AFTER.match(text, end)
        per = _UNITS_FOLDED.get(m.group(1).lower()) if m else None
    return None if per is None or per[2] == dimension else per


def per_units_differ(a, b) -> bool:
    """Both claims are stated per a unit, and not per the same one (per 公斤 and per jin)."""
    pa, pb = a.extra.get("per"), b.extra.get("per")
    return bool(pa and pb) and pa[0] != pb[0]


def per_rates_agree(a, b) -> bool:
    """Two figures stated per different units of one dimension agree when, converted to one unit,
    their intervals meet within 1.2% (the rounding of a conversion): 每斤7.31元 is 14.62 yuan per
    kilogram; 每亩375.8公斤 is 5,637 kilograms per hectare; 65,800 yuan per square metre is 'about
    6,113 yuan per square foot'. Per units of two dimensions never do."""
    (_, fa, da), (_, fb, db) = a.extra["per"], b.extra["per"]
    if da != db or a.num is None or b.num is None:
        return False
    (la, ha), (lb, hb) = (x / fa for x in _bounds(a)), (x / fb for x in _bounds(b))
    tol = max(abs(ha), abs(hb)) * Decimal("0.012")
    return la - tol <= hb and lb - tol <= ha


def _bounds(c) -> tuple[Decimal, Decimal]:
    """The figure's interval (Claim.interval), measures in SI units (375.8公斤 per mu against 5.637
    tonnes per hectare)."""
    lo, hi = c.interval()
    if c.kind == "measure" and c.si is not None and c.num:
        scale = c.si / c.num
        lo, hi = lo * scale, hi * scale
    return (lo, hi) if lo <= hi else (hi, lo)
