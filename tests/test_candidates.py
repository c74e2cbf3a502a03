"""The broad path's array-based picking (checker.candidates) and the judge's shortcuts against the
plain definitions they stand in for, on a generated corpus (stories, translations, planted
conflicts): the same picks in the same order, the same affinities, the same agreements."""

from __future__ import annotations

import dataclasses
import itertools
import sys
from collections import defaultdict
from decimal import Decimal

import numpy as np
import pytest

from checker import broad, candidates
from checker.agreement import agree, same_value
from checker.api import extract_paths
from checker.model import Claim

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))


@pytest.fixture(scope="module")
def claims(tmp_path_factory) -> list[Claim]:
    from corpus_gen import generate

    corpus = generate(tmp_path_factory.mktemp("cand") / "corpus", 16, seed=11)
    ex = extract_paths([corpus])
    return [c for cs in ex.claims.values() for c in cs]


def _reference_picks(members, index, claims, cdoc, csent, linked_to, akeys, idf) -> list[list[int]]:
    """What each member picks, written pair by pair (the definition candidates.pick follows)."""
    out = []
    for i, ga in enumerate(members):
        a = claims[ga]
        cand: dict[int, float] = defaultdict(float)
        terms = sorted(broad._subject_terms(a))
        usable = [t for t in terms if 2 <= len(index[t]) <= candidates.MAX_POSTING]
        if not usable:   # none rare enough: the rarest, if not too common
            fewest = min((len(index[t]) for t in terms if 2 <= len(index[t]) <= candidates.RAREST_MAX_POSTING),
                         default=None)
            usable = [t for t in terms if len(index[t]) == fewest]
        for t in usable:
            for j in index[t]:
                cand[j] += idf.get(t, 1.0)
        cand.pop(i, None)
        per_doc: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for j, score in cand.items():
            gb = members[j]
            if cdoc[gb] == cdoc[ga]:
                if a.kind not in ("count", "number") or csent[gb] == csent[ga]:
                    continue
            elif cdoc[gb] in linked_to.get(cdoc[ga], ()):
                continue
            aff = candidates._affinity_of(akeys[ga], akeys[gb], False)
            per_doc[cdoc[gb]].append((-(score + 0.5 * aff), j))
        ranked = sorted((min(items)[0], db) for db, items in per_doc.items())
        picks = []
        for _, db in ranked[:candidates.MAX_CANDIDATE_DOCS]:
            picks.extend(j for _, j in sorted(per_doc[db])[:candidates.CANDIDATES_PER_DOC])
        out.append(picks)
    return out


@pytest.mark.parametrize("linked, flat, rare", [(False, False, 12), (True, False, 12), (False, True, 12),
                                                (False, False, 3), (True, True, 3)])
def test_picks_are_those_of_the_pair_by_pair_definition(claims, linked, flat, rare, monkeypatch):
    monkeypatch.setattr(candidates, "MAX_POSTING", rare)   # long postings left out too
    monkeypatch.setattr(candidates, "RAREST_MAX_POSTING", 40)   # unless a claim has only long ones: its rarest
    monkeypatch.setattr(candidates, "CANDIDATES_PER_DOC", 2)
    monkeypatch.setattr(candidates, "MAX_CANDIDATE_DOCS", 3)
    # many equal weights: ties, broken by affinity, then by member and document number
    idf = {t: 1.0 if flat else 1.0 + (len(t) % 7) / 3 for c in claims for t in c.terms}
    docs = sorted({c.doc for c in claims})
    cdoc = [docs.index(c.doc) for c in claims]
    csent = [c.sent for c in claims]
    linked_to = {0: {1, 2}, 1: {0}, 2: {0}} if linked else {}
    akeys = [candidates._affinity_key(c) for c in claims]
    blocks: dict[str, list[int]] = defaultdict(list)
    for gi, c in enumerate(claims):
        for b in broad._blocks(c):
            blocks[b].append(gi)
    subject = [broad._subject_terms(c) for c in claims]
    terms = candidates.TermTable(subject, idf)
    ctx = candidates.PickContext(cdoc, csent, [c.kind in ("count", "number") for c in claims], linked_to,
                                 candidates.AffinityTable(akeys))
    picked = 0
    for members in blocks.values():
        index: dict[str, list[int]] = defaultdict(list)
        for i, gi in enumerate(members):
            for t in subject[gi]:
                index[t].append(i)
        want = _reference_picks(members, index, claims, cdoc, csent, linked_to, akeys, idf)
        block = candidates.BlockIndex(np.array(members, dtype=np.int64), terms)
        for lo in range(0, len(members), 5):   # in chunks, as the workers take them
            hi = min(lo + 5, len(members))
            counts, flat = candidates.pick(block, lo, hi, ctx)
            got, at = [], 0
            for n in counts.tolist():
                got.append(flat[at:at + n].tolist())
                at += n
            assert got == want[lo:hi]
            picked += at
    assert picked > 200


