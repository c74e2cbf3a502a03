"""Scale features: parallel extraction, the extraction cache, the Dask engine and progress output.

Each behaviour is checked on a small generated corpus: the report must be byte-identical however
the documents were extracted.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from checker import cache as cache_mod
from checker.api import check_paths, extract_paths
from checker.cache import ExtractionCache, decode_claims, encode_claims
from checker.model import Claim, Document
from checker.settings import build_config
from reports import json_report

from conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Twenty generated documents (stories with translations and planted conflicts)."""
    from corpus_gen import generate

    return generate(tmp_path_factory.mktemp("scale") / "corpus", 20, seed=7)


def _report(path: Path, **kwargs) -> str:
    return json_report.render_report(check_paths(build_config([path], fail_on="never", **kwargs)))


@pytest.fixture(scope="module")
def serial_report(corpus) -> str:
    return _report(corpus, jobs=1)


def test_two_processes_give_the_report_of_one(corpus, serial_report):
    assert _report(corpus, jobs=2) == serial_report


def test_grouping_over_two_processes_gives_the_report_of_one(corpus, serial_report, monkeypatch):
    from checker import broad, engine

    monkeypatch.setattr(broad, "PARALLEL_MIN_CLAIMS", 0)
    monkeypatch.setattr(broad, "_CHUNK", 7)          # many small tasks: results must come back in order
    monkeypatch.setattr(broad, "_PAIR_CHUNK", 50)
    monkeypatch.setattr(engine, "_PRECISE_CHUNK", 1)  # the precise path's translation pairs too
    assert _report(corpus, jobs=2) == serial_report


def _pid_of_worker(task: int) -> int:
    import os
    import time

    time.sleep(0.05)   # long enough that both workers take tasks
    return os.getpid()


@pytest.mark.skipif(not hasattr(__import__("signal"), "pthread_sigmask"), reason="POSIX signals")
def test_pool_workers_leave_ctrl_c_to_the_parent():
    """A terminal's Ctrl-C reaches every process of the group. A worker that died of it could take
    the pool's task queue with it and leave the parent waiting forever: workers ignore it."""
    import multiprocessing as mp
    import os
    import signal

    from checker import broad, parallel

    with parallel.start_pool(mp.get_context("fork"), 2) as pool:
        pids = set(pool.map(_pid_of_worker, range(8), chunksize=1))
        for pid in pids:
            os.kill(pid, signal.SIGINT)
        assert pool.map(abs, [-1, -2, -3]) == [1, 2, 3]
        assert {p.pid for p in mp.active_children()} >= pids   # the same workers, still alive
    with broad._Workers(None, 2) as run:
        pids = set(run(_pid_of_worker, list(range(8))))
        assert os.getpid() not in pids
        for pid in pids:
            os.kill(pid, signal.SIGINT)
        assert run(abs, [-4, -5]) == [4, 5]
        assert {p.pid for p in mp.active_children()} >= pids


def test_shared_features_give_the_similarity_and_affinity_of_each_pair(corpus):
    """The broad path's per-run tables (_FeatureTable, _affinity_key) are exact stand-ins for
    _similarity and _affinity, value for value."""
    import itertools

    from checker import broad as engine, candidates

    ex = extract_paths([corpus])
    claims = [c for cs in ex.claims.values() for c in cs if c.kind in ("date", "count", "money", "percent")][:240]
    idf = engine.Idf({t: 1.0 + (len(t) % 5) / 3 for c in claims for t in c.terms})
    table = engine._FeatureTable(idf, claims)
    keys = [engine._affinity_key(c) for c in claims]
    for x, y in itertools.combinations(range(len(claims)), 2):
        a, b = claims[x], claims[y]
        if a.kind != b.kind:
            continue
        assert table.similarity(x, y) == engine._similarity(a, b, idf)
        for agreeing in (False, True):
            assert candidates._affinity_of(keys[x], keys[y], agreeing) == candidates._affinity(a, b, agreeing)


