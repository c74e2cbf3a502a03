"""Picking counterparts for the broad path (checker.broad) over arrays: each dimension block's
inverted index of subject terms as flat numpy arrays, and the scoring and ranking of a chunk of
claims' candidates done for the whole chunk at once instead of candidate by candidate.

What is picked is exactly what the same steps written pair by pair pick: a candidate's score is
the IDF of the terms it shares with the claim added in sorted-term order (np.bincount adds its
weights in the order given, as a running sum from 0.0 does), the affinity is _affinity_of's value,
and every ordering is the same total order (score, then member number; documents by their best
score, then number)."""

from __future__ import annotations

from decimal import Decimal, getcontext

import numpy as np

from .model import Claim


MAX_POSTING = 60
# a claim none of whose terms is that rare still looks through its rarest ones, up to this many
# claims: without it, the share of claims with no usable term jumps as a corpus grows (18.8% of a
# repetitive 10k corpus, 4.6% at 8k), and they could meet no counterpart at all
RAREST_MAX_POSTING = 10 * MAX_POSTING
CANDIDATES_PER_DOC = 4
MAX_CANDIDATE_DOCS = 24  # a fact is rarely reported by more sources than this in one corpus

_NONE = -(1 << 40)   # a missing date part: unequal to every real part, falsy like None


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


