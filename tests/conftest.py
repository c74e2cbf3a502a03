"""Shared test helpers: paths, the ../shared folder (skip when absent), corpus builders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"

needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(),
                                  reason="../shared (seed articles, dev clusters, tools) is not beside this checkout")


@pytest.fixture(scope="session", autouse=True)
def _own_cache_dir(tmp_path_factory):
    """Runs that use the default cache folder (the CLI without --cache-dir or --no-cache, also in
    subprocesses) keep their claims, findings and tables in one folder of this test session, never
    in the user's cache: a test run neither reads what an earlier run left there nor leaves
    anything behind."""
    import os

    old = os.environ.get("FACTCHECK_CACHE_DIR")
    os.environ["FACTCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("factcheck-cache"))
    yield
    if old is None:
        os.environ.pop("FACTCHECK_CACHE_DIR", None)
    else:
        os.environ["FACTCHECK_CACHE_DIR"] = old


@pytest.fixture
def make_corpus(tmp_path):
    """Write {name: text} into a temporary corpus folder (with an optional manifest) and return it."""

    def build(files: dict[str, str | bytes], manifest: str | None = None) -> Path:
        for name, content in files.items():
            p = tmp_path / name
            p.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                p.write_bytes(content)
            else:
                p.write_text(content, encoding="utf-8")
        if manifest is not None:
            (tmp_path / "factcheck.toml").write_text(manifest, encoding="utf-8")
        return tmp_path

    return build


def claims_of(text: str, lang: str | None = None, date: dt.date | None = None, glossary=None):
    """Extract the claims of one in-memory document."""
    from checker.extract.pipeline import extract_document
    from checker.model import Document
    from checker.textnorm import detect_lang

    doc = Document(doc="case.txt", text=text, view=text, lang=lang or detect_lang(text), date=date)
    return extract_document(doc, glossary)
