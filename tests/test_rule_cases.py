"""Every rule's cases as data (fixtures/rules/<ID>.toml), run through the whole pipeline:
each case is a small corpus; the rule must fire on it exactly when `flagged` is true."""

from __future__ import annotations

import tomllib

import pytest

from checker.api import check_paths
from checker.config import Config
from conftest import FIXTURES
from rules import REGISTRY
from rules.base import SECTIONS, sections_of


def _cases():
    for path in sorted((FIXTURES / "rules").glob("FC*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            yield pytest.param(path.stem, case, id=f"{path.stem}_{case['name']}", marks=marks)


@pytest.mark.parametrize("rule_id,case", list(_cases()))
def test_rule_case(rule_id, case, make_corpus):
    root = make_corpus(case["docs"])
    report = check_paths(Config(paths=(root,)))
    fired = [f for f in report.findings if f.rule == rule_id and f.severity in ("error", "warning")]
    if case["flagged"]:
        assert fired, f"{rule_id} did not fire; findings: {[(f.rule, f.message) for f in report.findings]}"
        # `cites`: the texts of claims one finding of the rule must cite together (the right counterparts)
        want = set(case.get("cites", ()))
        assert any(want <= {c.text for c in f.claims} for f in fired), [[c.text for c in f.claims] for f in fired]
    else:
        assert not fired, f"{rule_id} fired: {[f.message for f in fired]}"


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.id)
def test_rule_is_documented(rule):
    sections = sections_of(rule.doc)
    missing = [s for s in SECTIONS if not sections.get(s, "").strip()]
    assert not missing, f"{rule.id} docstring lacks {missing}"
    assert rule.severity in ("error", "warning", "info")
    assert rule.name == rule.name.lower() and " " not in rule.name


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.id)
def test_rule_has_flagged_and_clean_cases(rule):
    path = FIXTURES / "rules" / f"{rule.id}.toml"
    assert path.is_file(), f"no case file for {rule.id}"
    cases = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
    assert any(c["flagged"] for c in cases) and any(not c["flagged"] for c in cases)


def test_rule_ids_unique():
    ids = [r.id for r in REGISTRY]
    names = [r.name for r in REGISTRY]
    assert len(set(ids)) == len(ids) and len(set(names)) == len(names)
