"""The broad path: every claim not settled by a translation pair is linked to its likely
counterparts in other documents through an inverted index of subject terms within a
dimension block (never all pairs), scored by IDF-weighted term overlap, and judged."""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from itertools import compress
from operator import not_

from rapidfuzz import fuzz

from rules import PAIR_RULES, Pair, Verdict

from .agreement import CALENDAR_WORDS, PATTERN_RULES, agree, comparable, first_verdict, same_value
from .lexicon import MONTHS, WEEKDAYS
from .model import Claim
from .parallel import default_jobs, start_pool


NUMERIC = ("money", "count", "percent", "measure", "number")
BROAD_MIN = {"pattern": 0.16, "swap": 0.05, "FC003": 0.3, "FC003-noun": 0.08, "FC002": 0.3, "FC005": 0.3, "FC009": 0.1, "support": 0.3}
GENERIC_NOUNS = {"person", "time", "item", "", "个", "group", "kind", "piece", "case", "event", "batch"}
MAX_POSTING = 60
CANDIDATES_PER_DOC = 4
AFFINITY_WEIGHT = 0.2  # how much a typical slip (same digits, swapped day/month) counts towards being the same fact
MAX_CANDIDATE_DOCS = 24  # a fact is rarely reported by more sources than this in one corpus