def test_a_warm_cache_gives_the_report_of_a_cold_run(corpus, serial_report, tmp_path):
    assert _report(corpus, jobs=2, cache_dir=tmp_path) == serial_report
    assert _report(corpus, jobs=1, cache_dir=tmp_path) == serial_report


def test_an_unchanged_corpus_reads_its_findings_from_the_cache(corpus, serial_report, tmp_path):
    import dataclasses
    import shutil

    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    cfg = build_config([copy], fail_on="never", jobs=1, cache_dir=tmp_path / "cache")
    first = check_paths(cfg)
    assert "findings_cached" not in first.extraction.stats
    again = check_paths(cfg)
    assert again.extraction.stats.get("findings_cached") == 1
    assert json_report.render_report(again) == json_report.render_report(first) == serial_report
    own = {id(c) for cs in again.extraction.claims.values() for c in cs}
    assert any(id(c) in own for f in again.findings for c in f.claims), "cited claims are the run's own objects"
    # other rule settings, or an edited document, are another run
    fewer = check_paths(dataclasses.replace(cfg, rules_disabled=frozenset({"FC001"})))
    assert "findings_cached" not in fewer.extraction.stats
    assert not any(f.rule == "FC001" for f in fewer.findings)
    doc = next(p for p in sorted(copy.rglob("*.md")))
    doc.write_text(doc.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert "findings_cached" not in check_paths(cfg).extraction.stats


def test_a_warm_json_report_writes_the_findings_as_stored(corpus, serial_report, tmp_path, monkeypatch):
    """The findings of a cached run carry their part of the JSON report: the warm run writes the
    same bytes without formatting a finding again; a baselined one is still written afresh."""
    from checker.model import Finding

    cfg = build_config([corpus], fail_on="never", jobs=1, cache_dir=tmp_path)
    check_paths(cfg)
    warm = check_paths(cfg)
    assert warm.extraction.stats.get("findings_cached") == 1
    assert all(f.rendered for f in warm.findings)
    real = Finding.to_json
    monkeypatch.setattr(Finding, "to_json", lambda self: pytest.fail("a stored finding was formatted again"))
    assert json_report.render_report(warm) == serial_report
    first = warm.findings[0]
    warm.baselined = {first.id}
    monkeypatch.setattr(Finding, "to_json", real)
    expected = json_report.dumps(warm.to_json())   # every finding formatted afresh
    assert '"baselined": true' in expected
    monkeypatch.setattr(Finding, "to_json", lambda self: real(self) if self is first else pytest.fail("again"))
    assert json_report.render_report(warm) == expected


def test_a_row_of_another_shape_is_refused():
    import pickle
    import zlib

    from checker.cache import decode_findings

    for blob in (zlib.compress(pickle.dumps([("a.txt", "en")])), zlib.compress(pickle.dumps({"a": 1}))):
        with pytest.raises(ValueError):
            decode_claims(blob, "a.txt")
        with pytest.raises(ValueError):
            decode_findings(blob)


def test_editing_one_file_re_extracts_only_that_file(tmp_path):
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "example", corpus)
    cache_dir = tmp_path / "cache"
    first = extract_paths([corpus], cache_dir=cache_dir)
    assert first.stats == {"documents": 3, "cached": 0, "extracted": 3}
    again = extract_paths([corpus], cache_dir=cache_dir)
    assert again.stats["cached"] == 3 and again.claims == first.claims
    report = corpus / "03-report.en.md"
    report.write_text(report.read_text(encoding="utf-8").replace("300", "310"), encoding="utf-8")
    edited = extract_paths([corpus], cache_dir=cache_dir)
    assert edited.stats == {"documents": 3, "cached": 2, "extracted": 1}


