"""Robustness: hostile input files give clear, per-file errors; good files are still checked;
nothing a run reads is ever written; reports are written atomically.

Most tests load in-process (fast); the acceptance test at the end runs the real command line
in a subprocess over a corpus of bad files beside a good translation pair.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import checker.decode
from checker.api import extract_paths
from checker.decode import NotText, decode_bytes
from checker.errors import FactcheckError, InputFileError
from checker.glossary import load_glossary
from checker.loader import load_corpus
from conftest import ROOT

ZH = "---\ndate: 2026-02-05\nlang: zh\n---\n特朗普政府启动了120亿美元的金库计划。\n"
EN = ("---\ndate: 2026-02-05\nlang: en\ntranslation-of: a.zh.md\n---\n"
      "The Trump administration launched Project Vault, worth $1.2 billion.\n")


def errors_of(root: Path) -> dict[str, str]:
    return {e.doc: e.error for e in load_corpus([root]).errors}


# --- decoding: every refusal says what and where -------------------------------------------

def test_zero_byte_file_is_empty():
    with pytest.raises(NotText, match=r"^empty file \(zero bytes\)$"):
        decode_bytes(b"")


def test_nul_byte_in_utf8_text_is_binary_with_its_place():
    with pytest.raises(NotText, match=r"binary content \(NUL byte at byte 7, line 2\)"):
        decode_bytes("投资\n".encode() + b"\x00rest")


@pytest.mark.parametrize("data", [codecs_bom + body for codecs_bom, body in [
    (b"\xef\xbb\xbf", "a\x00b".encode()),
    (b"\xff\xfe", "a\x00b".encode("utf-16-le")),
    (b"\xff\xfe\x00\x00", "a\x00b".encode("utf-32-le")),
]], ids=["utf-8-bom", "utf-16", "utf-32"])
def test_nul_character_after_a_bom_is_binary_too(data):
    with pytest.raises(NotText, match="NUL character at character 1"):
        decode_bytes(data)


def test_utf16_without_bom_gets_a_hint():
    with pytest.raises(NotText, match=r"NUL byte at byte 1, line 1; UTF-16 without a byte-order mark\? save it as UTF-8"):
        decode_bytes("The bank cut its rate by 25 basis points.".encode("utf-16-le"))


def test_control_bytes_are_binary():
    with pytest.raises(NotText, match="control bytes"):
        decode_bytes(b"GIF89a" + bytes(range(1, 8)) * 40)


def test_damaged_utf8_names_the_byte_and_line():
    data = "第一行：投资120亿美元。\n第二行".encode() + b"\xff" + "：其余都是正常的中文。".encode()
    with pytest.raises(NotText, match=r"invalid UTF-8 at byte 43, line 2"):
        decode_bytes(data)


def test_text_in_no_supported_encoding_is_undecodable():
    with pytest.raises(NotText, match=r"undecodable: not UTF-8 \(invalid at byte 3, line 1\), GB18030 or Big5"):
        decode_bytes(b"caf\xe9 au lait \xff")


def test_invalid_utf16_after_its_bom_names_the_byte():
    with pytest.raises(NotText, match="invalid UTF-16-LE at byte"):
        decode_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate


# --- files that are not files --------------------------------------------------------------

def test_named_pipe_is_refused_without_blocking(tmp_path):
    (tmp_path / "good.txt").write_text("投资120亿美元。", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")  # nobody writes: reading it would block forever
    errors = errors_of(tmp_path)
    assert errors == {"pipe.txt": "not a regular file: a named pipe (FIFO)"}


def test_character_device_named_on_the_command_line_is_refused(tmp_path):
    corpus = load_corpus([Path("/dev/zero")])  # reading it would never end
    assert [e.error for e in corpus.errors] == ["not a regular file: a character device"]


def test_symlink_loop_and_broken_symlink(tmp_path):
    (tmp_path / "good.txt").write_text("投资120亿美元。", encoding="utf-8")
    os.symlink("loop2.txt", tmp_path / "loop1.txt")
    os.symlink("loop1.txt", tmp_path / "loop2.txt")
    os.symlink("missing.txt", tmp_path / "broken.txt")
    errors = errors_of(tmp_path)
    assert errors["loop1.txt"] == "cannot read: symlink loop"
    assert errors["loop2.txt"] == "cannot read: symlink loop"
    assert errors["broken.txt"] == "cannot read: broken symlink (to missing.txt)"


def test_folder_symlinked_into_itself_is_walked_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "doc.txt").write_text("投资120亿美元。", encoding="utf-8")
    os.symlink("..", tmp_path / "a" / "up")
    corpus = load_corpus([tmp_path])
    assert [d.doc for d in corpus.documents] == ["a/doc.txt"] and not corpus.errors


def test_folder_named_like_a_file_is_walked_not_read(tmp_path):
    (tmp_path / "notes.txt").mkdir()
    (tmp_path / "notes.txt" / "inner.txt").write_text("投资120亿美元。", encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [d.doc for d in corpus.documents] == ["notes.txt/inner.txt"] and not corpus.errors


def test_folder_tree_deeper_than_the_recursion_limit(tmp_path):
    deep = tmp_path
    for _ in range(300):
        deep = deep / "d"
        os.mkdir(deep)
    (deep / "deep.txt").write_text("投资120亿美元。", encoding="utf-8")
    # a recursive walk would need a frame per level: allow far fewer than the tree is deep
    frames = 0
    frame = sys._getframe()
    while frame is not None:
        frames, frame = frames + 1, frame.f_back
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(frames + 150)
    try:
        corpus = load_corpus([tmp_path])
    finally:
        sys.setrecursionlimit(old)
    assert len(corpus.documents) == 1 and not corpus.errors


@pytest.mark.parametrize("err, reason", [
    (PermissionError(errno.EACCES, "Permission denied"), "cannot read: permission denied"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "cannot read: no such file (deleted during the run?)"),
    (OSError(errno.EIO, "Input/output error"), "cannot read: input/output error"),
])
def test_file_unreadable_or_deleted_mid_run(tmp_path, monkeypatch, err, reason):
    # tests run as root, so chmod 000 would not stop a read: fail the open of one file instead
    (tmp_path / "good.txt").write_text("投资120亿美元。", encoding="utf-8")
    (tmp_path / "gone.txt").write_text("投资12亿美元。", encoding="utf-8")
    real_open = os.open

    def failing_open(path, flags, *args, **kwargs):
        if str(path).endswith("gone.txt"):
            raise err
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(checker.decode.os, "open", failing_open)
    corpus = load_corpus([tmp_path])
    assert {e.doc: e.error for e in corpus.errors} == {"gone.txt": reason}
    assert [d.doc for d in corpus.documents] == ["good.txt"]


def test_file_deleted_between_walk_and_read(tmp_path, monkeypatch):
    import checker.loader as loader

    (tmp_path / "good.txt").write_text("投资120亿美元。", encoding="utf-8")
    (tmp_path / "gone.txt").write_text("投资12亿美元。", encoding="utf-8")
    real_walk = loader._walk

    def walk_then_delete(*args):
        files = real_walk(*args)
        (tmp_path / "gone.txt").unlink()
        return files

    monkeypatch.setattr(loader, "_walk", walk_then_delete)
    assert errors_of(tmp_path) == {"gone.txt": "cannot read: no such file (deleted during the run?)"}


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(checker.decode, "MAX_BYTES", 1000)
    (tmp_path / "big.txt").write_bytes(b"1" * 1001)
    (tmp_path / "ok.txt").write_bytes(b"1" * 1000)
    assert errors_of(tmp_path) == {
        "big.txt": "too large: 1001 bytes, the limit is 1000 bytes (0 MiB); split the file"}


def test_non_utf8_file_name_is_reported_with_a_replacement_character(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(b"\x00\x01binary")
    with open(os.fsencode(tmp_path) + b"/ok\xff.txt", "wb") as fh:
        fh.write("投资120亿美元。".encode())
    corpus = load_corpus([tmp_path])
    assert {e.doc: e.error for e in corpus.errors} == {"caf\ufffd.txt": "not text: binary content (NUL byte at byte 0, line 1)"}
    assert [d.doc for d in corpus.documents] == ["ok\ufffd.txt"]


# --- line endings: offsets index the text as decoded, newlines as in the file ----------------

def test_mixed_line_endings_keep_offsets_and_lines_exact(tmp_path):
    text = ("投资120亿美元。\r\n"          # CRLF
            "The fund holds $3.5 billion.\r"  # lone CR (old Mac)
            "出口增长了8.7%。\n"              # LF
            "\r\n"
            "It rose 12 percent on March 4, 2026.\r"
            "共有55个国家参加。")
    (tmp_path / "mixed.txt").write_bytes(text.encode("utf-8"))
    ex = extract_paths([tmp_path])
    doc = ex.documents[0]
    assert doc.text == text  # nothing normalized away
    claims = ex.claims["mixed.txt"]
    quotes = {c.text for c in claims}
    assert {"120亿美元", "$3.5 billion", "8.7%", "12 percent"} <= quotes
    assert any(q.startswith("55个") for q in quotes)
    for c in claims:
        assert text[c.start:c.end] == c.text
        assert c.line == text.count("\n", 0, c.start) + 1  # lines end at LF (CRLF counts once)
    by_text = {c.text[:4]: c for c in claims}
    # a lone CR still ends the sentence: the two figures are not read as one sentence
    assert by_text["$3.5"].sent != by_text["8.7%"].sent
    assert by_text["12 p"].sent != by_text["55个国"].sent


# --- front matter, manifest and glossary: the file and the line ------------------------------

@pytest.mark.parametrize("front, reason", [
    ('title: !!python/object/apply:os.system ["touch {marker}"]\n',
     "line 2: invalid front matter: could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/object/apply:os.system' (YAML tags are refused: front matter is data)"),
    ("title: ok\n!!python/object/new:os.system [x]: y\n", "line 3: invalid front matter"),
    ("date: 2026-13-45\n", "invalid front matter: month must be in 1..12"),
    ("date: 20260205\n", "line 2: date: date 20260205 is not YYYY-MM-DD"),
    ("title: t\ncolour: red\n", "front matter: line 3: colour: unknown key"),
    ("lang: fr\n", "front matter: line 2: lang: unsupported language 'fr' (zh or en)"),
    ("title: [unclosed\n", "line 3: invalid front matter"),
    ("title: " + "[" * 3000 + "\n", "invalid front matter: nested too deeply"),
    ("- a list\n", "line 2: front matter is not a mapping of keys to values"),
], ids=["python-tag-value", "python-tag-key", "bad-date", "date-as-number", "unknown-key", "language",
        "unclosed", "deep", "not-a-mapping"])
def test_malformed_front_matter_names_the_line_and_nothing_runs(tmp_path, front, reason):
    marker = tmp_path.parent / f"{tmp_path.name}-pwned"
    (tmp_path / "bad.md").write_text("---\n" + front.format(marker=marker) + "---\n投资120亿美元。\n", encoding="utf-8")
    (tmp_path / "good.md").write_text(ZH, encoding="utf-8")
    corpus = load_corpus([tmp_path])
    assert [e.doc for e in corpus.errors] == ["bad.md"]
    assert reason in corpus.errors[0].error
    assert [d.doc for d in corpus.documents] == ["good.md"]
    assert not marker.exists()


@pytest.mark.parametrize("manifest, reason", [
    ('[documents."a.txt"]\ndate = 2026-02-05\nlang = "zh"\n\n[documents."b.txt"]\nlang = "en"\ndate = 2026-02-05\nauthor = "x"\n',
     "line 8: documents.b.txt.author: unknown key"),
    ('[documents."a.txt"]\ndate = 2026-02-05\nlang = \n', "line 3, column 8: invalid TOML: Invalid value"),
    ('[documents."a.txt"]\nlang = "fr"\n', "line 2: documents.a.txt.lang: unsupported language 'fr' (zh or en)"),
    ('glossary = "g.csv"\n[documents."../../etc/passwd"]\nlang = "en"\n',
     "line 2: '../../etc/passwd' points outside the corpus root (refused)"),
    ('[documents."/etc/passwd"]\nlang = "en"\n', "line 1: '/etc/passwd' points outside the corpus root (refused)"),
    ('[documents."a.txt"]\ntranslation_of = "../secret.txt"\n',
     "line 2: '../secret.txt' points outside the corpus root (refused)"),
    ('glossary = "../../glossary.csv"\n', "line 1: glossary '../../glossary.csv' points outside the corpus root (refused)"),
    ('[documents."a\\u0000.txt"]\nlang = "en"\n', "points outside the corpus root (refused)"),
    ("a = [" * 2000, "factcheck.toml"),
], ids=["unknown-key-second-table", "toml-syntax", "language", "dotdot", "absolute", "translation-outside",
        "glossary-outside", "nul-in-name", "deep-nesting"])
def test_malformed_manifest_names_file_and_line(make_corpus, manifest, reason):
    root = make_corpus({"a.txt": "投资120亿美元。"}, manifest=manifest)
    with pytest.raises(InputFileError) as info:
        load_corpus([root])
    assert info.value.path.endswith("factcheck.toml")
    assert reason in str(info.value)


def test_manifest_that_is_not_utf8_names_the_line(make_corpus):
    root = make_corpus({"a.txt": "投资120亿美元。", "factcheck.toml": '[documents."a.txt"]\n'.encode() + "title = '标题'\n".encode("gb18030")})
    with pytest.raises(InputFileError, match=r"line 2: not UTF-8"):
        load_corpus([root])


def test_manifest_that_is_a_pipe_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("投资120亿美元。", encoding="utf-8")
    os.mkfifo(tmp_path / "factcheck.toml")
    with pytest.raises(InputFileError, match="not a regular file: a named pipe"):
        load_corpus([tmp_path])


@pytest.mark.parametrize("name, content, reason", [
    ("g.csv", "zh,en\n贝森特,Bessent\n鲍威尔,Powell,note,extra\n", "line 3: 4 fields, header has 2"),
    ("g.csv", "zh,en\n贝森特,\"Bessent\n", "line 2: invalid CSV: unexpected end of data"),
    ("g.csv", "zh,en\n贝森特,\"" + "x" * 200_000 + "\"\n", "line 2: invalid CSV: field larger than field limit"),
    ("g.csv", "name,title\nx,y\n", "line 1: header must name language columns"),
    ("g.csv", "", "glossary: empty file (zero bytes)"),
    ("g.csv", b"zh,en\n\x00\x01", "glossary: not text: binary content (NUL byte at byte 6, line 2)"),
    ("g.tbx", "<martif><text><body><termEntry>", "invalid TBX: no element found: line 1, column 31"),
    ("g.tbx", '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><martif>&b;</martif>',
     "TBX refused"),
], ids=["too-many-fields", "unclosed-quote", "huge-field", "no-language-header", "empty", "binary", "tbx-syntax",
        "tbx-entities"])
def test_malformed_glossary_names_file_and_line(tmp_path, name, content, reason):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputFileError) as info:
        load_glossary(path)
    assert info.value.path == str(path)
    assert reason in info.value.problem


def test_glossary_that_is_a_folder_or_pipe_is_refused(tmp_path):
    (tmp_path / "dir.csv").mkdir()
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(InputFileError, match="glossary: not a regular file: a folder"):
        load_glossary(tmp_path / "dir.csv")
    with pytest.raises(InputFileError, match="glossary: not a regular file: a named pipe"):
        load_glossary(tmp_path / "pipe.csv")


def test_missing_glossary_is_a_clear_error(tmp_path):
    with pytest.raises(InputFileError, match="glossary: cannot read: no such file"):
        load_glossary(tmp_path / "nope.csv")


# --- HTML and Markdown views stay linear and offset-true on hostile markup -------------------

@pytest.mark.parametrize("unit", ["<!--", "<script>", "<style a=1>", "<a ", "](", "![x](", "<!-- -->"])
def test_markup_views_are_linear_on_unclosed_markup(unit):
    from checker.loader import html_view, markdown_view

    text = unit * (400_000 // len(unit)) + "投资120亿美元。"
    t0 = time.perf_counter()
    for view in (html_view(text), markdown_view(text)):
        assert len(view) == len(text)
    assert time.perf_counter() - t0 < 5


def test_unclosed_comment_and_script_hide_the_rest_like_a_browser():
    from checker.loader import html_view

    raw = "<p>投资120亿美元。</p><script>var x = '12亿';\n<p>7%</p>"
    view = html_view(raw)
    assert "120亿美元" in view and "12亿" not in view and "7%" not in view
    assert len(view) == len(raw)


# --- nothing a run reads is ever written -------------------------------------------------------

def tree_digest(root: Path) -> dict[str, str]:
    """Every entry under root: file contents hashed, symlinks by target, pipes by kind (never opened)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(os.fsencode(root)):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            key = os.path.relpath(p, os.fsencode(root)).decode("utf-8", "surrogateescape")
            st = os.lstat(p)
            if os.path.islink(p):
                out[key] = "link:" + os.readlink(p).decode("utf-8", "surrogateescape")
            elif os.path.isdir(p):
                out[key] = "dir"
            elif not os.path.isfile(p):
                out[key] = f"special:{st.st_mode:o}"
            else:
                with open(p, "rb") as fh:
                    out[key] = f"{st.st_mode:o}:" + hashlib.sha256(fh.read()).hexdigest()
    return out


