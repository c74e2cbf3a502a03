"""The broad path: every claim not settled by a translation pair is linked to its likely
counterparts in other documents through an inverted index of subject terms within a
dimension block (never all pairs), scored by IDF-weighted term overlap, and judged."""

from __future__ import annotations

import datetime
import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import compress
from operator import not_
from types import SimpleNamespace

import numpy as np
from rapidfuzz import fuzz

from rules import PAIR_RULES, Pair, Verdict
from rules.base import weekday_only
from rules.fc002_date_conflict import clock_in_utc
from rules.fc004_digit_transposition import _digits as _fc004_digits
from rules.fc010_name_variant import spelling, unaccented, zh_variant, zh_variant_keys

from .agreement import CALENDAR_WORDS, PATTERN_RULES, agree, change_direction, comparable, nouns_match, same_value
from .candidates import (AffinityTable, BlockIndex, PickContext, TermTable, _affinity_key, _LaterKeys,
                         first_of_repeats, pairs_of_block, pick)
from .extract.names import ZH_TITLES
from .lexicon import MONTHS, WEEKDAYS, en_terms
from .model import Claim
from .parallel import default_jobs, start_pool
from .resources import load


NUMERIC = ("money", "count", "percent", "measure", "number")
BROAD_MIN = {"pattern": 0.16, "pattern-same-doc": 0.5, "swap": 0.05, "FC003": 0.3, "FC003-noun": 0.08, "FC002": 0.3, "FC005": 0.3, "FC009": 0.1, "support": 0.3}
SAME_DOC_SMALL_COUNT = 10   # below, two counts of one article that differ by one need a shared near word (_rule_threshold)
GENERIC_NOUNS = {"person", "time", "times", "item", "", "个", "group", "kind", "piece", "case", "event", "batch"}
AFFINITY_WEIGHT = 0.2  # how much a typical slip (same digits, swapped day/month) counts towards being the same fact


