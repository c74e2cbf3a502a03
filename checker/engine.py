"""Pair claims about the same subject and run the rules over them.

Two paths (DESIGN §2 align/group):
- precise: a document and its translation are aligned sentence by sentence; claims are paired
  inside aligned sentences (one to one, agreeing values first).
- broad: every other pair of claims, found through an inverted index of subject terms within a
  dimension block (never all pairs), scored by IDF-weighted term overlap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from array import array
from collections import Counter, defaultdict
from decimal import Decimal

from rapidfuzz import fuzz

from rules import EXTRA_RULE, MISSING_RULE, PAIR_RULES, Pair, Rule, Verdict
from rules.fc002_date_conflict import dates_agree
from rules.base import overlap, weekday_only, within, year_like

from .align import align, anchor_keys
from .config import Config
from .lexicon import en_terms
from .model import Claim, Document, Finding
from .segment import sentences
from .textnorm import fold_width

NUMERIC = ("money", "count", "percent", "measure", "number")
# 金库计划(Project Vault), “战略资源合作论坛”（缩写为FORGE）: a Chinese name followed by its English form
_STATED_ALIAS = re.compile(r"([\u4e00-\u9fff]{2,20})[”\"]?\s?[（(](?:缩写为|简称|英文名?)?\s?([A-Za-z][A-Za-z .&'-]{1,60})[)）]")
PATTERN_RULES = {"FC001", "FC004", "FC006", "FC007", "FC008"}
BROAD_MIN = {"pattern": 0.16, "swap": 0.05, "FC003": 0.3, "FC003-noun": 0.08, "FC002": 0.3, "FC005": 0.3, "FC009": 0.1, "support": 0.3}
GENERIC_NOUNS = {"person", "time", "item", "", "个", "group", "kind", "piece", "case", "event", "batch"}
MAX_POSTING = 60
CANDIDATES_PER_DOC = 4
AFFINITY_WEIGHT = 0.2  # how much a typical slip (same digits, swapped day/month) counts towards being the same fact
MAX_CANDIDATE_DOCS = 24  # a fact is rarely reported by more sources than this in one corpus


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
        if strict and a.kind == b.kind and weekday_only(a) and weekday_only(b):
            return a.weekday == b.weekday  # "on Saturday" is "on Saturday", however each was resolved
        if strict and a.kind == b.kind and (weekday_only(a) or weekday_only(b)):
            # 7日 rendered "Sunday": right when the 7th is a Sunday, whatever day "Sunday" resolved to
            wd, full = (a, b) if weekday_only(a) else (b, a)
            y, m, d = full.date_parts
            if y and m and d and full.weekday is None:
                try:
                    return dt.date(y, m, d).weekday() == wd.weekday
                except ValueError:
                    return False
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
    if strict and (a.qualifier or b.qualifier) and a.num is not None and b.num is not None:
        if not (a.qualifier and b.qualifier):
            return within(a, b)
        if a.qualifier == "range" or b.qualifier == "range":
            return _range_bounds(a) == _range_bounds(b)
        if a.kind == "measure" and b.kind == "measure" and a.unit != b.unit:
            pass  # converted units: fall through to the tolerance check
        else:
            return a.num == b.num or (_same_digits(a.num, b.num) and (a.kind != b.kind or a.unit != b.unit)) \
                or any(x == b.num for x in _alt_nums(a)) or any(x == a.num for x in _alt_nums(b))
    if a.kind == "measure" and b.kind == "measure":
        if a.si is None or b.si is None:
            return False
        if a.dimension != b.dimension:
            return False
        # a conversion is right within the precision it was written with (62 m = 203 ft)
        tol = max(abs(a.si), abs(b.si)) * Decimal("0.012")
        ia = (a.low * a.si / a.num, a.high * a.si / a.num) if a.low is not None and a.num else (a.si, a.si)
        ib = (b.low * b.si / b.num, b.high * b.si / b.num) if b.low is not None and b.num else (b.si, b.si)
        return ia[0] - tol <= ib[1] and ib[0] - tol <= ia[1]
    if a.num is None or b.num is None:
        return False
    if a.num == b.num or overlap(a, b):
        return True
    # 272.000 in a European-style English text is 272,000
    return any(x == b.num for x in _alt_nums(a)) or any(x == a.num for x in _alt_nums(b))


def _range_bounds(c: Claim) -> tuple:
    return (c.low, c.high) if c.qualifier == "range" else (c.num, c.num)


_DOT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def _alt_nums(c: Claim) -> list[Decimal]:
    """Other readings of a figure: '272.000' written with dots as thousands separators."""
    if c.figure and _DOT_THOUSANDS.match(c.figure) and c.num is not None:
        base = Decimal(c.figure.replace(".", ""))
        return [base * (c.num / Decimal(c.figure))] if Decimal(c.figure) else []
    return []


def comparable(a: Claim, b: Claim) -> bool:
    if "date" in (a.kind, b.kind) and a.kind != b.kind:
        date, num = (a, b) if a.kind == "date" else (b, a)
        return year_like(num) and date.date_parts[1] is None and date.date_parts[0] is not None
    if a.kind == b.kind:
        if a.kind == "measure":
            return a.dimension == b.dimension
        if a.kind == "identifier" and "code" in (a.unit, b.unit):
            # F-35 and Covid-19 are different kinds of thing; F-35 and F-43 are comparable
            return a.unit == b.unit and re.match(r"[A-Z]*", a.value).group(0) == re.match(r"[A-Z]*", b.value).group(0)
        return True
    kinds = {a.kind, b.kind}
    return kinds <= {"count", "number"} or kinds in ({"number", "money"}, {"number", "measure"}, {"number", "percent"})


def _first_verdict(pair: Pair, allowed: set[str] | None = None) -> tuple[Rule, Verdict] | None:
    for r in PAIR_RULES:
        if allowed is not None and r.id not in allowed:
            continue
        v = r.check(pair)
        if v is not None:
            return r, v
    return None


def _subject(c: Claim, doc: Document | None) -> str:
    if doc is not None and "clause" in c.extra:
        s, e = c.extra["clause"]
        text = " ".join(doc.text[s:e].split())
        if len(text) > 48:
            # centre the window on the claim
            rel = max(0, c.start - s - 20)
            text = ("…" if rel else "") + text[rel:rel + 46] + "…"
        return text
    return c.noun or c.kind


class Engine:
    def __init__(self, docs: list[Document], claims: dict[str, list[Claim]], config: Config, glossary=None):
        self.docs = {d.doc: d for d in docs}
        self.claims = claims
        self.config = config
        self.findings: list[Finding] = []
        # agreeing claims of aligned translations: evidence for the majority in broad findings
        self.aligned_support: dict[tuple, list[Claim]] = defaultdict(list)
        self.seen: set[tuple] = set()
        self.sent_spans: dict[str, list[tuple[int, int]]] = {}
        for d in docs:
            self.sent_spans[d.doc] = sentences(fold_width(d.view or d.text))
            for c in claims.get(d.doc, []):
                if c.kind == "name" and c.noun == "glossary":
                    c.extra["glossary"] = True
        self._apply_aliases(docs, glossary)

    def _apply_aliases(self, docs: list[Document], glossary) -> None:
        """Bridge names into the common term space: aliases the corpus states itself
        (金库计划(Project Vault), 战略资源合作论坛…(FORGE)) and glossary rows (金库计划 = Project Vault),
        so that a claim near 金库计划 shares subject words with one near "Project Vault"."""
        aliases: dict[str, frozenset[str]] = {}
        for d in docs:
            for m in _STATED_ALIAS.finditer(d.view or d.text):
                words = frozenset(en_terms(m.group(2)))
                if words:
                    aliases.setdefault(m.group(1)[-8:], words)
        if glossary is not None:
            for e in glossary.entries:
                if e.zh and e.en and en_terms(e.en):
                    aliases[e.zh] = frozenset(en_terms(e.en))
        if not aliases:
            return
        keys = sorted(aliases, key=len, reverse=True)
        for d in docs:
            view = d.view or d.text
            if not any(k in view for k in keys):
                continue
            spans = self.sent_spans[d.doc]
            for c in self.claims.get(d.doc, []):
                if not 0 <= c.sent < len(spans):
                    continue
                a, b = spans[c.sent]
                extra = [aliases[k] for k in keys if k in view[a:b]]
                if extra:
                    c.extra["groups"] = tuple(c.extra.get("groups", ())) + tuple(extra)
                    c.terms = c.terms | frozenset().union(*extra)

    # ---- findings ----------------------------------------------------------------------
    def emit(self, rule: Rule, verdict: Verdict, claims: list[Claim], path: str, outlier: Claim | None = None,
             docs: tuple[str, ...] = (), subject: str = "", similarity: float | None = None) -> None:
        key = (rule.id, tuple(sorted((c.doc, c.text, c.value) for c in claims[:2])))
        # the same outlier against the same majority value is one finding however it was reached
        key2 = (rule.id, outlier.key, frozenset((c.value, c.unit) for c in claims)) if outlier is not None else None
        if key in self.seen or (key2 is not None and key2 in self.seen):
            return
        self.seen.add(key)
        if key2 is not None:
            self.seen.add(key2)
        severity = verdict.severity or rule.severity
        if path == "broad" and severity == "error":
            severity = "warning"
        first = claims[0]
        self.findings.append(Finding(rule=rule.id, name=rule.name, severity=severity, confidence=verdict.confidence,
                                     subject=subject or _subject(first, self.docs.get(first.doc)), message=verdict.message,
                                     claims=claims, outlier=outlier, docs=docs, path=path, similarity=similarity))

    # ---- precise path ------------------------------------------------------------------
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
        for k, (si, ti) in enumerate(beads):
            S = [c for i in si for c in by_s[i]]
            T = [c for j in ti for c in by_t[j]]
            near_beads = range(max(0, k - 1), min(len(beads), k + 2))
            near_t = [c for kk in near_beads for j in beads[kk][1] for c in by_t[j]]
            near_spans = [t_sents[j] for kk in near_beads for j in beads[kk][1]]
            near_s = [c for kk in near_beads for i in beads[kk][0] for c in by_s[i]]
            near_src_spans = [s_sents[i] for kk in near_beads for i in beads[kk][0]]
            self._pair_bead(src, tgt, S, T, near_t, near_spans, near_s, near_src_spans,
                            bead_spans=([s_sents[i] for i in si], [t_sents[j] for j in ti]))
            self._proper_nouns(src, tgt, [s_sents[i] for i in si], [t_sents[j] for j in ti])

    def _pair_bead(self, src: Document, tgt: Document, S: list[Claim], T: list[Claim], near_t: list[Claim],
                   near_spans: list[tuple[int, int]], near_s: list[Claim] = (),
                   near_src_spans: list[tuple[int, int]] = (),
                   bead_spans: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])) -> None:
        used: set[int] = set()
        owner: dict[int, Claim] = {}  # a matched figure of the translation → the original's figure it answers
        pending: list[Claim] = []
        # figures stated identically pair first, so that an approximate agreement cannot take the
        # counterpart of an exact one ("about 15 miles (20 km)" against "about 20 km (15 miles)")
        exact: dict[int, Claim] = {}
        for s in S:
            if s.kind == "name" or s.extra.get("article"):
                continue
            t = next((t for t in T if id(t) not in used and comparable(s, t) and _same_figure(s, t)
                      and agree(s, t, strict=True)), None)
            if t is not None:
                exact[id(s)] = t
                used.add(id(t))
        for s in S:
            if s.kind == "name" or s.extra.get("article"):
                continue
            match = exact.get(id(s)) or next((t for t in T if id(t) not in used and comparable(s, t)
                                              and agree(s, t, strict=True)), None)
            if match is not None:
                used.add(id(match))
                owner[id(match)] = s
                if _same_value(s, match):
                    self.aligned_support[s.key].append(match)
                    self.aligned_support[match.key].append(s)
                flip = PAIR_RULES[0].check(Pair(s, match, 1.0, "precise"))
                if flip:
                    self.emit(PAIR_RULES[0], flip, [s, match], "precise")
                continue
            # a figure of a neighbouring sentence, or one already matched here when this one
            # repeats the figure it answered (今年 twice, "this year" once) and no figure of the
            # sentence is left that could be its changed rendering
            spare = any(id(u) not in used and comparable(s, u) for u in T)
            near = next((t for t in near_t if comparable(s, t) and agree(s, t, strict=True)
                         and (id(t) not in owner or (not spare and agree(s, owner[id(t)], strict=True)))), None)
            if near is not None:
                flip = PAIR_RULES[0].check(Pair(s, near, 1.0, "precise"))
                if flip:
                    self.emit(PAIR_RULES[0], flip, [s, near], "precise")
                continue
            pending.append(s)
        in_bead = {id(t) for t in T}
        for s in pending:
            best = None
            # translations reorder sentences: a neighbouring bead may hold the counterpart
            for t in [*T, *(t for t in near_t if id(t) not in in_bead)]:
                if id(t) in used or t.extra.get("article") or not comparable(s, t):
                    continue
                got = _first_verdict(Pair(s, t, 1.0, "precise"))
                if got is None:
                    continue
                rank = (0 if id(t) in in_bead else 1, PAIR_RULES.index(got[0]))
                closeness = _closeness(s, t)
                if best is None or (rank, closeness) < best[0]:
                    best = ((rank, closeness), t, got)
            if best is not None and (best[0][0][0] == 0 or best[2][0].id in PATTERN_RULES | {"FC002", "FC009"}):
                _, t, (rule, verdict) = best
                used.add(id(t))
                self.emit(rule, verdict, [s, t], "precise")
            elif (s.kind in ("money", "percent", "measure", "count") and not _trivial(s)
                  and not _mentioned(s, [tgt.text[a:b] for a, b in near_spans])) \
                    or (_written_day(s) and not any(comparable(s, t) and agree(s, t) for t in near_t)
                        and not _mentioned(s, [tgt.text[a:b] for a, b in near_spans], s.date_parts[2])):
                verdict = MISSING_RULE.check(Pair(s, s, 1.0, "precise")) or Verdict("", 0.5)
                if s.kind != "date" and not (s.figure or "")[:1].isdigit() and (s.num is None or s.num < 10):
                    # 三国赛 (Tri-Nations), 两天 (two-day): small numerals in words often live inside names
                    verdict = Verdict(verdict.message, 0.35, "info")
                self.emit(MISSING_RULE, verdict, [s, *_passages(tgt, bead_spans[1])], "precise", docs=(tgt.doc,))
        # figures of the translation that answer nothing in the original
        s_spans = [src.text[a:b] for a, b in near_src_spans]
        answered = {id(x): t for t_id, x in owner.items() for t in T if id(t) == t_id}
        for t in T:
            if id(t) in used or t.extra.get("article") or t.kind not in ("money", "percent", "measure", "count") or _trivial(t) \
                    or year_like(t):  # "the 1992 Consensus" (九二共识): a year, and added dates are not judged
                continue
            if not (t.figure or "")[:1].isdigit():
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
        self._names(S, T, tgt)

    def _proper_nouns(self, src: Document, tgt: Document, s_spans: list[tuple[int, int]],
                      t_spans: list[tuple[int, int]]) -> None:
        """A place or a person of the original (CC-CEDICT knows it as a country, city, province…,
        or as one person with life years: 普京 → Vladimir Putin) that the translation does not name,
        while the translation names exactly one other known place (for a place) or one other
        unexplained name (for a person)."""
        from .lexicon import EN_STOP, gloss_terms, is_person, is_place, known_place_tokens, pinyin_explains, proper_names, stem, zh_words

        if src.lang != "zh" or tgt.lang != "en" or not s_spans or not t_spans:
            return
        t_words = [(m.group(0), m.start() + off) for a, b in t_spans
                   for off in (a,) for m in re.finditer(r"[^\W\d_](?:[^\W\d_]|-)*", tgt.view[a:b])]
        t_lower = " " + " ".join(w for w, _ in t_words).lower() + " "
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
                if len(w) >= 2 and names and (is_place(w) or is_person(w)) and not any(
                        f" {n} " in t_lower or any(len(tok) > 3 and f" {tok[:max(4, len(tok) - 2)]}" in t_lower for tok in n.split())
                        for n in names) and not any(pinyin_explains(tw, w) for tw, _ in t_words if tw[:1].isupper()):
                    missing.append((w, a + at, sorted(names)[0]))
        if len(missing) != 1:
            return
        place = is_place(missing[0][0])
        missing_toks = {tok[:4] for n in proper_names(missing[0][0]) for tok in n.split() if len(tok) > 3}
        if any(place or d.group(0).lower()[:4] in missing_toks
               for d in re.finditer(r"\b[A-Z][a-z]+(?:an|ian|ese|ish|i)\b", " ".join(w for w, _ in t_words))):
            # a demonym (American, Chinese) may render a place; for a person only the demonym
            # of their own name (Obama → Obamian) is an excuse
            return
        content = [w for w, _ in t_words if w.lower() not in EN_STOP]
        if sum(1 for w in content if w[0].isupper()) > 0.85 * len(content):
            return  # a headline in title case: every word is capitalized
        offenders = [(w, at) for w, at in t_words
                     if w[0].isupper() and len(w) > 2 and w.lower() not in s_latin and w.lower() not in explained
                     and stem(w) not in explained and w.lower() not in _CALENDAR and w.lower() not in EN_STOP
                     and not any(pinyin_explains(w, src.view[a:b]) for a, b in s_spans)
                     and "-" not in w
                     and not (at == t_spans[0][0] or tgt.view[max(0, at - 2):at].strip()[-1:] in (".", "\"", "“", "[", "(", "【", ":"))]
        # only a known place or organisation counts as a substitute: transliterated person names
        # (Choe, Szabó) vary too much to judge without a glossary
        # adjacent capitalized words are one name (Noam Chomsky, Anup Kumar)
        runs: list[tuple[str, int]] = []
        for w, at in offenders:
            if runs and re.fullmatch(r"\s+", tgt.view[runs[-1][1] + len(runs[-1][0]):at] or "x"):
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
            return  # none: a paraphrase; several: a sentence full of names we cannot judge
        (w, at, expected), (name, t_at) = missing[0], offenders[0]
        a = Claim(doc=src.doc, lang=src.lang, kind="name", start=at, end=at + len(w), text=w, value=expected.title(),
                  line=src.line_of(at))
        b = Claim(doc=tgt.doc, lang=tgt.lang, kind="name", start=t_at, end=t_at + len(name), text=name, value=name,
                  line=tgt.line_of(t_at))
        rule = next(r for r in PAIR_RULES if r.id == "FC010")
        self.emit(rule, Verdict(f"{w} is {expected.title()}; the translation names {name} instead", 0.5, "warning"),
                  [a, b], "precise", subject=f"name: {w}")

    def _names(self, S: list[Claim], T: list[Claim], tgt: Document) -> None:
        expected = [s for s in S if s.kind == "name" and s.extra.get("glossary") and not s.extra.get("entity")
                    and not s.value.isascii() is False and s.lang != "en"]
        if not expected:
            return
        t_text = " ".join(t.text for t in T)
        t_names = [t for t in T if t.kind == "name"]
        t_values = {t.value.lower() for t in t_names}
        missing = [s for s in expected if s.value.lower() not in t_values]
        spare = [t for t in t_names if not t.extra.get("glossary") and t.value.lower() not in {s.value.lower() for s in S}]
        _ = t_text
        name_rule = next(r for r in PAIR_RULES if r.id == "FC010")
        for s in missing:
            if not spare:
                break
            best = max(spare, key=lambda t: (fuzz.ratio(s.value.lower(), t.value.lower()), -abs(t.start)))
            spare.remove(best)
            v = name_rule.check(Pair(s, best, 1.0, "precise"))
            if v:
                self.emit(name_rule, v, [s, best], "precise")

    # ---- broad path --------------------------------------------------------------------
    def broad(self, linked: set[frozenset[str]]) -> None:
        """Candidate pairs across documents, block by block (claims of one dimension), found through
        an inverted index of subject terms, scored by similarity, then judged (_judge_broad).

        Built for large corpora without changing what is compared: claims are numbered once, the
        weighted word groups of a sentence, clause or figure are computed once per run and shared
        by every claim that has them (_FeatureTable), the keys _affinity compares are computed once
        per claim, pairs live in flat arrays, a pair is never compared twice, and a pair of claims
        that no rule can compare (comparable() is false) is dropped before its similarity is
        computed, since the judge would skip it. With --jobs N on a large corpus, picking
        counterparts and scoring pairs run over N forked processes; the results are put back in
        order, so the findings are the same whatever N is."""
        claims = [c for cs in self.claims.values() for c in cs]
        blocks: dict[str, list[int]] = defaultdict(list)
        n_blocks = [0] * len(claims)
        for gi, c in enumerate(claims):
            for b in _blocks(c):
                blocks[b].append(gi)
                n_blocks[gi] += 1
        # IDF over sentences of the corpus
        df: Counter[str] = Counter()
        n_sent = 0
        for cs in self.claims.values():
            seen_s: set[int] = set()
            for c in cs:
                if c.sent not in seen_s:
                    seen_s.add(c.sent)
                    n_sent += 1
                    df.update(c.terms)
        idf = Idf({t: math.log((n_sent + 1) / (n + 0.5)) for t, n in df.items()})
        # documents numbered in name order: comparing numbers is comparing names
        doc_id = {d: k for k, d in enumerate(sorted({c.doc for c in claims}))}
        cdoc = [doc_id[c.doc] for c in claims]
        csent = [c.sent for c in claims]
        linked_to: dict[int, set[int]] = defaultdict(set)
        for link in linked:
            ids = [doc_id[d] for d in link if d in doc_id]
            if len(ids) == 2:
                linked_to[ids[0]].add(ids[1])
                linked_to[ids[1]].add(ids[0])
        akeys = [_affinity_key(c) for c in claims]
        work: list[tuple[list[int], dict[str, list[int]]]] = []
        for bkey, members in sorted(blocks.items()):
            if len(members) < 2:
                continue
            index: dict[str, list[int]] = defaultdict(list)
            for i, gi in enumerate(members):
                for t in _subject_terms(claims[gi]):
                    index[t].append(i)
            work.append((members, dict(index)))
        state = _BroadState(claims, cdoc, csent, akeys, linked_to, idf, work)
        jobs = self.config.jobs if self.config.jobs > 0 else _default_jobs()
        with _Workers(state, jobs if len(claims) >= PARALLEL_MIN_CLAIMS else 1) as run:
            # 1. the counterparts each claim picks (independent of one another: over processes)
            tasks = [(b, lo, min(lo + _CHUNK, len(members))) for b, (members, _) in enumerate(work)
                     for lo in range(0, len(members), _CHUNK)]
            picked = iter(run(_pick_chunk, tasks))
            blocks_members = [members for members, _ in work]
            del work, blocks   # the inverted indexes are done with
            index = state.work = None
            # 2. in order, each pair once, and only pairs a rule can compare
            pa, pb = array("l"), array("l")   # the pairs, as claim numbers
            seen_multi: set[tuple[int, int]] = set()   # pairs of claims that share more than one block
            for members in blocks_members:
                picks: list[array] = []
                while len(picks) < len(members):
                    counts, flat = next(picked)
                    at = 0
                    for n in counts:
                        picks.append(flat[at:at + n])
                        at += n
                chosen = [set(p) for p in picks]   # the partners each claim picked
                for i, ga in enumerate(members):
                    for j in picks[i]:
                        if j < i and i in chosen[j]:
                            continue   # compared already, from the other side
                        gb = members[j]
                        x, y = (ga, gb) if i < j else (gb, ga)
                        if n_blocks[ga] > 1 and n_blocks[gb] > 1:
                            if (x, y) in seen_multi:
                                continue
                            seen_multi.add((x, y))
                        if not comparable(claims[x], claims[y]):
                            continue   # never judged
                        pa.append(x)
                        pb.append(y)
                del picks, chosen
            del seen_multi
            # 3. their similarity (over processes)
            ps = array("d")
            for got in run(_sim_chunk, [(pa[lo:lo + _PAIR_CHUNK], pb[lo:lo + _PAIR_CHUNK])
                                        for lo in range(0, len(pa), _PAIR_CHUNK)]):
                ps.extend(got)
        del state, blocks_members
        self._judge_broad((claims, cdoc, akeys, pa, pb, ps))

    def _judge_broad(self, pairs) -> None:
        """Keep mutual best matches between documents, then let pattern rules speak.

        In a corpus about one topic most figures share topic words; what makes two claims
        the same fact is that each is the other's closest counterpart in the other document.
        Generic disagreements (two unrelated figures) are not reported on this path: only
        error patterns (scale, transposition, swapped day and month, unit, direction, small
        count or identifier differences) and qualified percentages on closely matching subjects.

        `pairs` is (claims, their document numbers, their affinity keys, and three arrays: the
        two claim numbers of each comparable pair and its similarity), as broad() builds it. The
        per-pair tests (do the values agree; which rule fires) run over processes like grouping;
        counting, choosing and emitting stay in order in this process.
        """
        claims, cdoc, akeys, pa, pb, ps = pairs
        n_docs = max(cdoc, default=0) + 1
        # claims with one key (document, span, kind) count as one, as everywhere else
        key_id: dict[tuple, int] = {}
        kid = [key_id.setdefault(c.key, len(key_id)) for c in claims]
        # best[(claim x, document of y)]: the best counterpart y of x in that document, as one int:
        # its score (similarity plus affinity, to two places, then agreement) above the claim number
        best: dict[int, int] = {}
        agree_count: Counter[tuple] = Counter()
        support: dict[tuple, list[Claim]] = defaultdict(list)
        for key, others in self.aligned_support.items():
            support[key].extend(others)
            agree_count[key] += len(others)
        support_min = BROAD_MIN["support"]
        judged: list[int] = []
        state = _JudgeState(claims, akeys, pa, pb, ps, sentence_index(self.claims))
        jobs = self.config.jobs if self.config.jobs > 0 else _default_jobs()
        with _Workers(state, jobs if len(claims) >= PARALLEL_MIN_CLAIMS else 1) as run:
            flags, scores = bytearray(), array("d")
            for got, sc in run(_agree_chunk, [(lo, min(lo + _PAIR_CHUNK, len(pa))) for lo in range(0, len(pa), _PAIR_CHUNK)]):
                flags += got
                scores.extend(sc)
            for p in range(len(pa)):
                ga, gb, sim, f = pa[p], pb[p], ps[p], flags[p]
                ok = f & 1
                # support for a majority needs the same stated value, not merely compatible intervals
                # ('up to 2,300' is compatible with 1,500 but does not say it)
                if ok and sim >= support_min and f & 2:
                    a, b = claims[ga], claims[gb]
                    agree_count[a.key] += 1
                    agree_count[b.key] += 1
                    support[a.key].append(b)
                    support[b.key].append(a)
                if not ok or f & 4:
                    judged.append(p)
                score = (round(scores[p] * 100) * 2 + ok) << _CLAIM_BITS
                for x, y in ((ga, gb), (gb, ga)):
                    k = kid[x] * n_docs + cdoc[y]
                    cur = best.get(k)
                    if cur is None or score > cur >> _CLAIM_BITS << _CLAIM_BITS:
                        best[k] = score | y
            del flags, scores
            # pairs in order of similarity, then of their claims' keys
            rank = {k: r for r, k in enumerate(sorted(key_id))}
            krank = [rank[c.key] for c in claims]
            del rank
            judged.sort(key=lambda p: (-ps[p], krank[pa[p]], krank[pb[p]]))
            # within one document a fact is often repeated, so 'closest counterpart' means nothing there;
            # same-document pairs face the stricter same-document thresholds instead
            mask = (1 << _CLAIM_BITS) - 1
            judged = [p for p in judged if cdoc[pa[p]] == cdoc[pb[p]]
                      or (best[kid[pa[p]] * n_docs + cdoc[pb[p]]] & mask == pb[p]
                          and best[kid[pb[p]] * n_docs + cdoc[pa[p]]] & mask == pa[p])]
            del best, krank
            verdicts = [v for got in run(_verdict_chunk, [judged[lo:lo + _PAIR_CHUNK // 4]
                                                          for lo in range(0, len(judged), _PAIR_CHUNK // 4)])
                        for v in got]
        for p, got in zip(judged, verdicts):
            if got is None:
                continue
            a, b, sim = claims[pa[p]], claims[pb[p]], ps[p]
            rule, verdict = PAIR_RULES[got[0]], got[1]
            conf = round(min(0.95, verdict.confidence * (0.6 + 0.5 * min(sim, 0.8))), 2)
            na, nb = agree_count[a.key], agree_count[b.key]
            outlier = None
            cited = [a, b]
            if na != nb:
                outlier = b if na > nb else a
                keep = a if outlier is b else b
                seen_keys = {a.key, b.key}
                for c in support[keep.key]:
                    if c.key not in seen_keys and c is not outlier and c.value == keep.value and c.unit == keep.unit:
                        cited.append(c)
                        seen_keys.add(c.key)
                    if len(cited) >= 4:
                        break
            msg = verdict.message
            if outlier is not None:
                agreeing = len({c.doc for c in support[keep.key]} | {keep.doc})
                msg += f"; {outlier.doc} is the outlier ({agreeing} source(s) agree with {keep.text})"
            self.emit(rule, Verdict(msg, conf, verdict.severity), cited, "broad", outlier=outlier, similarity=sim)

    def names_broad(self) -> None:
        occurrences: dict[str, list[Claim]] = defaultdict(list)
        for cs in self.claims.values():
            for c in cs:
                if c.kind == "name" and c.value.isascii() and not c.extra.get("entity"):
                    occurrences[c.value].append(c)
        names = sorted(occurrences)
        rule = next(r for r in PAIR_RULES if r.id == "FC010")
        # only names of as many words that share their first or their last word are compared:
        # look those up instead of trying every pair (the number of names grows with the corpus)
        by_first: dict[tuple[str, int], list[int]] = defaultdict(list)
        by_last: dict[tuple[str, int], list[int]] = defaultdict(list)
        for i, x in enumerate(names):
            words = x.split()
            if len(x) >= 5 and words:
                by_first[(words[0], len(words))].append(i)
                by_last[(words[-1], len(words))].append(i)
        for i, x in enumerate(names):
            words = x.split()
            if len(x) < 5 or not words:
                continue
            others = {j for j in by_first[(words[0], len(words))] if j > i}
            others.update(j for j in by_last[(words[-1], len(words))] if j > i)
            for j in sorted(others):
                y = names[j]
                score = fuzz.ratio(x.lower(), y.lower())
                if score < 84:
                    continue
                docs_x = {c.doc for c in occurrences[x]}
                docs_y = {c.doc for c in occurrences[y]}
                odd, common = (y, x) if len(docs_x) >= len(docs_y) else (x, y)
                if occurrences[x][0].extra.get("glossary"):
                    odd, common = y, x
                elif occurrences[y][0].extra.get("glossary"):
                    odd, common = x, y
                a, b = occurrences[common][0], occurrences[odd][0]
                v = Verdict(f"{b.text} vs {a.text}: the same name spelled differently", round(score / 100 * 0.9, 2))
                self.emit(rule, v, [a, b], "broad", outlier=b if len(docs_x) != len(docs_y) else None)

def _affinity(a: Claim, b: Claim, agreeing: bool) -> float:
    """How much two values look like the same figure (equal, or one of the usual slips of it):
    used to choose a claim's counterpart among equally similar sentences, never to flag."""
    if agreeing:
        return 0.0  # a repeated figure is no evidence of subject: equal values are common across facts
    if a.kind == "date" and b.kind == "date":
        (ya, ma, da), (yb, mb, db) = a.date_parts, b.date_parts
        if ma and mb and da and db and (ma, da) == (db, mb):
            return 1.0
        if ya and yb and ma is None and mb is None:
            return 0.5 if abs(ya - yb) == 1 else 0.0
        return 0.3 if (ma, da) == (mb, db) or (ma == mb and da and db and abs(da - db) <= 1) else 0.0
    if a.num is None or b.num is None:
        return 0.0
    da = "".join(ch for ch in (a.figure or "") if ch.isdigit()).strip("0")
    db = "".join(ch for ch in (b.figure or "") if ch.isdigit()).strip("0")
    if da and da == db:
        return 1.0   # same digits: another scale, unit or currency
    if da and sorted(da) == sorted(db):
        return 0.8   # transposed digits
    if abs(a.num - b.num) == 1:
        return 0.5
    return 0.0