def cli(*args, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=cli_env())


_CACHE_DIR: list[Path] = []


@pytest.fixture(autouse=True, scope="module")
def _own_extraction_cache(tmp_path_factory):
    """Command-line runs in these tests use a cache of their own, never the user's."""
    _CACHE_DIR.append(tmp_path_factory.mktemp("factcheck-cache"))
    yield
    _CACHE_DIR.clear()


def cli_env() -> dict[str, str]:
    """The environment of a command-line run in a test: this checkout, no colour, its own cache."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    if _CACHE_DIR:
        env["FACTCHECK_CACHE_DIR"] = str(_CACHE_DIR[-1])
    return env


FORMATS = ["text", "json", "html", "sarif", "junit", "github"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_over_any_input_is_refused_in_every_format(tmp_path, fmt):
    from click.testing import CliRunner

    from checker.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.zh.md").write_text(ZH, encoding="utf-8")
    (corpus / "b.en.md").write_text(EN, encoding="utf-8")
    (corpus / "glossary.csv").write_text("zh,en\n贝森特,Bessent\n", encoding="utf-8")
    (corpus / "factcheck.toml").write_text('glossary = "glossary.csv"\n', encoding="utf-8")
    (tmp_path / "base.json").write_text('{"findings": []}\n', encoding="utf-8")
    before = tree_digest(tmp_path)
    targets = [corpus / "b.en.md", corpus / "glossary.csv", corpus / "factcheck.toml", tmp_path / "base.json",
               corpus / "new.md", corpus / "new.xlf"]
    for target in targets:
        res = CliRunner().invoke(main, ["check", str(corpus), "--format", fmt, "--baseline", str(tmp_path / "base.json"),
                                        "-o", str(target)])
        assert res.exit_code == 2, (target, res.output)
        assert "refusing to write the report" in res.output
    assert tree_digest(tmp_path) == before
    # and the real command line, once per format: exit 2, one clear line, no traceback
    res = cli("check", corpus, "--format", fmt, "-o", corpus / "a.zh.md")
    assert res.returncode == 2 and "refusing to write the report over an input" in res.stderr
    assert "Traceback" not in res.stderr
    assert tree_digest(tmp_path) == before


# --- reports and baselines are written atomically -------------------------------------------

def test_failed_write_leaves_the_old_report_whole_and_no_temporary_file(tmp_path, monkeypatch):
    from reports import atomic_write

    out = tmp_path / "report.json"
    out.write_text("old report\n", encoding="utf-8")

    class Boom(RuntimeError):
        pass

    def fail_replace(src, dst):
        raise Boom("disk gone")

    monkeypatch.setattr("reports.os.replace", fail_replace)
    with pytest.raises(Boom):
        atomic_write(out, "new report\n")
    assert out.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_interrupted_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from reports import atomic_write

    out = tmp_path / "report.json"
    out.write_text("old\n", encoding="utf-8")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr("reports.os.fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(out, "new\n" * 1000)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_write_errors_are_clear_messages(tmp_path):
    from reports import atomic_write

    with pytest.raises(FactcheckError, match="it is a folder"):
        atomic_write(tmp_path, "x")
    with pytest.raises(FactcheckError, match="cannot write the report: No such file or directory"):
        atomic_write(tmp_path / "missing" / "r.json", "x")


def test_replaced_report_keeps_its_permissions_and_new_ones_follow_the_umask(tmp_path):
    from reports import atomic_write

    out = tmp_path / "r.json"
    atomic_write(out, "a")
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # not mkstemp's private 0600
    out.chmod(0o640)
    atomic_write(out, "b")
    assert out.stat().st_mode & 0o777 == 0o640 and out.read_text() == "b"


def test_baseline_write_is_atomic(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from checker.cli import main

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.zh.md").write_text(ZH, encoding="utf-8")
    (tmp_path / "c" / "b.en.md").write_text(EN, encoding="utf-8")
    base = tmp_path / "base.json"
    base.write_text("old baseline\n", encoding="utf-8")

    def fail_replace(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("reports.os.replace", fail_replace)
    res = CliRunner().invoke(main, ["baseline", "write", str(tmp_path / "c"), "-o", str(base)])
    assert res.exit_code == 2 and "No space left on device" in res.output
    assert base.read_text(encoding="utf-8") == "old baseline\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["base.json", "c"]


# --- JSON stays valid whatever the text -------------------------------------------------------

def test_json_report_is_valid_with_control_characters_surrogates_and_line_separators(tmp_path):
    hostile = "\x1b[31m\x07\x7f\u2028\u2029\u0085\ufeff\u202e"
    (tmp_path / "a.zh.md").write_text(ZH.replace("特朗普", f"特朗普{hostile}"), encoding="utf-8")
    (tmp_path / "b.en.md").write_text(EN.replace("Trump", f"Trump{hostile}"), encoding="utf-8")
    with open(os.fsencode(tmp_path) + b"/bad\xff\x1b.txt", "wb") as fh:
        fh.write(b"\x00")
    res = cli("check", tmp_path, "--format", "json")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "\u2028" not in res.stdout and "\u2029" not in res.stdout
    report = json.loads(res.stdout)
    assert [e["doc"] for e in report["errors"]] == ["bad\ufffd\x1b.txt"]
    assert any(f["rule"] == "FC001" for f in report["findings"])


# --- the command line: the acceptance test of this issue ------------------------------------

def build_hostile_corpus(root: Path) -> dict[str, str]:
    """Bad files beside a good translation pair with a planted conflict. Returns {doc: expected reason}."""
    root.mkdir()
    (root / "a.zh.md").write_text(ZH, encoding="utf-8")
    (root / "b.en.md").write_text(EN, encoding="utf-8")
    mixed = "东京消息。\r\n日本央行持有5.2万亿日元国债。\r出口增长8.7%。\n"
    (root / "c.mixed.txt").write_bytes(mixed.encode("utf-8"))
    expected = {}

    def bad(name: str | bytes, content: bytes, reason: str) -> None:
        path = os.fsencode(root) + b"/" + (name if isinstance(name, bytes) else name.encode())
        with open(path, "wb") as fh:
            fh.write(content)
        expected[(name if isinstance(name, str) else name.decode("utf-8", "replace"))] = reason

    bad("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text: binary content (NUL byte at byte 8, line 3)")
    bad("empty.md", b"", "empty file (zero bytes)")
    bad("latin1.txt", "Le café coûte 3 euros".encode("latin-1") + b"\xff",
        "undecodable: not UTF-8 (invalid at byte 6, line 1), GB18030 or Big5")
    bad("nul.md", "投资120亿美元\n".encode() + b"\x00", "not text: binary content (NUL byte at byte 19, line 2)")
    bad("damaged.txt", "投资120亿美元，出口增长8.7%，".encode() + b"\xe4\xb8" + "其余正常。".encode(),
        "undecodable: invalid UTF-8 at byte 40, line 1 (the rest reads as UTF-8; a damaged or truncated character?)")
    bad("yaml-tag.md", b'---\ntitle: !!python/object/apply:os.system ["touch PWNED"]\n---\n\xe6\x8a\x95\xe8\xb5\x84\n',
        "line 2: invalid front matter: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' (YAML tags are refused: front matter is data)")
    bad("unknown-key.md", b"---\ntitle: t\ncolour: red\n---\nx\n", "front matter: line 3: colour: unknown key")
    bad(b"caf\xe9-\xff.txt", b"\x00\x01\x02", "not text: binary content (NUL byte at byte 0, line 1)")
    with open(root / "huge.txt", "wb") as fh:  # 100 MB on one line
        fh.write(b"8" * (100 * 2**20))
    expected["huge.txt"] = f"too large: {100 * 2**20} bytes, the limit is {checker.decode.MAX_BYTES} bytes " \
                           f"({checker.decode.MAX_BYTES // 2**20} MiB); split the file"
    os.mkfifo(root / "pipe.txt")
    expected["pipe.txt"] = "not a regular file: a named pipe (FIFO)"
    os.symlink("loop-b.md", root / "loop-a.md")
    os.symlink("loop-a.md", root / "loop-b.md")
    expected["loop-a.md"] = expected["loop-b.md"] = "cannot read: symlink loop"
    os.symlink("nowhere.txt", root / "broken.txt")
    expected["broken.txt"] = "cannot read: broken symlink (to nowhere.txt)"
    return expected


def test_cli_reports_every_bad_file_checks_the_good_ones_and_changes_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    expected = build_hostile_corpus(corpus)
    before = tree_digest(corpus)
    out = tmp_path / "report.json"
    t0 = time.perf_counter()
    res = cli("check", corpus, "--format", "json", "-o", out, cwd=tmp_path)
    elapsed = time.perf_counter() - t0
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert {e["doc"]: e["error"] for e in report["errors"]} == expected
    # the good documents were checked, the planted conflict found
    assert {d["doc"] for d in report["documents"]} == {"a.zh.md", "b.en.md", "c.mixed.txt"}
    fc001 = [f for f in report["findings"] if f["rule"] == "FC001"]
    assert fc001 and {c["text"] for c in fc001[0]["claims"]} == {"120亿美元", "$1.2 billion"}
    for f in report["findings"]:
        for c in f["claims"]:
            text = (corpus / c["doc"]).read_bytes().decode("utf-8")
            assert text[c["start"]:c["end"]] == c["text"] and text.count("\n", 0, c["start"]) + 1 == c["line"]
    # nothing read was written, nothing executed
    assert tree_digest(corpus) == before
    assert not (tmp_path / "PWNED").exists() and not (corpus / "PWNED").exists()
    assert elapsed < 60  # the 100 MB file is refused by its size, not read
    # --ignore-input-errors gates on findings only; the text report lists the same errors
    res = cli("check", corpus, "--ignore-input-errors", cwd=tmp_path)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    for doc in expected:
        assert doc in res.stdout + res.stderr
    assert tree_digest(corpus) == before


def test_cli_configuration_errors_name_file_and_line_without_traceback(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.zh.md").write_text(ZH, encoding="utf-8")
    (corpus / "factcheck.toml").write_text('[documents."../outside.txt"]\nlang = "en"\n', encoding="utf-8")
    res = cli("check", corpus)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "factcheck.toml: line 1: '../outside.txt' points outside the corpus root (refused)" in res.stderr
    (corpus / "factcheck.toml").unlink()
    (tmp_path / "g.csv").write_text("zh,en\n贝森特,Bessent,x\n", encoding="utf-8")
    res = cli("check", corpus, "--glossary", tmp_path / "g.csv")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "g.csv: line 2: 3 fields, header has 2" in res.stderr


def test_unexpected_failure_is_one_line_unless_debug(tmp_path):
    (tmp_path / "a.zh.md").write_text(ZH, encoding="utf-8")
    code = ("import sys, checker.api as api\n"
            "def boom(*a, **k): raise RuntimeError('simulated bug')\n"
            "api.check_paths = boom\n"
            "from checker.cli import entry\n"
            "sys.argv = ['factcheck', *sys.argv[1:]]\n"
            "entry()\n")
    run = [sys.executable, "-c", code, "check", str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run(run, capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "internal error: RuntimeError: simulated bug (run with --debug for details)" in res.stderr
    res = subprocess.run(run[:3] + ["--debug"] + run[3:], capture_output=True, text=True, env=env, timeout=60)
    assert "Traceback" in res.stderr


def _ctrl_c_reaches_it() -> None:
    """In the child before it runs: Ctrl-C as on a terminal. A test runner started in the
    background by a shell without job control ignores SIGINT, and a child inherits that (then
    Python installs no handler and the run ends 0): the test is about factcheck, not its parent."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("jobs", [
    "1",
    "2",  # pool workers ignore SIGINT (checker/parallel.py): no 'Process ForkPoolWorker-N:' noise
])
def test_ctrl_c_exits_130_cleanly_and_keeps_the_old_report(tmp_path, jobs):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = (ROOT / "fixtures" / "example" / "01-original.zh.md").read_text(encoding="utf-8")
    # long enough that the run is still going after 2 s even with faster extraction and 2 workers
    for i in range(1500):
        (corpus / f"{i:04}.zh.md").write_text(body, encoding="utf-8")
    out = tmp_path / "report.json"
    out.write_text("old report\n", encoding="utf-8")
    before = tree_digest(corpus)
    proc = subprocess.Popen([sys.executable, "-c", "import checker.cli, sys; sys.stderr.write('ready\\n');"
                             "sys.stderr.flush(); sys.argv[0] = 'factcheck'; checker.cli.entry()",
                             "check", str(corpus), "--format", "json", "-o", str(out), "-j", jobs, "--no-cache", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(),
                            start_new_session=True, preexec_fn=_ctrl_c_reaches_it)
    assert proc.stderr.readline() == "ready\n"  # imports done: the interrupt lands inside the run
    time.sleep(2.0)
    assert proc.poll() is None, "the run finished before it could be interrupted; make the corpus larger"
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert stderr.strip() == "factcheck: interrupted"  # one line: no traceback, no worker noise
    assert out.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "report.json"]
    assert tree_digest(corpus) == before


