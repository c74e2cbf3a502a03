"""Hostile text: extraction stays linear on inputs built to stall a backtracking or quadratic extractor.

The families below are shared with tests/benchmarks/redos_bench.py, which times them at 10 K,
100 K and 1 M characters. Here every family gets a generous guard instead: 200 K characters of
each family the issue names and of the grouped-figure families (20 K of the others) extract in
under 5 s of CPU time, in forked children that are killed when they overrun, so a regression
fails fast instead of hanging the suite. Sizes are characters, not bytes.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time
from collections.abc import Callable

import pytest


def _repeat(unit: str) -> Callable[[int], str]:
    def build(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    return build


def _nested_brackets(n: int) -> str:
    opening = ("([（【{「" * (n // 12 + 1))[: n // 2]
    closing = "".join({"(": ")", "[": "]", "（": "）", "【": "】", "{": "}", "「": "」"}[c] for c in reversed(opening))
    return opening + closing


def _url(n: int) -> str:
    head = "https://example.com/"
    return head + ("a1,2.3/" * (n // 7 + 1))[: max(0, n - len(head))]


def _bare_domain(n: int) -> str:
    return ("a-" * (n // 2 + 1))[: n - 4] + ".com"


NAMED_FAMILIES = ("digits", "commas", "wan_run", "one_comma_one", "nested_brackets", "spaces", "cjk_numerals",
                  "dots", "dollars", "di_run", "url")

# name -> builder(length in characters)
FAMILIES: dict[str, Callable[[int], str]] = {
    # the families the robustness issue names
    "digits": _repeat("1234567890"),
    "commas": _repeat(","),
    "wan_run": _repeat("万"),
    "one_comma_one": _repeat("1,"),
    "nested_brackets": _nested_brackets,
    "spaces": _repeat(" "),
    "cjk_numerals": _repeat("一二三四五六七八九十百千"),
    "dots": _repeat("."),
    "dollars": _repeat("$"),
    "di_run": _repeat("第"),
    "url": _url,
    # tried beyond the list: separators, units and words that patterns repeat or back off from
    "ideographic_spaces": _repeat("\u3000"),
    "digit_space": _repeat("1 "),
    "digit_dot": _repeat("1."),
    "digit_dash": _repeat("1-"),
    "digit_slash": _repeat("1/"),
    "digit_colon": _repeat("12:"),
    "fullwidth_digits": _repeat("１２３，"),
    "thousands_groups": _repeat("1,000,"),
    "indian_groups": _repeat("1,11,11,"),
    "sci_like": _repeat("1e1^"),
    "zh_digits_units": _repeat("1万2千"),
    "yi_wan": _repeat("亿万"),
    "zh_point": _repeat("三点"),
    "percent_zh": _repeat("百分之"),
    "fraction_zh": _repeat("分之一"),
    "year_zh": _repeat("2026年"),
    "month_day_zh": _repeat("月日号"),
    "approx_zh": _repeat("约近超过"),
    "en_number_words": _repeat("one hundred and "),
    "en_scales": _repeat("billion "),
    "en_month_words": _repeat("April "),
    "initials": _repeat("A. "),
    "abbreviations": _repeat("U.S."),
    "capitalized_words": _repeat("Abc "),
    "hyphen_words": _repeat("a-"),
    "percent_signs": _repeat("%"),
    "dashes": _repeat("—-–"),
    "newlines": _repeat("\n"),
    "cr_only": _repeat("1\r"),
    "combining_marks": _repeat("1\u0301"),
    "html_like": _repeat("<a "),
    "markdown_links": _repeat("]("),
    "bare_domain": _bare_domain,
    "money_runs": _repeat("$1"),
    "zh_clauses_no_stop": _repeat("投资120亿美元，"),
}


def extract_timed(text: str, lang: str) -> float:
    """Seconds to extract the claims of one in-memory document (the whole extraction pipeline)."""
    from checker.extract.pipeline import extract_document
    from checker.loader import line_break_view
    from checker.model import Document

    # the view as the loader builds it for a .txt file (a lone CR read as a line break)
    doc = Document(doc="hostile.txt", text=text, view=line_break_view(text), lang=lang, date=dt.date(2026, 2, 5))
    t0 = time.perf_counter()
    extract_document(doc)
    return time.perf_counter() - t0


def _child(conn, family: str, size: int, lang: str) -> None:
    try:
        conn.send(("ok", extract_timed(FAMILIES[family](size), lang)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        conn.send(("raised", f"{exc.__class__.__name__}: {exc}"))


def run_with_limit(family: str, size: int, lang: str, limit: float) -> tuple[str, float | str]:
    """('ok', seconds) | ('timeout', limit) | ('raised', message): extraction in a forked child."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, family, size, lang), daemon=True)
    proc.start()
    child.close()
    try:
        if parent.poll(limit):
            return parent.recv()
        return "timeout", limit
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()