def _broad_threshold(rule_id: str, verdict: Verdict, a: Claim, b: Claim) -> float | None:
    """The similarity a broad pair needs for this rule, or None when the rule does not apply off the precise path."""
    if rule_id == "FC008" and a.kind == "money":
        return BROAD_MIN["swap"]  # the very same amount in another currency is no coincidence
    if rule_id in PATTERN_RULES or rule_id == "FC010":
        return BROAD_MIN["pattern"]
    if rule_id == "FC002":
        if "swapped" in verdict.message:
            return BROAD_MIN["swap"]
        (ya, ma, da), (yb, mb, db) = a.date_parts, b.date_parts
        if ma is None and mb is None and ya and yb and abs(ya - yb) == 1:
            return BROAD_MIN["FC002"]  # year-only off by one: 2027 vs 2028
        if a.weekday is not None and b.weekday is not None and a.time and b.time and a.tz and b.tz:
            return BROAD_MIN["FC002"]  # same clock time, weekday resolved differently
        return None
    if rule_id == "FC003":
        if not _nouns_match(a, b):
            return None
        noun = set(a.noun.split()) & set(b.noun.split())
        specific = bool(noun - GENERIC_NOUNS)
        if a.doc == b.doc:
            return 0.0 if specific and abs((a.num or 0) - (b.num or 0)) == 1 else None
        return BROAD_MIN["FC003-noun"] if specific else BROAD_MIN["FC003"]
    if rule_id == "FC009":
        if "code" in (a.unit, b.unit):
            return None  # model numbers differ across reports for good reasons (A320 vs A321)
        x, y = a.num or 0, b.num or 0
        transposed = sorted(str(x)) == sorted(str(y)) and x != y
        if a.unit == "designator" and b.unit == "designator":
            # launch designators (2025-287) are unique: a near-identical one is the same object mistyped
            da, db = a.value.replace("-", ""), b.value.replace("-", "")
            close = sorted(da) == sorted(db) or sum(x != y for x, y in zip(da, db)) == 1
            return 0.0 if close and len(da) == len(db) else None
        if transposed or abs(x - y) == 1:
            return BROAD_MIN["FC009"]
        return None
    if rule_id == "FC005":
        # two reports of one share or rate differ by a little (87% vs over 90%); figures far apart
        # are other subjects, and the words right before each figure must meet
        lo, hi = sorted((abs(a.num or 0), abs(b.num or 0)))
        if a.doc == b.doc or hi == 0 or (hi - lo) / hi > 0.25 or not _near_overlap(a, b):
            return None
        return BROAD_MIN["FC005"]
    return None


