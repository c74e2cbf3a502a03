"""A report of 1,000 findings stays small and works in a browser (the size check needs no browser).
How fast it opens is measured by tests/benchmarks/html_report_bench.py, not asserted here."""

from __future__ import annotations

from browser_support import browser, open_report  # noqa: F401 - fixtures
from synthetic import synthetic_report

from reports.html import render_report

LIMIT_BYTES = 3_000_000


def test_a_thousand_findings_fit_in_three_megabytes():
    html = render_report(synthetic_report(1000))
    assert html.count('<article class="finding') == 1000
    assert len(html.encode("utf-8")) < LIMIT_BYTES


def test_a_thousand_findings_open_without_errors_and_filter(open_report, tmp_path):
    path = tmp_path / "big.html"
    path.write_text(render_report(synthetic_report(1000)), encoding="utf-8")
    s = open_report(path)
    assert s.console_errors == [] and s.page_errors == []
    # filtering 1,000 findings answers at once
    page = s.page
    page.uncheck("input[name=sev][value=info]")
    assert page.inner_text("#shown").startswith("667 of 1000")