def _cpu_child(conn, family: str, size: int, lang: str) -> None:
    try:
        text = FAMILIES[family](size)
        t0 = time.process_time()
        extract_timed(text, lang)
        conn.send(("ok", time.process_time() - t0))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        conn.send(("raised", f"{exc.__class__.__name__}: {exc}"))


def run_cells(cells: list[tuple[str, int, str]], wall_limit: float, workers: int) -> dict:
    """Extract each (family, size, lang) in its own forked child, `workers` at a time.

    Results are CPU seconds, so a loaded machine does not fail the guard; a child still running
    after `wall_limit` seconds of wall time is killed and reported as ('timeout', wall_limit).
    """
    from multiprocessing.connection import wait

    ctx = multiprocessing.get_context("fork")
    pending = list(cells)
    running: dict = {}  # connection -> (cell, process, started)
    results: dict = {}
    while pending or running:
        while pending and len(running) < workers:
            cell = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_cpu_child, args=(child, *cell), daemon=True)
            proc.start()
            child.close()
            running[parent] = (cell, proc, time.monotonic())
        for conn in wait(list(running), timeout=0.2):
            cell, proc, _ = running.pop(conn)
            try:
                results[cell] = conn.recv()
            except EOFError:
                results[cell] = ("raised", f"child exited with {proc.exitcode}")
            proc.join()
            conn.close()
        now = time.monotonic()
        for conn, (cell, proc, started) in list(running.items()):
            if now - started > wall_limit:
                proc.kill()
                proc.join()
                conn.close()
                del running[conn]
                results[cell] = ("timeout", wall_limit)
    return results


# --- the guard ---------------------------------------------------------------------------------

GUARD_CHARS = 200_000  # the families the issue names
EXTRA_CHARS = 20_000   # the families tried beyond them (same limit, so a generous one; keeps the suite quick)
GUARD_CPU_SECONDS = 5.0
GUARD_WALL_SECONDS = 20.0  # only a backstop: the limit that counts is CPU time

# families over the guard, with the function responsible: none today. The two that were here
# ("one_comma_one": per-claim work over the whole sentence in checker.extract.pipeline._annotate;
# "cjk_numerals": every bounded run parsed once per prefix and per neighbouring digit pair in
# checker.numerals) now run in linear time and pass the guard. A family that passes the guard but
# grows faster than linearly in tests/benchmarks/redos_bench.py stays guarded, so it cannot get
# worse unnoticed.
KNOWN_SLOW: dict[str, str] = {}


def _lang_of(family: str) -> str:
    sample = FAMILIES[family](200)
    return "zh" if any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in sample) else "en"


_GUARDED = [f for f in FAMILIES if f not in KNOWN_SLOW]


# extra families once quadratic at sizes the 20 K guard let through (a grouped-figure ordinal
# pattern rescanned 123,123,123… from every group): guarded at the full size
LARGE_EXTRA_FAMILIES = ("fullwidth_digits", "thousands_groups")


def _guard_size(family: str) -> int:
    return GUARD_CHARS if family in NAMED_FAMILIES or family in LARGE_EXTRA_FAMILIES else EXTRA_CHARS


@pytest.fixture(scope="module")
def guard_results():
    workers = max(1, min(4, (multiprocessing.cpu_count() or 2)))
    for lang in ("zh", "en"):  # load lexicons and tables once, before forking, so no child pays for it
        extract_timed("特朗普政府启动了120亿美元的金库计划。 The Trump administration launched a $1.2 billion fund.", lang)
    cells = [(f, _guard_size(f), _lang_of(f)) for f in _GUARDED]
    return run_cells(cells, GUARD_WALL_SECONDS, workers)


@pytest.mark.parametrize("family", [
    *_GUARDED,
    *(pytest.param(f, marks=pytest.mark.xfail(run=False, reason=reason)) for f, reason in KNOWN_SLOW.items()),
])
def test_hostile_family_extracts_in_bounded_time(guard_results, family):
    """200 K characters of each family the issue names (20 K of the others) extract in under 5 s of
    CPU time (linear patterns do it in about 0.2-2 s; a backtracking or quadratic one takes minutes
    to hours).
    `python tests/benchmarks/redos_bench.py` times them at 10 K, 100 K and 1 M characters."""
    size = _guard_size(family)
    status, value = guard_results[(family, size, _lang_of(family))]
    assert status == "ok", f"{family}: {status} {value}"
    assert value < GUARD_CPU_SECONDS, f"{family}: {value:.1f} s of CPU for {size} characters"


def test_hostile_text_inside_a_real_document_keeps_offsets_exact():
    """Hostile runs embedded in prose do not shift or break the claims around them."""
    from conftest import claims_of

    prose = "特朗普政府启动了规模达120亿美元的金库计划。"
    for family in ("nested_brackets", "spaces", "dollars", "di_run", "combining_marks", "cr_only", "html_like"):
        text = prose + FAMILIES[family](2000) + "\n" + prose
        claims = claims_of(text, "zh", dt.date(2026, 2, 5))
        for c in claims:
            assert text[c.start:c.end] == c.text
        assert len([c for c in claims if c.text.endswith("120亿美元")]) == 2, family
