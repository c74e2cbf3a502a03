"""Sentence segmentation for Chinese and English that keeps offsets."""

from __future__ import annotations

import re

from .extract.scan import finditer as fast_finditer

_ABBREV = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "no", "nos", "vs", "etc", "inc", "ltd", "co",
           "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
           "u.s", "u.k", "e.g", "i.e", "gen", "gov", "sen", "rep", "lt", "col", "capt", "fig", "approx",
           "a.m", "p.m", "u.n", "d.c", "art", "p", "pp", "vol", "est"}
_ZH_END = "。！？；!?;"
_BREAK = re.compile(r"[。！？；!?;]+[”’\"』」）)]*|\n\s*\n|\n|\.(?=\s+|$)|\.[”’\"]\s")


def sentences(text: str) -> list[tuple[int, int]]:
    """[(start, end)] of sentences covering `text`; whitespace-only pieces are dropped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in fast_finditer(_BREAK, text):
        end = m.end()
        if m.group(0).startswith("."):
            # abbreviation or initial: 'U.S. Department', 'Feb. 4', 'No. 61'
            j = m.start()
            k = j
            while k > start and (text[k - 1].isalpha() or text[k - 1] == "."):
                k -= 1
            word = text[k:j].lower()
            nxt = text[m.end():m.end() + 2].lstrip()
            if word in _ABBREV or (len(word) == 1 and word.isalpha()) or (nxt[:1].islower() or nxt[:1].isdigit()):
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


_CLAUSE_BREAK = re.compile(r"(?<!\d),(?!\d{3})\s*|[，、:：;；]\s*|\s[-–—]\s")


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of a sentence, split at commas and semicolons (both scripts)."""
    out = []
    s = start
    for m in fast_finditer(_CLAUSE_BREAK, text[start:end]):  # (gated: it starts with a lookbehind)
        e = start + m.start()
        if e > s:
            out.append((s, e))
        s = start + m.end()
    if s < end:
        out.append((s, end))
    return out
