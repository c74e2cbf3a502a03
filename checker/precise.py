"""The precise path: a document and its translation are aligned sentence by sentence and
their claims paired inside aligned sentences (one to one, identical figures first, then
agreeing values); what is left is a changed, missing or extra value."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import replace
from functools import cache
from decimal import Decimal

from rapidfuzz import fuzz

from rules import EXTRA_RULE, MISSING_RULE, PAIR_RULES, Pair, Verdict
from rules.base import weekday_only, year_like

from .agreement import (CALENDAR_WORDS, PATTERN_RULES, agree, comparable, first_verdict, nouns_match, same_digits, same_figure,
                        same_value)
from .align import align, anchor_keys
from .model import Claim, Document
from .resources import load
from .respectively import respective_pairs
from .textnorm import fold_width


_RULE = {r.id: r for r in PAIR_RULES}
# capitalized words that name a unit (Celsius, Fahrenheit): a changed unit is FC008's, no name's
_UNIT_NAMES = frozenset(k for k in load("en", "units")["units"] if k[:1].isupper() and k[1:].islower() and " " not in k)
_NAME_RULE = _RULE["FC010"]
_DEICTIC = frozenset(load("zh", "names")["deictic"])   # 我国, 本市: no place a translation must name
# 'the Games' for 冬奥会 (Winter Olympics): a short form of the name the original writes (en names.toml)
_SHORT_FORMS = {k: frozenset(v) for k, v in load("en", "names")["short_forms"].items()}
# initials written in capitals, with stops or without ('U.S.', 'UK', 'UAE')
_INITIALS_WRITTEN = re.compile(r"(?<![A-Za-z.])(?:(?:[A-Z]\.){2,4}|[A-Z]{2,4}(?![A-Za-z]))")
# counterparts of equal value can still disagree: a flipped direction, a count become a size
_FLIP_RULE, _SIZE_RULE = PAIR_RULES[0], _RULE["FC008"]


def _range_bound(s: Claim, T: list[Claim], owner: dict[int, Claim]) -> tuple[Claim, Decimal] | None:
    """A range of the translation whose one bound answers another figure of the original's sentence
    (起步价2元，最高票价8元 / 'fares from 2 yuan to 9 yuan': 2元 took the range): the range, and its
    other bound, which must be this figure of the same kind and unit, on the other side of the first."""
    for t in T:
        first = owner.get(id(t))
        if t.qualifier != "range" or first is None or t.low is None or t.high is None or s.num is None \
                or first.num is None or first.sent != s.sent or (first.kind, first.unit) != (s.kind, s.unit) \
                or (t.kind, t.unit) != (s.kind, s.unit) or first.qualifier == "range":
            continue
        if first.num == t.low and s.num > first.num:
            return t, t.high
        if first.num == t.high and s.num < first.num:
            return t, t.low
    return None


_FIGURE_RUN = re.compile(r"\d[\d,.]*\d|\d")


def _bound_claim(t: Claim, bound: Decimal, upper: bool) -> Claim:
    """One bound of a range claim, as a claim of its own: from its figure to the range's end (the
    upper: '9 yuan' of '2 yuan to 9 yuan') or from the range's start through its figure (the
    lower), so that a finding on it cites and states that bound."""
    runs = list(_FIGURE_RUN.finditer(t.text))
    if not runs:
        return t
    a, b = (runs[-1].start(), len(t.text)) if upper else (0, runs[0].end())
    si = t.si / t.num * bound if t.si is not None and t.num else t.si
    return replace(t, start=t.start + a, end=t.start + b, text=t.text[a:b], value=str(bound), num=bound, si=si,
                   low=None, high=None, qualifier="", figure=runs[-1 if upper else 0].group(0))


class PrecisePath:
    """The translation-pair methods of checker.engine.Engine."""

    def beads(self, src: Document, tgt: Document) -> list[tuple[list[int], list[int]]]:
        """The aligned sentence groups of a translation pair, as indices into `sent_spans`:
        translation units when both sides come from a bilingual file, else the length-and-anchor
        alignment of checker.align. Public so that renderers show exactly what was compared."""
        s_sents, t_sents = self.sent_spans[src.doc], self.sent_spans[tgt.doc]
        if src.segments is not None and tgt.segments is not None and len(src.segments) == len(tgt.segments):
            return _segment_beads(src.segments, s_sents, tgt.segments, t_sents)
        by_s, by_t = self._by_sentence(src), self._by_sentence(tgt)
        s_lens = [_weight(src.text[a:b]) for a, b in s_sents]
        t_lens = [_weight(tgt.text[a:b]) for a, b in t_sents]
        s_keys = [anchor_keys(by_s[i]) for i in range(len(s_sents))]
        t_keys = [anchor_keys(by_t[i]) for i in range(len(t_sents))]
        return align(s_lens, t_lens, s_keys, t_keys)

    def _by_sentence(self, doc: Document) -> dict[int, list[Claim]]:
        out: dict[int, list[Claim]] = defaultdict(list)
        for c in self.claims.get(doc.doc, []):
            out[c.sent].append(c)
        return out

    def precise(self, src: Document, tgt: Document) -> None:
        s_sents, t_sents = self.sent_spans[src.doc], self.sent_spans[tgt.doc]
        by_s, by_t = self._by_sentence(src), self._by_sentence(tgt)
        beads = self.beads(src, tgt)
        original = None
        if src.lang == "zh" and tgt.lang == "en":
            from .added_names import Original

            from .unexplained_names import defined_initials, spelled_initials

            original = Original(src.view)
            # initials the translation spells out (UHV), or whose name it writes in full (NMPA)
            defined = defined_initials(tgt.view) | spelled_initials(tgt.view)
        cited: set[int] = set()   # figures of the translation a finding of another bead already cites
        for k, (si, ti) in enumerate(beads):
            S = [c for i in si for c in by_s[i]]
            T = [c for j in ti for c in by_t[j]]
            near_beads = range(max(0, k - 1), min(len(beads), k + 2))
            near_t = [c for kk in near_beads for j in beads[kk][1] for c in by_t[j]]
            near_spans = [t_sents[j] for kk in near_beads for j in beads[kk][1]]
            near_s = [c for kk in near_beads for i in beads[kk][0] for c in by_s[i]]
            near_src_spans = [s_sents[i] for kk in near_beads for i in beads[kk][0]]
            s_spans, t_spans = [s_sents[i] for i in si], [t_sents[j] for j in ti]
            self._pair_bead(src, tgt, S, T, near_t, near_spans, near_s, near_src_spans, bead_spans=(s_spans, t_spans),
                            cited=cited)
            swapped = self._proper_nouns(src, tgt, s_spans, t_spans)
            if original is not None:
                self._added_names(original, src, tgt, s_spans, t_spans, T, near_src_spans, swapped, defined)

    def _pair_bead(self, src: Document, tgt: Document, S: list[Claim], T: list[Claim], near_t: list[Claim],
                   near_spans: list[tuple[int, int]], near_s: list[Claim] = (),
                   near_src_spans: list[tuple[int, int]] = (),
                   bead_spans: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], []),
                   cited: set[int] | None = None) -> None:
        cited = set() if cited is None else cited
        used: set[int] = set()
        owner: dict[int, Claim] = {}     # a matched figure of the translation → the original's figure it answers
        answered: dict[int, Claim] = {}  # and the other way round
        pending: list[Claim] = []
        # figures stated identically pair first, so that an approximate agreement cannot take the
        # counterpart of an exact one ("about 15 miles (20 km)" against "about 20 km (15 miles)")
        exact: dict[int, Claim] = {}
        for s in S:
            if s.kind == "name" or s.extra.get("article"):
                continue
            same = [t for t in T if id(t) not in used and comparable(s, t) and same_figure(s, t)
                    and agree(s, t, strict=True)]
            if len(same) > 1 and s.kind == "date":
                # of two equal dates, the end of a range answers the end of a range (2月2日至8日
                # against 'February 2 to 9', beside 商务部9日发布 … 'released on Monday')
                end = _range_end(s, src.text)
                same.sort(key=lambda t: _range_end(t, tgt.text) != end)
            # a date given in two zones (当地时间8日21时40分（北京时间9日8时40分）) answers the one of
            # its own zone and clock time first
            t = next((t for t in same if s.time and (t.time, t.tz) == (s.time, s.tz)), same[0] if same else None)
            if t is not None:
                exact[id(s)] = t
                used.add(id(t))
        restated = _restated_weekdays(T)
        for s in S:
            if s.kind == "name" or s.extra.get("article"):
                continue
            # a date agrees with a date of another shape (11日 with 'early this month') only when
            # none of its own shape is left to render it ('Friday', for 11日, even if it disagrees)
            lone = s.kind != "date" or not any(id(u) not in used and u.kind == "date" and _alike(s, u) for u in T)
            match = exact.get(id(s)) or next((t for t in T if id(t) not in used and comparable(s, t)
                                              and agree(s, t, strict=True) and (lone or _alike(s, t)) and not _finer_date(t, s)
                                              and not (id(t) in restated and t.value != s.value)), None)
            if match is not None:
                used.add(id(match))
                owner[id(match)] = s
                answered[id(s)] = match
                if same_value(s, match):
                    self.aligned_support[s.key].append(match)
                    self.aligned_support[match.key].append(s)
                self._agreeing(s, match)
                continue
            # a figure of a neighbouring sentence, or one already matched here when this one
            # repeats the figure it answered (今年 twice, "this year" once) and no figure of the
            # sentence is left that could be its changed rendering
            spare = any(id(u) not in used and comparable(s, u) for u in T)
            if spare and _corrupted_here(s, T, used):
                pending.append(s)   # its rendering is here, changed: 35℃ as '35 degrees Fahrenheit'
                continue
            near = next((t for t in near_t if comparable(s, t) and agree(s, t, strict=True) and _as_precise(s, t)
                         and not _renders_another(s, t, near_s, spare)
                         and (id(t) not in owner or (not spare and agree(s, owner[id(t)], strict=True)))), None)
            if near is not None:
                self._agreeing(s, near)
                continue
            pending.append(s)
        in_bead = {id(t) for t in T}
        best_of = self._counterparts(pending, T, near_t, in_bead, near_s, used)
        for s in pending:
            best = best_of.get(id(s))
            bounded = _range_bound(s, T, owner)
            if bounded is not None:
                t, other = bounded
                if s.num != other:   # the range's other end is the original's other figure, changed
                    upper = s.num > owner[id(t)].num
                    self.emit(_RULE["FC011"], Verdict(f"{owner[id(t)].text} … {s.text} vs {t.text}: the range's "
                                                      f"{'upper' if upper else 'lower'} bound differs", 0.6),
                              [s, _bound_claim(t, other, upper)], "precise")
                continue
            if best is not None:
                t, (rule, verdict) = best
                used.add(id(t))
                cited.add(id(t))
                self.emit(rule, verdict, [s, t], "precise")
            elif _lacks(s, near_t, [tgt.text[a:b] for a, b in near_spans]) \
                    and not any(_same_change(s, t) for t in [*T, *near_t]) and not _converts_neighbour(s, S, src.text):
                verdict = MISSING_RULE.check(Pair(s, s, 1.0, "precise")) or Verdict("", 0.5)
                if s.kind != "date" and not (s.figure or "")[:1].isdigit() and (s.num is None or s.num < 10) \
                        and not s.extra.get("multiplier") and not _numbered(s):
                    # 三国赛 (Tri-Nations), 两天 (two-day): small numerals in words often live inside names
                    verdict = Verdict(verdict.message, 0.35, "info")
                self.emit(MISSING_RULE, verdict, [s, *_passages(tgt, bead_spans[1])], "precise", docs=(tgt.doc,))
        # figures of the translation that answer nothing in the original
        s_spans = [src.text[a:b] for a, b in near_src_spans]
        for t in T:
            if id(t) in used or id(t) in cited or t.extra.get("article") or t.kind not in ("money", "percent", "measure", "count") \
                    or _trivial(t) \
                    or year_like(t):  # "the 1992 Consensus" (九二共识): a year, and added dates are not judged
                continue
            if not ((t.figure or "")[:1].isdigit() or t.extra.get("multiplier")):
                continue
            if any(_same_change(x, t) for x in near_s):
                continue
            # an equal figure of the original counts unless it already answers another figure of
            # this sentence that counts something else ("7只产品" against "7 products from 7 institutions")
            if any(comparable(x, t) and agree(x, t) and not (id(x) in answered and answered[id(x)].noun
                                                              and t.noun and answered[id(x)].noun != t.noun)
                   for x in near_s):
                continue
            if not _mentioned(t, s_spans) or any(id(x) in answered for x in near_s if comparable(x, t) and agree(x, t)):
                self.emit(EXTRA_RULE, EXTRA_RULE.check(Pair(t, t, 1.0, "precise")) or Verdict("", 0.5),
                          [t, *_passages(src, bead_spans[0])], "precise", docs=(src.doc,))
        for s, t in respective_pairs(src.text, tgt.text, S, T):
            # the list gives the item another figure: 分别上涨9.1%、7.5%和6.8% / '9.1, 6.8 and 7.5 percent respectively'
            got = first_verdict(Pair(s, t, 1.0, "precise"))
            if got is not None:
                self.emit(got[0], Verdict(f"{got[1].message} (the figures given 'respectively' are in another order)",
                                          got[1].confidence, got[1].severity), [s, t], "precise")
        self._names(S, T, tgt, bead_spans[1])

    @staticmethod
    def _counterparts(pending: list[Claim], T: list[Claim], near_t: list[Claim], in_bead: set[int],
                      near_s: list[Claim], used: set[int]) -> dict[int, tuple[Claim, tuple]]:
        """The translation's figure that renders each figure of the original left without an agreeing
        one (`pending`), with the first rule's verdict on the two: of all the candidates, the best
        first, each figure on either side taken once. Best: in the aligned sentences (or the same
        figure in another unit next door), then alike (_alike: 30余架 is answered by 'over 13
        aircraft', not by 两国 that the translation leaves out; 本月下旬 by 'early this month', not by
        'Friday', which answers 11日), then the rule (PAIR_RULES in order), then the nearest value.
        A candidate from a neighbouring sentence only for a verdict of a pattern, a date or an
        identifier rule."""
        found = []
        for i, s in enumerate(pending):
            # translations reorder sentences: a neighbouring bead may hold the counterpart
            for j, t in enumerate([*T, *(t for t in near_t if id(t) not in in_bead)]):
                if id(t) in used or t.extra.get("article") \
                        or not (comparable(s, t) or id(t) in in_bead and _other_dimension(s, t)):
                    continue
                if id(t) not in in_bead and _renders_another(s, t, near_s):
                    continue   # a neighbour's figure that renders another figure of the original (1961年 → 1961)
                got = first_verdict(Pair(s, t, 1.0, "precise"))
                if got is None:
                    continue
                # the same figure in another unit next door ("Highs … may reach 42 degrees Fahrenheit"
                # split off the sentence that renders 可达42℃) is its rendering, ahead of any mere
                # difference of value inside the bead
                near_unit = got[0].id == "FC008" and s.num is not None and s.num == t.num
                here = id(t) in in_bead or near_unit
                if not (here or got[0].id in PATTERN_RULES | {"FC002", "FC009"}):
                    continue
                found.append(((0 if here else 1, 0 if _alike(s, t) else 1, PAIR_RULES.index(got[0]),
                               _closeness(s, t), i, j), s, t, got))
        found.sort(key=lambda x: x[0])
        best_of: dict[int, tuple[Claim, tuple]] = {}
        taken: set[int] = set()
        for _, s, t, got in found:
            if id(s) not in best_of and id(t) not in taken:
                best_of[id(s)] = (t, got)
                taken.add(id(t))
        return best_of

    def _agreeing(self, s: Claim, t: Claim) -> None:
        """Counterparts of equal value can still disagree: a flipped direction (rose 5% / 下降5%), or
        a count become a size (15栋建筑 / "a 15-storey block")."""
        rules = [_FLIP_RULE]
        if {s.kind, t.kind} == {"count", "number"}:
            # (agreeing measures and amounts are conversions, "100 yards (100 meters)", judged already)
            rules.append(_SIZE_RULE)
        for rule in rules:
            verdict = rule.check(Pair(s, t, 1.0, "precise"))
            if verdict:
                self.emit(rule, verdict, [s, t], "precise")
                return

    def _proper_nouns(self, src: Document, tgt: Document, s_spans: list[tuple[int, int]],
                      t_spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        """A place or a person of the original (CC-CEDICT knows it as a country, city, province…,
        or as one person with life years: 普京 → Vladimir Putin) that the translation does not name,
        while the translation names exactly one other known place (for a place) or one other
        unexplained name (for a person). Returns where the translation names the other one."""
        from .lexicon import (EN_STOP, demonyms, gloss_terms, is_person, is_place, known_place_tokens, pinyin_explains,
                              proper_names, stem, zh_words)
        from .unexplained_names import _initial_letters

        if src.lang != "zh" or tgt.lang != "en" or not s_spans or not t_spans:
            return None
        t_words = [(m.group(0), m.start() + off) for a, b in t_spans
                   for off in (a,) for m in re.finditer(r"[^\W\d_](?:[^\W\d_]|-)*", tgt.view[a:b])]
        t_lower = " " + " ".join(w for w, _ in t_words).lower() + " "
        # initials the translation writes, with or without stops (U.S., UK): a name of several words
        # written by its initials is named ('U.S. technology stocks' for 美国科技股); read when first
        # asked for, most beads naming no place the translation does not spell out
        written: list[set[str]] = []

        def t_initials() -> set[str]:
            if not written:
                written.append({m.group(0).replace(".", "").lower() for a, b in t_spans
                                for m in _INITIALS_WRITTEN.finditer(tgt.view[a:b])})
            return written[0]
        missing: list[tuple[str, int, str]] = []
        explained: set[str] = set()
        s_latin: set[str] = set()
        for a, b in s_spans:
            seg = src.view[a:b]
            s_latin |= {x.lower() for x in re.findall(r"[A-Za-z][A-Za-z'-]*", seg)}
            pos = 0
            for w in zh_words(seg):
                at = seg.find(w, pos)
                pos = at + len(w) if at >= 0 else pos
                names = proper_names(w)
                explained |= {tok for n in names for tok in n.split()} | set(gloss_terms(w))
                # 中国 → China / Chinese: a name counts as present when a word starts with its stem
                # a place, or a person CC-CEDICT knows with life years (普京 → Vladimir Putin)
                # (a word of the outlet's own name, 天府都市报讯 in a dateline, and 我国 'our country'
                # are no places a translation must name)
                if len(w) >= 2 and names and w not in _DEICTIC and w not in (src.source or "") \
                        and (is_place(w) or is_person(w)) and not any(
                        f" {n} " in t_lower or any(len(tok) > 3 and f" {tok[:max(4, len(tok) - 2)]}" in t_lower for tok in n.split())
                        or " " in n and _initial_letters(n.split()) in t_initials()
                        for n in names) and not any(pinyin_explains(tw, w) for tw, _ in t_words if tw[:1].isupper()) \
                        and not any(f" {d}" in t_lower for d in demonyms(w)):
                    missing.append((w, a + at, sorted(names)[0]))
        if len(missing) != 1:
            return None
        place = is_place(missing[0][0])
        missing_toks = {tok[:4] for n in proper_names(missing[0][0]) for tok in n.split() if len(tok) > 3}
        if any(place or d.group(0).lower()[:4] in missing_toks
               for d in re.finditer(r"\b[A-Z][a-z]+(?:an|ian|ese|ish|i)\b", " ".join(w for w, _ in t_words))):
            # a demonym (American, Chinese) may render a place; for a person only the demonym
            # of their own name (Obama → Obamian) is an excuse
            return None
        missing_words = {tok.lower() for n in proper_names(missing[0][0]) for tok in n.split()}
        content = [w for w, _ in t_words if w.lower() not in EN_STOP]
        if sum(1 for w in content if w[0].isupper()) > 0.85 * len(content):
            return None  # a headline in title case: every word is capitalized
        offenders = [(w, at) for k, (w, at) in enumerate(t_words)
                     if w[0].isupper() and len(w) > 2 and w.lower() not in s_latin and w.lower() not in explained
                     and not _next_to_explained(t_words, k, tgt.view, explained)
                     and stem(w) not in explained and w.lower() not in CALENDAR_WORDS and w.lower() not in EN_STOP
                     and w not in _UNIT_NAMES
                     and not _SHORT_FORMS.get(w, frozenset()) & missing_words
                     and not any(pinyin_explains(w, src.view[a:b]) for a, b in s_spans)
                     and "-" not in w
                     and not (at == t_spans[0][0] or tgt.view[max(0, at - 2):at].strip()[-1:] in (".", "\"", "“", "[", "(", "【", ":"))]
        # only a known place or organisation counts as a substitute: transliterated person names
        # (Choe, Szabó) vary too much to judge without a glossary
        # adjacent capitalized words are one name (Noam Chomsky, Anup Kumar)
        runs: list[tuple[str, int]] = []
        for w, at in offenders:
            gap = tgt.view[runs[-1][1] + len(runs[-1][0]):at] if runs else "-"
            if gap and not gap.strip():
                runs[-1] = (tgt.view[runs[-1][1]:at + len(w)], runs[-1][1])
            else:
                runs.append((w, at))
        if not place:
            offenders = runs
        else:
            # a place stands in for a place only when CC-CEDICT knows the substitute as one:
            # transliterated person names (Choe, Szabó) vary too much to judge without a glossary
            offenders = [(w, at) for w, at in runs if any(tok.lower() in known_place_tokens() for tok in w.split())]
        if len(offenders) != 1:
            return None  # none: a paraphrase; several: a sentence full of names we cannot judge
        (w, at, expected), (name, t_at) = missing[0], offenders[0]
        a = Claim(doc=src.doc, lang=src.lang, kind="name", start=at, end=at + len(w), text=w, value=expected.title(),
                  line=src.line_of(at))
        b = Claim(doc=tgt.doc, lang=tgt.lang, kind="name", start=t_at, end=t_at + len(name), text=name, value=name,
                  line=tgt.line_of(t_at))
        self.emit(_NAME_RULE, Verdict(f"{w} is {expected.title()}; the translation names {name} instead", 0.5, "warning"),
                  [a, b], "precise", subject=f"name: {w}")
        return b.start, b.end

    def _added_names(self, original, src: Document, tgt: Document, s_spans: list[tuple[int, int]],
                     t_spans: list[tuple[int, int]], T: list[Claim], near_src_spans: list[tuple[int, int]] = (),
                     swapped: tuple[int, int] | None = None, defined: frozenset[str] = frozenset()) -> None:
        """A place or person the translation names (CC-CEDICT knows it: Austria = 奥地利) that the
        original names nowhere, in none of its written forms: an entity swapped or invented (a name
        inside an amount is left to the amount's rules: _inside_amount). Then
        the names nothing in the original explains (unexplained_names: "Virat" for 中美洲), unless
        one of the checks before has flagged them already (`swapped`)."""
        from .added_names import added_names
        from .unexplained_names import Passage, unexplained_names

        if not s_spans or not t_spans:
            return
        flagged = [swapped] if swapped else []
        for a, b in t_spans:
            for start, end, name, forms in added_names(original, tgt.view[a:b]):
                start, end = a + start, a + end
                if _inside_amount(T, start, end):
                    continue
                flagged.append((start, end))
                claim = Claim(doc=tgt.doc, lang=tgt.lang, kind="name", start=start, end=end,
                              text=tgt.text[start:end], value=name, line=tgt.line_of(start))
                shown = "/".join(sorted(f for f in forms if len(f) >= 2)[:2])
                self.emit(_NAME_RULE, Verdict(f"the translation names {name} ({shown}), which the original does not name", 0.5,
                                        "warning"), [claim, *_passages(src, s_spans)], "precise", subject=f"name: {name}")
        bead = Passage("\n".join(src.view[a:b] for a, b in s_spans))
        near = "\n".join(src.view[a:b] for a, b in near_src_spans or s_spans)
        passage = bead if near == bead.text else Passage(near)
        found: list[tuple[int, int, str, str]] = []
        for a, b in t_spans:
            for start, end, name, entity in unexplained_names(original, passage, bead, tgt.view[a:b], defined):
                start, end = a + start, a + end
                if not (any(s < end and start < e for s, e in flagged) or _inside_amount(T, start, end)):
                    found.append((start, end, name, entity))
        # names standing where one entity of the original is left out are one rendering of it (the
        # parts of 'Directorate-General of Budget, Accounting and Statistics (DGBAS)' for 主计总处
        # beside 行政院): one finding, at the first, naming them all
        by_entity: dict[str, list[tuple[int, int, str, str]]] = {}
        for got in found:
            by_entity.setdefault(got[3] or f"#{got[0]}", []).append(got)
        for group in by_entity.values():
            start, end, name, entity = group[0]
            claim = Claim(doc=tgt.doc, lang=tgt.lang, kind="name", start=start, end=end,
                          text=tgt.text[start:end], value=name, line=tgt.line_of(start))
            names = [g[2] for g in group]
            shown = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            why = f"; the original names {entity}, which the translation does not" if entity else ""
            self.emit(_NAME_RULE, Verdict(f"the translation names {shown}, which nothing in the original writes, "
                                          f"transliterates or translates{why}", 0.5, "warning"),
                      [claim, *_passages(src, s_spans)], "precise", subject=f"name: {name}")

    def _names(self, S: list[Claim], T: list[Claim], tgt: Document, t_spans: list[tuple[int, int]] = ()) -> None:
        self._chinese_names(S, T, tgt, t_spans)
        expected = [s for s in S if s.kind == "name" and s.extra.get("glossary") and not s.extra.get("entity")
                    and s.value.isascii() and s.lang != "en"]
        if not expected:
            return
        t_names = [t for t in T if t.kind == "name"]
        t_values = {t.value.lower() for t in t_names}
        missing = [s for s in expected if s.value.lower() not in t_values]
        spare = [t for t in t_names if not t.extra.get("glossary") and t.value.lower() not in {s.value.lower() for s in S}]
        for s in missing:
            if not spare:
                break
            best = max(spare, key=lambda t: (fuzz.ratio(s.value.lower(), t.value.lower()), -abs(t.start)))
            spare.remove(best)
            v = _NAME_RULE.check(Pair(s, best, 1.0, "precise"))
            if v:
                self.emit(_NAME_RULE, v, [s, best], "precise")
            missing = [m for m in missing if m is not s]
        for s in missing:
            # a misspelling no name pattern reads ('Liang Jinkun dropped the first game'): the
            # capitalized words of the aligned sentences closest to the expected name
            near = _misspelled(s.value, tgt, t_spans)
            if near is not None:
                v = _NAME_RULE.check(Pair(s, near, 1.0, "precise"))
                if v:
                    self.emit(_NAME_RULE, v, [s, near], "precise")

    def _chinese_names(self, S: list[Claim], T: list[Claim], tgt: Document, t_spans: list[tuple[int, int]]) -> None:
        """An English original's glossary name that its Chinese translation writes in another form
        (Harlow is 哈洛 in the glossary, the translation writes 哈罗): the translation's name that is
        closest to the glossary's Chinese one, when it is close enough to be a slip for it."""
        glossary = getattr(self, "glossary", None)
        named = [s for s in S if s.kind == "name" and s.lang == "en" and s.extra.get("glossary")]
        if glossary is None or tgt.lang != "zh" or not named:
            return
        by_en = glossary.by_en()
        t_names = [t for t in T if t.kind == "name" and not t.extra.get("glossary")]
        for s in named:
            entry = by_en.get(s.value)
            if entry is None or not entry.zh or not entry.is_person or not t_names \
                    or any(entry.zh in tgt.view[a:b] for a, b in t_spans):
                continue
            best = max(t_names, key=lambda t: fuzz.ratio(entry.zh, t.value))
            score = fuzz.ratio(entry.zh, best.value)
            if score >= _MISSPELLED_ZH and best.value[0] == entry.zh[0]:
                t_names.remove(best)
                self.emit(_NAME_RULE, Verdict(f"{s.text} is {entry.zh} in the glossary; the translation writes "
                                              f"{best.text}", 0.9 if score >= 75 else 0.7), [s, best], "precise")


# how close a Chinese name must be to a glossary one to be read as a slip for it (丹尼尔·哈罗 for
# 丹尼尔·哈洛: 83; 贝森德 for 贝森特: 67; two different three-character names share at most one)
_MISSPELLED_ZH = 60

# how close a run of capitalized words must be to a glossary name to be read as its misspelling
_MISSPELLED = 80


def _misspelled(expected: str, tgt: Document, spans: list[tuple[int, int]]) -> Claim | None:
    """The capitalized words of `spans` that spell `expected` (a glossary name) with a slip, as a
    name claim: as many words as the name, the same first letter, close once the correct variant
    spellings are folded (rules.fc010 spelling); None when the name is written as it should be or
    nothing is close."""
    from rules.fc010_name_variant import spelling

    from .added_names import _CAPS

    want, n = spelling(expected), len(expected.split())
    best: tuple[float, int, int] | None = None
    for a, b in spans:
        if expected.lower() in tgt.view[a:b].lower():
            return None
        for m in _CAPS.finditer(tgt.view, a, b):   # runs of capitalized words, as added_names reads names
            words = m.group(0).split()
            for i in range(len(words) - n + 1):
                run = " ".join(words[i:i + n])
                if run[0] != expected[0] or spelling(run) == want:
                    continue
                score = fuzz.ratio(spelling(run), want)
                start = m.start() + len(" ".join(words[:i])) + (1 if i else 0)
                if score >= _MISSPELLED and (best is None or score > best[0]):
                    best = (score, start, start + len(run))
    if best is None:
        return None
    _, start, end = best
    return Claim(doc=tgt.doc, lang=tgt.lang, kind="name", start=start, end=end, text=tgt.text[start:end],
                 value=tgt.text[start:end], line=tgt.line_of(start))


def load_name_tables() -> None:
    """Build the tables the name checks of a Chinese original and its English translation read
    (_proper_nouns, _added_names: from CC-CEDICT, seconds to build; each is built once and kept)."""
    from .added_names import _tables
    from .lexicon import _word_prefixes, known_place_tokens

    _tables()
    _word_prefixes()
    known_place_tokens()


def _finer_date(t: Claim, s: Claim) -> bool:
    """A day of the translation against a year of the original (March 31 against 今年): the year
    holds the day, but a translation renders a year as one; the day answers a day of the original
    (3月13日, changed), not the year."""
    return s.kind == t.kind == "date" and s.date_parts[1] is None and t.date_parts[2] is not None


def _restated_weekdays(T: list[Claim]) -> set[int]:
    """Weekdays that only restate a date of their sentence (9月11日（周五）): such a 周五 answers
    that date, never another date that happens to fall on a Friday ('Sept. 25' become 9月15日)."""
    dated = {t.value for t in T if t.kind == "date" and not weekday_only(t)}
    return {id(t) for t in T if t.kind == "date" and t.value in dated and weekday_only(t)}


def _other_dimension(s: Claim, t: Claim) -> bool:
    """The figure of a measure kept with a unit of another kind in the same sentence: 4.3 million
    barrels as 430万吨 (a volume become a mass); FC008 judges it, only inside the aligned sentence."""
    return s.kind == t.kind == "measure" and s.dimension != t.dimension and s.num is not None and s.num == t.num \
        and frozenset((s.dimension, t.dimension)) in _OTHER_KIND


# the kinds of unit a translation swaps for each other (barrels and tonnes of oil, litres and
# kilograms); other pairs differ more often by a unit read wrongly (3,850 km² as a length,
# 每小时15至20公里 as a distance, '25 degrees' of heat as an angle) than by a slip
_OTHER_KIND = {frozenset(("mass", "volume"))}


def _segment_beads(s_segs, s_sents, t_segs, t_sents) -> list[tuple[list[int], list[int]]]:
    """Beads from a bilingual file's translation units: the sentences inside unit k on each side."""
    def inside(segs, sents):
        out: list[list[int]] = [[] for _ in segs]
        k = 0
        for i, (a, _) in enumerate(sents):
            while k < len(segs) and a >= segs[k][1]:
                k += 1
            if k < len(segs) and segs[k][0] <= a < segs[k][1] or (k < len(segs) and a < segs[k][0] and a >= segs[k][0] - 1):
                out[k].append(i)
        return out
    return [(si, ti) for si, ti in zip(inside(s_segs, s_sents), inside(t_segs, t_sents)) if si or ti]


_IDEOGRAPHS = re.compile("[\u4e00-\u9fff]+")


def _weight(text: str) -> int:
    """A sentence's length for alignment: its characters other than white space, ideographs twice."""
    # (str.split() splits at what str.isspace() calls white space; ideographs are none)
    return sum(map(len, text.split())) + sum(map(len, _IDEOGRAPHS.findall(text)))


def _renders_another(s: Claim, t: Claim, near_s: list[Claim], spare: bool = False) -> bool:
    """Is `t` the very figure of another claim of the original ('65 km' of 约40英里（65公里）), so
    that it answers that one and not `s` ('about 40 miles' is 65 km too, but was changed)? When the
    sentence of `s` has a figure left that may be its changed rendering (`spare`), an equal figure
    counts as another's too: 今年 of the next sentence renders 'this year' there, not 'the end of
    2026' here, whose rendering is the 2027年底 beside it."""
    if same_figure(s, t) and not spare:
        return False
    return any(x is not s and comparable(x, t) and same_figure(x, t) for x in near_s)


def _converts_neighbour(s: Claim, S: list[Claim], text: str) -> bool:
    """A measure in brackets right after the measure it converts: '49.8 C (121.6 F)', '185 mph
    (298 km/h)'. A translation may keep one unit (Chinese copy gives Celsius and kilometres only);
    the measure before the bracket is the figure judged, so the conversion is not missing."""
    if s.kind != "measure" or not text[max(0, s.start - 2):s.start].rstrip().endswith(("(", "（")):
        return False
    return any(x is not s and x.kind == "measure" and x.dimension == s.dimension and x.unit != s.unit
               and 0 <= s.start - x.end <= 4 and agree(x, s) for x in S)


def _inside_amount(T: list[Claim], start: int, end: int) -> bool:
    """A name inside an amount is its currency ("110 million Singapore dollars" for 1.1亿新元) or
    the unit of a measure ("35 degrees Fahrenheit"), which the figure's rules judge."""
    return any(t.kind == "money" and t.start <= start and end <= t.end + 12
               or t.kind == "measure" and t.start <= start and end <= t.end for t in T)


def _corrupted_here(s: Claim, T: list[Claim], used: set[int]) -> bool:
    """Whether a figure of the aligned sentence left unmatched is `s` changed by a slip that a
    pattern rule names (a unit, a factor of ten, transposed digits, a flipped direction): then
    an equal figure of a neighbouring sentence does not answer `s`, this one does, wrongly."""
    for t in T:
        if id(t) in used or t.extra.get("article") or not comparable(s, t):
            continue
        got = first_verdict(Pair(s, t, 1.0, "precise"))
        if got is not None and got[0].id in PATTERN_RULES:
            return True
    return False


def _as_precise(s: Claim, t: Claim) -> bool:
    """A date of a neighbouring sentence answers one of this sentence only when it states as much:
    'September' two sentences away does not explain away 当地时间30日 rendered as 'Oct. 30'."""
    if s.kind != "date" or t.kind != "date":
        return True
    return all((x is None) == (y is None) for x, y in zip(s.date_parts, t.date_parts))


def _alike(a: Claim, b: Claim) -> bool:
    """Two claims of one shape: counts of a thing of the same name, or dates that state the same
    fields (a month and a month, a day and a day)."""
    if a.kind == b.kind == "date":
        return [x is None for x in a.date_parts] == [x is None for x in b.date_parts]
    return nouns_match(a, b)


# the words that join two dates into a range (zh/dates.toml, en/dates.toml): the date after one ends it
_RANGE_END = re.compile(r"(?:%s)\s{0,2}$" % "|".join(map(re.escape, sorted(
    {*load("zh", "dates")["range_separators"], *load("en", "dates")["day_range_joiners"]}, key=len, reverse=True))))


def _range_end(c: Claim, text: str) -> bool:
    """Is the date the end of a range written before it (至8日, 'to 9')?"""
    return bool(_RANGE_END.search(text, max(0, c.start - 10), c.start))


def _closeness(a: Claim, b: Claim) -> float:
    if a.num is not None and b.num is not None and a.num and b.num:
        return abs(math.log10(abs(float(a.num)) + 1e-9) - math.log10(abs(float(b.num)) + 1e-9))
    return abs(a.start - b.start) / 1e6


def _trivial(c: Claim) -> bool:
    """Figures too small to be reported missing: 'one of', 两省 (both provinces), 1美元 (per dollar).
    A multiple stated in words ('doubled', 减半) is a change, never trivial."""
    return c.num is not None and c.num <= 2 and c.kind in ("count", "money", "number") and not c.extra.get("multiplier")


def _same_change(a: Claim, b: Claim) -> bool:
    """A multiple and a percentage change that say the same: 'doubled' is +100%, 减半 is -50%."""
    m, p = (a, b) if a.extra.get("multiplier") else (b, a)
    if not m.extra.get("multiplier") or p.kind != "percent" or p.num is None or p.dimension == "pp":
        return False
    change = -p.num if p.direction < 0 else p.num
    return m.num == 1 + change / 100


_ORDINAL_WORDS = {w: n for n, w in enumerate("zeroth first second third fourth fifth sixth seventh eighth ninth tenth "
                                              "eleventh twelfth".split())}


def _lacks(s: Claim, near_t: list[Claim], texts: list[str]) -> bool:
    """Is a figure of the original missing from the aligned passage of the translation? Amounts,
    and dates whose day or year is written in figures, when no claim there agrees with them and
    their number is written nowhere in it (five, 5th, 5 all count)."""
    if s.kind in ("money", "percent", "measure", "count") or _scaled_number(s) or _numbered(s):
        return not _trivial(s) and not _mentioned(s, texts) and not _first_said(s, texts)
    for written, part in ((_written_day, 2), (_written_year, 0)):
        if written(s) and not any(comparable(s, t) and agree(s, t) for t in near_t) \
                and not _number_written(Decimal(s.date_parts[part]), texts):
            return True
    return False


_RANK_ONE = re.compile(r"(?<![A-Za-z])(?:%s)(?![A-Za-z])" % "|".join(
    map(re.escape, sorted(load("en", "numbers")["rank_one_words"], key=len, reverse=True))), re.I)


def _first_said(c: Claim, texts: list[str]) -> bool:
    """The first place or time (位居第一, 第一次) said in words: 'topped', 'led', 'the largest', 'debut'."""
    return c.kind == "identifier" and c.ordinal and c.num == 1 and any(_RANK_ONE.search(t) for t in texts)


def _numbered(c: Claim) -> bool:
    """A numbered item (第61号公告, Resolution 2231, 第三轮, 四论: the fourth commentary): its number
    identifies it; codes, decades and centuries are names of their own."""
    return c.kind == "identifier" and c.unit not in ("code", "designator", "decade", "century") and c.num is not None


def _scaled_number(c: Claim) -> bool:
    """A bare number written with a scale word (每一百万 'per million', 三千万): a magnitude the
    sentence states, unlike a bare figure that may be a label or a score."""
    return c.kind == "number" and c.num is not None and c.num >= 1000 and not year_like(c) \
        and not (c.figure or "").replace(",", "").replace(".", "").isdigit()


def _written_year(c: Claim) -> bool:
    """A year written in four digits (2019年, 2015–2019), not one resolved from a word (去年, last year)."""
    return c.kind == "date" and c.date_parts[0] is not None and not c.extra.get("article") \
        and str(c.date_parts[0]) in fold_width(c.text)


def _written_day(c: Claim) -> bool:
    """A date whose day of the month is written as a figure (2月11日, 11日电, Feb. 11), not one
    resolved from a word (当天, 上周五, yesterday): a translation that drops it loses a fact."""
    return c.kind == "date" and c.date_parts[2] is not None and not c.extra.get("article") \
        and bool(re.search(r"\d|[一二三四五六七八九十廿卅]\s*[日号號]", fold_width(c.text)))


def _passages(doc: Document, spans: list[tuple[int, int]]) -> list[Claim]:
    """The aligned sentences of the other document, cited beside a value they lack."""
    out = []
    for a, b in spans:
        seg = doc.text[a:b]
        a, b = a + len(seg) - len(seg.lstrip()), b - (len(seg) - len(seg.rstrip()))
        if b > a:
            out.append(Claim(doc=doc.doc, lang=doc.lang, kind="passage", start=a, end=b, text=doc.text[a:b],
                             value="", line=doc.line_of(a)))
    return out


def _mentioned(c: Claim, texts: list[str]) -> bool:
    """Is the claim's number written anywhere in these texts, in any form (8, eight, eighth, 8th)?
    A measure also counts as written when it is one of a larger unit there ('24 hours' for 'within
    a day', 12个月 for 'a year')."""
    if c.num is None:
        return False
    # 1,100万 may appear as 11 million: compare leading digits too
    return _number_written(c.num, texts, scaled=bool(c.scale_word or c.kind == "money")) \
        or (c.kind == "measure" and _one_unit_written(c, texts))


def _one_unit_written(c: Claim, texts: list[str]) -> bool:
    rx = _one_unit_patterns().get((c.dimension, c.si))
    return rx is not None and any(rx.search(fold_width(t)) for t in texts)


@cache
def _one_unit_patterns() -> dict[tuple[str, Decimal], re.Pattern[str]]:
    """(dimension, size in SI units) → one of a unit of that size written out: 'a day', 'an hour',
    'one year', 一天, 一个月 (the unit words of checker/resources/*/units.toml)."""
    from .extract.quantities import UNITS

    words: dict[tuple[str, Decimal], list[str]] = defaultdict(list)
    for word, (_symbol, factor, dim) in UNITS.items():
        words[(dim, Decimal(str(factor)))].append(word)
    out = {}
    for key, ws in words.items():
        en = [re.escape(w) for w in ws if w.isascii() and w.isalpha() and len(w) > 2]
        zh = [re.escape(w) for w in ws if not w.isascii()]
        parts = ([rf"\b(?:a|an|one)\s+(?:{'|'.join(sorted(en, key=len, reverse=True))})\b"] if en else []) \
            + ([rf"一个?(?:{'|'.join(sorted(zh, key=len, reverse=True))})"] if zh else [])
        if parts:
            out[key] = re.compile("|".join(parts), re.I)
    return out


def _number_written(num: Decimal, texts: list[str], scaled: bool = False) -> bool:
    from .extract.quantities import _en_word_numbers, _number_tokens

    wanted = {num, Decimal(str(num)).normalize()} if scaled else {num}
    for text in texts:
        folded = fold_width(text)
        for tok in _number_tokens(folded):
            if tok[2] in wanted or same_digits(tok[2], num):
                return True
        for tok in _en_word_numbers(folded):
            if tok[2] in wanted:
                return True
        for w in re.findall(r"[A-Za-z]+", folded.lower()):
            if w in _ORDINAL_WORDS and Decimal(_ORDINAL_WORDS[w]) == num:
                return True
    return False


def _next_to_explained(words: list[tuple[str, int]], k: int, text: str, explained: set[str]) -> bool:
    """Is word k the given name before a surname the original explains ('Antonio Guterres' for
    古特雷斯)? Then it is part of a name the original writes, no substitute for another."""
    if k + 1 >= len(words):
        return False
    (w, at), (nxt, nat) = words[k], words[k + 1]
    return nxt[:1].isupper() and text[at + len(w):nat] == " " and nxt.lower() in explained