def _same_figure(a: Claim, b: Claim) -> bool:
    """The same value in the same unit (dates: the same date), whatever the qualifiers."""
    if a.kind == "date" or b.kind == "date" or a.num is None or b.num is None:
        return a.value == b.value
    return a.num == b.num and a.unit == b.unit


def _same_value(a: Claim, b: Claim) -> bool:
    if a.kind == "date" or b.kind == "date":
        return a.value == b.value
    if a.num is None or b.num is None:
        return a.value == b.value
    return a.num == b.num and a.unit == b.unit and (a.direction or 0) == (b.direction or 0) and a.qualifier == b.qualifier


def _near_overlap(a: Claim, b: Claim) -> bool:
    na = frozenset(t for g in a.extra.get("near_groups", ()) for t in g)
    nb = frozenset(t for g in b.extra.get("near_groups", ()) for t in g)
    return bool(na & nb)


def _arithmetic_relation(a: Claim, b: Claim, by_sentence: dict[tuple[str, int], list[Claim]]) -> bool:
    """Two figures whose difference is itself stated beside them (24 before + 18 launched = 42 now) are
    different facts, not a conflict."""
    if a.num is None or b.num is None or a.kind not in NUMERIC or b.kind not in NUMERIC:
        return False
    diff = abs(a.num - b.num)
    if diff == 0:
        return False
    for c in (a, b):
        for sent in (c.sent - 1, c.sent, c.sent + 1):
            for other in by_sentence.get((c.doc, sent), ()):
                if other is not a and other is not b and other.num == diff:
                    return True
    return False