class AffinityTable:
    """_affinity_of(akeys[x], akeys[y], False) for arrays of claim numbers at once. Each part of a
    key becomes a number (date parts as they are, a missing one as _NONE; values, digits and
    sorted digits as ids of equal values), so that every comparison _affinity_of makes is one
    between numbers. 'Differ by one' is 'the other is this value plus or minus one', the same test
    where the Decimal difference of the two values is exact (their digits and 1's, from the lowest
    place to one above the highest, fit the context's precision; then so is each value plus or minus
    one): a pair of values that might be rounded is compared as _affinity_of does, and so is every
    pair when a date part is not a plain int. `later`: the same keys made again when one is asked
    for (_LaterKeys), kept instead of the list when the table is exact: only the rare pair whose
    values do not fit reads them, and the list costs some 200 bytes a claim for the whole run."""

    def __init__(self, akeys: list[tuple], later: "_LaterKeys | None" = None):
        self.akeys = akeys
        n = len(akeys)
        self.exact = True
        parts = [k[1] if k[0] else (None, None, None) for k in akeys]
        if any(type(v) is not int for p in parts for v in p if v is not None):
            self.exact = False
            return
        self.isdate = np.fromiter((k[0] for k in akeys), bool, n)
        ymd = np.array([[_NONE if v is None else v for v in p] for p in parts], dtype=np.int64).reshape(n, 3)
        self.y, self.m, self.d = ymd[:, 0].copy(), ymd[:, 1].copy(), ymd[:, 2].copy()
        nums: dict[Decimal, int] = {}
        digits: dict[str, int] = {}
        numid = np.full(n, -3, np.int64)
        dig = np.full(n, -1, np.int64)
        sdig = np.full(n, -1, np.int64)
        # the lowest and highest decimal place of each value, and of 1 (see fits)
        self.low, self.high = np.zeros(n, np.int64), np.zeros(n, np.int64)
        for x, k in enumerate(akeys):
            v = k[2]
            if v is None:
                continue
            if v.is_finite():
                self.low[x], self.high[x] = min(0, v.as_tuple().exponent), max(0, v.adjusted())
            else:
                self.low[x] = -getcontext().prec   # never fits
            numid[x] = nums.setdefault(v, len(nums))
            if k[3]:
                dig[x] = digits.setdefault(k[3], len(digits))
                sdig[x] = digits.setdefault(k[4], len(digits))
        one = Decimal(1)
        self.plus = np.array([nums.get(v + one, -2) for v in nums], dtype=np.int64)
        self.minus = np.array([nums.get(v - one, -2) for v in nums], dtype=np.int64)
        self.numid, self.dig, self.sdig = numid, dig, sdig
        if later is not None:
            self.akeys = later

    def unequal(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        if not self.exact:
            akeys = self.akeys
            return np.fromiter((_affinity_of(akeys[a], akeys[b], False) for a, b in zip(x.tolist(), y.tolist())),
                               np.float64, len(x))
        out = np.zeros(len(x), np.float64)
        dates = self.isdate[x] & self.isdate[y]
        if dates.any():
            xd, yd = x[dates], y[dates]
            ya, ma, da = self.y[xd], self.m[xd], self.d[xd]
            yb, mb, db = self.y[yd], self.m[yd], self.d[yd]

            def truthy(v):
                return (v != 0) & (v != _NONE)

            swap = truthy(ma) & truthy(mb) & truthy(da) & truthy(db) & (ma == db) & (da == mb)
            year = truthy(ya) & truthy(yb) & (ma == _NONE) & (mb == _NONE)
            close = (ma == mb) & ((da == db) | (truthy(da) & truthy(db) & (np.abs(da - db) <= 1)))
            out[dates] = np.select([swap, year, close],
                                   [1.0, np.where(np.abs(ya - yb) == 1, 0.5, 0.0), 0.3], 0.0)
        rest = ~dates & (self.numid[x] >= 0) & (self.numid[y] >= 0)
        if rest.any():
            xr, yr = x[rest], y[rest]
            has = self.dig[xr] >= 0
            same = has & (self.dig[xr] == self.dig[yr])
            shuffled = has & (self.sdig[xr] == self.sdig[yr])
            ida, idb = self.numid[xr], self.numid[yr]
            step = (self.plus[ida] == idb) | (self.minus[ida] == idb)
            got = np.select([same, shuffled, step], [1.0, 0.8, 0.5], 0.0)
            # where the two values' digits (and 1's) do not fit the Decimal precision, their
            # difference could be rounded: those pairs are compared as _affinity_of does
            odd = np.flatnonzero(np.maximum(self.high[xr], self.high[yr]) - np.minimum(self.low[xr], self.low[yr]) + 2
                                 > getcontext().prec)
            if len(odd):
                akeys = self.akeys
                got[odd] = [_affinity_of(akeys[a], akeys[b], False) for a, b in zip(xr[odd].tolist(), yr[odd].tolist())]
            out[rest] = got
        return out


class _LaterKeys:
    """_affinity_key of each claim, made when asked for: keys[x]."""

    def __init__(self, claims: list[Claim]):
        self.claims = claims

    def __getitem__(self, x: int) -> tuple:
        return _affinity_key(self.claims[x])


def ragged(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """starts[k] + 0 .. starts[k] + lens[k] - 1 for every k, one after the other."""
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, np.int64)
    before = np.cumsum(lens) - lens
    return np.repeat(starts - before, lens) + np.arange(total, dtype=np.int64)


class TermTable:
    """Every claim's subject terms as ids, in the order of the terms' strings (ids are given in that
    order), with each term's weight (its IDF, 1.0 for a term the IDF does not know)."""

    def __init__(self, terms: list[set[str] | frozenset[str]], idf: dict[str, float]):
        # claims mostly share their set of terms (one per sentence): each set is read once
        distinct = list({id(ts): ts for ts in terms}.values())
        vocab = sorted(set().union(*distinct)) if terms else []
        tid = {t: k for k, t in enumerate(vocab)}
        self.weight = np.array([idf.get(t, 1.0) for t in vocab], dtype=np.float64)
        rows = {id(ts): np.array(sorted(tid[t] for t in ts), dtype=np.int64) for ts in distinct}
        of = [rows[id(ts)] for ts in terms]
        lens = np.fromiter(map(len, of), np.int64, len(terms))
        self.ptr = np.zeros(len(terms) + 1, np.int64)
        np.cumsum(lens, out=self.ptr[1:])
        self.ids = np.concatenate(of) if of else np.zeros(0, np.int64)


class BlockIndex:
    """The inverted index of one block (claims of one dimension): for each member, the postings of
    its usable terms (those in at most MAX_POSTING members, and in another member than itself;
    for a member with none, its rarest terms if they are in at most RAREST_MAX_POSTING members),
    in sorted-term order, each as (where its members start in `post`, how many, its weight)."""

    def __init__(self, members: np.ndarray, terms: TermTable):
        self.members = members
        lens = terms.ptr[members + 1] - terms.ptr[members]
        ids = terms.ids[ragged(terms.ptr[members], lens)]
        owner = np.repeat(np.arange(len(members), dtype=np.int64), lens)
        order = np.argsort(ids, kind="stable")   # by term, then member (members come in order)
        self.post = owner[order]
        uniq, first, count = np.unique(ids[order], return_index=True, return_counts=True)
        at = np.searchsorted(uniq, ids)
        n = count[at]
        usable = (n >= 2) & (n <= MAX_POSTING)
        has = np.zeros(len(members), bool)
        has[owner[usable]] = True
        rarest = (n >= 2) & (n <= RAREST_MAX_POSTING) & ~has[owner]
        if rarest.any():
            fewest = np.full(len(members), np.iinfo(np.int64).max, np.int64)
            np.minimum.at(fewest, owner[rarest], n[rarest])
            usable |= rarest & (n == fewest[owner])
        self.start, self.len, self.weight = first[at][usable], count[at][usable], terms.weight[ids][usable]
        per = np.bincount(owner[usable], minlength=len(members))
        self.ptr = np.zeros(len(members) + 1, np.int64)
        np.cumsum(per, out=self.ptr[1:])


class PickContext:
    """What picking needs of every claim: document, sentence, whether it may pair with another
    sentence of its own document (counts and plain numbers), the linked documents, affinities."""

    def __init__(self, cdoc: list[int], csent: list[int], other_sent: list[bool], linked_to: dict[int, set[int]],
                 affinity: AffinityTable):
        self.cdoc = np.array(cdoc, dtype=np.int64)
        self.csent = np.array(csent, dtype=np.int64)
        self.other_sent = np.array(other_sent, dtype=bool)
        self.n_docs = int(self.cdoc.max()) + 1 if len(cdoc) else 1
        self.linked = np.array(sorted(a * self.n_docs + b for a, bs in linked_to.items() for b in bs), dtype=np.int64)
        self.affinity = affinity


def pick(block: BlockIndex, lo: int, hi: int, ctx: PickContext) -> tuple[np.ndarray, np.ndarray]:
    """The counterparts members lo..hi of the block pick (member numbers, in the order they are
    compared), as (how many each picked, all of them): through rare shared terms only, scored by
    the IDF of what they share plus half their affinity; the best CANDIDATES_PER_DOC of each of the
    best MAX_CANDIDATE_DOCS documents. A candidate in the claim's own document only for a count
    or plain number in another sentence; none in a linked document (the precise path's)."""
    members, n = block.members, len(block.members)
    e0, e1 = block.ptr[lo], block.ptr[hi]
    lens = block.len[e0:e1]
    owner = np.repeat(np.arange(lo, hi, dtype=np.int64), block.ptr[lo + 1:hi + 1] - block.ptr[lo:hi])
    cand = block.post[ragged(block.start[e0:e1], lens)]
    key = np.repeat(owner, lens) * n + cand
    key, at = np.unique(key, return_inverse=True)
    score = np.bincount(at.reshape(-1), weights=np.repeat(block.weight[e0:e1], lens), minlength=len(key))
    ci, cj = key // n, key % n
    ga, gb = members[ci], members[cj]
    da, db = ctx.cdoc[ga], ctx.cdoc[gb]
    same = da == db
    keep = (ci != cj) & (~same | (ctx.other_sent[ga] & (ctx.csent[ga] != ctx.csent[gb])))
    if len(ctx.linked):
        code = da * ctx.n_docs + db
        at = np.minimum(np.searchsorted(ctx.linked, code), len(ctx.linked) - 1)
        keep &= same | (ctx.linked[at] != code)
    ci, cj, ga, gb, db, score = ci[keep], cj[keep], ga[keep], gb[keep], db[keep], score[keep]
    neg = -(score + 0.5 * ctx.affinity.unequal(ga, gb))
    # per claim and document, candidates by score then member number; the first few of each
    order = np.lexsort((cj, neg, db, ci))
    ci, cj, db, neg = ci[order], cj[order], db[order], neg[order]
    m = len(ci)
    head = np.ones(m, bool)
    head[1:] = (ci[1:] != ci[:-1]) | (db[1:] != db[:-1])
    heads = np.flatnonzero(head)
    group = np.cumsum(head) - 1
    rank = np.arange(m) - heads[group]
    # documents of each claim by their best candidate, then number; the first few
    hc, hd, hn = ci[heads], db[heads], neg[heads]
    horder = np.lexsort((hd, hn, hc))
    first = np.ones(len(heads), bool)
    first[1:] = hc[horder][1:] != hc[horder][:-1]
    starts = np.flatnonzero(first)
    doc_rank = np.empty(len(heads), np.int64)
    doc_rank[horder] = np.arange(len(heads)) - starts[np.cumsum(first) - 1]
    rank_doc = doc_rank[group]
    chosen = (rank < CANDIDATES_PER_DOC) & (rank_doc < MAX_CANDIDATE_DOCS)
    ci, cj, rank, rank_doc = ci[chosen], cj[chosen], rank[chosen], rank_doc[chosen]
    final = np.lexsort((rank, rank_doc, ci))
    return np.bincount(ci - lo, minlength=hi - lo), cj[final]


def pairs_of_block(counts: np.ndarray, flat: np.ndarray, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The block's pairs in order, as claim numbers (smaller first): each member's picks in turn,
    a pair both members picked only once, from the side of the member that comes first."""
    n = len(members)
    src = np.repeat(np.arange(n, dtype=np.int64), counts)
    code = np.sort(src * n + flat)
    back = flat < src
    rev = flat[back] * n + src[back]
    at = np.minimum(np.searchsorted(code, rev), max(len(code) - 1, 0))
    back[back] = code[at] == rev if len(code) else False
    src, dst = src[~back], flat[~back]
    return members[np.minimum(src, dst)], members[np.maximum(src, dst)]


def first_of_repeats(x: np.ndarray, y: np.ndarray, multi: np.ndarray) -> np.ndarray:
    """Which pairs to keep: all but the later repeats of a pair among those marked `multi` (pairs of
    claims in more than one block, met again in another block)."""
    keep = np.ones(len(x), bool)
    at = np.flatnonzero(multi)
    if len(at):
        code = x[at] * (int(max(x.max(), y.max())) + 1) + y[at]
        _, first = np.unique(code, return_index=True)
        again = np.ones(len(at), bool)
        again[first] = False
        keep[at[again]] = False
    return keep
