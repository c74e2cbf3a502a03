"""The warm run's shortcuts: the collector paused while the cache is read, per-report location
lookups, the JUnit case index, and no grouping engine imported when the findings are cached."""

from __future__ import annotations

import gc
import random
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from checker import cache as cache_mod
from checker.api import check_paths
from checker.cache import ExtractionCache
from checker.model import Claim
from checker.settings import build_config
from reports import junit
from reports.locations import Locator, document_text, file_path, file_uri, primary_claim

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "fixtures" / "example"


def _claim(doc: str = "a.txt") -> Claim:
    return Claim(doc=doc, lang="en", kind="count", start=0, end=2, text="55", value="55", num=Decimal(55),
                 extra={"groups": (frozenset({"a"}),)})


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_the_cache_leaves_the_collector_as_it_was(tmp_path, enabled):
    c = ExtractionCache(tmp_path)
    c.put_many([("k", "a.txt", [_claim()], None), ("bad", "b.txt", [_claim("b.txt")], None)])
    c.close()
    con = sqlite3.connect(tmp_path / f"extract-v{cache_mod.SCHEMA}.sqlite")
    con.execute("UPDATE extraction SET data = ? WHERE key = 'bad'", (b"garbage",))
    con.commit()
    con.close()
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        c = ExtractionCache(tmp_path)
        got = c.get_many([("k", "a.txt"), ("bad", "b.txt")])
        c.close()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert list(got) == ["k"] and got["k"] == [_claim()]


def test_locator_answers_as_the_module_functions(tmp_path):
    report = check_paths(build_config([EXAMPLE], fail_on="never", jobs=1))
    assert report.findings
    loc = Locator(report)
    for f in report.findings:
        assert loc.primary(f) is primary_claim(report, f)
        for c in f.claims:
            assert loc.text(c.doc) == document_text(report, c.doc)
            assert loc.path(c.doc) == file_path(report, c.doc)
            assert loc.uri(c.doc) == file_uri(report, c.doc)
    assert loc.text("no such document") == ""


def test_junit_case_index_finds_the_case_the_linear_search_found():
    rng = random.Random(7)
    docs = [f"d{i}" for i in range(30)]
    cases = [(f"{a} → {b}", {a, b}) for a, b in zip(docs[::3], docs[1::3])] + [(d, {d}) for d in docs]
    index = junit._case_index(cases)
    for _ in range(500):
        want = set(rng.sample(docs, rng.randint(1, 3)))
        first = next(iter(want))
        linear = next((name for name, covered in cases if want <= covered), None)
        if linear is None:
            linear = next((name for name, covered in cases if first in covered), None)
        assert junit._target(cases, index, want, first) == linear


def test_a_warm_run_imports_no_grouping_engine(tmp_path):
    code = (
        "import sys; from pathlib import Path\n"
        "from checker.api import check_paths\n"
        "from checker.settings import build_config\n"
        f"cfg = build_config([Path({str(EXAMPLE)!r})], fail_on='never', jobs=1, cache_dir=Path({str(tmp_path)!r}))\n"
        "r = check_paths(cfg)\n"
        "assert r.extraction.stats.get('findings_cached') == 1, r.extraction.stats\n"
        "print('checker.engine' in sys.modules)\n"
    )
    first = subprocess.run([sys.executable, "-c", code.replace("== 1", "!= 1")], capture_output=True, text=True,
                           cwd=ROOT, check=True)
    assert first.stdout.strip() == "True"   # the cold run groups
    warm = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert warm.stdout.strip() == "False"


def test_gc_paused_freezes_only_when_asked_and_restores_the_collector():
    import gc

    from checker.gcpause import gc_paused

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        with gc_paused():
            kept = [(i, frozenset({str(i)})) for i in range(1000)]
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count() == frozen   # long-lived data walked as usual
        with gc_paused(freeze=True):
            kept += [(i, frozenset({str(i)})) for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + 1000   # out of the collector's sight
        gc.disable()
        with gc_paused(freeze=True):
            pass
        assert not gc.isenabled()   # a collector that was off stays off
    finally:
        gc.enable()
        gc.unfreeze()