class BroadPath:
    """The corpus-wide grouping methods of checker.engine.Engine."""

    def broad(self, linked: set[frozenset[str]], meanwhile: Callable[["_Workers"], None] | None = None,
              before_fork: Callable[[], None] | None = None) -> None:
        """Candidate pairs across documents, block by block (claims of one dimension), found through
        an inverted index of subject terms, then judged (_judge_broad), which scores by similarity
        only the pairs its findings depend on.

        Built for large corpora without changing what is compared: claims are numbered once, each
        block's inverted index is a few flat arrays and a chunk of claims picks its counterparts at
        once over them (checker.candidates), the weighted word groups of a sentence, clause or
        figure are computed once per run and shared by every claim that has them (_FeatureTable),
        the keys _affinity compares are numbers per claim (AffinityTable), pairs live in flat
        arrays, a pair is never compared twice, and a pair of claims that no rule can compare
        (comparable() is false) is dropped as it is picked, since the judge would skip it. With
        --jobs N on a large corpus, picking counterparts, judging pairs and scoring them run over N
        forked processes; the results are put back in order, so the findings are the same whatever
        N is. `meanwhile` (the precise path, which needs nothing of this) is called with the worker
        runner once the pairs are being judged, and may give the workers more tasks; it ends before
        the judge reads its results (the findings of the precise path come first, and its aligned
        support is counted by the judge). `before_fork` is called before worker processes are
        started, if they are: what it loads, they inherit."""
        claims = [c for cs in self.claims.values() for c in cs]
        blocks: dict[str, list[int]] = defaultdict(list)
        n_blocks = np.zeros(len(claims), np.int8)
        for gi, c in enumerate(claims):
            for b in _blocks(c):
                blocks[b].append(gi)
                n_blocks[gi] += 1
        # each claim's terms (Claim.terms), made once per tuple of sentence groups (claims of one
        # sentence share it) and only while the inverted indexes are built
        sentence_terms = _SentenceTerms()
        # IDF over sentences of the corpus
        df: Counter[str] = Counter()
        n_sent = 0
        for cs in self.claims.values():
            seen_s: set[int] = set()
            for c in cs:
                if c.sent not in seen_s:
                    seen_s.add(c.sent)
                    n_sent += 1
                    df.update(sentence_terms(c))
        idf = Idf({t: math.log((n_sent + 1) / (n + 0.5)) for t, n in df.items()})
        del df
        # documents numbered in name order: comparing numbers is comparing names
        doc_id = {d: k for k, d in enumerate(sorted({c.doc for c in claims}))}
        cdoc = [doc_id[c.doc] for c in claims]
        linked_to: dict[int, set[int]] = defaultdict(set)
        for link in linked:
            ids = [doc_id[d] for d in link if d in doc_id]
            if len(ids) == 2:
                linked_to[ids[0]].add(ids[1])
                linked_to[ids[1]].add(ids[0])
        affinity = AffinityTable([_affinity_key(c) for c in claims], _LaterKeys(claims))
        # the inverted index of each block with two members or more, as arrays (checker.candidates)
        none: frozenset[str] = frozenset()
        subject = [none] * len(claims)
        # one set per distinct sentence terms and noun, shared by the claims that have them, not a
        # copy per claim
        shared: dict[tuple[frozenset[str], str], frozenset[str]] = {}
        for members in blocks.values():
            if len(members) > 1:
                for gi in members:
                    c = claims[gi]
                    key = (sentence_terms(c), c.noun if c.kind == "count" else "")
                    got = shared.get(key)
                    if got is None:
                        got = shared[key] = _subject_terms(c, key[0])
                    subject[gi] = got
        del shared, sentence_terms
        terms = TermTable(subject, idf)
        del subject
        work: list[BlockIndex] = []
        check: list[bool] = []   # blocks with members some rule cannot compare
        for bkey, members in sorted(blocks.items()):
            if len(members) < 2:
                continue
            work.append(BlockIndex(np.array(members, dtype=np.int64), terms))
            check.append(not _all_comparable({claims[g].kind for g in members},
                                             {claims[g].dimension for g in members}))
        del terms, blocks
        context = PickContext(cdoc, [c.sent for c in claims], [c.kind in ("count", "number") for c in claims],
                              linked_to, affinity)
        state = _BroadState(claims, context, idf, work, check, sentence_index(self.claims))
        with _Workers(state, self._broad_jobs(len(claims)), before_fork) as run:
            # 1. the counterparts each claim picks (independent of one another: over processes)
            tasks = [(b, lo, min(lo + _CHUNK, len(block.members))) for b, block in enumerate(work)
                     for lo in range(0, len(block.members), _CHUNK)]
            picked = iter(run(_pick_chunk, tasks))
            blocks_members = [block.members for block in work]
            del work   # the inverted indexes are done with
            state.work = None
            # 2. in order, each pair once (only pairs a rule can compare were picked)
            xs, ys = [], []
            for members in blocks_members:
                counts, flat, done = [], [], 0
                while done < len(members):
                    got = next(picked)
                    counts.append(got[0])
                    flat.append(got[1])
                    done += len(got[0])
                x, y = pairs_of_block(np.concatenate(counts), np.concatenate(flat), members)
                xs.append(x)
                ys.append(y)
            del picked, blocks_members
            x = np.concatenate(xs) if xs else np.zeros(0, np.int64)
            y = np.concatenate(ys) if ys else np.zeros(0, np.int64)
            del xs, ys
            # a pair of claims that share more than one block is compared once, where first met
            keep = first_of_repeats(x, y, (n_blocks[x] > 1) & (n_blocks[y] > 1))
            pa, pb = array("q", x[keep].tobytes()), array("q", y[keep].tobytes())
            del x, y, keep, n_blocks
            # 3. what the judge needs of each pair but its similarity: do its values agree, and the
            # verdict it gets if it turns out similar enough (over processes; the precise path here
            # in the meantime)
            judging = run.imap(_judge_chunk, [(pa[lo:lo + _PAIR_CHUNK], pb[lo:lo + _PAIR_CHUNK])
                                              for lo in range(0, len(pa), _PAIR_CHUNK)])
            if meanwhile is not None:
                meanwhile(run)
            # 4. the similarities the findings depend on, and the findings
            self._judge_broad((claims, cdoc, affinity, pa, pb), judging, run)

    def _broad_jobs(self, n_claims: int) -> int:
        """Processes for the broad path: --jobs (all cores by default) from PARALLEL_MIN_CLAIMS on."""
        if n_claims < PARALLEL_MIN_CLAIMS:
            return 1
        return self.config.jobs if self.config.jobs > 0 else default_jobs()

    def _judge_broad(self, pairs, judging: Iterator, run: "_Workers") -> None:
        """Keep mutual best matches between documents, then let pattern rules speak.

        In a corpus about one topic most figures share topic words; what makes two claims
        the same fact is that each is the other's closest counterpart in the other document.
        Generic disagreements (two unrelated figures) are not reported on this path: only
        error patterns (scale, transposition, swapped day and month, unit, direction, small
        count or identifier differences) and qualified percentages on closely matching subjects.

        `pairs` is (claims, their document numbers, their AffinityTable, and two arrays: the two
        claim numbers of each comparable pair), as broad() builds it; `judging` what _judge_chunk
        says of each chunk of them, in order; `run` the worker runner.

        A pair's finding depends on its similarity only through tests on the similarities of a
        few pairs, so only those are computed (most pairs need none; the rules never read it, see
        _verdict_of), in three steps, each pair's similarity at most once:
        1. the pairs with a verdict (_judge_chunk): whether each is similar enough for its rule;
        2. of those left between two documents, the best counterpart of each of their claims' keys
           in the other's document (mutual best): every pair with one of those (key, document) has
           its score, and it is chosen among exactly those pairs, in the same order, as if every
           pair had been scored (no other pair has that key);
        3. the pairs that support a majority (same value, similar enough) are read only for the
           claims of the findings (_emit_broad reads agree_count and support for nothing else):
           those of the agreeing pairs that have one of their keys, in order.
        The findings' pairs are then sorted as all the judged pairs were: a pair without a verdict
        emitted nothing, so the findings come in the same order. Counting, choosing and emitting
        stay in order in this process."""
        claims, cdoc, affinity, pa, pb = pairs
        xs, ys = np.frombuffer(pa, np.int64), np.frombuffer(pb, np.int64)
        n_pairs = len(xs)
        ok = np.zeros(n_pairs, bool)
        same_at, cand_at, verdicts = [], [], []
        lo = 0
        for chunk_ok, chunk_same, chunk_cand, chunk_verdicts in judging:
            ok[lo:lo + len(chunk_ok)] = chunk_ok
            same_at.append(lo + chunk_same)
            cand_at.append(lo + chunk_cand)
            verdicts.extend(chunk_verdicts)
            lo += len(chunk_ok)
        same = np.concatenate(same_at) if same_at else np.zeros(0, np.int64)
        cand = np.concatenate(cand_at) if cand_at else np.zeros(0, np.int64)
        del same_at, cand_at
        sims = _Similarities(xs, ys, run)
        # 1. similar enough for the rule that fired (_verdict_of's threshold)
        sims.need(cand)
        fires = (sims.ps[cand] >= np.array([v[2] for v in verdicts], np.float64)).tolist()
        cand = cand[np.array(fires, bool)]
        verdicts = [v for v, f in zip(verdicts, fires) if f]
        # 2. within one document a fact is often repeated, so 'closest counterpart' means nothing
        # there; same-document pairs face the stricter same-document thresholds instead; other
        # pairs are kept when each claim is the other's best counterpart in its document (the
        # first pair of the highest score, in pair order, each pair's claim before its partner).
        # Claims with one key (document, span, kind) count as one, as everywhere else
        key_id: dict[tuple, int] = {}
        kid = np.array([key_id.setdefault(c.key, len(key_id)) for c in claims], dtype=np.int64)
        cdoc_ = np.array(cdoc, dtype=np.int64)
        n_docs = int(cdoc_.max(initial=0)) + 1
        key_x, key_y = kid[xs] * n_docs + cdoc_[ys], kid[ys] * n_docs + cdoc_[xs]
        across = cdoc_[xs[cand]] != cdoc_[ys[cand]]
        keep = ~across
        keep[across] = _mutual_best(cand[across], xs, ys, key_x, key_y, sims, ok, affinity)
        judged = cand[keep]
        verdicts = [v for v, k in zip(verdicts, keep.tolist()) if k]
        del keep, key_x, key_y, cand, across
        # 3. agreeing counterparts: evidence for the majority (aligned translations' first)
        agree_count: Counter[tuple] = Counter()
        support: dict[tuple, list[Claim]] = defaultdict(list)
        for key, others in self.aligned_support.items():
            support[key].extend(others)
            agree_count[key] += len(others)
        for p in _supporting(same, judged, kid, xs, ys, sims).tolist():
            a, b = claims[pa[p]], claims[pb[p]]
            agree_count[a.key] += 1
            agree_count[b.key] += 1
            support[a.key].append(b)
            support[b.key].append(a)
        # pairs in order of similarity, then of their claims' keys (a stable sort: equal pairs keep
        # their order)
        rank = {k: r for r, k in enumerate(sorted(key_id))}
        krank = np.array([rank[c.key] for c in claims], dtype=np.int64)
        del rank
        order = np.lexsort((krank[ys[judged]], krank[xs[judged]], -sims.ps[judged])).tolist()
        self._emit_broad(claims, pa, pb, sims.ps, judged[order].tolist(), [verdicts[k] for k in order],
                         agree_count, support)

    def _emit_broad(self, claims, pa, pb, ps, judged, verdicts, agree_count, support) -> None:
        """The findings of the judged pairs, each with its verdict (in the same order)."""
        for p, got in zip(judged, verdicts):
            a, b, sim = claims[pa[p]], claims[pb[p]], float(ps[p])
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
            if got[0] == _FC002 and _both_years_stated(a, b, support):
                continue
            if outlier is not None and got[0] == _FC004 and any(
                    c.doc == outlier.doc and c.key != outlier.key and _nearer(keep, c, outlier) for c in support[keep.key]):
                # the outlier's own report also states the majority's figure of the same subject,
                # agreeing with it ('Hong Kong lost 1.2 percent' beside the Nikkei's 2.1 percent): it
                # has that fact right, so its figure of the same digits is another fact's (but 'killed
                # 162' stays a slip of 'killed 126' beside the report's 'injured 126')
                continue
            msg = verdict.message
            if outlier is not None:
                agreeing = len({c.doc for c in support[keep.key]} | {keep.doc})
                msg += f"; {outlier.doc} is the outlier ({agreeing} source(s) agree with {keep.text})"
            self.emit(rule, Verdict(msg, conf, verdict.severity), cited, "broad", outlier=outlier, similarity=sim)

    def names_broad(self) -> None:
        """FC010 between names of any documents: one name spelled two ways (Shin Hyun-woo / Shin
        Hyun-soo; 古特雷斯 / 古特斯雷)."""
        latin: dict[str, list[Claim]] = defaultdict(list)
        chinese: dict[str, list[Claim]] = defaultdict(list)
        for cs in self.claims.values():
            for c in cs:
                if c.kind != "name" or c.extra.get("entity"):
                    continue
                if unaccented(c.value).isascii():
                    latin[c.value].append(c)   # names in Latin letters, accented ones too (António)
                elif all("\u4e00" <= ch <= "\u9fff" or ch == "·" for ch in c.value):
                    chinese[c.value].append(c)
        rule = next(r for r in PAIR_RULES if r.id == "FC010")
        self._latin_variants(latin, rule)
        self._chinese_variants(chinese, rule)

    def _latin_variants(self, occurrences: dict[str, list[Claim]], rule) -> None:
        names = sorted(occurrences)
        plain = {x: unaccented(x).lower() for x in names}   # António Guterrez / Antonio Guterres: one letter apart
        # only names of as many words that share their first or their last word are compared:
        # look those up instead of trying every pair (the number of names grows with the corpus)
        by_first: dict[tuple[str, int], list[int]] = defaultdict(list)
        by_last: dict[tuple[str, int], list[int]] = defaultdict(list)
        for i, x in enumerate(names):
            words = plain[x].split()
            if len(x) >= 5 and words:
                by_first[(words[0], len(words))].append(i)
                by_last[(words[-1], len(words))].append(i)
        read = self._read_from_chinese()
        for i, x in enumerate(names):
            words = plain[x].split()
            if len(x) < 5 or not words:
                continue
            others = {j for j in by_first[(words[0], len(words))] if j > i}
            others.update(j for j in by_last[(words[-1], len(words))] if j > i)
            for j in sorted(others):
                y = names[j]
                if spelling(x) == spelling(y):
                    continue   # two correct spellings of one name (Lu Daliang, Lv Daliang)
                score = fuzz.ratio(plain[x], plain[y])
                if score < _READ_VARIANT_MIN:
                    continue
                read_x, read_y = read(x), read(y)
                if read_x and read_y:
                    continue   # two people the Chinese text writes (陈国富, 陈国华: Chen Guofu, Chen Guohua)
                if score >= 84 or read_x != read_y:
                    self._emit_variant(rule, x, y, occurrences, round(score / 100 * 0.9, 2), "the same name spelled differently")

    def _chinese_variants(self, occurrences: dict[str, list[Claim]], rule) -> None:
        """Chinese names of as many characters, two of them swapped or one replaced by one that
        sounds like it (rules.fc010_name_variant.zh_variant), found through the keys they share
        (zh_variant_keys). A name of three characters or fewer is a Chinese name more often than a
        transliteration, and many people's names differ so (陈建国, 程建国): it is compared only
        with one that follows the same title (首席预报员林振华, 首席预报员林正华)."""
        names = sorted(x for x in occurrences if len(x.replace("·", "")) >= 3)
        by_key: dict[tuple, list[int]] = defaultdict(list)
        for i, x in enumerate(names):
            for key in zh_variant_keys(x):
                by_key[key].append(i)
        titles: dict[str, set[str]] = {}
        for i, x in enumerate(names):
            others = sorted({j for key in zh_variant_keys(x) for j in by_key[key] if j > i})
            for j in others:
                y = names[j]
                how = zh_variant(x, y)
                if not how:
                    continue
                if "·" not in x and len(x) <= 3 and not (self._titles_before(x, occurrences, titles)
                                        & self._titles_before(y, occurrences, titles)):
                    continue
                what = "two characters swapped" if how == "transposed" else "a character replaced by one that sounds alike"
                self._emit_variant(rule, x, y, occurrences, 0.7, f"the same name written with {what}")

    def _read_from_chinese(self) -> Callable[[str], bool]:
        """Whether a name in Latin letters romanizes, syllable after syllable, characters a Chinese
        document of the corpus writes in a row (Chen Guofu from 陈国富; not Chen Guofeng): two
        names it reads both are two people (陈国富 and 陈国华), one it reads and one it does not may
        be one name misspelled. Remembered per name, the Chinese texts joined when first asked."""
        from .lexicon import pinyin_explains

        memo: dict[str, bool] = {}
        texts: list[str] = []

        def read(name: str) -> bool:
            got = memo.get(name)
            if got is None:
                if not texts:
                    texts.append("\n".join(d.text for d in self.docs.values() if d.lang == "zh"))
                got = memo[name] = bool(texts[0]) and pinyin_explains(name.replace(" ", ""), texts[0])
            return got
        return read

    def _titles_before(self, name: str, occurrences: dict[str, list[Claim]], memo: dict[str, set[str]]) -> set[str]:
        """The titles written right before the name's mentions (秘书长古特雷斯: 秘书长)."""
        got = memo.get(name)
        if got is None:
            got = memo[name] = set()
            for c in occurrences[name]:
                doc = self.docs.get(c.doc)
                text = doc.text if doc is not None else ""
                got.update(t for t in ZH_TITLES if text.endswith(t, 0, c.start))
        return got

    def _emit_variant(self, rule, x: str, y: str, occurrences: dict[str, list[Claim]], confidence: float, why: str) -> None:
        """One name written two ways: the form fewer documents write (or the one the glossary does
        not give) is the outlier."""
        docs_x = {c.doc for c in occurrences[x]}
        docs_y = {c.doc for c in occurrences[y]}
        odd, common = (y, x) if len(docs_x) >= len(docs_y) else (x, y)
        if occurrences[x][0].extra.get("glossary"):
            odd, common = y, x
        elif occurrences[y][0].extra.get("glossary"):
            odd, common = x, y
        a, b = occurrences[common][0], occurrences[odd][0]
        v = Verdict(f"{b.text} vs {a.text}: {why}", confidence)
        self.emit(rule, v, [a, b], "broad", outlier=b if len(docs_x) != len(docs_y) else None)


