"""Sentence alignment of a document and its translation (the precise path).

A Gale–Church style dynamic programme over sentences: 1-1, 1-2, 2-1, 1-0 and 0-1 beads,
scored by length agreement (in characters, scaled by the pair's overall length ratio) and
rewarded for shared normalized values (anchors). Banded, so the cost stays near linear.
"""

from __future__ import annotations

import math

from .model import Claim


def _anchor_keys(claims: list[Claim]) -> set[str]:
    keys = set()
    for c in claims:
        if c.kind == "name" and c.extra.get("glossary"):
            keys.add("n:" + c.value)
        elif c.kind == "date":
            keys.add("d:" + c.value)
        elif c.num is not None:
            keys.add(f"v:{c.num.normalize()}")
    return keys


_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))   # (source, target) sentences per bead


def align(src_lens: list[int], tgt_lens: list[int], src_keys: list[set[str]], tgt_keys: list[set[str]],
          band: int = 40) -> list[tuple[list[int], list[int]]]:
    """Beads of (source sentence indices, target sentence indices) covering both sides in order."""
    n, m = len(src_lens), len(tgt_lens)
    if n == 0 or m == 0:
        return [(list(range(n)), list(range(m)))] if n or m else []
    ratio = (sum(tgt_lens) or 1) / (sum(src_lens) or 1)
    INF = float("inf")
    cost = [[INF] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    # what a bead's cost needs of the up to three sentences it takes from each side, computed once
    # per start and length instead of once per bead tried (the same expressions, so the same floats)
    s_len = [[sum(src_lens[i:i + k]) * ratio for k in range(4)] for i in range(n + 1)]
    t_len = [[sum(tgt_lens[j:j + k]) for k in range(4)] for j in range(m + 1)]
    s_key = [[set().union(*src_keys[i:i + k]) for k in range(4)] for i in range(n + 1)]
    t_key = [[set().union(*tgt_keys[j:j + k]) for k in range(4)] for j in range(m + 1)]
    sqrt = math.sqrt
    # a bead's cost: 4 + 0.002 x its length for a sentence left alone (1-0, 0-1); else how far
    # apart the two lengths are, a penalty for anything but 1-1, less a reward per shared anchor.
    # Written out in the loop (a function call per bead tried was most of the time), with the same
    # expressions in the same order, so the same floats.
    moves = [(di, dj, 0.0 if (di == 1 and dj == 1) else 1.2) for di, dj in _MOVES]
    for i in range(n + 1):
        center = i * m / n
        lo, hi = max(0, int(center) - band), min(m, int(center) + band)
        row, s_len_i, s_key_i = cost[i], s_len[i], s_key[i]
        for j in range(lo, hi + 1):
            here = row[j]
            if here == INF:
                continue
            t_len_j, t_key_j = t_len[j], t_key[j]
            for di, dj, penalty in moves:
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                ls = s_len_i[di]
                lt = t_len_j[dj]
                if di == 0 or dj == 0:
                    c = here + (4.0 + 0.002 * (ls + lt))
                else:
                    c = here + (abs(ls - lt) / sqrt(max(ls + lt, 1.0)) * 0.6 + penalty
                                - 1.5 * len(s_key_i[di] & t_key_j[dj]))
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (i, j)
    beads = []
    i, j = n, m
    if cost[n][m] == INF:
        return [(list(range(n)), list(range(m)))]
    while (i, j) != (0, 0):
        pi, pj = back[i][j]  # type: ignore[misc]
        beads.append((list(range(pi, i)), list(range(pj, j))))
        i, j = pi, pj
    beads.reverse()
    return beads


def anchor_keys(claims: list[Claim]) -> set[str]:
    return _anchor_keys(claims)