def test_a_ctrl_c_something_swallowed_still_stops_the_run(tmp_path, monkeypatch, capsys):
    """Python drops a KeyboardInterrupt raised in a finalizer; the run must not then end as if
    nothing happened and replace the report (seen once under heavy load)."""
    from checker import cli

    out = tmp_path / "report.json"
    out.write_text("old report\n", encoding="utf-8")
    monkeypatch.setattr(cli, "_SIGINT_SEEN", True)   # as _on_sigint leaves it when its exception is dropped
    monkeypatch.setattr(sys, "argv", ["factcheck", "check", str(ROOT / "fixtures" / "example"), "--format", "json",
                                      "-o", str(out), "--no-cache", "-j", "1", "-q"])
    with pytest.raises(SystemExit) as exc:
        cli.entry()
    assert exc.value.code == 130
    assert capsys.readouterr().err.strip() == "factcheck: interrupted"
    assert out.read_text(encoding="utf-8") == "old report\n"


def test_the_cli_handles_ctrl_c_itself_only_when_python_would(monkeypatch, capsys):
    from checker import cli

    def run():
        try:
            cli.entry()
        except SystemExit:
            pass

    monkeypatch.setattr(sys, "argv", ["factcheck", "--version"])
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        run()
        assert signal.getsignal(signal.SIGINT) is cli._on_sigint
        signal.signal(signal.SIGINT, signal.SIG_IGN)   # e.g. started in the background by a shell: left alone
        run()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, old)


