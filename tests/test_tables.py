"""Tables derived from CC-CEDICT kept between runs (checker.tables): read back equal, built again
when damaged, stale or not ours, and a run that reads them reports what a run that builds them does."""

from __future__ import annotations

import logging
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from checker import tables

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "fixtures" / "example"


@pytest.fixture
def folder(tmp_path):
    tables.use_cache_dir(tmp_path)
    yield tmp_path / "tables"
    tables.use_cache_dir(None)


def _counted(name: str, value):
    """A persisted table that counts how often it is built; `fresh()` forgets it, as a new process."""
    builds = []

    def build():
        builds.append(1)
        return value

    table = tables.persisted(name)(build)
    return table, builds


def test_a_kept_table_is_read_back_instead_of_built(folder):
    value = ({"中国": "China/PRC"}, frozenset({"austria", "peru"}), {"ab": True, "abc": False}, (1, 2.5, None))
    table, builds = _counted("t_kept", value)
    assert table() == value and builds == [1]
    assert [p.name.split("-")[0] for p in folder.iterdir()] == ["t_kept"]
    table.cache_clear()   # as the next run: nothing in memory
    assert table() == value and builds == [1]


def test_no_cache_folder_keeps_nothing(tmp_path):
    tables.use_cache_dir(tmp_path)
    tables.use_cache_dir(None)   # --no-cache after a run with a folder
    table, builds = _counted("t_none", {"a": 1})
    table()
    table.cache_clear()
    table()
    assert builds == [1, 1]
    assert not (tmp_path / "tables").exists()


def test_a_damaged_table_is_built_again_with_a_warning(folder, caplog):
    table, builds = _counted("t_damaged", {"word": "gloss"})
    table()
    (path,) = folder.iterdir()
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))
    table.cache_clear()
    with caplog.at_level(logging.WARNING, logger="factcheck"):
        assert table() == {"word": "gloss"}
    assert builds == [1, 1] and "damaged" in caplog.text and "checksum" in caplog.text
    table.cache_clear()
    assert table() == {"word": "gloss"} and builds == [1, 1]   # the rebuilt file is good


def test_a_file_that_loads_a_class_is_refused(folder, caplog):
    """A table is plain values: a file naming a class (here one that would run a command) is
    never unpickled, even with a checksum that matches."""
    import hashlib

    table, builds = _counted("t_hostile", {"safe": 1})
    table()
    (path,) = folder.iterdir()

    class Boom:
        def __reduce__(self):
            return (subprocess.call, (["false"],))

    payload = pickle.dumps(Boom())
    path.write_bytes(hashlib.sha256(payload).digest() + payload)
    table.cache_clear()
    with caplog.at_level(logging.WARNING, logger="factcheck"):
        assert table() == {"safe": 1}
    assert builds == [1, 1] and "subprocess" in caplog.text


def test_a_table_of_another_version_is_removed_once_unused_for_a_week(folder):
    """Two versions may share a cache folder: the other's table stays while it is in use (a read
    marks it), and goes once unused for a week, as does a temporary file of a killed write."""
    import os
    import time

    table, builds = _counted("t_versions", [1, 2, 3])
    folder.mkdir(parents=True)
    week = 7 * 24 * 3600
    stale = folder / "t_versions-00000000000000000000.pickle"
    recent = folder / "t_versions-11111111111111111111.pickle"
    abandoned = folder / ".t_versions-22222222222222222222.abc.tmp"
    other = folder / "t_versionsx-00000000000000000000.pickle"   # another table: left alone
    for p in (stale, recent, abandoned, other):
        p.write_bytes(b"x")
    old = time.time() - week - 60
    for p in (stale, abandoned, other):
        os.utime(p, (old, old))
    os.utime(recent, (time.time() - week + 3600,) * 2)
    assert table() == [1, 2, 3] and builds == [1]
    assert not stale.exists() and not abandoned.exists()
    assert recent.exists() and other.exists()


def test_reading_a_table_marks_it_used(folder):
    import os

    table, _ = _counted("t_used", {"k": "v"})
    table()
    (path,) = folder.iterdir()
    os.utime(path, (1_000_000, 1_000_000))
    table.cache_clear()
    table()
    assert path.stat().st_mtime > 1_000_000


def test_a_run_on_kept_tables_reports_what_a_run_that_builds_them_does(tmp_path):
    """End to end, in new processes: the first run builds and keeps the dictionary's tables, the
    second (a fresh extraction cache, the tables kept) reads them; both reports equal the report
    of a run without any cache."""
    def run(*args):
        out = subprocess.run([sys.executable, "-m", "checker", "check", str(EXAMPLE), "--format", "json",
                              "--fail-on", "never", *args], cwd=ROOT, capture_output=True, text=True, check=True)
        return out.stdout

    plain = run("--no-cache")
    first = run("--cache-dir", str(tmp_path / "a"))
    kept = sorted(p.name.split("-")[0] for p in (tmp_path / "a" / "tables").iterdir())
    assert {"cedict", "gloss_names", "word_prefixes"} <= set(kept)
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "tables").rename(tmp_path / "b" / "tables")
    second = run("--cache-dir", str(tmp_path / "b"))
    assert first == plain and second == plain


def _parsed_closure(pkg: Path, start: Path) -> set[Path]:
    """The reference: the modules `start` imports, found by parsing each one (ast)."""
    import ast

    seen: set[Path] = set()
    todo = [start]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = path.parent
                for _ in range(max(0, node.level - 1)):
                    base = base.parent
                if node.level:
                    parts = [*base.relative_to(pkg).parts] + (node.module.split(".") if node.module else [])
                elif node.module and node.module.split(".")[0] == pkg.name:
                    parts = node.module.split(".")[1:]
                else:
                    continue
                targets = [parts] + [parts + [a.name] for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name.split(".")[1:] for a in node.names if a.name.split(".")[0] == pkg.name]
            else:
                continue
            for parts in targets:
                mod = pkg.joinpath(*parts)
                todo += [c for c in (mod.with_suffix(".py"), mod / "__init__.py") if c.is_file()]
    return seen


def test_the_cache_key_follows_the_imports_parsing_would_find():
    """The extraction cache's code digest covers the modules extraction imports, found by a scan
    of import lines (checker.cache._import_closure): on every module of the package it finds
    exactly the modules parsing them finds."""
    from checker import cache

    pkg = Path(cache.__file__).resolve().parent
    for start in sorted(pkg.rglob("*.py")):
        assert cache._import_closure(pkg, start) == _parsed_closure(pkg, start), start.name
    closure = {p.name for p in cache._import_closure(pkg, pkg / "extract" / "pipeline.py")}
    assert {"pipeline.py", "lexicon.py", "tables.py", "quantities.py", "dates.py"} <= closure


def test_import_lines_of_every_form_are_followed(tmp_path):
    from checker import cache

    pkg = tmp_path / "checker"
    (pkg / "sub").mkdir(parents=True)
    for name in ("a", "b", "c", "d", "e", "unused"):
        (pkg / f"{name}.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "f.py").write_text("")
    (pkg / "start.py").write_text(
        "from .a import x\n"
        "from . import (b,  # a comment\n    c as see)\n"
        "def later():\n    import checker.d\n    from checker.sub import f\n"
        "import os, checker.e as e\n")
    got = {p.relative_to(pkg).as_posix() for p in cache._import_closure(pkg, pkg / "start.py")}
    assert got == {"start.py", "a.py", "b.py", "c.py", "d.py", "e.py", "sub/__init__.py", "sub/f.py"}
    assert got == {p.relative_to(pkg).as_posix() for p in _parsed_closure(pkg, pkg / "start.py")}
