"""Scale benchmark (run on demand; never collected by pytest).

    python tests/benchmarks/scale_bench.py                       # 1k, 2k, 4k, 8k, 16k documents
    python tests/benchmarks/scale_bench.py --sizes 1000,2000 --jobs 2 --warm
    python tests/benchmarks/scale_bench.py --sizes 8000 --jobs-compare 1,2

Corpora come from corpus_gen.py (deterministic for --seed; kept under --workdir for re-runs).
Each measurement runs `check_paths` in a fresh subprocess and prints one table row: throughput,
the time of each stage (load, extract, subjects, grouping, rules, render; wall-clock seconds,
subjects estimated from its share of extraction CPU), peak RSS of the main process and of the
largest worker, and the number of findings. `--warm` measures a second run on the filled cache
("warm": claims and findings from the cache) and a third with the claims only ("warm-x": grouping and
rules run again, as after an edit to one document).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def corpus_for(workdir: Path, n: int, seed: int) -> Path:
    from corpus_gen import generate

    out = workdir / f"corpus-{n}-{seed}"
    stamp = out / ".complete"
    if not stamp.exists():
        if out.exists():
            import shutil

            shutil.rmtree(out)
        t = time.perf_counter()
        generate(out, n, seed)
        stamp.write_text("ok")
        print(f"# generated {n} documents in {time.perf_counter() - t:.1f}s: {out}", file=sys.stderr)
    return out


def measure(corpus: Path, jobs: int, cache_dir: str | None, engine: str, findings_cache: bool = True) -> dict:
    """One full check of `corpus` in this process, with stage timings (`findings_cache=False`: the
    extraction cache only, as after an edit to one document)."""
    import multiprocessing as mp
    import resource

    from checker import api, engine as eng
    from checker.extract import pipeline
    from checker.settings import build_config
    from reports import json_report

    wall: dict[str, float] = {"load": 0.0, "broad": 0.0, "judge": 0.0, "precise": 0.0}
    annotate_cpu, extract_cpu = mp.Value("d", 0.0), mp.Value("d", 0.0)   # shared with forked workers

    def timed(owner, name, key):
        f = getattr(owner, name)

        def w(*a, **k):
            t = time.perf_counter()
            try:
                return f(*a, **k)
            finally:
                wall[key] += time.perf_counter() - t
        setattr(owner, name, w)

    def cpu_timed(owner, name, counter):
        f = getattr(owner, name)

        def w(*a, **k):
            t = time.process_time()
            try:
                return f(*a, **k)
            finally:
                with counter.get_lock():
                    counter.value += time.process_time() - t
        setattr(owner, name, w)

    timed(api, "load_corpus", "load")
    timed(eng.Engine, "broad", "broad")
    timed(eng.Engine, "_judge_broad", "judge")
    timed(eng.Engine, "precise", "precise")   # runs inside broad() while its workers score pairs
    cpu_timed(pipeline, "_annotate", annotate_cpu)
    cpu_timed(pipeline, "extract_document", extract_cpu)
    config = build_config([corpus], fail_on="never", jobs=jobs, cache_dir=Path(cache_dir) if cache_dir else None,
                          engine=engine, scheduler="local" if engine == "dask" else None)
    t0, c0 = time.perf_counter(), os.times()
    t_rules = {}
    orig_find = api.find

    def find(ex, cfg):   # grouping and rules, or the findings of an unchanged corpus from the cache
        t_rules["start"] = time.perf_counter()
        try:
            return orig_find(ex, cfg) if findings_cache else api._grouped(ex, cfg)   # as a run after an edit
        finally:
            t_rules["end"] = time.perf_counter()
    api.find = find
    report = api.check_paths(config)
    t1 = time.perf_counter()
    json_chars = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:   # as the CLI writes it: piece by piece
        for piece in json_report.render_report_chunks(report):
            sink.write(piece)
            json_chars += len(piece)
    t2 = time.perf_counter()
    c1 = os.times()
    ex = report.extraction
    n_bytes = sum(len(d.text.encode("utf-8")) for d in ex.documents)
    extract_wall = t_rules["start"] - t0 - wall["load"]
    share = annotate_cpu.value / extract_cpu.value if extract_cpu.value else 0.0
    grouping = wall["broad"] - wall["judge"] - wall["precise"]   # the precise path counts as rules
    rules = (t_rules["end"] - t_rules["start"]) - grouping
    return {
        "docs": len(ex.documents), "mb": n_bytes / 1e6, "claims": sum(len(v) for v in ex.claims.values()),
        "total": t2 - t0, "load": wall["load"], "extract": extract_wall * (1 - share), "subjects": extract_wall * share,
        "grouping": grouping, "rules": rules, "render": t2 - t1,
        "extract_cpu": extract_cpu.value, "cpu": (c1.user + c1.system + c1.children_user + c1.children_system)
        - (c0.user + c0.system + c0.children_user + c0.children_system),
        "rss_main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "findings": len(report.findings), "cached": ex.stats.get("cached", 0), "json_bytes": json_chars,
        "findings_cached": ex.stats.get("findings_cached", 0),
        "code": str(Path(api.__file__).parent),
    }


_CODE: Path | None = None   # a snapshot of the code under test (set by main)


def snapshot_code(workdir: Path) -> Path:
    """Copy checker/, rules/ and reports/ aside: every measurement of a run uses the same code even
    while the work tree changes (and the extraction cache, keyed by the code, stays warm)."""
    import shutil

    root = HERE.parents[1]
    dest = workdir / f"code-{os.getpid()}"
    for pkg in ("checker", "rules", "reports"):
        shutil.copytree(root / pkg, dest / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def run_measure(corpus: Path, jobs: int, cache_dir: str | None, engine: str = "local", findings_cache: bool = True) -> dict:
    cmd = [sys.executable, __file__, "--measure", str(corpus), "--jobs", str(jobs), "--engine", engine]
    if not findings_cache:
        cmd.append("--no-findings-cache")
    if cache_dir:
        cmd += ["--cache-dir", cache_dir]
    env = dict(os.environ)
    if _CODE is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(_CODE), env.get("PYTHONPATH", "")])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


COLUMNS = [("docs", "{:>6}"), ("MB", "{:>5.1f}"), ("run", "{:>5}"), ("total s", "{:>8.1f}"), ("docs/s", "{:>7.1f}"),
           ("MB/s", "{:>5.2f}"), ("claims/s", "{:>8.0f}"), ("load", "{:>6.1f}"), ("extract", "{:>7.1f}"),
           ("subjects", "{:>8.1f}"), ("grouping", "{:>8.1f}"), ("rules", "{:>6.1f}"), ("render", "{:>6.1f}"),
           ("RSS MB", "{:>11}"), ("findings", "{:>8}"), ("CPU s", "{:>6.0f}"), ("extr MB/s/core", "{:>14.2f}")]


def row(r: dict, label: str) -> str:
    vals = [r["docs"], r["mb"], label, r["total"], r["docs"] / r["total"], r["mb"] / r["total"],
            r["claims"] / r["total"], r["load"], r["extract"], r["subjects"], r["grouping"], r["rules"], r["render"],
            f"{r['rss_main_mb']:.0f}/{r['rss_worker_mb']:.0f}", r["findings"], r["cpu"],
            r["mb"] / r["extract_cpu"] if r["extract_cpu"] else float("nan")]
    return " ".join(fmt.format(v) for (_, fmt), v in zip(COLUMNS, vals))


def header() -> str:
    widths = [len(fmt.format(0 if "d}" in fmt or "f}" in fmt else "")) for _, fmt in COLUMNS]
    return " ".join(name.rjust(w) for (name, _), w in zip(COLUMNS, widths))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,4000,8000,16000", help="comma-separated document counts")
    ap.add_argument("--jobs", type=int, default=0, help="extraction processes (0: one per core)")
    ap.add_argument("--jobs-compare", default="", help="also time these job counts at the largest size, e.g. 1,2")
    ap.add_argument("--engine", default="local", choices=["local", "dask"])
    ap.add_argument("--warm", action="store_true", help="also measure a second run on the filled cache")
    ap.add_argument("--seed", type=int, default=20260301)
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "factcheck-scale")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", help=argparse.SUPPRESS)
    ap.add_argument("--no-findings-cache", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.jobs, args.cache_dir, args.engine, not args.no_findings_cache)))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    global _CODE
    _CODE = snapshot_code(args.workdir)
    print(f"# code snapshot: {_CODE}", file=sys.stderr)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(header(), flush=True)
    results = {}
    for n in sizes:
        corpus = corpus_for(args.workdir, n, args.seed)
        with tempfile.TemporaryDirectory(dir=args.workdir) as cache_dir:
            cold = run_measure(corpus, args.jobs, cache_dir, args.engine)
            results[n] = cold
            print(row(cold, "cold"), flush=True)
            if args.warm:
                print(row(run_measure(corpus, args.jobs, cache_dir, args.engine), "warm"), flush=True)
                # claims from the cache, grouping and rules run again (what a run after editing one file costs)
                print(row(run_measure(corpus, args.jobs, cache_dir, args.engine, findings_cache=False), "warm-x"),
                      flush=True)
    for a, b in zip(sizes, sizes[1:]):
        if b == 2 * a:
            ra, rb = results[a], results[b]
            print(f"# time({b})/time({a}): total {rb['total'] / ra['total']:.2f}, "
                  f"grouping {rb['grouping'] / max(ra['grouping'], 1e-9):.2f}, "
                  f"grouping+rules {(rb['grouping'] + rb['rules']) / max(ra['grouping'] + ra['rules'], 1e-9):.2f}")
    if args.jobs_compare:
        corpus = corpus_for(args.workdir, sizes[-1], args.seed)
        times = {}
        for j in (int(x) for x in args.jobs_compare.split(",")):
            r = run_measure(corpus, j, None, args.engine)
            times[j] = r
            print(row(r, f"j={j}"), flush=True)
        js = sorted(times)
        if len(js) >= 2:
            a, b = times[js[0]], times[js[-1]]
            print(f"# --jobs {js[-1]} vs --jobs {js[0]}: end to end {a['total'] / b['total']:.2f}x, "
                  f"extraction {(a['extract'] + a['subjects']) / max(b['extract'] + b['subjects'], 1e-9):.2f}x")


if __name__ == "__main__":
    main()
