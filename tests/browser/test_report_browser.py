"""The reviewer's HTML report in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from checker.cli import main
from browser_support import (ARTIFACTS, FIXTURES, SHARED, browser, open_report, render,  # noqa: F401 - fixtures
                             report_json, visible_findings, wait_until)

EXAMPLE = FIXTURES / "example"
XSS = FIXTURES / "xss"


@pytest.fixture(scope="module")
def example_html(tmp_path_factory):
    path, code = render(EXAMPLE, tmp_path_factory.mktemp("example") / "report.html")
    assert code == 1
    return path


@pytest.fixture(scope="module")
def xss_html(tmp_path_factory):
    path, _ = render(XSS, tmp_path_factory.mktemp("xss") / "report.html")
    return path


def _counts(page, facet: str) -> dict[str, int]:
    return page.evaluate("""facet => Object.fromEntries([...document.querySelectorAll(`[data-count^="${facet}:"]`)]
        .map(s => [s.dataset.count.split(':')[1], Number(s.textContent)]))""", facet)


def test_example_opens_clean_and_is_saved_as_a_screenshot(open_report, example_html):
    s = open_report(example_html)
    assert s.console_errors == [] and s.page_errors == []
    assert s.foreign_requests() == []
    assert visible_findings(s.page) == len(report_json(EXAMPLE)["findings"])
    ARTIFACTS.mkdir(exist_ok=True)
    s.page.screenshot(path=str(ARTIFACTS / "report.png"))
    s.page.locator("#findings").scroll_into_view_if_needed()
    s.page.screenshot(path=str(ARTIFACTS / "report-findings.png"))
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000


def test_severity_filter_hides_findings_and_updates_every_count(open_report, example_html):
    s = open_report(example_html)
    page = s.page
    findings = report_json(EXAMPLE)["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    page.get_by_role("checkbox", name=re.compile("^warning", re.I)).uncheck()
    assert visible_findings(page) == len(errors)
    assert page.inner_text("#shown").startswith(f"{len(errors)} of {len(findings)} findings")
    rules = _counts(page, "rule")
    for rule in {f["rule"] for f in findings}:
        assert rules[rule] == sum(1 for f in errors if f["rule"] == rule)
    # the severity facet still counts what unchecking it would bring back
    assert _counts(page, "sev")["warning"] == len(findings) - len(errors)
    page.click("#reset")
    wait_until(page, "n => document.querySelectorAll('article.finding:not([hidden])').length === n", len(findings))


def test_rule_document_and_text_filters_combine(open_report, example_html):
    s = open_report(example_html)
    page = s.page
    findings = report_json(EXAMPLE)["findings"]
    page.fill("#q", "berths")
    want = [f for f in findings if any("berths" in c["text"] for c in f["claims"]) or "berths" in f["message"]]
    assert 0 < visible_findings(page) <= len(findings)
    assert visible_findings(page) >= len(want)
    page.fill("#q", "")
    # only one document: every finding that cites it, nothing else
    doc_box = page.locator("input[name=doc]").nth(2)
    doc_name = page.locator("input[name=doc]").nth(2).locator("xpath=..").inner_text().split("\n")[0].strip()
    for i in range(page.locator("input[name=doc]").count()):
        if i != 2:
            page.locator("input[name=doc]").nth(i).uncheck()
    assert doc_box.is_checked()
    expected = sum(1 for f in findings if doc_name in f["docs"])
    assert visible_findings(page) == expected
    page.locator("input[name=rule][value=FC004]").uncheck()
    expected_wo = sum(1 for f in findings if doc_name in f["docs"] and f["rule"] != "FC004")
    assert visible_findings(page) == expected_wo
    assert _counts(page, "rule")["FC004"] == expected - expected_wo


def test_a_finding_leads_to_its_quote_in_the_document_and_back(open_report, example_html):
    s = open_report(example_html)
    page = s.page
    first = page.locator("article.finding").first
    fid = first.get_attribute("id")
    link = first.locator(".claim a.docname").first
    target = link.get_attribute("href")
    link.click()
    mark = page.locator(target)
    assert mark.is_visible() and mark.evaluate("e => e.tagName") == "MARK"
    assert page.evaluate("location.hash") == target
    assert mark.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }")
    # the highlighted claim links back to the finding
    back = page.locator(f"{target} + a.ref[href='#{fid}'], {target} ~ a.ref[href='#{fid}']").first
    back.click()
    assert page.evaluate("document.activeElement.id") == fid
    # and the browser's Back button returns to the quote
    page.go_back()
    wait_until(page, "t => location.hash === t", target)


def test_keyboard_j_k_and_enter(open_report, example_html):
    s = open_report(example_html)
    page = s.page
    ids = page.evaluate("[...document.querySelectorAll('article.finding')].map(e => e.id)")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == ids[0]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == ids[1]
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == ids[0]
    assert page.evaluate("location.hash") == f"#{ids[0]}"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash").startswith("#c")
    assert page.evaluate("document.activeElement.tagName") == "MARK"
    # j/k skip what the filters hide
    page.goto(s.url)
    page.wait_for_selector("html[data-ready='1']")
    page.get_by_role("checkbox", name=re.compile("^error", re.I)).uncheck()
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.dataset.sev") == "warning"


def test_deep_link_opens_the_finding_even_when_filters_hid_it(open_report, example_html):
    ids = report_json(EXAMPLE)["findings"]
    last = ids[-1]["id"]
    s = open_report(example_html, hash_=f"#finding-{last}")
    assert s.page.evaluate("document.activeElement.id") == f"finding-{last}"
    assert s.page.locator(f"#finding-{last}").is_visible()


def test_rule_documentation_is_one_click_away(open_report, example_html):
    s = open_report(example_html)
    page = s.page
    page.locator("article.finding .rule-link").first.click()
    dialog = page.locator("#rule-dialog")
    assert dialog.is_visible()
    text = dialog.inner_text()
    assert "What it flags" in text and "Not flagged" in text
    page.keyboard.press("Escape")
    assert not dialog.is_visible()


def test_triage_persists_and_its_exported_baseline_changes_the_exit_code(open_report, example_html, tmp_path):
    before = CliRunner().invoke(main, ["check", str(EXAMPLE)]).exit_code
    assert before == 1
    s = open_report(example_html)
    page = s.page
    page.evaluate("localStorage.clear()")
    errors = page.locator("article.finding[data-sev=error]")
    for i in range(errors.count()):
        errors.nth(i).get_by_label("not a problem").check()
    page.locator("article.finding[data-sev=warning]").first.get_by_label("confirmed").check()
    page.locator("article.finding[data-sev=warning]").first.get_by_label("Comment").fill("the report rounds, still wrong")
    page.locator("article.finding[data-sev=warning]").first.get_by_label("Comment").press("Tab")
    # kept across a reload (localStorage)
    page.reload()
    page.wait_for_selector("html[data-ready='1']")
    assert page.locator("article.finding[data-sev=error] input[value=not-a-problem]:checked").count() == errors.count()
    # the triage facet counts it
    assert _counts(page, "status")["not-a-problem"] == errors.count()
    with page.expect_download() as dl:
        page.click("#export")
    out = tmp_path / "baseline.json"
    dl.value.save_as(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"schema_version", "tool", "findings"} and data["tool"] == "factcheck"
    statuses = {e["status"] for e in data["findings"]}
    assert statuses == {"not-a-problem", "confirmed"}
    confirmed = next(e for e in data["findings"] if e["status"] == "confirmed")
    assert confirmed["comment"] == "the report rounds, still wrong"
    for e in data["findings"]:
        assert set(e) == {"id", "rule", "status", "comment", "claims"}
        assert all(set(c) == {"doc", "text", "value"} for c in e["claims"])
    after = CliRunner().invoke(main, ["check", str(EXAMPLE), "--baseline", str(out)])
    assert after.exit_code == 0, after.output
    # confirmed findings still count
    gated = CliRunner().invoke(main, ["check", str(EXAMPLE), "--baseline", str(out), "--fail-on", "warning"])
    assert gated.exit_code == 1
    # a report rendered with that baseline starts from its statuses
    again, _ = render(EXAMPLE, tmp_path / "again.html", "--baseline", str(out))
    s2 = open_report(again)
    s2.page.evaluate("localStorage.clear()")
    s2.page.reload()
    s2.page.wait_for_selector("html[data-ready='1']")
    assert s2.page.locator("fieldset.triage input[value=not-a-problem]:checked").count() == errors.count()
    assert s2.page.locator("article.finding.baselined").count() == errors.count()


def test_hostile_corpus_runs_nothing_requests_nothing_and_shows_its_text(open_report, xss_html):
    s = open_report(xss_html)
    page = s.page
    # open everything, follow every link, use every control
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    for i in range(page.locator("a.ref, .claim a.docname").count()):
        page.locator("a.ref, .claim a.docname").nth(i).click()
    page.locator("article.finding .rule-link").first.click()
    page.keyboard.press("Escape")
    page.fill("#q", "<script>")
    page.fill("#q", "")
    page.keyboard.press("j")
    page.keyboard.press("c")
    page.wait_for_timeout(300)
    assert s.dialogs == []
    assert s.foreign_requests() == []
    assert s.page_errors == []
    counts = page.evaluate("""() => ({scripts: document.scripts.length,
        foreign: document.querySelectorAll('img, iframe, object, embed, link, base, meta[http-equiv=refresh], form:not([method=dialog]):not(#filters)').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        jsLinks: [...document.querySelectorAll('[href], [src]')].filter(e => !(e.getAttribute('href') || '').startsWith('#')).length})""")
    assert counts == {"scripts": 2, "foreign": 0, "handlers": 0, "jsLinks": 0}
    text = page.inner_text("body")
    for literal in ["<script>alert('zh-body')</script>", "<img src=x onerror=alert('zh-img')>",
                    "[click me](javascript:alert('en-link'))", '01 "quoted" <img src=x onerror=alert(1)>.zh.md',
                    "02 it's \"translated\" <svg onload=alert(2)>.en.md", "<img src=x onerror=alert('source')>环球港航网",
                    "chairman <script>alert('glossary-note')</script> of the \"group\"",
                    "<svg/onload=alert('report-svg')>", "javascript:alert('report-title')"]:
        assert literal in text, literal
    assert page.title().startswith("factcheck report")


def test_phone_width_needs_no_sideways_scrolling(open_report, example_html):
    s = open_report(example_html, width=390, height=844)
    page = s.page
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
    assert not page.locator("#filters #q").is_visible()      # filters fold away on a phone
    page.click("#filter-box > summary")
    assert page.locator("#filters #q").is_visible()
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")


def test_print_shows_findings_without_controls(open_report, example_html):
    s = open_report(example_html)
    page = s.page
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert not page.locator("fieldset.triage").first.is_visible()
    assert page.locator("article.finding").first.is_visible()
    assert page.locator("article.finding").first.evaluate("e => getComputedStyle(e).breakInside") == "avoid"


def test_controls_are_labelled_and_text_has_enough_contrast(open_report, example_html):
    s = open_report(example_html)
    page = s.page
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, button, select, textarea')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
        .map(e => e.outerHTML.slice(0, 80))""")
    assert unlabelled == []
    low = page.evaluate(r"""() => {
      const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => { const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
                                   return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
      const bg = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                          if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3); } return [255, 255, 255]; };
      const bad = [];
      for (const e of document.querySelectorAll('body *')) {
        if (!e.offsetParent || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
        const st = getComputedStyle(e);
        if (st.visibility !== 'visible' || Number(st.opacity) < 1) continue;
        const a = lum(rgb(st.color).slice(0, 3)), b = lum(bg(e));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const large = parseFloat(st.fontSize) >= 24 || (parseFloat(st.fontSize) >= 18.66 && Number(st.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) bad.push(`${e.tagName}.${e.className}: ${ratio.toFixed(2)} «${e.textContent.trim().slice(0, 30)}»`);
      }
      return bad;
    }""")
    assert low == []
    # Tab order starts with the skip link, then the navigation
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#overview"


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared (seeds, dev clusters) is not beside this checkout")
def test_shared_corpora_render_without_console_errors(open_report, tmp_path):
    corpora = [SHARED / "seeds"] + sorted(p for p in (SHARED / "corpus-dev").iterdir() if p.is_dir())
    for corpus in corpora:
        extra = ("--glossary", str(corpus / "glossary.csv")) if (corpus / "glossary.csv").is_file() else ()
        path, _ = render(corpus, tmp_path / f"{corpus.name}.html", *extra)
        s = open_report(path)
        s.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        s.page.keyboard.press("j")
        assert s.console_errors == [] and s.page_errors == [], corpus.name
        assert s.foreign_requests() == [], corpus.name
        assert visible_findings(s.page) == len(report_json(corpus, *extra)["findings"]), corpus.name
