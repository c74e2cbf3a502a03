"""On demand: how fast a 1,000-finding HTML report opens in Debian's Chromium (target < 1 s).

    python tests/benchmarks/html_report_bench.py

Prints the size and the browser's own load timings (navigation start to load event and the
report's script ready), best of five. Needs playwright and /usr/bin/chromium.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "browser"), str(HERE.parent.parent)]

from playwright.sync_api import sync_playwright  # noqa: E402
from synthetic import synthetic_report  # noqa: E402

from reports.html import render_report  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    html = render_report(synthetic_report(1000))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.html"
        path.write_text(html, encoding="utf-8")
        timings = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for _ in range(5):
                page = browser.new_page()
                page.goto(path.as_uri())
                timings.append(page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
                    return Math.max(n.loadEventEnd, Number(document.documentElement.dataset.readyMs)); }"""))
                page.close()
            browser.close()
    print(f"size {len(html.encode('utf-8')) / 1e6:.2f} MB; load ms best {min(timings):.0f}, "
          f"median {sorted(timings)[2]:.0f} (target < 1000)")


if __name__ == "__main__":
    main()