# two Latin names this alike (fuzz.ratio), under the 84 that suffices alone, are one name spelled two
# ways when the Chinese documents give the reading of one and not of the other (陈国富: Chen Guofu,
# not Chen Guofeng)
_READ_VARIANT_MIN = 80


def _broad_threshold(rule_id: str, verdict: Verdict, a: Claim, b: Claim) -> float | None:
    """The similarity a broad pair needs for this rule, or None when the rule does not apply off the
    precise path: never to figures whose nearby words contrast them (_contrasted), asked last since
    most pairs the judge asks about fail the rule's own tests first."""
    need = _rule_threshold(rule_id, verdict, a, b)
    return None if need is None or _contrasted(a, b) else need


def _transposed_code(x: str, y: str) -> bool:
    """Two codes of the same letters whose digits (three or more) are the same in another order."""
    dx, dy = "".join(ch for ch in x if ch.isdigit()), "".join(ch for ch in y if ch.isdigit())
    return x != y and len(dx) >= 3 and sorted(dx) == sorted(dy) \
        and "".join(ch for ch in x if not ch.isdigit()) == "".join(ch for ch in y if not ch.isdigit())


def _rule_threshold(rule_id: str, verdict: Verdict | None, a: Claim, b: Claim) -> float | None:
    """_broad_threshold, less the test for contrasted figures."""
    if rule_id == "FC008" and a.kind == "money":
        return BROAD_MIN["swap"]  # the very same amount in another currency is no coincidence
    if rule_id in PATTERN_RULES or rule_id == "FC010":
        # one article states many figures of one kind (all trips, then air trips): within it a slip
        # repeats its subject more closely than across reports
        return BROAD_MIN["pattern-same-doc"] if a.doc == b.doc and rule_id != "FC010" else BROAD_MIN["pattern"]
    if rule_id == "FC002":
        if "swapped" in verdict.message:
            return BROAD_MIN["swap"]
        (ya, ma, da), (yb, mb, db) = a.date_parts, b.date_parts
        if ma is None and mb is None and ya and yb and abs(ya - yb) == 1 and a.extra.get("part") == b.extra.get("part"):
            return BROAD_MIN["FC002"]  # year-only off by one: 2027 vs 2028 (or one quarter of each)
        if a.weekday is not None and b.weekday is not None and a.time and b.time and a.tz and b.tz:
            return BROAD_MIN["FC002"]  # same clock time, weekday resolved differently
        if _one_day_apart(a, b):
            # one event's day, a day off in another report (debut on Sept. 13 / September 14): the
            # words right around both dates must meet, as the many dates of a story differ by a day
            return BROAD_MIN["FC002"] if _near_overlap(a, b) else None
        if _weekday_day_off(a, b):
            # 'opened on Friday' in one report, 12月25日 (a Thursday) in another: the weekday, read
            # against its report's date, names the day after or before; the words around both must
            # meet, as for two full dates a day apart
            return BROAD_MIN["FC002"] if _near_overlap(a, b) else None
        if _one_year_apart(a, b):
            # one event's month with its year slipped (2020年12月开工 / 'construction started in
            # December 2021'): a slip of one digit, as the pattern rules' (the same month a year
            # apart is rarer in one story than a day apart), and the words around both must meet
            return BROAD_MIN["pattern"] if _near_overlap(a, b) else None
        if a.time == b.time and a.tz != b.tz and clock_in_utc(a) is not None and clock_in_utc(b) is not None:
            # the same clock time labelled with another zone (15:42 UTC / 北京时间15时42分), said of
            # one subject: many events share a clock time (markets open at 9:30 in every zone)
            return BROAD_MIN["pattern"] if _near_overlap(a, b) else None
        return None
    if rule_id == "FC003":
        if not nouns_match(a, b):
            return None
        noun = set(a.noun.split()) & set(b.noun.split())
        specific = bool(noun - GENERIC_NOUNS)
        if a.doc == b.doc:
            # one article restating a count differently (56 countries, later 55 partner countries);
            # small counts of one noun in two sentences are most often two holders' (Pan won five
            # golds, Zhang collected four): those must share a word right around the figure
            small = min(abs(a.num or 0), abs(b.num or 0)) < SAME_DOC_SMALL_COUNT
            return 0.0 if specific and abs((a.num or 0) - (b.num or 0)) == 1 and (not small or _near_overlap(a, b)) else None
        return BROAD_MIN["FC003-noun"] if specific else BROAD_MIN["FC003"]
    if rule_id == "FC009":
        if "code" in (a.unit, b.unit):
            # model numbers differ across reports for good reasons (A320 vs A321); the same letters
            # with three digits or more in another order is one code mistyped (flight YH8127 / YH8172)
            return BROAD_MIN["FC002"] if a.unit == b.unit and _transposed_code(a.value, b.value) else None
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


