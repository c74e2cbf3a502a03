"""Browser test support (fixtures and helpers, imported by the browser test modules; deliberately
not a conftest.py, which would shadow tests/conftest.py for `from conftest import ...`): Debian's system Chromium driven by Playwright (never `playwright install`).

Every browser test skips with a reason when /usr/bin/chromium or the playwright package is absent."""

from __future__ import annotations

import atexit
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "artifacts"


_LAUNCHED: dict[str, object] = {}


def _launch():
    """One Playwright and one Chromium for the whole run, shared by every module that imports the
    `browser` fixture (Playwright's sync API cannot be started twice in one thread)."""
    if "browser" not in _LAUNCHED:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        try:
            _LAUNCHED["browser"] = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        except Exception:
            pw.stop()
            raise
        _LAUNCHED["playwright"] = pw

        def close() -> None:
            _LAUNCHED.pop("browser").close()
            _LAUNCHED.pop("playwright").stop()

        atexit.register(close)
    return _LAUNCHED["browser"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (apt-get install chromium) to run browser tests")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is absent: pip install -e '.[browser]'")
    try:
        return _launch()
    except Exception as exc:  # noqa: BLE001 - a broken browser install is an environment problem, said plainly
        pytest.skip(f"{CHROMIUM} could not be launched: {exc}")


def render(corpus: Path, out: Path, *extra: str) -> tuple[Path, int]:
    """`factcheck check CORPUS --format html -o OUT`, as a reviewer runs it; (report path, exit code)."""
    from checker.cli import main

    res = CliRunner().invoke(main, ["check", str(corpus), "--format", "html", "-o", str(out), *extra])
    assert res.exit_code in (0, 1), res.output
    return out, res.exit_code


@dataclass
class Session:
    """A page with everything it tried to do recorded."""

    page: object
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Every request but the report file itself (a download is not a request of the page)."""
        return [u for u in self.requests if u.split("#")[0] != self.url.split("#")[0]]


@pytest.fixture
def open_report(browser):
    contexts = []

    def _open(path: Path, hash_: str = "", width: int = 1280, height: int = 900) -> Session:
        ctx = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        contexts.append(ctx)
        page = ctx.new_page()
        url = path.resolve().as_uri()
        s = Session(page=page, url=url)
        page.on("console", lambda m: s.console_errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: s.page_errors.append(str(e)))
        page.on("request", lambda r: s.requests.append(r.url))

        def on_dialog(d):
            s.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)
        page.goto(url + hash_)
        page.wait_for_selector("html[data-ready='1']", timeout=10_000)
        return s

    yield _open
    for ctx in contexts:
        ctx.close()


def visible_findings(page) -> int:
    return page.evaluate("() => [...document.querySelectorAll('article.finding')].filter(e => !e.hidden).length")


def report_json(corpus: Path, *extra: str) -> dict:
    from checker.cli import main

    res = CliRunner().invoke(main, ["check", str(corpus), "--format", "json", "--fail-on", "never", *extra])
    return json.loads(res.output)


def wait_until(page, expression: str, arg=None, timeout_ms: int = 5000) -> None:
    """Poll a JS function until it is truthy (page.wait_for_function evaluates strings, which the
    report's Content-Security-Policy rightly refuses)."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        page.wait_for_timeout(50)