def sentence_index(claims: dict[str, list[Claim]]) -> dict[tuple[str, int], list[Claim]]:
    """Numeric claims by (document, sentence)."""
    out: dict[tuple[str, int], list[Claim]] = {}
    for doc, cs in claims.items():
        for c in cs:
            if c.num is not None:
                out.setdefault((doc, c.sent), []).append(c)
    return out


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


def _weight(text: str) -> int:
    return sum(2 if "\u4e00" <= ch <= "\u9fff" else 1 for ch in text if not ch.isspace())


def _closeness(a: Claim, b: Claim) -> float:
    if a.num is not None and b.num is not None and a.num and b.num:
        return abs(math.log10(abs(float(a.num)) + 1e-9) - math.log10(abs(float(b.num)) + 1e-9))
    return abs(a.start - b.start) / 1e6


def _trivial(c: Claim) -> bool:
    """Figures too small to be reported missing: 'one of', 两省 (both provinces), 1美元 (per dollar)."""
    return c.num is not None and c.num <= 2 and c.kind in ("count", "money", "number")


_ORDINAL_WORDS = {w: n for n, w in enumerate("zeroth first second third fourth fifth sixth seventh eighth ninth tenth "
                                              "eleventh twelfth".split())}


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


def _mentioned(c: Claim, texts: list[str], num: Decimal | int | None = None) -> bool:
    """Is the claim's number (or `num`) written anywhere in these texts, in any form (8, eight, eighth, 8th)?"""
    from .extract.quantities import _en_word_numbers, _number_tokens

    if num is not None:
        c = Claim(doc=c.doc, lang=c.lang, kind="number", start=c.start, end=c.end, text=c.text, value=str(num),
                  num=Decimal(num))
    if c.num is None:
        return False
    wanted = {c.num}
    if c.scale_word or c.kind == "money":
        # 1,100万 may appear as 11 million: compare leading digits too
        wanted.add(Decimal(str(c.num)).normalize())
    for text in texts:
        folded = fold_width(text)
        for tok in _number_tokens(folded):
            if tok[2] in wanted or _same_digits(tok[2], c.num):
                return True
        for tok in _en_word_numbers(folded):
            if tok[2] in wanted:
                return True
        for w in re.findall(r"[A-Za-z]+", folded.lower()):
            if w in _ORDINAL_WORDS and Decimal(_ORDINAL_WORDS[w]) == c.num:
                return True
    return False


