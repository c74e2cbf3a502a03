"""Figures given 'respectively' in another order: 黄瓜、西红柿、菠菜价格分别上涨9.1%、7.5%和6.8%
rendered "cucumbers, tomatoes and spinach rose 9.1 percent, 6.8 percent and 7.5 percent
respectively".

Every figure of the translation equals one of the original's, so pairing figures by value finds
nothing; the list says which item each figure belongs to. A pair of aligned sentences is read
only when both say 'respectively' (zh/qualifiers.toml, en/qualifiers.toml [respectively]), the
original's items can each be found, by their glosses, in the translation's sentence (so an order
the translator changed for items and figures alike is seen as such), and the two lists hold the
same figures: then the figure of each item in the translation is the one at the item's place.
"""

from __future__ import annotations

import re

from .lexicon import en_terms, gloss_terms, zh_word_spans, zh_words
from .model import Claim
from .resources import load

_ZH_MARKER = re.compile("|".join(map(re.escape, load("zh", "qualifiers")["respectively"]["words"])))
_ZH_ITEM_SEPARATORS = re.compile("|".join(map(re.escape, load("zh", "qualifiers")["respectively"]["item_separators"])))
_EN_WORDS = re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, load("en", "qualifiers")["respectively"]["words"])), re.I)
_ZH_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?\n]")
_EN_WORD = re.compile(r"[A-Za-z]+")
# stems shorter than this match only whole ('tomatoe' and 'tomato' share their first five letters)
_STEM_PREFIX = 5


def respective_pairs(src_text: str, tgt_text: str, S: list[Claim], T: list[Claim]) -> list[tuple[Claim, Claim]]:
    """(original figure, the translation's figure at its item's place) for each item whose figure
    the translation's 'respectively' list gives another value (none when the list cannot be read)."""
    if not S or not T or S[0].lang != "zh" or T[0].lang != "en":
        return []
    out: list[tuple[Claim, Claim]] = []
    for at in _zh_markers(src_text, S):
        items, figures = _zh_list(src_text, at, S)
        if len(items) < 2 or len(items) != len(figures):
            continue
        out += _compare(items, figures, tgt_text, T)
    return out


def _zh_markers(text: str, S: list[Claim]) -> list[int]:
    """Where the original's sentence says 分别."""
    lo, hi = min(c.start for c in S), max(c.end for c in S)
    return [m.start() for m in _ZH_MARKER.finditer(text, text.rfind("。", 0, lo) + 1, hi)]


def _zh_list(text: str, at: int, S: list[Claim]) -> tuple[list[str], list[Claim]]:
    """The items before 分别 (黄瓜、西红柿、菠菜价格: the first word of each) and the figures of one
    kind after it in its clause."""
    breaks = [m.end() for m in _ZH_CLAUSE_BREAK.finditer(text, 0, at)]
    head = text[breaks[-1] if breaks else 0:at]
    parts = [p.strip() for p in _split_items(head) if p.strip()]
    items = [(zh_words(p) or [p])[0] for p in parts]
    after = _ZH_CLAUSE_BREAK.search(text, at)
    end = after.start() if after else len(text)
    figures = [c for c in S if at < c.start < end and c.num is not None and c.kind != "date"]
    if figures and any(c.kind != figures[0].kind for c in figures):
        return [], []
    return items, figures


def _split_items(head: str) -> list[str]:
    """The items of a list, at its separators that stand as words (和 of 和平区 is no 'and')."""
    spans = zh_word_spans(head)
    parts, at = [], 0
    for m in _ZH_ITEM_SEPARATORS.finditer(head):
        if not any(a < m.end() and m.start() < b and (a, b) != m.span() for a, b in spans):
            parts.append(head[at:m.start()])
            at = m.end()
    return parts + [head[at:]]


def _compare(items: list[str], figures: list[Claim], tgt_text: str, T: list[Claim]) -> list[tuple[Claim, Claim]]:
    """The pairs of respective_pairs for one list of the original: its items found in the
    translation's sentence before the figures, in the order found there, take its figures in turn."""
    kind = figures[0].kind
    marker = _EN_WORDS.search(tgt_text, min(t.start for t in T), max(t.end for t in T) + 40)
    if marker is None:
        return []
    # the translation's figures of that kind before its 'respectively', in its sentence
    sentence = next((t.extra["sentence"] for t in T if t.extra.get("sentence")
                     and t.extra["sentence"][0] <= marker.start() < t.extra["sentence"][1]), None)
    if sentence is None:
        return []
    theirs = [t for t in T if t.kind == kind and t.num is not None and t.extra.get("sentence") == sentence
              and t.start < marker.start()][-len(figures):]
    if len(theirs) != len(figures) or sorted(t.num for t in theirs) != sorted(f.num for f in figures):
        return []
    # the items stand after the figure before the list (glosses are broad: 山东 is also 'province')
    lo = max([sentence[0], *(t.end for t in T if t.extra.get("sentence") == sentence and t.end <= theirs[0].start)])
    # what the items' glosses share names their kind, not one of them ('district' of 和平区 and 河西区:
    # 'Heping and Hexi districts')
    glosses = [gloss_terms(w) for w in items]
    shared = frozenset.intersection(*glosses)
    places = [_last_place(g - shared, tgt_text, lo, theirs[0].start) for g in glosses]
    if None in places or len(set(places)) != len(places):
        return []
    order = sorted(range(len(items)), key=lambda i: places[i])   # the items in the translation's order
    out = []
    for rank, i in enumerate(order):
        if theirs[rank].num != figures[i].num:
            out.append((figures[i], theirs[rank]))
    return out


def _last_place(glosses: frozenset[str], text: str, start: int, end: int) -> int | None:
    """Where the last word of the text between start and end that renders one of the glosses is: the
    list stands right before its figures ('According to the Beijing statistics bureau, retail sales in
    Shanghai and Beijing grew 3% and 5% respectively': the second Beijing is the item)."""
    if not glosses:
        return None
    found = None
    for m in _EN_WORD.finditer(text, start, end):
        for term in en_terms(m.group(0)):
            if any(term == g or len(term) >= _STEM_PREFIX and len(g) >= _STEM_PREFIX
                   and (term.startswith(g[:_STEM_PREFIX]) and g.startswith(term[:_STEM_PREFIX])) for g in glosses):
                found = m.start()
                break
    return found
