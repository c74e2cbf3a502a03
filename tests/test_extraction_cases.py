"""Extraction cases as data (fixtures/extract/*.toml): many written forms → one value, and a
negative corpus that must yield no claim. One pytest test per case."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal

import pytest

from conftest import FIXTURES, claims_of


def _cases():
    for path in sorted((FIXTURES / "extract").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for i, case in enumerate(data.get("case", [])):
            name = case.get("name") or f"{i}"
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            yield pytest.param(case, id=f"{path.stem}-{name}", marks=marks)


def _same(got, want) -> bool:
    if got is None:
        return False
    try:
        return Decimal(str(got)) == Decimal(str(want))
    except Exception:
        return str(got) == str(want)


@pytest.mark.parametrize("case", list(_cases()))
def test_extraction_case(case):
    date = case.get("date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    claims = claims_of(case["text"], case.get("lang"), date)
    if case.get("none"):
        # 一个 read as an article is kept (flagged) for the number specs but is never a fact
        facts = [c for c in claims if not c.extra.get("article")]
        assert facts == [] or all(c.kind in case.get("allow_kinds", []) for c in facts), \
            f"expected no claim, got {[(c.text, c.kind, c.value) for c in facts]}"
        return
    for unwanted in case.get("unexpected", []):
        # no claim of this kind may overlap the quote
        start = case["text"].find(unwanted["quote"])
        assert start >= 0, f"quote {unwanted['quote']!r} not in text"
        end = start + len(unwanted["quote"])
        bad = [c for c in claims if c.start < end and start < c.end and c.kind == unwanted["kind"]]
        assert not bad, f"{unwanted['quote']!r}: want no {unwanted['kind']}, got {[(c.text, c.value, c.unit) for c in bad]}"
    for want in case.get("expect", []):
        quote = want["quote"]
        start = case["text"].find(quote)
        assert start >= 0, f"quote {quote!r} not in text"
        end = start + len(quote)
        near = [c for c in claims if c.start < end and start < c.end]
        ok = [c for c in near
              if ("value" not in want or _same(c.value, want["value"]) or str(c.value) == str(want["value"]))
              and ("kind" not in want or c.kind == want["kind"])
              and ("unit" not in want or c.unit == want["unit"])
              and ("low" not in want or _same(c.low, want["low"]))
              and ("high" not in want or _same(c.high, want["high"]))
              and ("qualifier" not in want or c.qualifier == want["qualifier"])
              and ("noun" not in want or c.noun == want["noun"])
              and ("text" not in want or c.text == want["text"])
              and ("tz" not in want or c.tz == want["tz"])
              and ("per" not in want or (c.extra.get("per") or ("",))[0] == want["per"])
              and ("time" not in want or c.time == want["time"])
              and ("direction" not in want or c.direction == want["direction"])]
        assert ok, f"{quote!r}: want {want}, got {[(c.text, c.kind, c.value, c.unit, c.low, c.high, c.qualifier, c.noun, c.time, c.direction) for c in near]}"
