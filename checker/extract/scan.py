"""Faster whole-text scans that find exactly what `pattern.finditer(text)` finds.

Python's regex engine skips quickly over positions where a pattern cannot start only when the
pattern begins with a literal or a plain character class. Most extraction patterns begin with a
lookbehind, a word boundary or a case-blind alternation, so the engine is entered at every position
of every text, for every pattern. `finditer` here derives, from the pattern itself, the set of
characters any of its matches can start with, and scans with a gate that begins with that class:
the engine then only stops where a match can start. The matches (spans, groups, order) are the
ones `pattern.finditer(text)` yields; a pattern whose first characters cannot be bounded is scanned
as before.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Iterable, Iterator

# the non-ASCII characters that a case-blind pattern lets stand for an ASCII letter (checked by
# tests/test_extract_scan.py against the engine itself)
CASE_EXTRAS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}

_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s"}


class _Unbounded(Exception):
    """The first character of a match is not a small known set."""


def _char(cp: int) -> str:
    return "\\U%08x" % cp


def _caseless(cp: int) -> str:
    """A class body for one character matched case-blind."""
    ch = chr(cp)
    if ch.isascii():
        if ch.isalpha():
            low = ch.lower()
            return "".join(_char(ord(c)) for c in low + low.upper() + CASE_EXTRAS.get(low, ""))
        return _char(cp)
    if ch.lower() == ch == ch.upper() and cp not in _EXTRA_TARGETS:
        return _char(cp)
    raise _Unbounded


_EXTRA_TARGETS = frozenset(ord(c) for s in CASE_EXTRAS.values() for c in s)


def _class_item(op: object, av: object, caseless: bool) -> str:
    if op is C.LITERAL:
        return _caseless(av) if caseless else _char(av)  # type: ignore[arg-type]
    if op is C.RANGE:
        lo, hi = av  # type: ignore[misc]
        if not caseless:
            return f"{_char(lo)}-{_char(hi)}"
        if hi < 128:
            return "".join(_caseless(cp) for cp in range(lo, hi + 1))
        if 0x2E80 <= lo and hi <= 0x9FFF:  # CJK: no letter case
            return f"{_char(lo)}-{_char(hi)}"
        raise _Unbounded
    if op is C.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unbounded  # a negated class, \w, \W…


def _first(items: list, flags: int) -> tuple[str, bool]:
    """(class body of the first characters, whether the sequence can match the empty string)."""
    out = []
    for op, av in items:
        body, nullable = _first_of(op, av, flags)
        out.append(body)
        if not nullable:
            return "".join(out), False
    return "".join(out), True


def _first_of(op: object, av, flags: int) -> tuple[str, bool]:
    caseless = bool(flags & re.I)
    if op is C.LITERAL:
        return _class_item(op, av, caseless), False
    if op is C.IN:
        if any(o is C.NEGATE for o, _ in av):
            raise _Unbounded
        return "".join(_class_item(o, a, caseless) for o, a in av), False
    if op is C.BRANCH:
        bodies, nullable = [], False
        for alt in av[1]:
            body, n = _first(alt.data, flags)
            bodies.append(body)
            nullable = nullable or n
        return "".join(bodies), nullable
    if op is C.SUBPATTERN:
        _group, add, remove, sub = av
        return _first(sub.data, (flags | add) & ~remove)
    if op is C.ATOMIC_GROUP:
        return _first(av.data, flags)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        lo, _hi, sub = av
        body, nullable = _first(sub.data, flags)
        return body, nullable or lo == 0
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return "", True  # zero-width: the match starts with what follows
    raise _Unbounded


def first_chars(rx: re.Pattern[str]) -> str | None:
    """A character class body holding every character a match of `rx` can start with, or None when
    that set is not small and known (a match may be empty or start with any character)."""
    if rx.flags & ~(re.I | re.U) or not isinstance(rx.pattern, str):
        return None
    try:
        parsed = _parser.parse(rx.pattern, rx.flags)
        body, nullable = _first(parsed.data, parsed.state.flags)
    except Exception:  # _Unbounded, or a parser whose tree differs from CPython 3.11's: scan as before
        return None
    return None if nullable or not body else body


# rx → its gate, by identity: hashing a pattern hashes its whole compiled code (kilobytes for a
# word list) on every look-up, a few percent of extraction when it was an lru_cache key. The
# pattern is kept in the entry so that its id cannot be reused by another one.
_GATES: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def _gate(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern matching one character where `rx` matches: it begins with a plain class, so the
    engine skips the other positions without entering the pattern."""
    entry = _GATES.get(id(rx))
    if entry is None or entry[0] is not rx:
        if len(_GATES) >= 1024:  # the patterns of the extraction modules are a few hundred
            _GATES.clear()
        entry = _GATES[id(rx)] = (rx, _make_gate(rx))
    return entry[1]


