"""Prices of one unit of a measure: 每平方米65800元, '65,800 yuan per square metre', '$6,113 per
square foot'. The amount is money; the unit it is paid for goes into the claim's extra as `per`
(symbol, size in the SI unit of its dimension, dimension), so that prices per square metre and per
square foot compare converted, and the same amount per another unit is flagged (FC008).
The joining words live in resources/<lang>/units.toml [price_per]; the units are [units]."""

from __future__ import annotations

import re
from decimal import Decimal

from ..resources import load, longest_first

_UNITS = {**dict(load("zh", "units")["units"]), **dict(load("en", "units")["units"])}
_EN, _ZH = load("en", "units")["price_per"], load("zh", "units")["price_per"]
_UNIT_ALT = "|".join(re.escape(u) for u in longest_first(_UNITS))
_ALT = lambda words: "|".join(re.escape(w) for w in longest_first(words))  # noqa: E731
# (an English unit word ends where the word does: 'per metre', not 'per m' of 'per month')
_AFTER = re.compile(rf"[ ]{{0,2}}(?:{_ALT(_EN['after'] + _ZH['after'])})[ ]{{0,2}}(?P<u>{_UNIT_ALT})(?![A-Za-z])", re.I)
# dimensions no unit price is read in: a sum 'a year' is often a date ('a year ago', 'a year earlier')
_NOT_PRICED = frozenset(_EN.get("not_dimensions", []))
_BEFORE = re.compile(rf"(?:{_ALT(_ZH['before'])})(?P<u>{_UNIT_ALT})$")


def unit_price(text: str, start: int, end: int) -> tuple[str, Decimal, str] | None:
    """The unit an amount of money at text[start:end] is the price of, or None."""
    m = _AFTER.match(text, end) or _BEFORE.search(text, max(0, start - 8), start)
    if not m:
        return None
    unit = _UNITS.get(m.group("u")) or _UNITS.get(m.group("u").lower())
    if unit is None:
        return None
    symbol, size, dimension = unit
    if dimension in _NOT_PRICED or len(m.group("u")) == 1 and m.group("u").isascii():
        return None  # '$5 million a year ago' dates the amount; '3 yuan a m.' is no price of a metre
    return symbol, Decimal(str(size)), dimension


def price_in_base_unit(num: Decimal, per: tuple[str, Decimal, str]) -> Decimal:
    """An amount per unit as an amount per SI unit of its dimension (per square foot -> per m²)."""
    return num / per[1]