def _same_digits(x: Decimal, y: Decimal) -> bool:
    """1.1 (million) and 1,100万: the same significant digits at another scale."""
    dx = format(x.normalize(), "f").replace(".", "").strip("0")
    dy = format(y.normalize(), "f").replace(".", "").strip("0")
    return bool(dx) and dx == dy


def _blocks(c: Claim) -> list[str]:
    if c.extra.get("article"):
        return []  # 一个/一种: an indefinite article read as a count, never compared
    if c.kind == "money":
        out = [f"money:{c.unit}"]
        if c.num is not None:
            out.append(f"money-num:{c.num.normalize()}")
        return out
    if c.kind == "percent":
        return ["percent"]
    if c.kind in ("count", "number"):
        return ["count"] if c.kind == "count" or (c.num is not None and c.num >= 10) else []
    if c.kind == "measure":
        return [f"measure:{c.dimension}"]
    if c.kind == "date":
        return ["date"] if c.date_parts[0] is not None or c.date_parts[1] is not None else []
    if c.kind == "identifier":
        return ["identifier"]
    return []


def _subject_terms(c: Claim) -> set[str]:
    terms = set(c.terms)
    if c.noun and c.kind == "count":
        terms |= {"noun:" + w for w in c.noun.split()}
    return terms


def _nouns_match(a: Claim, b: Claim) -> bool:
    if not a.noun or not b.noun:
        return False
    wa, wb = set(a.noun.split()), set(b.noun.split())
    return bool(wa & wb)