def test_another_glossary_or_date_is_another_cache_entry(tmp_path):
    from checker.cache import document_key, glossary_digest
    from checker.glossary import Entry, Glossary

    doc = Document(doc="a.txt", text="当地时间4日，55个国家参会。", view="当地时间4日，55个国家参会。", lang="zh")
    base = document_key(doc, glossary_digest(None))
    assert document_key(doc, glossary_digest(Glossary([Entry("贝森特", "Bessent")]))) != base
    import datetime as dt

    doc.date = dt.date(2026, 2, 5)
    assert document_key(doc, glossary_digest(None)) != base


def test_claims_round_trip_exactly_through_the_cache():
    claim = Claim(doc="a.txt", lang="zh", kind="money", start=3, end=9, text="120亿美元", value="12000000000",
                  unit="USD", low=Decimal("1.15E+10"), high=Decimal("12500000000.0"), num=Decimal("1.2E+10"),
                  date_parts=(2026, None, 4), alt=("2026-04-02",),
                  extra={"groups": (frozenset({"fund"}), frozenset({"vault", "treasury"})), "clause": (0, 12),
                         "sentence": (0, 20), "near_groups": (), "clause_groups": (frozenset({"fund"}),)})
    back = decode_claims(encode_claims([claim]), "a.txt")
    assert back == [claim]
    assert str(back[0].low) == "1.15E+10" and str(back[0].high) == "12500000000.0"
    assert isinstance(back[0].extra["groups"][1], frozenset)
    assert back[0].terms == frozenset({"fund", "vault", "treasury"})   # the words of its sentence groups


def test_a_row_naming_a_foreign_class_is_refused():
    import pickle
    import zlib

    blob = zlib.compress(pickle.dumps([Path("x")]))
    with pytest.raises(pickle.UnpicklingError):
        decode_claims(blob, "a.txt")


def test_a_corrupted_cache_file_is_rebuilt_with_a_warning(tmp_path, caplog):
    (tmp_path / f"extract-v{cache_mod.SCHEMA}.sqlite").write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING, logger="factcheck"):
        c = ExtractionCache(tmp_path)
    assert "corrupted" in caplog.text
    c.put_many([("k", "a.txt", [], None)])
    assert c.get_many([("k", "a.txt")]) == {"k": []}
    c.close()


def test_a_damaged_row_is_not_trusted(tmp_path, caplog):
    c = ExtractionCache(tmp_path)
    claim = Claim(doc="a.txt", lang="en", kind="count", start=0, end=2, text="55", value="55", num=Decimal(55))
    c.put_many([("k", "a.txt", [claim], None)])
    c.close()
    con = sqlite3.connect(tmp_path / f"extract-v{cache_mod.SCHEMA}.sqlite")
    con.execute("UPDATE extraction SET data = ? WHERE key = 'k'", (b"garbage",))
    con.commit()
    con.close()
    c = ExtractionCache(tmp_path)
    with caplog.at_level(logging.WARNING, logger="factcheck"):
        assert c.get_many([("k", "a.txt")]) == {}
    assert "damaged" in caplog.text
    c.close()


def test_two_cache_users_at_once_both_store(tmp_path):
    a, b = ExtractionCache(tmp_path), ExtractionCache(tmp_path)
    a.put_many([("k1", "a.txt", [], None)])
    b.put_many([("k2", "b.txt", [], None), ("k1", "a.txt", [], None)])
    assert set(a.get_many([("k1", "a.txt"), ("k2", "b.txt")])) == {"k1", "k2"}
    a.close()
    b.close()


def test_the_dask_engine_gives_the_report_of_the_local_one(corpus, serial_report):
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (extra 'dask')")
    assert _report(corpus, jobs=1, engine="dask", scheduler="local") == serial_report


