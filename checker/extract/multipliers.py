"""Multiples stated without a figure: 'exports doubled', 'a threefold rise', 翻了一番, 减半.

They are counts of times (noun 'times', as 3倍 and 'three times' are), with a direction: a
translation that renders 双降 (both fell) as "doubled" states a value its original does not.
The words live in resources/<lang>/multipliers.toml.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..resources import load, longest_first
from .quantities import Quantity
from .scan import finditer as fast_finditer, literal_trie


_EN, _ZH = load("en", "multipliers"), load("zh", "multipliers")


def _tables() -> tuple[re.Pattern[str], dict[str, Decimal]]:
    en, zh = _EN["multipliers"], _ZH["multipliers"]
    values = {w.lower(): Decimal(str(v)) for w, v in {**en, **zh}.items()}
    # the words as trees (scan.literal_trie), not lists tried one by one at every word start
    en_alt, zh_alt = literal_trie(en, fold=True), literal_trie(zh, fold=True)
    # English words stand alone (no 'redoubled', no 'doubled-edged'); Chinese has no spaces to wait for
    pattern = re.compile(rf"(?<![\w-])(?:{en_alt})(?![\w-])|(?:{zh_alt})", re.I)
    return pattern, values


_PATTERN, _VALUES = _tables()
_BASE = {w.lower(): Decimal(str(v)) for w, v in _EN["verb_base"].items()}
_BASE_VERB = re.compile(r"(?<![\w'’-])(?:%s)\s{1,2}(?P<w>%s)(?![\w-])" % (
    literal_trie(_EN["verb_base_after"]["words"], fold=True, space=r"\s{1,2}"), literal_trie(_BASE, fold=True)), re.I)
INCREASE_VERBS = tuple(longest_first(_ZH["increase_verbs"]))


def extract_multipliers(text: str, taken: bytearray) -> list[Quantity]:
    """The multiples stated in words in `text`, outside spans already taken; marks their spans."""
    out: list[Quantity] = []
    for rx, group, values in ((_PATTERN, 0, _VALUES), (_BASE_VERB, "w", _BASE)):
        for m in fast_finditer(rx, text):
            s, e = m.span(group)
            if any(taken[s:e]):
                continue
            value = values[m.group(group).lower()]
            out.append(Quantity(kind="count", start=s, end=e, num=value, noun="times",
                                direction=1 if value > 1 else -1, extra={"multiplier": True}))
            taken[s:e] = b"\x01" * (e - s)
    out.sort(key=lambda q: q.start)
    return out


def also_reads(text: str, q: Quantity) -> tuple[Decimal, ...]:
    """Other multiples a Chinese 'grew by N倍' may mean: N + 1 times the level before (增长两倍
    is three times), besides the N times it is often used for."""
    if q.kind != "count" or q.noun != "times" or q.direction <= 0 or not text.startswith("倍", q.end - 1):
        return ()
    before = text[max(0, q.start - 6):q.start].rstrip("了 ")
    if before.endswith(INCREASE_VERBS):
        return (q.num + 1,)
    return ()