def _engine_skips(rx: re.Pattern[str]) -> bool:
    """Does the engine itself skip to where `rx` can start? It does when the pattern begins with a
    literal, a class, or alternatives that each begin with a literal, and is not case-blind there
    ('[月大]', '年代', '(?:1[5-9]|20)\\d\\d'): a gate would skip no more, run the pattern twice at
    each match (in its lookahead, then rx.match) and step from match to match in Python."""
    parsed = _parser.parse(rx.pattern, rx.flags)
    flags, data = parsed.state.flags, parsed.data
    while data and data[0][0] is C.SUBPATTERN:
        _group, add, remove, sub = data[0][1]
        flags, data = (flags | add) & ~remove, sub.data
    if not data or flags & re.I:
        return False
    op, av = data[0]
    if op is C.BRANCH:  # alternatives that each begin with a literal: the engine scans for their class
        return all(alt.data and alt.data[0][0] is C.LITERAL for alt in av[1])
    return op in (C.LITERAL, C.IN)


def _make_gate(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    body = first_chars(rx)
    if body is None or _engine_skips(rx):
        return None
    inner = "(?i:" if rx.flags & re.I else "(?:"
    try:
        return re.compile(rf"[{body}](?<=(?={inner}{rx.pattern}))[\s\S])")
    except re.error:
        return None


def literal_trie(words: Iterable[str], fold: bool = False, space: str | None = None) -> str:
    """An alternation of literal words written as a tree ({one, ones, two} → one(?:s)?|two): each
    step tries the characters that can come next instead of every word in turn.

    It matches what the alternation of the words longest first matches, and prefers the same
    matches: the words that match at one place all start the text there, so they are each other's
    prefixes, and the tree tries the longer first. `fold`: the pattern is case-blind (re.I), so
    words that differ in letter case share a path (only ASCII letters are folded; other cased
    letters keep the plain alternation). `space`: the pattern a space in a word stands for.
    """
    words = sorted(set(words), key=lambda w: (-len(w), w))
    if fold and any(not c.isascii() and c.lower() != c.upper() for w in words for c in w):
        return "|".join(_render(w, space) for w in words)
    return _trie(words, fold, space)


def _render(word: str, space: str | None) -> str:
    return "".join(space if c == " " and space is not None else re.escape(c) for c in word)


def _trie(words: list[str], fold: bool, space: str | None) -> str:
    by_first: dict[str, list[str]] = {}
    first_seen: dict[str, str] = {}
    ends = False
    for w in words:
        if not w:
            ends = True
            continue
        key = w[0].lower() if fold else w[0]
        by_first.setdefault(key, []).append(w[1:])
        first_seen.setdefault(key, w[0])
    alts = [_render(first_seen[k], space) + _trie(rests, fold, space) for k, rests in sorted(by_first.items())]
    if not alts:
        return ""
    body = "(?:%s)" % "|".join(alts) if len(alts) > 1 or ends else alts[0]
    return body + "?" if ends else body


def finditer(rx: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
    """The matches of rx.finditer(text, pos, endpos), found faster where rx allows (see the module
    docstring)."""
    return finditer_within(rx, text, ((pos, len(text) if endpos is None else endpos),))


def finditer_within(rx: re.Pattern[str], text: str, spans: Iterable[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """The matches of finditer(rx, text, s, e) for each (s, e) of `spans` in turn (the windows a
    date pattern is scanned in: one generator and one gate look-up for them all)."""
    gate = _gate(rx)
    if gate is None:
        for pos, endpos in spans:
            yield from rx.finditer(text, pos, endpos)
        return
    search, match = gate.search, rx.match
    for pos, endpos in spans:
        while True:
            g = search(text, pos, endpos)
            if g is None:
                break
            m = match(text, g.start(), endpos)
            if m is None:  # pragma: no cover - the gate matches only where rx does
                pos = g.start() + 1
                continue
            yield m
            # go on after the match, as finditer does: positions inside it are never tried (a long
            # match is not rescanned from each of its characters); rx cannot match the empty string
            pos = m.end()