def _both_years_stated(a: Claim, b: Claim, support: dict[tuple, list[Claim]]) -> bool:
    """Two years a year apart (2025年 / 今年, this 2026) where each report also states the other's
    year, agreeing with a claim of the other report: both write of last year's result and this
    year's target, so the pair joins two facts, not one fact's slipped year."""
    if a.date_parts[1] is not None or b.date_parts[1] is not None:
        return False
    return any(c.doc == b.doc for c in support[a.key]) and any(c.doc == a.doc for c in support[b.key])


def _near_terms(c: Claim) -> frozenset[str]:
    return _words_of(c.extra.get("near_groups", ()))


@lru_cache(maxsize=1 << 14)
def _words_of(groups: tuple[frozenset[str], ...]) -> frozenset[str]:
    """Every word of some word groups: made once for the claims that share them (the judge asks
    of most pairs it sees, and claims of one place share their near groups)."""
    return frozenset(t for g in groups for t in g)


def _contrasted(a: Claim, b: Claim) -> bool:
    """Whether the words near the two figures take the two sides of a subject (exports / imports,
    resources en/contrasts.toml): then they are two facts."""
    na = _near_terms(a)
    if not na & _CONTRAST_TERMS:
        return False
    nb = _near_terms(b)
    for x, y in _CONTRASTS:
        if (na & x and nb & y and not na & y and not nb & x) or (na & y and nb & x and not na & x and not nb & y):
            return True
    return False


def _contrast_sides() -> list[tuple[frozenset[str], frozenset[str]]]:
    def stems(words: list[str]) -> frozenset[str]:
        return frozenset(t for w in words for t in en_terms(w))
    return [(stems(x), stems(y)) for x, y in load("en", "contrasts")["pairs"]]


_CONTRASTS = _contrast_sides()
_CONTRAST_TERMS = frozenset().union(*(x | y for x, y in _CONTRASTS))


def _nearer(a: Claim, b: Claim, c: Claim) -> bool:
    """Does b share more of a's nearby words than c does?"""
    near = _near_terms(a)
    return len(near & _near_terms(b)) > len(near & _near_terms(c))


def _near_overlap(a: Claim, b: Claim) -> bool:
    return not _near_terms(a).isdisjoint(_near_terms(b))


def _arithmetic_relation(a: Claim, b: Claim, by_sentence: dict[tuple[str, int], list[Claim]]) -> bool:
    """Two figures whose difference is itself stated beside them (24 before + 18 launched = 42 now) are
    different facts, not a conflict; so are figures one side states beside the other's (_stated_beside)."""
    if a.kind == b.kind == "identifier":
        # two numbers of one series stated together (第一剂…第二剂, the first and second rounds)
        return _stated_beside(a, b, by_sentence, 1)
    if _stated_beside(a, b, by_sentence, 0):
        return True   # 接种率为83%，第二剂仅为74% against a report's 83%
    if a.num is None or b.num is None or a.kind not in NUMERIC or b.kind not in NUMERIC:
        return False
    diff = abs(a.num - b.num)
    if diff == 0 or a.extra.get("tally") or b.extra.get("tally"):
        return False  # a tally (a 5-2 vote) states the whole split: another count of the votes is no part of it
    # two percentages differ by percentage points (or a bare number of them: 'a gap of 9'): a change
    # in percent beside them ('advertising revenue rose 9%' beside 34% and 43%) is another fact's
    # rate, not their difference
    in_points = a.kind == b.kind == "percent"
    for c in (a, b):
        for sent in (c.sent - 1, c.sent, c.sent + 1):
            for other in by_sentence.get((c.doc, sent), ()):
                if other is not a and other is not b and other.num == diff and not other.extra.get("article") \
                        and ((other.kind == "percent" and other.unit == "pp" or other.kind == "number") if in_points
                             else _same_figure(other, c) and not (other.noun and c.noun and not nouns_match(other, c))):
                    # (an ordinal beside them, 位居第二, is no difference of two counts; nor is a figure
                    # of another kind, 约1小时 beside 4名机组人员, or an article, 一架 (a plane); nor a
                    # count of other things, 1枚金牌 beside ages 22岁 and 23)
                    return True
    return False


def _stated_beside(a: Claim, b: Claim, by_sentence: dict[tuple[str, int], list[Claim]], reach: int) -> bool:
    """Does either side's sentence (or one up to `reach` sentences away) also state the other's
    figure? Then the figure it differs from is another fact there, not a conflict (a level reached
    is the other's figure whichever way it moved: 由38岁升至39岁 beside 降至39岁; so is a change in
    percent stated the other way: '60 percent more than the norm' beside a report's '60% below
    normal' is that figure flipped, and the sentence's 'more than 70 percent below normal in
    Zhumadian' is another place's). Dates too, by
    their value, clock time and zone: '2023-2025 Ridge SUVs and 2024-2025 Arc sedans' states both
    model years, but 'on Wednesday (1847 GMT Tuesday)' states no 18:47 UTC on Wednesday."""
    for c, other in ((a, b), (b, a)):
        for sent in range(c.sent - reach, c.sent + reach + 1):
            for x in by_sentence.get((c.doc, sent), ()):
                if x is not c and _same_figure(x, other) and x.num == other.num \
                        and (x.direction == other.direction or x.extra.get("level") and other.extra.get("level")
                             or other.kind == "percent" and x.direction and other.direction) \
                        and (x.num is not None or (x.value, x.time, x.tz) == (other.value, other.time, other.tz)):
                    return True
    return False