class Idf(dict):
    """Inverse document frequency of terms (over the corpus's sentences), with the weight of each
    word group (its best-weighted gloss) cached for the run."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups: dict[frozenset[str], float] = {}
        self.features: dict[int, tuple] = {}


def _group_weight(g: frozenset[str], idf: dict[str, float]) -> float:
    cache = getattr(idf, "groups", None)
    if cache is not None and g in cache:
        return cache[g]
    w = max((idf.get(t, 1.0) for t in g), default=0.0)
    if cache is not None:
        cache[g] = w
    return w


_CALENDAR = frozenset("january february march april may june july august september october november december "
                      "monday tuesday wednesday thursday friday saturday sunday".split())
CLAUSE_WEIGHT = 2.0
NEAR_WEIGHT = 2.0
_MONTH_NAMES = ("january february march april may june july august september october november december").split()
_DAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday".split()


def _calendar_terms(c: Claim) -> frozenset[str]:
    """The month and weekday names a date claim states: its value, which says nothing of its subject."""
    out = set()
    if c.date_parts[1]:
        out.add(_MONTH_NAMES[c.date_parts[1] - 1])
    if c.weekday is not None:
        out.add(_DAY_NAMES[c.weekday])
    return frozenset(out)


def _weighted(groups, idf) -> tuple[tuple[tuple[frozenset[str], float], ...], float, frozenset[str]]:
    """Distinct word groups with their weights, their total, and all their terms."""
    uniq = tuple((g, _group_weight(g, idf)) for g in dict.fromkeys(groups))
    return uniq, sum(w for _, w in uniq), frozenset(t for g, _ in uniq for t in g)


def _features(c: Claim, idf, drop: frozenset[str] = frozenset()):
    """(sentence, clause, near) weighted groups of a claim, cached per run unless terms are dropped."""
    cache = getattr(idf, "features", None)
    key = (id(c), drop)
    if cache is not None and key in cache:
        return cache[key]
    parts = []
    for name in ("groups", "clause_groups", "near_groups"):
        groups = c.extra.get(name, ())
        if drop:
            groups = tuple(g for g in groups if not g <= drop)
        parts.append(_weighted(groups, idf))
    out = tuple(parts)
    if cache is not None:
        cache[key] = out
    return out


def _hit(weighted, other_terms: frozenset[str]) -> float:
    return sum(w for g, w in weighted if not g.isdisjoint(other_terms))


def _similarity(a: Claim, b: Claim, idf: dict[str, float]) -> float:
    """Dice-style overlap of the two claims' words (Chinese words through their English glosses),
    IDF-weighted; the clause holding a figure and the words right around it count double, since
    they name its subject. Comparing two dates, their own month and weekday names are their
    values, not their subject, and are left out."""
    drop = _calendar_terms(a) | _calendar_terms(b) if a.kind == "date" and b.kind == "date" else frozenset()
    (sa, ta, terms_a), (ca, tca, cterms_a), (na, tna, nterms_a) = _features(a, idf, drop)
    (sb, tb, terms_b), (cb, tcb, cterms_b), (nb, tnb, nterms_b) = _features(b, idf, drop)
    num = (_hit(sa, terms_b) + _hit(sb, terms_a)
           + CLAUSE_WEIGHT * (_hit(ca, cterms_b) + _hit(cb, cterms_a))
           + NEAR_WEIGHT * (_hit(na, nterms_b | cterms_b) + _hit(nb, nterms_a | cterms_a)))
    den = ta + tb + CLAUSE_WEIGHT * (tca + tcb) + NEAR_WEIGHT * (tna + tnb)
    sim = num / den if den else 0.0
    if a.kind == "count" and b.kind == "count" and _nouns_match(a, b):
        sim = min(1.0, sim + 0.1)
    return sim


def _affinity_key(c: Claim) -> tuple:
    """What _affinity compares of a claim, computed once: (is a date, date parts, value, significant
    digits as written, those digits sorted)."""
    digits = "".join(ch for ch in (c.figure or "") if ch.isdigit()).strip("0")
    return (c.kind == "date", c.date_parts, c.num, digits, "".join(sorted(digits)))


def _affinity_of(ka: tuple, kb: tuple, agreeing: bool) -> float:
    """_affinity on keys from _affinity_key (the same result, without recomputing them per pair)."""
    if agreeing:
        return 0.0
    if ka[0] and kb[0]:
        (ya, ma, da), (yb, mb, db) = ka[1], kb[1]
        if ma and mb and da and db and (ma, da) == (db, mb):
            return 1.0
        if ya and yb and ma is None and mb is None:
            return 0.5 if abs(ya - yb) == 1 else 0.0
        return 0.3 if (ma, da) == (mb, db) or (ma == mb and da and db and abs(da - db) <= 1) else 0.0
    if ka[2] is None or kb[2] is None:
        return 0.0
    if ka[3] and ka[3] == kb[3]:
        return 1.0
    if ka[3] and ka[4] == kb[4]:
        return 0.8
    if abs(ka[2] - kb[2]) == 1:
        return 0.5
    return 0.0


_CLAIM_BITS = 40              # claim numbers fit in 40 bits
PARALLEL_MIN_CLAIMS = 20000   # below this, grouping stays in one process (starting workers costs more)
_CHUNK = 512                  # claims per task when picking counterparts
_PAIR_CHUNK = 20000           # pairs per task when scoring them


class _BroadState:
    """What the broad path's workers read (inherited by forked processes, never sent to them)."""

    def __init__(self, claims, cdoc, csent, akeys, linked_to, idf, work):
        self.claims, self.cdoc, self.csent, self.akeys, self.linked_to = claims, cdoc, csent, akeys, linked_to
        self.idf, self.work = idf, work
        self.feats = _FeatureTable(idf, claims)


