"""A report of thousands of findings stays small and quick: the first page of findings is markup,
every finding is in the JSON island, report.js renders the others (and documents) when they are
shown. How fast it opens is measured by tests/benchmarks/html_report_bench.py, not asserted here."""

from __future__ import annotations

import json
import re

import pytest
from browser_support import browser, open_report, visible_findings, wait_until  # noqa: F401 - fixtures
from synthetic import synthetic_report

from reports.html import PAGE_SIZE, render_report

LIMIT_BYTES = 3_000_000


def _island(html: str, name: str = "fc-data") -> dict:
    m = re.search(rf'<script type="application/json" id="{name}">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def big():
    report = synthetic_report(3000)
    # documents as data too (3000 findings over 40 documents is under the inline limit of text)
    return report, render_report(report, inline_text=0, doc_page=10)


def test_a_thousand_findings_fit_in_three_megabytes():
    html = render_report(synthetic_report(1000))
    assert len(html.encode("utf-8")) < LIMIT_BYTES


def test_the_markup_stays_bounded_and_every_finding_is_in_the_island(big):
    report, html = big
    # one page of findings in the markup, not 3000; ten documents of forty
    assert html.count('<article class="finding') == PAGE_SIZE
    assert html.count('<details class="doc"') == 10 and '<div class="ln"' not in html
    data = _island(html)
    assert [f["id"] for f in data["findings"]] == [f.id for f in report.findings]
    # every finding is in exactly one group, and the groups give the order they are shown in
    order = [i for g in data["groups"] for i in g["f"]]
    assert sorted(order) == list(range(len(report.findings)))
    shown = re.findall(r'<article class="finding[^"]*" id="finding-([^"]+)"', html)
    assert shown == [data["findings"][i]["id"] for i in order[:PAGE_SIZE]]
    # every claim anchor a card links to is a mark of a document in the documents island
    parts = [_island(html, f"fc-docs-{k}") for k in range(4)]        # forty documents, ten a part
    assert 'id="fc-docs-4"' not in html
    assert [sorted(map(int, p["lines"])) for p in parts] == [list(range(10 * k, 10 * k + 10)) for k in range(4)]
    marks = {seg[2] for p in parts for lines in p["lines"].values() for line in lines for seg in line[1:]
             if isinstance(seg, list)}
    cited = {data["claims"][ref[0]][11] for f in data["findings"] for ref in f["c"]}
    assert cited <= marks and len(data["doclist"]) == 40


def test_the_size_grows_linearly_with_the_findings():
    sizes = {n: len(render_report(synthetic_report(n, n_docs=40), inline_text=0).encode("utf-8")) for n in (2000, 4000)}
    # twice the findings (and twice the claims in the documents' text): at most about twice the bytes
    assert sizes[4000] < 2.1 * sizes[2000]


def test_a_thousand_findings_open_without_errors_and_filter(open_report, tmp_path):
    path = tmp_path / "big.html"
    path.write_text(render_report(synthetic_report(1000)), encoding="utf-8")
    s = open_report(path)
    assert s.console_errors == [] and s.page_errors == []
    # filtering 1,000 findings answers at once, over all of them (not just the page in the markup)
    page = s.page
    page.uncheck("input[name=sev][value=info]")
    assert page.inner_text("#shown").startswith("667 of 1000")
    assert visible_findings(page) == PAGE_SIZE


def test_paging_search_and_deep_links_reach_findings_not_in_the_markup(open_report, tmp_path, big):
    report, html = big
    path = tmp_path / "big.html"
    path.write_text(html, encoding="utf-8")
    data = _island(html)
    order = [i for g in data["groups"] for i in g["f"]]
    late = data["findings"][order[-1]]                 # the last finding shown: on the last page
    assert f'id="finding-{late["id"]}"' not in html
    s = open_report(path, hash_=f"#finding-{late['id']}")
    page = s.page
    assert page.evaluate("document.activeElement.id") == f"finding-{late['id']}"
    assert page.locator(f"#finding-{late['id']}").is_visible()
    assert page.locator("nav.pager[data-pages=findings]").first.inner_text().split("\n")[2].endswith(
        f"page {-(-len(order) // PAGE_SIZE)} of {-(-len(order) // PAGE_SIZE)}")
    # the search looks at every finding: one message's text, unique to it
    target = data["findings"][order[PAGE_SIZE + 7]]
    page.fill("#q", target["msg"])
    wait_until(page, "() => document.querySelector('#shown').textContent.startsWith('1 of')")
    assert page.locator("article.finding").count() == 1
    assert page.locator(f"#finding-{target['id']}").is_visible()
    page.fill("#q", "")
    wait_until(page, "() => !document.querySelector('#shown').textContent.includes(' of 3000')")
    # page 2 holds the findings shown 201-400, in order
    page.locator("nav.pager[data-pages=findings]").first.get_by_role("button", name="Next page").click()
    ids = page.evaluate("[...document.querySelectorAll('article.finding')].map(e => e.id)")
    assert ids == [f"finding-{data['findings'][i]['id']}" for i in order[PAGE_SIZE:2 * PAGE_SIZE]]
    # j walks on past the end of a page
    page.locator(f"#{ids[-1]} a.permalink").click()
    assert page.evaluate("document.activeElement.id") == ids[-1]
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"finding-{data['findings'][order[2 * PAGE_SIZE]]['id']}"
    # a finding's quote leads into its document, rendered from the island on another page of documents
    card = page.locator("article.finding").first.locator(".claim a.docname").first
    href = card.get_attribute("href")
    card.click()
    assert page.evaluate("document.activeElement.id") == href[1:]
    assert page.locator(href).is_visible()
    # and the document's link back to the finding works
    back = page.locator(f"{href} ~ a.ref").first
    fid = back.get_attribute("href")
    back.click()
    assert page.evaluate("document.activeElement.id") == fid[1:]
    # triage of a finding off the first page is counted and exported
    page.keyboard.press("c")
    assert page.inner_text("#triaged").startswith("1 of 3000")
    # the document filter lists ten documents, more as it scrolls; unchecking one the markup did not list works
    assert page.locator("input[name=doc]").count() == 10
    page.evaluate("() => { const l = document.querySelector('.doclist'); l.scrollTop = l.scrollHeight; l.dispatchEvent(new Event('scroll')); }")
    assert page.locator("input[name=doc]").count() == 20
    page.locator("input[name=doc][value='15']").uncheck()
    wait_until(page, "() => document.querySelector('#shown').textContent.includes(' of 3000')")
    without = sum(1 for f in data["findings"] if 15 not in f["docs"] or len(f["docs"]) > 1)
    assert page.inner_text("#shown").startswith(f"{without} of 3000")
    assert s.console_errors == [] and s.page_errors == []


def _all_findings(page) -> list[str]:
    """The outerHTML of every finding and subject, page after page."""
    return page.evaluate(r"""() => {
      const out = [];
      const norm = s => s.replace(/>\s*\n\s*</g, '><').trim();
      let last = null;
      for (;;) {
        document.querySelectorAll('#findings section.group').forEach(g => {
          const table = g.querySelector('table.sources');
          const head = norm(g.querySelector('h3').outerHTML + (table ? table.outerHTML : ''));
          if (last !== head) out.push(head);
          last = head;
          g.querySelectorAll('article.finding').forEach(a => out.push(a.outerHTML));
        });
        const next = document.querySelector('nav.pager[data-pages=findings] button[aria-label="Next page"]');
        if (!next || next.disabled) return out;
        next.click();
      }
    }""")


def _all_documents(page) -> list[str]:
    """The overview rows, the document views and the aligned pairs, opened, page after page."""
    return page.evaluate(r"""() => {
      const out = [];
      const norm = s => s.replace(/>\s*\n\s*</g, '><').trim();
      for (;;) {
        document.querySelectorAll('table.docs tbody tr').forEach(r => out.push(norm(r.outerHTML)));
        document.querySelectorAll('#documents > details').forEach(d => { d.open = true; });
        document.querySelectorAll('#documents > details').forEach(d => {
          d.dispatchEvent(new Event('toggle'));
          out.push(norm(d.querySelector('summary').outerHTML));
          const body = d.querySelector('.text, table.aligned tbody');
          out.push(norm(body.innerHTML));
          const fm = d.querySelector('details.fm');
          if (fm) out.push(norm(fm.outerHTML));
        });
        const a = document.querySelector('nav.pager[data-pages=doc-rows] button[aria-label="Next page"]');
        const b = document.querySelector('nav.pager[data-pages=doc-views] button[aria-label="Next page"]');
        if (!a || a.disabled) return out;
        a.click(); b.click();
      }
    }""")


def test_what_report_js_renders_is_what_the_template_writes(open_report, tmp_path):
    """The same example report twice: all markup, and one finding, one document per page with every
    document's text in the island. Page by page, the browser shows the same elements."""
    from checker.api import check_paths
    from checker.config import Config
    from conftest import FIXTURES

    report = check_paths(Config(paths=(FIXTURES / "example",)))
    whole, paged = tmp_path / "whole.html", tmp_path / "paged.html"
    whole.write_text(render_report(report), encoding="utf-8")
    paged.write_text(render_report(report, page_size=1, inline_text=0, doc_page=1), encoding="utf-8")
    a, b = open_report(whole), open_report(paged)
    for s in (a, b):
        s.page.evaluate("localStorage.clear()")
    fa, fb = _all_findings(a.page), _all_findings(b.page)
    assert len([x for x in fa if x.startswith("<article")]) == len(report.findings) > 3
    assert fa == fb
    da, db = _all_documents(a.page), _all_documents(b.page)
    assert len(da) > 3 * len(report.extraction.documents)
    # the template writes all pairs before all documents; pages show a pair beside its translation
    assert sorted(da) == sorted(db)
    assert a.page_errors == b.page_errors == []