def _same_figure(x: Claim, y: Claim) -> bool:
    """Of one kind and unit, or a count and a bare number of it ('Sydney … 5.6 million residents,
    ahead of Melbourne with 5.5 million' states a report's '5.5 million residents')."""
    return x.kind == y.kind and x.unit == y.unit or {x.kind, y.kind} == {"count", "number"}


def sentence_index(claims: dict[str, list[Claim]]) -> dict[tuple[str, int], list[Claim]]:
    """Numeric and date claims by (document, sentence)."""
    out: dict[tuple[str, int], list[Claim]] = {}
    for doc, cs in claims.items():
        for c in cs:
            if c.num is not None or c.kind == "date":
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
        # a clock time alone is compared only in a named zone (15:42 UTC, 北京时间15时42分)
        return ["date"] if c.date_parts[0] is not None or c.date_parts[1] is not None \
            or c.time and c.tz and c.tz != "local" else []
    if c.kind == "identifier":
        return ["identifier"]
    return []


def _subject_terms(c: Claim, terms: frozenset[str] | None = None) -> frozenset[str]:
    """The terms a claim is indexed by: its sentence's (c.terms, or `terms` when the caller has
    them), and a count's noun words."""
    if terms is None:
        terms = c.terms
    if c.noun and c.kind == "count":
        return terms | {"noun:" + w for w in c.noun.split()}
    return terms


class _SentenceTerms:
    """c.terms of claims, made once per tuple of sentence groups (the claims of a sentence share
    one): called with a claim, its terms."""

    def __init__(self) -> None:
        self.made: dict[int, tuple[frozenset[str], tuple]] = {}   # keeps each tuple alive: its id stays its own

    def __call__(self, c: Claim) -> frozenset[str]:
        groups = c.extra.get("groups", ())
        got = self.made.get(id(groups))
        if got is None:
            got = self.made[id(groups)] = (c.terms, groups)
        return got[0]


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
    if a.kind == "count" and b.kind == "count" and nouns_match(a, b):
        sim = min(1.0, sim + 0.1)
    return sim


_CLAIM_BITS = 40              # claim numbers fit in 40 bits
PARALLEL_MIN_CLAIMS = 20000   # below this, grouping stays in one process (starting workers costs more)
_CHUNK = 512                  # claims per task when picking counterparts
_PAIR_CHUNK = 20000           # pairs per task when scoring them


class _BroadState:
    """What the broad path's workers read (inherited by forked processes, never sent to them)."""

    def __init__(self, claims, pick, idf, work, check, by_sentence):
        self.claims, self.pick, self.idf, self.work, self.check = claims, pick, idf, work, check
        self.feats = _FeatureTable(idf, claims)
        self.by_sentence = by_sentence
        self.direction = np.array([change_direction(c) for c in claims], dtype=np.int64)
        # claims that state one value alike (all that agree() and same_value() read) share a number
        values: dict[tuple, int] = {}
        self.vid = np.array([values.setdefault(_value_of(c), len(values)) for c in claims], dtype=np.int64)
        self.n_values = len(values)


_STATE = None   # the state of the running _Workers (a _BroadState)




class _Workers:
    """Runs a task function over a list of tasks, results in task order: in this process, or over
    `jobs` forked processes that inherit the broad path's state. Either way the results are the
    same, so the findings do not depend on the number of processes. `before_fork` (if any) is
    called just before the processes are forked: tables it builds are then built once, here,
    instead of once in each process that needs them."""

    def __init__(self, state: object, jobs: int, before_fork: Callable[[], None] | None = None):
        self.state, self.jobs, self.pool, self.before_fork = state, jobs, None, before_fork

    def __enter__(self) -> "_Workers":
        global _STATE
        _STATE = self.state
        if self.jobs > 1:
            import multiprocessing as mp
            import sys

            if "fork" in mp.get_all_start_methods() and sys.platform != "darwin":
                if self.before_fork is not None:
                    self.before_fork()
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

    def __exit__(self, exc_type, *exc) -> None:
        global _STATE
        _STATE = self.state = None
        if self.pool is None:
            return
        if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
            # Ctrl-C: terminate() can wait forever on a task pipe the interrupted run left full
            # (seen in CI with -j 2); the CLI kills the workers itself (cli._interrupted)
            return
        self.pool.terminate()
        self.pool.join()


def _value_of(c: Claim) -> tuple:
    """Everything agree() (not strict) and same_value() read of a claim, and its direction."""
    return (c.kind, c.value, c.unit, c.low, c.high, c.num, c.qualifier, c.si, c.dimension, c.alt, c.date_parts,
            c.figure, c.extra.get("also"), c.direction, c.extra.get("level"), c.extra.get("per"), c.extra.get("part"))


def _hundredths(x: np.ndarray) -> np.ndarray:
    """round(round(v, 2) * 100) of each value (Python's round: the exact value rounded half to even).
    A value whose hundredths lie near a half may round either way by the product's own rounding:
    those few are rounded as Python rounds them."""
    y = x * 100
    got = np.rint(y).astype(np.int64)
    near = np.flatnonzero(np.abs(y - np.floor(y) - 0.5) < 1e-6)
    if len(near):
        got[near] = [round(round(v, 2) * 100) for v in x[near].tolist()]
    return got




def _first_best(keys: np.ndarray, got: np.ndarray) -> np.ndarray:
    """Where each key's first entry of the highest score is (score above _CLAIM_BITS), by key.
    (np.lexsort is stable: entries of one key and score stay in their order. At scale this holds
    the judge's peak of memory: as few arrays of all the entries as can be.)"""
    score = got >> _CLAIM_BITS
    np.negative(score, out=score)
    order = np.lexsort((score, keys))
    del score
    ordered = keys[order]
    head = np.empty(len(order), bool)
    head[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=head[1:])
    del ordered
    return order[head]