_STATE = None   # the state of the running _Workers (a _BroadState or _JudgeState)


def _default_jobs() -> int:
    from .parallel import default_jobs

    return default_jobs()


class _Workers:
    """Runs a task function over a list of tasks, results in task order: in this process, or over
    `jobs` forked processes that inherit the broad path's state. Either way the results are the
    same, so the findings do not depend on the number of processes."""

    def __init__(self, state: object, jobs: int):
        self.state, self.jobs, self.pool = state, jobs, None

    def __enter__(self):
        global _STATE
        _STATE = self.state
        if self.jobs > 1:
            import multiprocessing as mp
            import sys

            if "fork" in mp.get_all_start_methods() and sys.platform != "darwin":
                try:
                    self.pool = mp.get_context("fork").Pool(self.jobs)
                except OSError:
                    self.pool = None
        return self.run

    def run(self, fn, tasks: list) -> list:
        if self.pool is None or len(tasks) < 2:
            return [fn(t) for t in tasks]
        return self.pool.map(fn, tasks, chunksize=1)

    def __exit__(self, *exc) -> None:
        global _STATE
        _STATE = None
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


class _JudgeState:
    """What the judge's workers read (inherited by forked processes)."""

    def __init__(self, claims, akeys, pa, pb, ps, by_sentence):
        self.claims, self.akeys, self.pa, self.pb, self.ps, self.by_sentence = claims, akeys, pa, pb, ps, by_sentence


def _agree_chunk(task: tuple[int, int]) -> tuple[bytes, array]:
    """For pairs lo..hi: flags (1 when the values agree, 2 when they are the same value, 4 when
    their directions are opposite) and how well each pair's claims match as counterparts
    (similarity, plus a little for a value that looks like a slip of the other, to two places)."""
    lo, hi = task
    st = _STATE
    claims, pa, pb, ps, akeys = st.claims, st.pa, st.pb, st.ps, st.akeys
    out = bytearray(hi - lo)
    scores = array("d")
    for p in range(lo, hi):
        a, b = claims[pa[p]], claims[pb[p]]
        ok = agree(a, b)
        out[p - lo] = (1 if ok else 0) | (2 if ok and _same_value(a, b) else 0) \
            | (4 if a.direction and b.direction and a.direction != b.direction else 0)
        scores.append(round(ps[p] + AFFINITY_WEIGHT * _affinity_of(akeys[pa[p]], akeys[pb[p]], ok), 2))
    return bytes(out), scores


def _verdict_chunk(task: list[int]) -> list:
    """For each pair: None, or (the index of the rule in PAIR_RULES, its verdict) when a rule fires
    and the pair is similar enough for that rule off the precise path."""
    st = _STATE
    claims, pa, pb, ps, by_sentence = st.claims, st.pa, st.pb, st.ps, st.by_sentence
    out: list = []
    for p in task:
        a, b, sim = claims[pa[p]], claims[pb[p]], ps[p]
        if _arithmetic_relation(a, b, by_sentence):
            out.append(None)
            continue
        got = _first_verdict(Pair(a, b, sim, "broad"))
        if got is None:
            out.append(None)
            continue
        rule, verdict = got
        need = _broad_threshold(rule.id, verdict, a, b)
        out.append(None if need is None or sim < need else (PAIR_RULES.index(rule), verdict))
    return out


def _pick_chunk(task: tuple[int, int, int]) -> tuple[array, array]:
    """The counterparts claims lo..hi of block b pick (member numbers, in the order they are
    compared): through rare shared terms only (a term in very many claims says little), scored by
    the IDF of what they share plus how alike the values look; the best few of the best documents.
    Returned as (how many each claim picked, all of them)."""
    b, lo, hi = task
    st = _STATE
    members, index = st.work[b]
    claims, cdoc, csent, akeys, linked_to = st.claims, st.cdoc, st.csent, st.akeys, st.linked_to
    idf_get = st.idf.get
    counts, flat = array("l"), array("l")
    for i in range(lo, hi):
        ga = members[i]
        a = claims[ga]
        cand: dict[int, float] = defaultdict(float)
        for t in _subject_terms(a):
            post = index[t]
            if len(post) > MAX_POSTING:
                continue
            w = idf_get(t, 1.0)
            for j in post:
                if j != i:
                    cand[j] += w
        da, sa, ka = cdoc[ga], csent[ga], akeys[ga]
        other_sent_only = a.kind in ("count", "number")
        lk = linked_to.get(da, ())
        per_doc: dict[int, list[tuple[float, int]]] = {}
        for j, score in cand.items():
            gb = members[j]
            db = cdoc[gb]
            if db == da:
                if not other_sent_only or csent[gb] == sa:
                    continue
            elif db in lk:
                continue
            item = (-(score + 0.5 * _affinity_of(ka, akeys[gb], False)), j)
            got = per_doc.get(db)
            if got is None:
                per_doc[db] = [item]
            else:
                got.append(item)
        ranked_docs = sorted(per_doc.items(), key=lambda kv: (min(kv[1])[0], kv[0]))
        n = len(flat)
        for _, doc_cands in ranked_docs[:MAX_CANDIDATE_DOCS]:
            doc_cands.sort()
            flat.extend(j for _, j in doc_cands[:CANDIDATES_PER_DOC])
        counts.append(len(flat) - n)
    return counts, flat