def test_cli_quiet_and_no_cache_options(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main

    out = tmp_path / "r.json"
    args = ["check", str(FIXTURES / "example"), "--format", "json", "-o", str(out), "--fail-on", "never", "-q"]
    res = CliRunner().invoke(main, [*args, "--cache-dir", str(tmp_path / "c"), "-j", "2"])
    assert res.exit_code == 0, res.output
    first = out.read_text(encoding="utf-8")
    res = CliRunner().invoke(main, [*args, "--no-cache", "-j", "1"])
    assert res.exit_code == 0 and out.read_text(encoding="utf-8") == first
    assert res.stderr == "" if hasattr(res, "stderr") else True
    res = CliRunner().invoke(main, [*args, "--scheduler", "local"])
    assert res.exit_code == 2 and "--engine dask" in res.output


def test_no_progress_bar_when_stderr_is_not_a_terminal():
    import io

    from checker.progress import terminal_progress

    assert terminal_progress(quiet=False, stream=io.StringIO()) is None


def test_progress_bar_appears_only_after_a_while():
    import io
    import time

    from checker import progress as prog

    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    bar = prog.terminal_progress(quiet=False, stream=stream)
    assert bar is not None and prog.terminal_progress(quiet=True, stream=stream) is None
    bar.start("extracting", 10)
    bar.advance(5)
    assert stream.getvalue() == ""          # a short run shows nothing
    prog.SHOW_AFTER_SECONDS, saved = 0.0, prog.SHOW_AFTER_SECONDS
    try:
        bar.start("extracting", 10)
        time.sleep(0.25)
        bar.advance(5)
        bar.finish()
    finally:
        prog.SHOW_AFTER_SECONDS = saved
    assert "extracting" in stream.getvalue()


def test_the_alias_finder_finds_what_substring_tests_find():
    """Engine._apply_aliases looks every stated alias up in every sentence through _KeyFinder (one
    scan of the text): the same names, in the same order, as testing `name in sentence` for each."""
    import random

    from checker.engine import _KeyFinder

    rng = random.Random(5)
    alphabet = "金库计划论坛资源合作战略ab"
    for _ in range(200):
        keys = sorted({"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 12))},
                      key=len, reverse=True)
        text = "".join(rng.choice(alphabet + " 。") for _ in range(rng.randint(0, 60)))
        finder = _KeyFinder(keys)
        found = finder.occurrences(text)
        for a in range(0, len(text) + 1, 3):
            for b in range(a, len(text) + 1, 4):
                assert finder.within(found, a, b) == [k for k in keys if k in text[a:b]]


def test_rules_left_out_of_the_judge_are_never_let_through(corpus):
    """_BROAD_RULES leaves out the last rules of PAIR_RULES (_NOT_BROAD): _broad_threshold must
    never let a verdict of theirs through."""
    from checker import broad
    from rules import PAIR_RULES, Verdict

    ex = extract_paths([corpus])
    claims = [c for cs in ex.claims.values() for c in cs][:300]
    for a in claims:
        for b in claims:
            if a is b or not broad.comparable(a, b):
                continue
            for rule in PAIR_RULES:
                if rule.id in broad._NOT_BROAD:
                    for message in ("differ", "day and month swapped"):
                        assert broad._broad_threshold(rule.id, Verdict(message, 0.5), a, b) is None, (rule.id, a, b)


class _Unreadable:
    """A similarity that fails when anything reads it (compares, adds, formats, rounds it)."""

    def _read(self, *args):
        raise AssertionError("a rule read the similarity")

    __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = __bool__ = __float__ = __int__ = __round__ = _read
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _read
    __format__ = __str__ = __repr__ = __abs__ = __neg__ = __hash__ = _read


def _rule_cases(tmp_path) -> list[list]:
    """The claims of each rule's cases (fixtures/rules: pairs each rule fires on, and pairs it must
    not), one list per case."""
    import tomllib

    groups = []
    for path in sorted((FIXTURES / "rules").glob("FC*.toml")):
        for k, case in enumerate(tomllib.loads(path.read_text(encoding="utf-8"))["case"]):
            root = tmp_path / f"{path.stem}-{k}"
            for name, text in case["docs"].items():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_text(text, encoding="utf-8")
            groups.append([c for cs in extract_paths([root]).claims.values() for c in cs])
    return groups


def test_no_rule_reads_the_similarity(corpus, tmp_path):
    """The judge asks the rules before it knows a pair's similarity (_verdict_of), and computes
    similarities only for the pairs with a verdict and those that decide their mutual best: no
    rule may read Pair.similarity. Every pair rule on every two claims of the generated corpus and
    of the rules' cases, with a similarity that fails when read, gives what it gives with 0.5."""
    from rules import PAIR_RULES, Pair

    groups = [[c for cs in extract_paths([corpus]).claims.values() for c in cs][:300]] + _rule_cases(tmp_path)
    fired: set[str] = set()
    for claims in groups:
        for a in claims:
            for b in claims:
                if a is b:
                    continue
                for rule in PAIR_RULES:
                    for path in ("broad", "precise"):
                        got = rule.check(Pair(a, b, _Unreadable(), path))
                        assert got == rule.check(Pair(a, b, 0.5, path)), (rule.id, a, b)
                        if got is not None:
                            fired.add(rule.id)
    assert fired == {r.id for r in PAIR_RULES}


def test_the_judge_computes_every_similarity_its_findings_depend_on(corpus, serial_report, monkeypatch):
    """_judge_broad computes the similarity of the pairs with a verdict, of the pairs that share a
    (claim key, other document) with one of those (their mutual best), and of the agreeing pairs of
    the claims of the findings (their support): with every pair's similarity computed and every pair
    a rival and a support, the report is the same."""
    import numpy as np

    from checker import broad

    monkeypatch.setattr(broad, "_with_keys", lambda kx, ky, wanted: np.arange(len(kx)))
    assert _report(corpus, jobs=1) == serial_report


def test_the_judge_leaves_out_only_rules_that_cannot_fire(corpus, tmp_path):
    """_verdict_of asks a pair only the rules _asked lets through for its kinds (and directions,
    and for FC004 its digits): every rule it leaves out must say None, on every two claims of the generated corpus
    and of each rule's cases (fixtures/rules: pairs each rule fires on, and pairs it must not), and
    the rule that fires on a pair must be among those asked."""
    from checker import broad
    from rules import Pair

    groups = [[c for cs in extract_paths([corpus]).claims.values() for c in cs][:300]] + _rule_cases(tmp_path)
    kinds_seen, checked = set(), 0
    for claims in groups:
        for a in claims:
            for b in claims:
                asked = broad._asked(a, b, {})
                pair = Pair(a, b, 1.0, "broad")
                for rule in broad._BROAD_RULES:
                    if rule not in asked:
                        assert rule.check(pair) is None, (rule.id, a, b)
                        checked += 1
                kinds_seen.add((a.kind, b.kind))
    assert checked > 10_000 and {"date", "percent", "money", "measure", "count", "identifier", "name"} <= \
        {k for pair in kinds_seen for k in pair}


def _broad_pairs(corpus, monkeypatch) -> list[tuple[tuple, tuple]]:
    """The pairs broad() hands to the judge, in order, as the keys of their claims."""
    from checker import broad

    got: list = []

    def judge(self, pairs, judging, run):
        claims, _, _, pa, pb = pairs
        got.extend((claims[x], claims[y]) for x, y in zip(pa, pb))

    with monkeypatch.context() as m:
        m.setattr(broad.BroadPath, "_judge_broad", judge)
        check_paths(build_config([corpus], fail_on="never", jobs=1))
    return got


def test_pairs_no_rule_can_compare_are_dropped_as_they_are_picked(corpus, monkeypatch):
    """_pick_chunk leaves out the partners a claim cannot be compared with: the pairs left, in their
    order, are those that picking every partner and dropping the incomparable pairs afterwards
    gives (comparable() is symmetric, so which claim picked a pair does not matter)."""
    from checker import broad

    pairs = _broad_pairs(corpus, monkeypatch)
    with monkeypatch.context() as m:
        m.setattr(broad, "comparable", lambda a, b: True)
        every = _broad_pairs(corpus, monkeypatch)
    assert len(every) > len(pairs) > 100
    assert pairs == [(a, b) for a, b in every if broad.comparable(a, b)]
    assert all(broad.comparable(b, a) == broad.comparable(a, b) for a, b in every)


def test_the_judge_gives_the_same_findings_whatever_its_chunks(corpus, serial_report, monkeypatch):
    """Each chunk of pairs is judged on its own (_judge_chunk), and similarities are computed in
    chunks of pairs: the results, in chunk order, are those of one pass."""
    from checker import broad

    monkeypatch.setattr(broad, "_PAIR_CHUNK", 13)
    assert _report(corpus, jobs=1) == serial_report


class _Asked:
    """_Similarities over a table of every pair's similarity that shows only those asked for (NaN
    elsewhere: a similarity read without being asked for changes the outcome)."""

    def __init__(self, full):
        import numpy as np

        self.full, self.ps = full, np.full(len(full), np.nan)

    def need(self, at):
        self.ps[at] = self.full[at]


class _Affinity:
    def unequal(self, x, y):
        return ((x * 7 + y * 3) % 5) / 4


def test_the_judge_scores_only_the_pairs_that_decide_its_findings():
    """_mutual_best and _supporting compute only some similarities: on random pairs with many equal
    keys and scores, they must give what choosing among every pair, every similarity known, gives:
    the mutual best of each pair asked about, and for each key of the judged claims the same
    supporting pairs in the same order."""
    import numpy as np

    from checker import broad

    rng = np.random.default_rng(5)
    for _ in range(200):
        n_claims, n_pairs = 40, 300
        kid = rng.integers(0, 25, n_claims)            # some claims share a key
        cdoc = rng.integers(0, 5, n_claims)
        xs, ys = rng.integers(0, n_claims, n_pairs), rng.integers(0, n_claims, n_pairs)
        full = rng.integers(0, 8, n_pairs) / 8          # many equal scores: ties decided by order
        ok = rng.random(n_pairs) < 0.3
        n_docs = int(cdoc.max()) + 1
        key_x, key_y = kid[xs] * n_docs + cdoc[ys], kid[ys] * n_docs + cdoc[xs]
        cand = np.flatnonzero((rng.random(n_pairs) < 0.1) & (cdoc[xs] != cdoc[ys]))
        every = np.arange(n_pairs)
        keys, best = broad._best_counterparts(every, xs, ys, key_x, key_y, full, ok, _Affinity())
        want = (best[np.searchsorted(keys, key_x[cand])] == ys[cand]) & (best[np.searchsorted(keys, key_y[cand])] == xs[cand])
        got = broad._mutual_best(cand, xs, ys, key_x, key_y, _Asked(full), ok, _Affinity())
        assert got.tolist() == want.tolist()
        same = np.flatnonzero(ok)
        judged = cand[: len(cand) // 2]
        supporting = broad._supporting(same, judged, kid, xs, ys, _Asked(full)).tolist()
        every_support = same[full[same] >= broad.BROAD_MIN["support"]].tolist()
        for k in set(kid[xs[judged]].tolist()) | set(kid[ys[judged]].tolist()):
            assert [p for p in supporting if k in (kid[xs[p]], kid[ys[p]])] == \
                [p for p in every_support if k in (kid[xs[p]], kid[ys[p]])]


def test_the_judge_gives_each_pair_the_verdict_asking_every_rule_gives(corpus, tmp_path):
    """_verdict_of leaves rules unasked (_asked: by kinds; the last rule when its threshold lets
    nothing through for the pair: FC003 for counts of other nouns, FC005 for percentages far apart)
    and pairs of dates unasked (_dates_may_pass): on every two comparable claims of the
    generated corpus and of the rules' cases, its verdict must be the one that asking every rule of
    the judge in order, then _broad_threshold, gives."""
    from checker import broad
    from rules import Pair

    def every_rule(a, b, by_sentence):
        pair = Pair(a, b, 0.5, "broad")
        for rule in broad._BROAD_RULES:
            verdict = rule.check(pair)
            if verdict is not None:
                break
        else:
            return None
        need = broad._broad_threshold(rule.id, verdict, a, b)
        if need is None or broad._arithmetic_relation(a, b, by_sentence):
            return None
        return broad._RULE_INDEX[rule.id], verdict, need

    groups = [[c for cs in extract_paths([corpus]).claims.values() for c in cs]] + _rule_cases(tmp_path)
    # and dates as the corpus has few or none: at one clock time, zone and weekday (a weekday
    # resolved differently), with a number (FC001 reads one), quoting 'swapped'
    dates = [c for c in groups[0] if c.kind == "date"][:40]
    groups.append(dates + [dataclasses.replace(c, weekday=k % 7, time="10:00", tz="+08:00") for k, c in enumerate(dates)]
                  + [dataclasses.replace(c, num=Decimal(10 ** (k % 3 + 1))) for k, c in enumerate(dates)]
                  + [dataclasses.replace(c, text="swapped") for c in dates[:5]])
    seen: Counter = Counter()
    for claims in groups:
        by_sentence = broad.sentence_index({c.doc: [x for x in claims if x.doc == c.doc] for c in claims})
        memo: dict = {}
        for a in claims:
            for b in claims:
                if a is b or not broad.comparable(a, b):
                    continue
                want = every_rule(a, b, by_sentence)
                assert broad._verdict_of(a, b, memo, by_sentence) == want, (a, b)
                seen[(a.kind, want is not None)] += 1
    for kind in ("date", "count", "number", "percent", "money", "measure", "identifier"):
        assert seen[(kind, True)] > 0 and seen[(kind, False)] > 100, (kind, seen)


def test_findings_are_read_back_as_they_are_decompressed():
    """A run's findings (many, their rendered text included) come back exactly; a blob cut short
    or followed by anything else is refused, as zlib.decompress of the whole would refuse it."""
    from checker.cache import decode_findings, encode_findings
    from checker.model import Finding

    findings = [Finding(rule="FC001", name="scale", severity="warning", confidence=0.5, subject="基金 fund",
                        message=f"{k} vs {k * 10}", claims=[("a.zh.md", k)], docs=("a.zh.md",)) for k in range(3000)]
    for k, f in enumerate(findings):
        f.rendered = "{\n  \"id\": \"FC001-" + str(k) + "\" 𢙐 基金" * (k % 40)
    blob = encode_findings(findings)
    back = decode_findings(blob)
    assert [(f.message, f.claims, f.rendered) for f in back] == [(f.message, f.claims, f.rendered) for f in findings]
    for bad in (blob[:-3], blob[:len(blob) // 2], blob + b"\0"):
        with pytest.raises(Exception):
            decode_findings(bad)


def test_workers_send_the_claims_as_the_cache_stores_them(corpus):
    """Over processes, each document's claims arrive encoded as the cache keeps them: the parent
    reads them back (not a second encoding for the cache), equal to one process's claims, and the
    collector is left on."""
    import gc

    from checker import parallel
    from checker.loader import load_corpus

    docs = load_corpus([corpus]).documents
    serial = {doc: claims for doc, claims, _ in parallel.extract_local(docs, None, 1)}
    got = list(parallel.extract_local(docs, None, 2))
    assert [doc for doc, _, _ in got] == [d.doc for d in docs]
    assert all(blob is not None and decode_claims(blob, doc) == claims for doc, claims, blob in got[1:])
    assert {doc: claims for doc, claims, _ in got} == serial
    assert gc.isenabled()