class BroadPath:
    """The corpus-wide grouping methods of checker.engine.Engine."""

    def broad(self, linked: set[frozenset[str]], meanwhile: Callable[["_Workers"], None] | None = None) -> None:
        """Candidate pairs across documents, block by block (claims of one dimension), found through
        an inverted index of subject terms, scored by similarity, then judged (_judge_broad).

        Built for large corpora without changing what is compared: claims are numbered once, the
        weighted word groups of a sentence, clause or figure are computed once per run and shared
        by every claim that has them (_FeatureTable), the keys _affinity compares are computed once
        per claim, pairs live in flat arrays, a pair is never compared twice, and a pair of claims
        that no rule can compare (comparable() is false) is dropped as it is picked, since the
        judge would skip it. With --jobs N on a large corpus, picking
        counterparts and scoring pairs run over N forked processes; the results are put back in
        order, so the findings are the same whatever N is. `meanwhile` (the precise path, which
        needs nothing of this) is called with the worker runner once the pairs are being scored,
        and may give the workers more tasks; it ends before the judge starts."""
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
        with _Workers(state, self._broad_jobs(len(claims))) as run:
            # 1. the counterparts each claim picks (independent of one another: over processes)
            tasks = [(b, lo, min(lo + _CHUNK, len(members))) for b, (members, _) in enumerate(work)
                     for lo in range(0, len(members), _CHUNK)]
            picked = iter(run(_pick_chunk, tasks))
            blocks_members = [members for members, _ in work]
            del work, blocks   # the inverted indexes are done with
            index = state.work = None
            # 2. in order, each pair once (only pairs a rule can compare were picked)
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
                        pa.append(x)
                        pb.append(y)
                del picks, chosen
            del seen_multi
            # 3. their similarity (over processes; the precise path here in the meantime)
            ps = array("d")
            scored = run.imap(_sim_chunk, [(pa[lo:lo + _PAIR_CHUNK], pb[lo:lo + _PAIR_CHUNK])
                                           for lo in range(0, len(pa), _PAIR_CHUNK)])
            if meanwhile is not None:
                meanwhile(run)
            for got in scored:
                ps.extend(got)
        del state, blocks_members
        self._judge_broad((claims, cdoc, akeys, pa, pb, ps))

    def _broad_jobs(self, n_claims: int) -> int:
        """Processes for the broad path: --jobs (all cores by default) from PARALLEL_MIN_CLAIMS on."""
        if n_claims < PARALLEL_MIN_CLAIMS:
            return 1
        return self.config.jobs if self.config.jobs > 0 else default_jobs()

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
        judged = array("l")
        state = _JudgeState(claims, akeys, kid, cdoc, pa, pb, ps, sentence_index(self.claims))
        with _Workers(state, self._broad_jobs(len(claims))) as run:
            # the per-pair work over processes (_agree_chunk); here only what needs every chunk,
            # in chunk order: the first pair of the highest score stays the best, as pair by pair
            tasks = [(lo, min(lo + _PAIR_CHUNK, len(pa))) for lo in range(0, len(pa), _PAIR_CHUNK)]
            for supporting, to_judge, chunk_best in run.imap(_agree_chunk, tasks):
                for p in supporting:
                    a, b = claims[pa[p]], claims[pb[p]]
                    agree_count[a.key] += 1
                    agree_count[b.key] += 1
                    support[a.key].append(b)
                    support[b.key].append(a)
                judged.extend(to_judge)
                if not best:
                    best = chunk_best
                    continue
                for k, got in chunk_best.items():
                    cur = best.get(k)
                    if cur is None or got >> _CLAIM_BITS > cur >> _CLAIM_BITS:
                        best[k] = got
            # pairs in order of similarity, then of their claims' keys
            rank = {k: r for r, k in enumerate(sorted(key_id))}
            krank = [rank[c.key] for c in claims]
            del rank
            # within one document a fact is often repeated, so 'closest counterpart' means nothing there;
            # same-document pairs face the stricter same-document thresholds instead (kept before
            # sorting: the filter keeps the order it is given, and leaves fewer pairs to sort)
            mask = (1 << _CLAIM_BITS) - 1
            judged = [p for p in judged if cdoc[pa[p]] == cdoc[pb[p]]
                      or (best[kid[pa[p]] * n_docs + cdoc[pb[p]]] & mask == pb[p]
                          and best[kid[pb[p]] * n_docs + cdoc[pa[p]]] & mask == pa[p])]
            judged.sort(key=lambda p: (-ps[p], krank[pa[p]], krank[pb[p]]))
            del best
            krank.clear()
            verdicts = (v for got in run.imap(_verdict_chunk, [judged[lo:lo + _PAIR_CHUNK // 4]
                                                               for lo in range(0, len(judged), _PAIR_CHUNK // 4)])
                        for v in got)   # emitted in order as the workers return them
            self._emit_broad(claims, pa, pb, ps, judged, verdicts, agree_count, support)

    def _emit_broad(self, claims, pa, pb, ps, judged, verdicts, agree_count, support) -> None:
        """The findings of the judged pairs whose verdict (in the same order) is not None."""
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


def _may_need_nothing(a: Claim, b: Claim) -> bool:
    """Whether _broad_threshold can ask less than min(BROAD_MIN) of this pair: only its thresholds
    of 0.0 (a count of one document off by one; two launch designators). Keep in step with it."""
    return a.doc == b.doc or (a.unit == "designator" and b.unit == "designator")


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
    if diff == 0 or a.extra.get("tally") or b.extra.get("tally"):
        return False  # a tally (a 5-2 vote) states the whole split: another count of the votes is no part of it
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


CLAUSE_WEIGHT = 2.0
NEAR_WEIGHT = 2.0


def _calendar_terms(c: Claim) -> frozenset[str]:
    """The month and weekday names a date claim states: its value, which says nothing of its subject."""
    out = set()
    if c.date_parts[1]:
        out.add(MONTHS[c.date_parts[1] - 1])
    if c.weekday is not None:
        out.add(WEEKDAYS[c.weekday])
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
        self.affinity = _AffinityMemo(akeys)


_STATE = None   # the state of the running _Workers (a _BroadState or _JudgeState)




class _Workers:
    """Runs a task function over a list of tasks, results in task order: in this process, or over
    `jobs` forked processes that inherit the broad path's state. Either way the results are the
    same, so the findings do not depend on the number of processes."""

    def __init__(self, state: object, jobs: int):
        self.state, self.jobs, self.pool = state, jobs, None

    def __enter__(self) -> "_Workers":
        global _STATE
        _STATE = self.state
        if self.jobs > 1:
            import multiprocessing as mp
            import sys

            if "fork" in mp.get_all_start_methods() and sys.platform != "darwin":
                try:
                    self.pool = start_pool(mp.get_context("fork"), self.jobs)
                except OSError:
                    self.pool = None
        return self

    def run(self, fn, tasks: list) -> list:
        if self.pool is None or len(tasks) < 2:
            return [fn(t) for t in tasks]
        return self.pool.map(fn, tasks, chunksize=1)

    __call__ = run

    @property
    def parallel(self) -> bool:
        return self.pool is not None

    def imap(self, fn, tasks: list) -> Iterator:
        """The results one by one in task order, as they come: the workers start on all the tasks at
        once while this process goes on with other work (in one process: each computed when it is
        taken, so that no more than one is held at a time; the task functions are pure, so the
        results are the same). Only for results this process takes while it waits or does little:
        large results sent to a process busy computing wait for it to let go of the GIL, and the
        workers for them."""
        if self.pool is None or len(tasks) < 2:
            return map(fn, tasks)
        return self.pool.imap(fn, tasks, chunksize=1)

    def __exit__(self, *exc) -> None:
        global _STATE
        _STATE = None
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


class _JudgeState:
    """What the judge's workers read (inherited by forked processes)."""

    def __init__(self, claims, akeys, kid, cdoc, pa, pb, ps, by_sentence):
        self.claims, self.akeys, self.pa, self.pb, self.ps, self.by_sentence = claims, akeys, pa, pb, ps, by_sentence
        self.kid, self.cdoc, self.n_docs = kid, cdoc, max(cdoc, default=0) + 1


def _agree_chunk(task: tuple[int, int]) -> tuple[array, array, dict[int, int]]:
    """For pairs lo..hi, what _judge_broad needs of them, all of it from pairs in order:
    - the pairs that support a majority: their values agree, and are the same stated value, not
      merely compatible intervals ('up to 2,300' is compatible with 1,500 but does not say it),
      and their claims are similar enough;
    - the pairs to judge: their values disagree, or their directions are opposite;
    - the best counterpart of each claim key in each other document among these pairs, keyed and
      valued as _judge_broad's `best`: how well the two claims match as counterparts (similarity,
      plus a little for a value that looks like a slip of the other, to two places, then whether
      the values agree), the first pair of the highest score kept."""
    lo, hi = task
    st = _STATE
    claims, pa, pb, ps, akeys, kid, cdoc, n_docs = st.claims, st.pa, st.pb, st.ps, st.akeys, st.kid, st.cdoc, st.n_docs
    support_min = BROAD_MIN["support"]
    support, judged = array("l"), array("l")
    best: dict[int, int] = {}
    for p in range(lo, hi):
        ga, gb = pa[p], pb[p]
        a, b = claims[ga], claims[gb]
        ok = agree(a, b)
        if ok and ps[p] >= support_min and same_value(a, b):
            support.append(p)
        if not ok or (a.direction and b.direction and a.direction != b.direction):
            judged.append(p)
        score = round(ps[p] + AFFINITY_WEIGHT * _affinity_of(akeys[ga], akeys[gb], ok), 2)
        score = (round(score * 100) * 2 + (1 if ok else 0)) << _CLAIM_BITS
        for k, y in ((kid[ga] * n_docs + cdoc[gb], gb), (kid[gb] * n_docs + cdoc[ga], ga)):
            cur = best.get(k)
            if cur is None or score > cur >> _CLAIM_BITS << _CLAIM_BITS:
                best[k] = score | y
    return support, judged, best


def _verdict_chunk(task: list[int]) -> list:
    """For each pair: None, or (the index of the rule in PAIR_RULES, its verdict) when a rule fires
    and the pair is similar enough for that rule off the precise path."""
    st = _STATE
    claims, pa, pb, ps, by_sentence = st.claims, st.pa, st.pb, st.ps, st.by_sentence
    out: list = []
    floor = min(BROAD_MIN.values())
    for p in task:
        a, b, sim = claims[pa[p]], claims[pb[p]], ps[p]
        # the tests are pure: the cheapest that can say None go first (the same outcome in any order)
        if sim < floor and not _may_need_nothing(a, b):
            out.append(None)   # below every threshold _broad_threshold can ask
            continue
        got = first_verdict(Pair(a, b, sim, "broad"))
        if got is None:
            out.append(None)
            continue
        rule, verdict = got
        need = _broad_threshold(rule.id, verdict, a, b)
        if need is None or sim < need or _arithmetic_relation(a, b, by_sentence):
            out.append(None)
            continue
        out.append((PAIR_RULES.index(rule), verdict))
    return out


class _AffinityMemo:
    """_affinity_of(akeys[x], akeys[y], False) remembered per pair of distinct keys: a corpus states
    far fewer distinct figures than it has claims, and picking counterparts asks about millions of
    pairs of claims."""

    def __init__(self, akeys: list[tuple]):
        distinct: dict[tuple, int] = {}
        self.akeys = akeys
        self.ids = [distinct.setdefault(k, len(distinct)) for k in akeys]
        self.memo: dict[int, float] = {}

    def unequal(self, x: int, y: int) -> float:
        got = self.memo[self.ids[x] << 32 | self.ids[y]] = _affinity_of(self.akeys[x], self.akeys[y], False)
        return got


def _pick_chunk(task: tuple[int, int, int]) -> tuple[array, array]:
    """The counterparts claims lo..hi of block b pick (member numbers, in the order they are
    compared): through rare shared terms only (a term in very many claims says little), scored by
    the IDF of what they share plus how alike the values look; the best few of the best documents.
    Returned as (how many each claim picked, all of them)."""
    b, lo, hi = task
    st = _STATE
    members, index = st.work[b]
    claims, cdoc, csent, linked_to = st.claims, st.cdoc, st.csent, st.linked_to
    aid, memo, affinity = st.affinity.ids, st.affinity.memo, st.affinity.unequal
    idf_get = st.idf.get
    mdoc = [cdoc[g] for g in members]   # per member: fewer lookups in the loop over candidates
    counts, flat = array("l"), array("l")
    for i in range(lo, hi):
        ga = members[i]
        a = claims[ga]
        cand: dict[int, float] = defaultdict(float)
        # terms in sorted order: the scores are float sums, and their order must not depend on the
        # hash seed (equal weights summed in another order can break a tie the other way)
        for t in sorted(_subject_terms(a)):
            post = index[t]
            if len(post) > MAX_POSTING:
                continue
            w = idf_get(t, 1.0)
            for j in post:
                cand[j] += w
        cand.pop(i, None)   # the claim itself (added with the rest: one test less per posting)
        da, sa, ia = cdoc[ga], csent[ga], aid[ga] << 32
        other_sent_only = a.kind in ("count", "number")
        lk = linked_to.get(da, ())
        per_doc: dict[int, list[tuple[float, int]]] = {}
        for j, score in cand.items():
            db = mdoc[j]
            if db == da:
                if not other_sent_only or csent[members[j]] == sa:
                    continue
            elif db in lk:
                continue
            gb = members[j]
            aff = memo.get(ia | aid[gb])
            if aff is None:
                aff = affinity(ga, gb)
            got = per_doc.get(db)
            if got is None:
                per_doc[db] = [(-(score + 0.5 * aff), j)]
            else:
                got.append((-(score + 0.5 * aff), j))
        # documents by their best candidate, then by number (as sorting on (min(items)[0], doc))
        ranked_docs = sorted([(min(items)[0], db) for db, items in per_doc.items()])
        n = len(flat)
        for _, db in ranked_docs[:MAX_CANDIDATE_DOCS]:
            doc_cands = per_doc[db]
            doc_cands.sort()
            # a pair no rule can compare would be dropped by broad() anyway (comparable() is pure and
            # symmetric, so it is dropped whichever claim picked it): dropped here, over processes
            flat.extend(j for _, j in doc_cands[:CANDIDATES_PER_DOC] if comparable(a, claims[members[j]]))
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
        self.per_pair: list[tuple | None] = [None] * len(claims)
        self.unions: dict[tuple[int, int], frozenset[str]] = {}

    def _feature(self, groups: tuple) -> tuple:
        got = self.table.get(groups)
        if got is None:
            uniq, total, terms = _weighted(groups, self.idf)
            got = self.table[groups] = (tuple(g for g, _ in uniq), tuple(w for _, w in uniq), total, terms,
                                        tuple(g for g, _ in uniq if g <= CALENDAR_WORDS))
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

    def _both(self, gi: int) -> tuple:
        """A claim's features, its kind as flags, and the terms of its clause and near groups
        together (what the other claim's near groups are matched against), computed once."""
        got = self.per_pair[gi]
        if got is None:
            fs, c = self.of(gi), self.claims[gi]
            got = self.per_pair[gi] = (fs, c.kind == "date", c.kind == "count", self._near_terms(fs))
        return got

    def _near_terms(self, fs: tuple) -> frozenset[str]:
        key = (id(fs[2]), id(fs[1]))
        got = self.unions.get(key)
        if got is None:
            got = self.unions[key] = fs[2][3] | fs[1][3]
        return got

    def similarity(self, x: int, y: int) -> float:
        """_similarity(claims[x], claims[y]), value for value: the same weights added in the same
        order (the _hit_fast sums written out, since this runs for every candidate pair)."""
        fa, date_a, count_a, around_a = self._both(x)
        fb, date_b, count_b, around_b = self._both(y)
        if date_a and date_b:
            cal = self.calendar
            if cal[x] is None:
                cal[x] = _calendar_terms(self.claims[x])
            if cal[y] is None:
                cal[y] = _calendar_terms(self.claims[y])
            drop = cal[x] | cal[y]
            if drop:
                fa = tuple(self._drop(f, drop) for f in fa)
                fb = tuple(self._drop(f, drop) for f in fb)
                around_a, around_b = self._near_terms(fa), self._near_terms(fb)
        (sa, wsa, ta, terms_a, _), (ca, wca, tca, cterms_a, _), (na, wna, tna, nterms_a, _) = fa
        (sb, wsb, tb, terms_b, _), (cb, wcb, tcb, cterms_b, _), (nb, wnb, tnb, nterms_b, _) = fb
        # _hit_fast(sa, wsa, terms_a, terms_b) + _hit_fast(sb, wsb, terms_b, terms_a): both 0 when
        # the terms are disjoint
        if terms_a.isdisjoint(terms_b):
            s = 0
        else:
            s = sum(compress(wsa, map(not_, map(terms_b.isdisjoint, sa)))) \
                + sum(compress(wsb, map(not_, map(terms_a.isdisjoint, sb))))
        if cterms_a.isdisjoint(cterms_b):
            c = 0
        else:
            c = sum(compress(wca, map(not_, map(cterms_b.isdisjoint, ca)))) \
                + sum(compress(wcb, map(not_, map(cterms_a.isdisjoint, cb))))
        # the near groups of each against the clause and near terms of the other
        n1 = 0 if nterms_a.isdisjoint(around_b) else sum(compress(wna, map(not_, map(around_b.isdisjoint, na))))
        n2 = 0 if nterms_b.isdisjoint(around_a) else sum(compress(wnb, map(not_, map(around_a.isdisjoint, nb))))
        num = s + CLAUSE_WEIGHT * c + NEAR_WEIGHT * (n1 + n2)
        den = ta + tb + CLAUSE_WEIGHT * (tca + tcb) + NEAR_WEIGHT * (tna + tnb)
        sim = num / den if den else 0.0
        if count_a and count_b and _nouns_match(self.claims[x], self.claims[y]):
            sim = min(1.0, sim + 0.1)
        return sim