def _judge_chunk(task: tuple[array, array]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """What _judge_broad needs of a chunk of pairs (two arrays of claim numbers) before their
    similarity: whether the values of each agree; the pairs that may support a majority (their
    values agree and are the same stated value, not merely compatible intervals: 'up to 2,300' is
    compatible with 1,500 but does not say it); and the pairs with a verdict (_verdict_of: their
    values disagree, or their directions are opposite, and a rule fires), with their verdicts."""
    st = _STATE
    claims, vid, direction = st.claims, st.vid, st.direction
    xs, ys = np.frombuffer(task[0], np.int64), np.frombuffer(task[1], np.int64)
    # agree() and same_value() once per two stated values of this chunk (many repeat)
    values, first, at = np.unique(vid[xs] * st.n_values + vid[ys], return_index=True, return_inverse=True)
    ok_v, same_v = np.zeros(len(values), bool), np.zeros(len(values), bool)
    for k, (ga, gb) in enumerate(zip(xs[first].tolist(), ys[first].tolist())):
        a, b = claims[ga], claims[gb]
        ok_v[k] = ok = agree(a, b)
        same_v[k] = ok and same_value(a, b)
    ok, same = ok_v[at.reshape(-1)], same_v[at.reshape(-1)]
    da, db = direction[xs], direction[ys]
    xl, yl = xs.tolist(), ys.tolist()
    cand: list[int] = []
    verdicts: list[tuple] = []
    memo: dict[tuple[str, str, bool, bool], tuple] = {}
    for k in np.flatnonzero(~ok | ((da != 0) & (db != 0) & (da != db))).tolist():
        got = _verdict_of(claims[xl[k]], claims[yl[k]], memo, st.by_sentence)
        if got is not None:
            cand.append(k)
            verdicts.append(got)
    return ok, np.flatnonzero(same), np.array(cand, dtype=np.int64), verdicts


# The similarity a Pair carries into the rules on the broad path's judge: none is known yet, and no
# rule reads it (test_scale asks every rule with a similarity that cannot be read)
_UNKNOWN = float("nan")


def _verdict_of(a: Claim, b: Claim, memo: dict, by_sentence: dict) -> tuple | None:
    """None, or (the index of the rule in PAIR_RULES, its verdict, the similarity the pair needs
    for it off the precise path): the first rule to fire on the pair, when _broad_threshold lets it
    through at some similarity and the figures are not an arithmetic relation. None of it depends on
    the pair's similarity, so it is asked before that is known; the pair is a finding only if its
    similarity reaches the threshold (and it is a mutual best, _judge_broad)."""
    if a.kind == "date" and b.kind == "date" and not _dates_may_pass(a, b):
        return None
    rules = _asked(a, b, memo)
    if rules and rules[-1].id in _THRESHOLD_WITHOUT_VERDICT \
            and _rule_threshold(rules[-1].id, None, a, b) is None:
        # _broad_threshold would not let the last rule through for this pair, whatever it says
        # (FC003 for counts of other nouns, FC005 for percentages far apart): asked last, a verdict
        # of it would name the pair and leave it without one, as not asking it does (test_scale).
        # Most pairs of percentages, and many of counts, are settled so without a message written
        rules = rules[:-1]
    pair = Pair(a, b, _UNKNOWN, "broad")
    for rule in rules:   # first_verdict, less the rules that cannot speak here
        verdict = rule.check(pair)
        if verdict is not None:
            break
    else:
        return None
    need = _broad_threshold(rule.id, verdict, a, b)
    if need is None or _arithmetic_relation(a, b, by_sentence):
        return None
    return _RULE_INDEX[rule.id], verdict, need


def _days_alike(a: Claim, b: Claim) -> bool:
    """Two full dates that a day between them can make one event's slip: neither with a clock time
    nor a zone (a time in another zone may well fall on the next day), of one calendar, both the
    cut-off of a count or neither (截至8月10日 is no day the figures were announced, 11日)."""
    (ya, ma, da), (yb, mb, db) = a.date_parts, b.date_parts
    return bool(ya and ma and da and yb and mb and db) and not (a.time or b.time or a.tz or b.tz) \
        and a.extra.get("calendar", "gregorian") == b.extra.get("calendar", "gregorian") \
        and bool(a.extra.get("cutoff")) == bool(b.extra.get("cutoff"))


def _one_day_apart(a: Claim, b: Claim) -> bool:
    """Two full dates of one month a day apart (_days_alike), neither named by its weekday alone."""
    (ya, ma, da), (yb, mb, db) = a.date_parts, b.date_parts
    return _days_alike(a, b) and ya == yb and ma == mb and abs(da - db) == 1 \
        and not (weekday_only(a) or weekday_only(b))


def _weekday_day_off(a: Claim, b: Claim) -> bool:
    """A weekday alone (on Friday), resolved against its report's own date, and a full date of
    another report a day from it (_days_alike)."""
    if weekday_only(a) == weekday_only(b) or not _days_alike(a, b):
        return False
    week, full = (a, b) if weekday_only(a) else (b, a)
    if week.resolved != "document-date" or week.doc == full.doc:
        return False
    try:
        return abs((datetime.date(*a.date_parts) - datetime.date(*b.date_parts)).days) == 1
    except ValueError:
        return False   # a date no calendar has (2月30日: FC014's business)


def _one_year_apart(a: Claim, b: Claim) -> bool:
    """Two months written with their years (2020年12月, December 2021), the same month a year apart,
    no day, no clock time: one event's month with its year slipped, or two events a year apart."""
    (ya, ma, da), (yb, mb, db) = a.date_parts, b.date_parts
    return bool(ya and yb and ma and mb) and ma == mb and abs(ya - yb) == 1 and da is None and db is None \
        and not (a.time or b.time) and a.extra.get("calendar", "gregorian") == b.extra.get("calendar", "gregorian")


def _dates_may_pass(a: Claim, b: Claim) -> bool:
    """Whether two dates can get a verdict from _verdict_of: a necessary condition, cheaper than
    asking. The rules asked of two dates are FC001 and FC002 (_rules_for). FC001 says None unless
    both claims state a number (dates as extracted state none); _broad_threshold lets FC002 through
    only for a year alone off by one, a clock time, zone and weekday on both sides, one clock time
    in two zones, two dates of one month a day apart with words around them in common
    (_one_day_apart, _near_overlap), or a message
    saying 'swapped': FC002 writes it for a day and month swapped (both days and months known, each
    the other's), and otherwise only if a text or value it quotes says it. Keep in step with FC002
    and _broad_threshold: test_scale compares _verdict_of with and without this on every two dates
    of a corpus and of the rules' cases."""
    if a.num is not None and b.num is not None:
        return True
    (ya, ma, da), (yb, mb, db) = a.date_parts, b.date_parts
    if ma is None and mb is None and ya and yb and abs(ya - yb) == 1 and a.extra.get("part") == b.extra.get("part"):
        return True
    if a.weekday is not None and b.weekday is not None and a.time and b.time and a.tz and b.tz:
        return True
    if a.time and a.time == b.time and a.tz and b.tz and a.tz != b.tz:
        return True   # (_rule_threshold then asks clock_in_utc of both)
    if ma is not None and da is not None and ma == db and da == mb:
        return True
    if _one_day_apart(a, b) or _one_year_apart(a, b) or _weekday_day_off(a, b):
        return _near_overlap(a, b)   # (as _rule_threshold asks: most dates a day apart are two events)
    return any("swapped" in str(v) for c in (a, b) for v in (c.text, c.value, c.time, c.extra.get("part")))


class _Similarities:
    """The similarity of pairs of claims (xs[p], ys[p]), computed when first asked (over the
    workers: _sim_chunk) and kept in `ps` (NaN where not computed)."""

    def __init__(self, xs: np.ndarray, ys: np.ndarray, run: "_Workers"):
        self.xs, self.ys, self.run = xs, ys, run
        self.ps = np.full(len(xs), np.nan)
        self.known = np.zeros(len(xs), bool)

    def need(self, at: np.ndarray) -> None:
        """Compute those of the pairs `at` (distinct pair numbers) not yet known."""
        todo = at[~self.known[at]]
        if not len(todo):
            return
        tasks = [(array("q", self.xs[todo[lo:lo + _PAIR_CHUNK]].tobytes()),
                  array("q", self.ys[todo[lo:lo + _PAIR_CHUNK]].tobytes()))
                 for lo in range(0, len(todo), _PAIR_CHUNK)]
        lo = 0
        for got in self.run.imap(_sim_chunk, tasks):
            self.ps[todo[lo:lo + len(got)]] = np.frombuffer(got, np.float64)
            lo += len(got)
        self.known[todo] = True


def _with_keys(kx: np.ndarray, ky: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Where either key is one of `wanted` (the pairs whose similarity _judge_broad needs), in order."""
    return np.flatnonzero(np.isin(kx, wanted) | np.isin(ky, wanted))


def _mutual_best(cand, xs, ys, key_x, key_y, sims: _Similarities, ok, affinity) -> np.ndarray:
    """Whether each of the pairs `cand` (numbers of pairs between two documents) is the best
    counterpart (_best_counterparts) of both its claims' keys in the other's document, among all
    the pairs (xs, ys). Only the pairs with one of the keys asked about can be their best: only
    their similarities are computed, and the best is chosen among them in the same order."""
    rivals = _with_keys(key_x, key_y, np.union1d(key_x[cand], key_y[cand]))
    sims.need(rivals)
    best_keys, best_of = _best_counterparts(rivals, xs, ys, key_x, key_y, sims.ps, ok, affinity)
    return (best_of[np.searchsorted(best_keys, key_x[cand])] == ys[cand]) \
        & (best_of[np.searchsorted(best_keys, key_y[cand])] == xs[cand])


def _supporting(same, judged, kid, xs, ys, sims: _Similarities) -> np.ndarray:
    """Of the pairs `same` (agreeing on the same stated value), in order, those similar enough to
    support a majority (BROAD_MIN["support"]) that have a claim with the key (kid) of a claim of
    the pairs `judged`: all that _emit_broad reads of agree_count and support. Only their
    similarities are computed."""
    same = same[_with_keys(kid[xs[same]], kid[ys[same]], np.union1d(kid[xs[judged]], kid[ys[judged]]))]
    sims.need(same)
    return same[sims.ps[same] >= BROAD_MIN["support"]]


def _best_counterparts(rivals, xs, ys, key_x, key_y, ps, ok, affinity) -> tuple[np.ndarray, np.ndarray]:
    """The best counterpart of each (claim key, other document) that the pairs `rivals` (in order)
    have, as two arrays (the keys, sorted; the claim numbers): how well the two claims match as
    counterparts (similarity, plus a little for a value that looks like a slip of the other, to two
    places, then whether the values agree), the first pair of the highest score kept, each pair's
    claim (key_x) before its partner (key_y)."""
    x, y, sim, good = xs[rivals], ys[rivals], ps[rivals], ok[rivals]
    # the score: similarity plus AFFINITY_WEIGHT times the affinity (0 for agreeing values), to two
    # places (round(x, 2), kept as hundredths), twice, plus one for agreeing values
    score = sim.copy()
    off = np.flatnonzero(~good)
    score[off] = sim[off] + AFFINITY_WEIGHT * affinity.unequal(x[off], y[off])
    score = (_hundredths(score) * 2 + good) << _CLAIM_BITS
    keys = np.empty(2 * len(x), np.int64)
    keys[0::2], keys[1::2] = key_x[rivals], key_y[rivals]
    got = np.empty(2 * len(x), np.int64)
    got[0::2], got[1::2] = score | y, score | x
    top = _first_best(keys, got)
    return keys[top], got[top] & ((1 << _CLAIM_BITS) - 1)


# The rules tried on a broad pair: PAIR_RULES in order, less the last ones whose verdict
# _broad_threshold never lets through (FC011: two unrelated figures differ). The first rule to fire
# names the pair, so leaving out only rules that come after every other changes no outcome.
_NOT_BROAD = {"FC011"}
_BROAD_RULES = list(PAIR_RULES)
while _BROAD_RULES and _BROAD_RULES[-1].id in _NOT_BROAD:
    _BROAD_RULES.pop()
_RULE_INDEX = {r.id: k for k, r in enumerate(PAIR_RULES)}
_FC004 = _RULE_INDEX["FC004"]
_FC002 = _RULE_INDEX["FC002"]
# the rules whose threshold (_rule_threshold) never reads their verdict: it can be asked first
_THRESHOLD_WITHOUT_VERDICT = {"FC003", "FC005", "FC009"}

# What the first test of each rule (rules/*.py) asks of the kinds of a pair's two claims, FC006 of
# their directions (`flip`: both stated and opposite), FC004 of their digits (_digit_key): a pair
# that fails it gets None from the rule, so the judge need not ask the rule (most pairs are of one
# kind: dates never meet the rules of amounts). A necessary condition only, the rule still decides;
# a rule not listed is always asked. Keep in step with the rules: test_scale asks every rule left
# out of each pair of a corpus's claims and of the rules' cases, and it must say None.
_NUMERIC_KINDS = ("percent", "money", "count", "number", "measure")
_KINDS_NEEDED: dict[str, Callable[[str, str, bool], bool]] = {
    "FC006": lambda ka, kb, flip: flip and ka in _NUMERIC_KINDS,
    "FC008": lambda ka, kb, flip: ka == kb and ka in ("money", "measure") or {ka, kb} == {"count", "number"},
    "FC007": lambda ka, kb, flip: ka == kb == "percent",
    "FC001": lambda ka, kb, flip: ka == kb == "measure" or "percent" not in (ka, kb),
    "FC004": lambda ka, kb, flip: not {ka, kb} & {"date", "name", "identifier"},
    "FC002": lambda ka, kb, flip: "date" in (ka, kb),
    "FC009": lambda ka, kb, flip: ka == kb == "identifier",
    "FC010": lambda ka, kb, flip: ka == kb == "name",
    "FC003": lambda ka, kb, flip: ka in ("count", "number") and kb in ("count", "number"),
    "FC005": lambda ka, kb, flip: ka == kb == "percent",
}


def _rules_for(ka: str, kb: str, flip: bool, same_digits: bool = True) -> tuple:
    """The judge's rules (_BROAD_RULES, in order) that may fire on a pair of these kinds; FC004
    (digit transposition) only when the two figures have the same digits (_digit_key)."""
    return tuple(r for r in _BROAD_RULES if _KINDS_NEEDED.get(r.id, lambda *_: True)(ka, kb, flip)
                 and (same_digits or r.id != "FC004"))


def _asked(a: Claim, b: Claim, memo: dict) -> tuple:
    """The rules _verdict_of asks of a pair (_rules_for), `memo` keeping them by what they depend on."""
    ka = _digit_key(a.figure, a.num, a.extra.get("parts"))
    flip = bool(a.direction and b.direction and a.direction != b.direction)
    key = (a.kind, b.kind, flip, ka is not None and ka == _digit_key(b.figure, b.num, b.extra.get("parts")))
    rules = memo.get(key)
    if rules is None:
        rules = memo[key] = _rules_for(*key)
    return rules


@lru_cache(maxsize=1 << 16)
def _digit_key(figure: str | None, num, parts: tuple[str, ...] | None = None) -> str | None:
    """FC004's first test asks of two figures two digits or more (its _digits) and the same digits
    in some order: their digits sorted, None for fewer than two (`parts`: a compound measure's)."""
    digits = _fc004_digits(SimpleNamespace(figure=figure, num=num, extra={"parts": parts} if parts else {}))
    return "".join(sorted(digits)) if len(digits) >= 2 else None


def _pick_chunk(task: tuple[int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The counterparts members lo..hi of block b pick (checker.candidates.pick), without those no
    rule can compare with the member: broad() would drop such a pair anyway (comparable() is pure
    and symmetric, so it is dropped whichever claim picked it), dropped here, over processes."""
    b, lo, hi = task
    st = _STATE
    block = st.work[b]
    counts, flat = pick(block, lo, hi, st.pick)
    if not st.check[b]:
        return counts, flat
    claims, members = st.claims, block.members.tolist()
    kept: list[int] = []
    at = 0
    for i, n in zip(range(lo, hi), counts.tolist()):
        a = claims[members[i]]
        mine = [j for j in flat[at:at + n].tolist() if comparable(a, claims[members[j]])]
        at += n
        counts[i - lo] = len(mine)
        kept.extend(mine)
    return counts, np.array(kept, dtype=np.int64)


def _all_comparable(kinds: set[str], dimensions: set[str]) -> bool:
    """Whether comparable() holds for every two claims of these kinds (and measure dimensions): one
    kind other than measure and identifier, counts and plain numbers, measures of one dimension."""
    if kinds <= {"count", "number"}:
        return True
    if len(kinds) != 1:
        return False
    kind = next(iter(kinds))
    return len(dimensions) <= 1 if kind == "measure" else kind != "identifier"


def _sim_chunk(task: tuple[array, array]) -> array:
    """The similarity of each pair of claim numbers."""
    return array("d", _STATE.feats.similarities(*task))


def _flat(fs: tuple) -> tuple:
    """The groups (as similarities reads them: _view), weights, total and terms of each of a claim's
    three features, one after the other."""
    return (fs[0][5], *fs[0][1:4], fs[1][5], *fs[1][1:4], fs[2][5], *fs[2][1:4])


def _view(groups: tuple) -> tuple:
    """Groups that are each one word as those words (a tuple of str: a group meets a set when its
    word is in it, a cheaper test), other groups as they are."""
    return tuple(next(iter(g)) for g in groups) if groups and all(len(g) == 1 for g in groups) else groups


# fields of a claim's record (_FeatureTable._record) after the 12 of its three features and its
# near terms: is it a date, its month and weekday names, its count's noun words, its features,
# does a feature have calendar groups
_IS_DATE, _CALENDAR, _NOUNS, _FEATURES, _HAS_CALENDAR = 13, 14, 15, 16, 17


class _FeatureTable:
    """The weighted word groups (_weighted) of the claims of one run, for _similarity at scale.

    Claims of one sentence share its word groups, and claims of one clause its clause groups: each
    distinct tuple of groups is weighted once and the result shared by all (far less memory and
    time than one copy per claim). A feature is (groups, their weights, their total, all their
    terms, its groups made only of month and weekday names). Dates compared with dates leave out
    their own month and weekday names: a feature loses only those of its calendar groups, and is
    weighted again once per set of groups it loses. Last in a feature, its groups as similarities
    reads them (_view)."""

    def __init__(self, idf: Idf, claims: list[Claim]):
        self.idf = idf
        self.claims = claims
        self.table: dict[tuple, tuple] = {}
        self.dropped: dict[tuple[int, tuple], tuple] = {}
        self.records: list[tuple | None] = [None] * len(claims)
        self.without: dict[tuple[int, frozenset[str]], tuple] = {}
        self.unions: dict[tuple[int, int], frozenset[str]] = {}

    def _feature(self, groups: tuple) -> tuple:
        got = self.table.get(groups)
        if got is None:
            uniq, total, terms = _weighted(groups, self.idf)
            kept = tuple(g for g, _ in uniq)
            got = self.table[groups] = (kept, tuple(w for _, w in uniq), total, terms,
                                        tuple(g for g, _ in uniq if g <= CALENDAR_WORDS), _view(kept))
        return got

    def of(self, gi: int) -> tuple:
        """A claim's (sentence, clause, near) features (kept in its record: see _record)."""
        extra = self.claims[gi].extra
        return tuple(self._feature(tuple(extra.get(name, ()))) for name in ("groups", "clause_groups", "near_groups"))

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
                                       frozenset(t for g in groups for t in g), (), _view(groups))
        return got

    def _record(self, gi: int) -> tuple:
        """What similarity reads of a claim, flat, computed once: its three features' groups,
        weights, total and terms; the terms of its clause and near groups together (what the other
        claim's near groups are matched against); whether it is a date, and its month and weekday
        names; the words of its noun when it is a count; whether it is a date whose features have
        groups of month and weekday names (what a comparison of two dates leaves out)."""
        fs, c = self.of(gi), self.claims[gi]
        date = c.kind == "date"
        got = self.records[gi] = (*_flat(fs), self._near_terms(fs), date, _calendar_terms(c) if date else frozenset(),
                                  frozenset(c.noun.split()) if c.kind == "count" and c.noun else None, fs,
                                  date and any(f[4] for f in fs))
        return got

    def _without(self, gi: int, rec: tuple, drop: frozenset[str]) -> tuple:
        """The record of a date claim compared with another date: without the calendar groups that
        `drop` (the month and weekday names of both) covers; remembered per claim and names."""
        key = (gi, drop)
        got = self.without.get(key)
        if got is None:
            fs = tuple(self._drop(f, drop) for f in rec[_FEATURES])
            got = self.without[key] = (*_flat(fs), self._near_terms(fs), *rec[_IS_DATE:_FEATURES], fs, True)
        return got

    def _near_terms(self, fs: tuple) -> frozenset[str]:
        key = (id(fs[2]), id(fs[1]))
        got = self.unions.get(key)
        if got is None:
            got = self.unions[key] = fs[2][3] | fs[1][3]
        return got

    def similarity(self, x: int, y: int) -> float:
        """_similarity(claims[x], claims[y]), value for value."""
        return self.similarities([x], [y])[0]

    def similarities(self, xs, ys) -> list[float]:
        """The similarity of each pair (xs[k], ys[k]): _similarity's value, the same weights added in
        the same order (the _hit sums written out, and a claim's record read once per pair, since
        this runs for every candidate pair)."""
        records, record, without = self.records, self._record, self._without
        out: list[float] = []
        for x, y in zip(xs, ys):
            a = records[x] or record(x)
            b = records[y] or record(y)
            # two dates, one with month or weekday groups
            if a[_IS_DATE] and b[_IS_DATE] and (a[_HAS_CALENDAR] or b[_HAS_CALENDAR]):
                drop = a[_CALENDAR] | b[_CALENDAR]
                if drop:
                    if a[_HAS_CALENDAR]:
                        a = without(x, a, drop)
                    if b[_HAS_CALENDAR]:
                        b = without(y, b, drop)
            sa, wsa, ta, terms_a, ca, wca, tca, cterms_a, na, wna, tna, nterms_a, around_a, _, _, nouns_a, _, _ = a
            sb, wsb, tb, terms_b, cb, wcb, tcb, cterms_b, nb, wnb, tnb, nterms_b, around_b, _, _, nouns_b, _, _ = b
            # _hit(sa, terms_b) + _hit(sb, terms_a): both 0 when the terms are disjoint (and groups
            # are only looked at when there are some). Groups of one word each come as the words (_view)
            if terms_a.isdisjoint(terms_b):
                s = 0
            else:
                s = sum(compress(wsa, map(terms_b.__contains__, sa) if type(sa[0]) is str
                                 else map(not_, map(terms_b.isdisjoint, sa)))) \
                    + sum(compress(wsb, map(terms_a.__contains__, sb) if type(sb[0]) is str
                                   else map(not_, map(terms_a.isdisjoint, sb))))
            if cterms_a.isdisjoint(cterms_b):
                c = 0
            else:
                c = sum(compress(wca, map(cterms_b.__contains__, ca) if type(ca[0]) is str
                                 else map(not_, map(cterms_b.isdisjoint, ca)))) \
                    + sum(compress(wcb, map(cterms_a.__contains__, cb) if type(cb[0]) is str
                                   else map(not_, map(cterms_a.isdisjoint, cb))))
            # the near groups of each against the clause and near terms of the other
            n1 = 0 if nterms_a.isdisjoint(around_b) else sum(compress(
                wna, map(around_b.__contains__, na) if type(na[0]) is str else map(not_, map(around_b.isdisjoint, na))))
            n2 = 0 if nterms_b.isdisjoint(around_a) else sum(compress(
                wnb, map(around_a.__contains__, nb) if type(nb[0]) is str else map(not_, map(around_a.isdisjoint, nb))))
            num = s + CLAUSE_WEIGHT * c + NEAR_WEIGHT * (n1 + n2)
            den = ta + tb + CLAUSE_WEIGHT * (tca + tcb) + NEAR_WEIGHT * (tna + tnb)
            sim = num / den if den else 0.0
            # two counts of the same noun (nouns_match)
            if nouns_a and nouns_b and not nouns_a.isdisjoint(nouns_b):
                sim = min(1.0, sim + 0.1)
            out.append(sim)
        return out
