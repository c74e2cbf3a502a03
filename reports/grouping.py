"""Findings that cite a common claim speak of one fact: both renderers show them together."""

from __future__ import annotations


def fact_groups(findings) -> list[list[int]]:
    """Indices of findings grouped by shared cited claims (the first two of each, passages aside), in order of first appearance."""
    parent = list(range(len(findings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple, int] = {}
    for i, f in enumerate(findings):
        for c in [c for c in f.claims if c.kind != "passage"][:2]:
            j = owner.setdefault(c.key, i)
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(findings)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())
