"""JUnit XML: one test case per translation pair and per other document; findings are failures."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .locations import strip_control


def _cases(report) -> list[tuple[str, set[str]]]:
    """(test case name, the documents it covers): translation pairs first, then single documents."""
    docs = report.extraction.documents
    names = {d.doc for d in docs}
    cases: list[tuple[str, set[str]]] = []
    paired: set[str] = set()
    covered: set[str] = set()   # every document of the cases so far (a set test, not a scan of them)
    for d in docs:
        if d.translation_of and d.translation_of in names:
            cases.append((f"{d.translation_of} → {d.doc}", {d.doc, d.translation_of}))
            paired.add(d.doc)
            covered |= {d.doc, d.translation_of}
    for d in docs:
        if d.doc not in paired and d.doc not in covered:
            cases.append((d.doc, {d.doc}))
            covered.add(d.doc)
    return cases


def _case_index(cases: list[tuple[str, set[str]]]) -> dict[str, list[int]]:
    """For each document, the positions of the cases covering it, in order."""
    index: dict[str, list[int]] = {}
    for i, (_, covered) in enumerate(cases):
        for doc in covered:
            index.setdefault(doc, []).append(i)
    return index


def _target(cases, index, docs: set[str], first: str) -> str | None:
    """The first case covering all of `docs`, else the first covering `first`, else None. The
    first case covering all of them covers any one of them: only that one's cases are tried."""
    some = next(iter(docs))
    hit = next((i for i in index.get(some, ()) if docs <= cases[i][1]), None)
    if hit is None:
        hit = next(iter(index.get(first, ())), None)
    return cases[hit][0] if hit is not None else None


def render_report(report) -> str:
    cases = _cases(report)
    by_case: dict[str, list] = {name: [] for name, _ in cases}
    index = _case_index(cases)
    for f in report.counted_findings:
        docs = {c.doc for c in f.claims}
        if docs:
            target = _target(cases, index, docs, f.claims[0].doc)
        else:
            target = cases[0][0] if cases else None
        if target is None:  # a finding across reports: file it under the first claim's document
            target = cases[0][0] if cases else "corpus"
            by_case.setdefault(target, [])
        by_case[target].append(f)
    total = len(by_case) + len(report.extraction.errors)
    failures = sum(1 for fs in by_case.values() if any(f.severity in ("error", "warning") for f in fs))
    suite = ET.Element("testsuite", name="factcheck", tests=str(total), failures=str(failures),
                       errors=str(len(report.extraction.errors)), skipped="0")
    for name, findings in by_case.items():
        case = ET.SubElement(suite, "testcase", classname="factcheck", name=strip_control(name))
        counted = [f for f in findings if f.severity in ("error", "warning")]
        if counted:
            worst = "error" if any(f.severity == "error" for f in counted) else "warning"
            lines = [f"[{f.severity}] {f.rule} {f.name}: {f.message}\n" +
                     "".join((f"  {c.doc}:{c.line}: {c.text} = {c.value} {c.unit}".rstrip() if c.kind != "passage"
                             else f"  {c.doc}:{c.line}: (aligned passage) {c.text}") + "\n" for c in f.claims)
                     for f in counted]
            fail = ET.SubElement(case, "failure", message=strip_control(f"{len(counted)} conflict(s), worst {worst}"),
                                 type=worst)
            fail.text = strip_control("".join(lines))
        infos = [f for f in findings if f.severity == "info"]
        if infos:
            out = ET.SubElement(case, "system-out")
            out.text = strip_control("".join(f"[info] {f.rule}: {f.message}\n" for f in infos))
    for e in report.extraction.errors:
        case = ET.SubElement(suite, "testcase", classname="factcheck.input", name=strip_control(e.doc))
        err = ET.SubElement(case, "error", message=strip_control(e.error), type="input-error")
        err.text = strip_control(e.error)
    root = ET.Element("testsuites", name="factcheck", tests=suite.get("tests"), failures=suite.get("failures"),
                      errors=suite.get("errors"))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