def test_pairs_of_a_block_come_once_in_order():
    counts = np.array([2, 1, 2, 0])
    flat = np.array([1, 3, 0, 0, 1])   # 0 picks 1, 3; 1 picks 0; 2 picks 0, 1
    x, y = candidates.pairs_of_block(counts, flat, np.array([10, 11, 12, 13]))
    assert list(zip(x.tolist(), y.tolist())) == [(10, 11), (10, 13), (10, 12), (11, 12)]
    keep = candidates.first_of_repeats(np.array([1, 2, 1, 1]), np.array([5, 5, 5, 5]),
                                       np.array([True, True, True, False]))
    assert keep.tolist() == [True, True, False, True]


def test_affinities_of_arrays_are_those_of_each_pair(claims):
    picked = [c for c in claims if c.kind in ("date", "count", "money", "percent", "number")][:300]
    # slips to find: a figure off by one, one with its digits swapped, a date with day and month swapped
    extra = [dataclasses.replace(picked[0], num=(picked[0].num or 0) + 1),
             dataclasses.replace(picked[0], num=Decimal("0.25"), figure="0.25"),
             dataclasses.replace(picked[0], num=Decimal("1.25"), figure="1.25"),
             Claim("x", "en", "date", 0, 1, "3/4", "2026-03-04", date_parts=(2026, 3, 4)),
             Claim("x", "en", "date", 0, 1, "4/3", "2026-04-03", date_parts=(2026, 4, 3)),
             Claim("x", "en", "date", 0, 1, "2027", "2027", date_parts=(2027, None, None)),
             Claim("x", "en", "date", 0, 1, "2028", "2028", date_parts=(2028, None, None))]
    # values whose sums with others are rounded at the Decimal precision: compared pair by pair
    odd = [dataclasses.replace(picked[0], num=Decimal(v), figure="") for v in
           ("1E+40", "10000000000000000000000000000000000000001", "6.666666666666666666666666667",
            "7.666666666666666666666666667", "5.666666666666666666666666667")]
    for long in (False, True):
        cs = picked + extra + (odd if long else [])
        keys = [candidates._affinity_key(c) for c in cs]
        table = candidates.AffinityTable(keys)
        assert table.exact
        xs, ys = zip(*itertools.product(range(len(cs)), repeat=2))
        got = table.unequal(np.array(xs), np.array(ys)).tolist()
        want = [candidates._affinity(cs[x], cs[y], False) for x, y in zip(xs, ys)]
        assert got == want
        assert {0.3, 0.5, 0.8, 1.0} <= set(want)


def test_agreement_depends_only_on_what_the_judge_compares(claims):
    """_judge_chunk answers agree() and same_value() once per two stated values (_value_of): a claim
    with every other field changed must get the same answers."""
    sample = [c for c in claims if c.kind != "name"][:160]

    def blur(c: Claim) -> Claim:
        kept = {k: c.extra[k] for k in ("also", "level", "per", "part") if k in c.extra}   # read by agree() / same_value()
        return dataclasses.replace(c, doc="elsewhere", lang="xx", start=c.start + 7, end=c.end + 7, text="?",
                                   line=99, sent=99, scale_word="?", noun="?", resolved="?", time="23:59", tz="?",
                                   weekday=None if c.weekday is not None else 3, ordinal=not c.ordinal,
                                   extra=kept, subject="?")

    compared = 0
    for a, b in itertools.product(sample, repeat=2):
        if not broad.comparable(a, b):
            continue
        compared += 1
        x = blur(a)
        assert broad._value_of(x) == broad._value_of(a)
        assert agree(x, b) == agree(a, b) and agree(b, x) == agree(b, a), (a, b)
        assert same_value(x, b) == same_value(a, b), (a, b)
    assert compared > 1000


def test_hundredths_round_as_python_rounds():
    """The judge's scores to two places over arrays: round(round(v, 2) * 100) for every value,
    halves (0.125, 0.285: the exact binary value decides) and random values alike."""
    import random

    rng = random.Random(5)
    values = [n / 1000 for n in range(0, 1300)] + [(n + 0.5) / 100 for n in range(130)] \
        + [rng.random() * 1.2 for _ in range(20000)] + [0.125, 0.285, 1.005, 0.145, 0.0]
    got = broad._hundredths(np.array(values)).tolist()
    assert got == [round(round(v, 2) * 100) for v in values]
