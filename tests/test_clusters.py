"""Regression guard on realistic clusters written to hunt misses (fixtures/clusters/*): each is a
newsroom corpus (a Chinese original, its English translation, other outlets' reports) with errors
planted and traps laid before factcheck was run on it, and a gold.json in the shared scorer's format
(must_flag, may_flag, must_not_flag). `known_misses` in a gold.json names the planted errors
factcheck does not catch yet, each with why: every other must be caught, no trap may be violated,
and a known miss that gets caught fails the test until it is taken off the list.

Scored with ../shared/tools/score.py (imported, never copied): skipped when ../shared is absent."""

from __future__ import annotations

import json
import sys
from functools import cache

import pytest
from click.testing import CliRunner

from checker.cli import main
from conftest import FIXTURES, SHARED, needs_shared

pytestmark = [needs_shared]
CLUSTERS = sorted(p.parent for p in (FIXTURES / "clusters").glob("*/gold.json"))


def _scorer():
    tools = str(SHARED / "tools")
    sys.path.insert(0, tools)
    try:
        import score
    finally:
        sys.path.remove(tools)
    return score


@cache   # one run per cluster for both tests that read it
def _score(cluster) -> tuple[dict, dict]:
    gold = json.loads((cluster / "gold.json").read_text(encoding="utf-8"))
    res = CliRunner().invoke(main, ["check", str(cluster), "--format", "json", "--fail-on", "never", "--no-cache"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output[-2000:]
    return gold, _scorer().score(cluster, gold, json.loads(res.output), False)


def test_clusters_are_present():
    assert len(CLUSTERS) >= 10, "fixtures/clusters holds the hunt clusters"


@pytest.mark.parametrize("cluster", CLUSTERS, ids=[c.name for c in CLUSTERS])
def test_cluster_gold_quotes_exist(cluster, capsys):
    gold = json.loads((cluster / "gold.json").read_text(encoding="utf-8"))
    assert _scorer().validate(cluster, gold) == 0, capsys.readouterr().out


@pytest.mark.parametrize("cluster", CLUSTERS, ids=[c.name for c in CLUSTERS])
def test_cluster_catches_all_but_its_known_misses(cluster):
    gold, result = _score(cluster)
    assert result["traps_violated"] == []
    known = set(gold.get("known_misses", {}))
    assert known <= {it["id"] for it in gold["must_flag"]}, "a known miss names no planted error"
    assert set(result["missed"]) == known, {"newly missed": sorted(set(result["missed"]) - known),
                                            "now caught (take off known_misses)": sorted(known - set(result["missed"]))}


def test_clusters_pooled_precision():
    useful = findings = 0
    for cluster in CLUSTERS:
        _, result = _score(cluster)
        useful += result["useful_findings"]
        findings += result["findings"]
    assert findings and useful / findings >= 0.9, (useful, findings)
