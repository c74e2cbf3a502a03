"""ReDoS / quadratic-time benchmark: every hostile text family at 10 K, 100 K and 1 M characters.

Run on demand (never collected by pytest: the file name does not start with test_, and
tests/benchmarks is in norecursedirs):

    python tests/benchmarks/redos_bench.py                 # whole pipeline, zh and en
    python tests/benchmarks/redos_bench.py --patterns      # every module-level regex on its own
    python tests/benchmarks/redos_bench.py --families digits,url --sizes 10000,100000 --limit 30

Each cell runs in a forked child killed after --limit seconds (a stalled cell is printed as
">LIMIT"; larger sizes of that family are then skipped). The growth columns divide the time at
one size by the time at the size ten times smaller: about 10 is linear, about 100 quadratic.
Times under 20 ms are dominated by noise, so their ratios are not flagged.

--patterns times each module-level regex of checker.* alone (finditer over the whole text).
A pattern flagged there matters only where it is run over unbounded text: some are applied to
a few characters before a figure (search(text, start - 8, start)) or to dictionary glosses, and
are safe where they are used; check the call site.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import pkgutil
import re
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS.parent))

from test_hostile import FAMILIES, extract_timed, run_with_limit  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
NOISE = 0.02
PATTERN_NOISE = 0.5
SUPERLINEAR = 30.0


def _fmt(cell) -> str:
    status, value = cell
    if status == "ok":
        return f"{value:8.3f}"
    if status == "timeout":
        return f"  >{value:.0f}s"
    if status == "skipped":
        return "       -"
    return "  raised"


def _ratio(a, b) -> str:
    if a[0] != "ok" or b[0] != "ok" or a[1] < NOISE and b[1] < NOISE:
        return "      " if b[0] != "timeout" else "   inf"
    r = b[1] / max(a[1], 1e-4)
    flag = "!" if r > SUPERLINEAR and b[1] >= NOISE * 10 else " "
    return f"{r:5.1f}{flag}"


def pipeline_table(families: list[str], sizes: tuple[int, ...], langs: list[str], limit: float) -> int:
    head = f"{'family':22} {'lang':4} " + " ".join(f"{s // 1000:>7}K" for s in sizes) + "  " + \
        " ".join(f"x{sizes[i + 1] // sizes[i]:<5}" for i in range(len(sizes) - 1))
    print(head)
    print("-" * len(head))
    bad = 0
    for fam in families:
        for lang in langs:
            cells = []
            stalled = False
            for size in sizes:
                if stalled:
                    cells.append(("skipped", 0))
                    continue
                cell = run_with_limit(fam, size, lang, limit)
                cells.append(cell)
                stalled = cell[0] != "ok"
            ratios = [_ratio(cells[i], cells[i + 1]) for i in range(len(cells) - 1)]
            row = f"{fam:22} {lang:4} " + " ".join(_fmt(c) for c in cells) + "  " + " ".join(ratios)
            if stalled or any(r.endswith("!") for r in ratios):
                row += "   <- superlinear"
                bad += 1
            print(row, flush=True)
            for status, value in cells:
                if status == "raised":
                    print(f"    raised: {value}", flush=True)
                    break
    return bad


def _module_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled regex at module level in checker (extraction, segmentation, loading)."""
    import checker

    found = []
    for info in pkgutil.walk_packages(checker.__path__, "checker."):
        if info.name.endswith(("__main__", ".cli")):
            continue  # importing __main__ would run the command line
        mod = importlib.import_module(info.name)
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{info.name.removeprefix('checker.')}.{name}", value))
            elif isinstance(value, (list, tuple)):
                for i, v in enumerate(value):
                    if isinstance(v, re.Pattern) and isinstance(v.pattern, str):
                        found.append((f"{info.name.removeprefix('checker.')}.{name}[{i}]", v))
    return sorted(found, key=lambda x: x[0])


def _pattern_child(conn, pattern: re.Pattern[str], family: str, sizes: tuple[int, ...]) -> None:
    for size in sizes:
        text = FAMILIES[family](size)
        t0 = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        conn.send(time.perf_counter() - t0)


def _pattern_times(pattern: re.Pattern[str], family: str, sizes: tuple[int, ...], limit: float) -> list[float | None]:
    """finditer time at each size, in a forked child (a stalled regex cannot be interrupted
    in-process: the matcher never returns to Python); None from the first size over the limit."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_pattern_child, args=(child, pattern, family, sizes), daemon=True)
    proc.start()
    child.close()
    times: list[float | None] = []
    try:
        for _ in sizes:
            if not parent.poll(limit):
                break
            times.append(parent.recv())
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    return times + [None] * (len(sizes) - len(times))


def patterns_table(families: list[str], sizes: tuple[int, ...], limit: float) -> int:
    """Each regex on its own: finditer over each family; prints the patterns that grow superlinearly."""
    patterns = _module_patterns()
    print(f"{len(patterns)} module-level patterns x {len(families)} families, sizes {sizes}", flush=True)
    rows = []
    for fam in families:
        for pname, pat in patterns:
            times = _pattern_times(pat, fam, sizes, limit)
            ratios = [b / max(a, 1e-5) if a is not None and b is not None else None for a, b in zip(times, times[1:])]
            stalled = any(t is None for t in times)
            # a lone regex over 100 K characters takes milliseconds: flag growth only once it costs
            # real time (short timings swing with machine load)
            superlinear = stalled or any(r is not None and r > SUPERLINEAR and b is not None and b >= PATTERN_NOISE
                                         for r, b in zip(ratios, times[1:]))
            rows.append((superlinear, max((t for t in times if t is not None), default=0.0), pname, fam, times, ratios))
    rows.sort(key=lambda r: (not r[0], -r[1]))
    print(f"{'pattern':44} {'family':22} " + " ".join(f"{s // 1000:>7}K" for s in sizes) + "  growth")
    bad = 0
    for superlinear, _, pname, fam, times, ratios in rows[:40]:
        bad += superlinear
        print(f"{pname:44} {fam:22} " + " ".join(f"{t:8.4f}" if t is not None else f"  >{limit:.0f}s " for t in times)
              + "  " + " ".join(f"{r:6.1f}" if r is not None else "   inf" for r in ratios)
              + ("   <- superlinear" if superlinear else ""))
    bad += sum(r[0] for r in rows[40:])
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--families", default=",".join(FAMILIES), help="comma-separated family names")
    ap.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="characters, comma-separated")
    ap.add_argument("--langs", default="zh,en")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds before a cell counts as stalled")
    ap.add_argument("--patterns", action="store_true", help="time every module-level regex on its own instead")
    args = ap.parse_args()
    families = [f for f in args.families.split(",") if f]
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        ap.error(f"unknown families {unknown}; known: {', '.join(FAMILIES)}")
    sizes = tuple(int(s) for s in args.sizes.split(","))
    if args.patterns:
        bad = patterns_table(families, sizes, args.limit)
    else:
        # load the lexicons and tables once, before forking, so no cell pays for it (about 2 s)
        for lang in args.langs.split(","):
            extract_timed("特朗普政府启动了120亿美元的金库计划。 The Trump administration launched a $1.2 billion fund.", lang)
        bad = pipeline_table(families, sizes, args.langs.split(","), args.limit)
    print(f"\n{bad} superlinear row(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
