"""Tables derived from CC-CEDICT, built once and kept between runs in the cache folder.

Reading the dictionary and deriving what the checks look up (its words by prefix, the names its
glosses give, the place names it knows) takes about two seconds per run, most of a small run's
time; reading the result back takes a tenth of that. A table is kept in `<cache dir>/tables/` as
one file per table, named by a digest of everything it is built from (the checker's code and
language data, the Python and CC-CEDICT versions), so an upgrade or an edit builds it again and
never reads a stale one. The file starts with the SHA-256 of its pickle; a file that fails the
check or holds anything but plain built-in values (no class is ever loaded from it) is built
again, with a warning. Files are written atomically: two runs sharing the folder at worst both
build a table. Two versions of factcheck may share the folder too: a table of another digest is
removed only once unused for a week (a read marks its file used), as the extraction cache drops
other versions' rows. Without a cache folder (--no-cache) tables are built in memory.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path
from typing import TypeVar

log = logging.getLogger("factcheck")
T = TypeVar("T")

_folder: Path | None = None   # where tables are kept in this process (use_cache_dir)
_UNUSED = 7 * 24 * 3600       # a table of another digest unused this long is removed (seconds)
_ABANDONED = 3600             # a temporary file this old is a write that was killed


def use_cache_dir(cache_dir: Path | None) -> None:
    """Keep the tables this process builds from now on under `cache_dir` (None: in memory only)."""
    global _folder
    _folder = Path(cache_dir) / "tables" if cache_dir is not None else None


def persisted(name: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorate a table builder (no arguments, plain built-in values: dict, tuple, frozenset, str,
    int, bool): built once per process, as with functools.cache, and read from the cache folder
    when a run before has kept it there."""
    def decorate(build: Callable[[], T]) -> Callable[[], T]:
        @cache
        @wraps(build)
        def table() -> T:
            folder = _folder
            if folder is None:
                return build()
            path = folder / f"{name}-{_fingerprint()[:20]}.pickle"
            got = _read(path)
            if got is not None:
                return got
            value = build()
            _write(path, value)
            return value
        return table
    return decorate


@cache
def _fingerprint() -> str:
    """A digest of what every table is built from: the checker's code and language data (the
    whole package: cheaper to read than to tell which modules a table depends on), and the
    Python and CC-CEDICT versions (cache._digest)."""
    from .cache import _digest

    pkg = Path(__file__).resolve().parent
    files = sorted(set(pkg.rglob("*.py")) | set(pkg.rglob("*.toml")))
    return _digest((f"tables/{path.relative_to(pkg)}", path) for path in files)


class _PlainUnpickler(pickle.Unpickler):
    """Built-in values only: a table never needs a class, so a file that names one is not ours."""

    def find_class(self, module: str, name: str):  # noqa: ANN201 - pickle's signature
        raise pickle.UnpicklingError(f"{module}.{name} in a table file")


def _read(path: Path):
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("table %s: cannot read it (%s); building it again", path, exc)
        return None
    digest, payload = data[:32], data[32:]
    try:
        if hashlib.sha256(payload).digest() != digest:
            raise ValueError("checksum mismatch")
        value = _PlainUnpickler(io.BytesIO(payload)).load()
    except Exception as exc:  # noqa: BLE001 - any damage means: do not trust this file
        log.warning("table %s is damaged (%s); building it again", path, exc)
        return None
    try:
        os.utime(path)   # used now: another version's run will not remove it (_write)
    except OSError:
        pass
    return value


def _write(path: Path, value) -> None:
    """Atomically (a temporary file renamed over it); the table's files of other digests are
    removed (an older version's). A folder that cannot be written only costs the next run time."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(hashlib.sha256(payload).digest())
                out.write(payload)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        stem, now = path.name.rsplit("-", 1)[0], time.time()
        for old in path.parent.glob(f"{stem}-*.pickle"):
            if old != path and now - _mtime(old, now) > _UNUSED:
                old.unlink(missing_ok=True)
        for tmp_file in path.parent.glob(f".{stem}-*.tmp"):
            if now - _mtime(tmp_file, now) > _ABANDONED:
                tmp_file.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError) as exc:
        log.warning("table %s: cannot keep it (%s)", path, exc)


def _mtime(path: Path, default: float) -> float:
    """When the file was last written or read; `default` when it is gone (another run's rename)."""
    try:
        return path.stat().st_mtime
    except OSError:
        return default