def test_dateline_scan_reads_only_the_head_of_a_huge_single_line(tmp_path):
    from checker.loader import dateline_date

    text = "2026-02-05 " + "x" * 5_000_000
    t0 = time.perf_counter()
    assert dateline_date(text) == dt.date(2026, 2, 5)
    assert time.perf_counter() - t0 < 0.5


# --- found while reviewing, in files owned elsewhere (reported, fixed there; these keep them fixed) ---

def test_settings_from_a_non_utf8_manifest_is_a_clear_error(tmp_path):
    from checker.settings import build_config

    (tmp_path / "a.txt").write_text("投资120亿美元。", encoding="utf-8")
    (tmp_path / "factcheck.toml").write_bytes('[settings]\nfail-on = "错误"\n'.encode("gb18030"))
    with pytest.raises(InputFileError, match="factcheck.toml"):
        build_config((tmp_path,))


def test_settings_from_a_deeply_nested_manifest_is_a_clear_error(tmp_path):
    from checker.settings import build_config

    (tmp_path / "factcheck.toml").write_text("a = " + "[" * 5000, encoding="utf-8")
    with pytest.raises(InputFileError, match="factcheck.toml"):
        build_config((tmp_path,))


def test_deeply_nested_baseline_is_a_clear_error(tmp_path):
    from checker.baseline import load_baseline

    (tmp_path / "base.json").write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(InputFileError, match="base.json"):
        load_baseline(tmp_path / "base.json")


def test_named_pipe_called_like_an_xliff_file_is_refused(tmp_path):
    (tmp_path / "a.zh.md").write_text(ZH, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.xlf")
    try:
        res = cli("check", tmp_path, "--format", "json", timeout=8)
    except subprocess.TimeoutExpired:
        pytest.fail("the run blocked on the named pipe")
    assert res.returncode == 2
    assert {e["doc"]: e["error"] for e in json.loads(res.stdout)["errors"]} == {
        "pipe.xlf": "not a regular file: a named pipe (FIFO)"}


@pytest.mark.parametrize("note,person", [
    ("Treasury Secretary", True), ("the bank's spokeswoman", True), ("Chairman of the board", True),
    ("table tennis players", True), ("Secretary-General of the UN", True), ("", True),
    ("state-owned contractor", False), ("monetary authority", False), ("an underwriter", False),
    ("nuclear reactor design", False), ("frontrunner in the tender", False), ("programme", False),
])
def test_a_glossary_note_names_a_person_by_whole_words(note, person):
    """A note's words say the row is a person's; a word that only contains one does not
    ('contractor' holds 'actor', 'underwriter' 'writer')."""
    from checker.glossary import Entry

    assert Entry("某", "Name", note).is_person is person