def _sim_chunk(task: tuple[array, array]) -> array:
    """The similarity of each pair of claim numbers."""
    sim = _STATE.feats.similarity
    return array("d", [sim(x, y) for x, y in zip(*task)])


class _FeatureTable:
    """The weighted word groups (_weighted) of the claims of one run, for _similarity at scale.

    Claims of one sentence share its word groups, and claims of one clause its clause groups: each
    distinct tuple of groups is weighted once and the result shared by all (far less memory and
    time than one copy per claim). A feature is (groups, their weights, their total, all their
    terms, its groups made only of month and weekday names). Dates compared with dates leave out
    their own month and weekday names: a feature loses only those of its calendar groups, and is
    weighted again once per set of groups it loses."""

    def __init__(self, idf: Idf, claims: list[Claim]):
        self.idf = idf
        self.claims = claims
        self.table: dict[tuple, tuple] = {}
        self.dropped: dict[tuple[int, tuple], tuple] = {}
        self.per_claim: list[tuple | None] = [None] * len(claims)
        self.calendar: list[frozenset[str] | None] = [None] * len(claims)

    def _feature(self, groups: tuple) -> tuple:
        got = self.table.get(groups)
        if got is None:
            uniq, total, terms = _weighted(groups, self.idf)
            got = self.table[groups] = (tuple(g for g, _ in uniq), tuple(w for _, w in uniq), total, terms,
                                        tuple(g for g, _ in uniq if g <= _CALENDAR))
        return got

    def of(self, gi: int) -> tuple:
        got = self.per_claim[gi]
        if got is None:
            extra = self.claims[gi].extra
            got = self.per_claim[gi] = tuple(self._feature(tuple(extra.get(name, ())))
                                             for name in ("groups", "clause_groups", "near_groups"))
        return got

    def _drop(self, f: tuple, drop: frozenset[str]) -> tuple:
        if not f[4]:
            return f
        gone = tuple(g for g in f[4] if g <= drop)
        if not gone:
            return f
        key = (id(f), gone)
        got = self.dropped.get(key)
        if got is None:
            # _weighted of the groups that are left: the same groups, weights and sums in the same order
            keep = [k for k, g in enumerate(f[0]) if g not in gone]
            groups, weights = tuple(f[0][k] for k in keep), tuple(f[1][k] for k in keep)
            got = self.dropped[key] = (groups, weights, sum(w for w in weights),
                                       frozenset(t for g in groups for t in g), ())
        return got

    def similarity(self, x: int, y: int) -> float:
        """_similarity(claims[x], claims[y]), value for value."""
        a, b = self.claims[x], self.claims[y]
        fa, fb = self.of(x), self.of(y)
        if a.kind == "date" and b.kind == "date":
            cal = self.calendar
            if cal[x] is None:
                cal[x] = _calendar_terms(a)
            if cal[y] is None:
                cal[y] = _calendar_terms(b)
            drop = cal[x] | cal[y]
            if drop:
                fa = tuple(self._drop(f, drop) for f in fa)
                fb = tuple(self._drop(f, drop) for f in fb)
        (sa, wsa, ta, terms_a, _), (ca, wca, tca, cterms_a, _), (na, wna, tna, nterms_a, _) = fa
        (sb, wsb, tb, terms_b, _), (cb, wcb, tcb, cterms_b, _), (nb, wnb, tnb, nterms_b, _) = fb
        num = (_hit_fast(sa, wsa, terms_a, terms_b) + _hit_fast(sb, wsb, terms_b, terms_a)
               + CLAUSE_WEIGHT * (_hit_fast(ca, wca, cterms_a, cterms_b) + _hit_fast(cb, wcb, cterms_b, cterms_a))
               + NEAR_WEIGHT * (_hit_fast(na, wna, nterms_a, nterms_b | cterms_b)
                                + _hit_fast(nb, wnb, nterms_b, nterms_a | cterms_a)))
        den = ta + tb + CLAUSE_WEIGHT * (tca + tcb) + NEAR_WEIGHT * (tna + tnb)
        sim = num / den if den else 0.0
        if a.kind == "count" and b.kind == "count" and _nouns_match(a, b):
            sim = min(1.0, sim + 0.1)
        return sim


def _hit_fast(groups: tuple, weights: tuple, terms: frozenset[str], other_terms: frozenset[str]) -> float:
    """_hit of a feature's groups and weights, where `terms` are all their terms: nothing to add
    up when they have none in common with `other_terms`."""
    if terms.isdisjoint(other_terms):
        return 0
    return sum([w for g, w in zip(groups, weights) if not g.isdisjoint(other_terms)])


def _suppressed(f: Finding, docs: dict[str, Document]) -> bool:
    """An inline comment in a source turns the finding off (factcheck-disable[-next-line] [IDS])."""
    for c in f.claims[:2]:
        doc = docs.get(c.doc)
        if doc is None or not doc.suppressions:
            continue
        for line in (c.line, 0):
            rules = doc.suppressions.get(line, False)
            if rules is None or (rules and f.rule in rules):
                return True
    return False


def run_rules(extraction, config: Config) -> list[Finding]:
    docs = extraction.documents
    engine = Engine(docs, extraction.claims, config, extraction.glossary)
    linked: set[frozenset[str]] = set()
    by_name = {d.doc: d for d in docs}
    for d in docs:
        if d.translation_of and d.translation_of in by_name:
            linked.add(frozenset((d.doc, d.translation_of)))
            engine.precise(by_name[d.translation_of], d)
    engine.broad(linked)
    engine.names_broad()
    findings = [f for f in engine.findings
                if (config.rules_enabled is None or f.rule in config.rules_enabled) and f.rule not in config.rules_disabled]
    overrides = dict(config.severity_overrides)
    for f in findings:
        if f.rule in overrides:
            f.severity = overrides[f.rule]
    findings = [f for f in findings if not _suppressed(f, by_name)]
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order[f.severity], f.claims[0].doc, f.claims[0].start, f.rule, f.message))
    counts: Counter[str] = Counter()
    for f in findings:
        basis = f.rule + "|" + "|".join(sorted(f"{c.doc}:{c.text}:{c.value}" for c in f.claims[:2]))
        h = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
        counts[h] += 1
        f.id = f"{f.rule}-{h}" + (f"-{counts[h]}" if counts[h] > 1 else "")
    return findings
