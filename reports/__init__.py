"""Renderers: detection never knows how it will be shown. Selected by name."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from checker.errors import FactcheckError


def _new_file_mode() -> int:
    """The mode an ordinary new file gets (0666 less the umask); mkstemp's temporary files are 0600."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: Path, text: str | Iterable[str]) -> None:
    """Write via a temporary file in the same folder and rename, so an interrupted or failed run
    never leaves a truncated file: the old file stays whole until the new one is complete, and the
    temporary file is removed on any failure (Ctrl-C included). A problem is a FactcheckError
    naming the path (exit 2), never a traceback. `text` may come in pieces, written in turn."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise FactcheckError(f"{path}: cannot write the report: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise FactcheckError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            for piece in [text] if isinstance(text, str) else text:
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = os.stat(path).st_mode & 0o7777  # replacing a file keeps its permissions
        except OSError:
            mode = _new_file_mode()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FactcheckError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
        raise


# what a corpus walk reads: writing a report there would feed it to the next run, or overwrite one
_READ_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xlf", ".xliff", ".tmx"}


def refuse_overwriting_input(output: Path, inputs: Iterable[Path | None]) -> None:
    """Raise FactcheckError when `output` is one of the run's inputs (a document, the manifest,
    a glossary, a baseline), or a file a corpus folder among the inputs would read."""
    out = Path(os.path.abspath(output))
    real_out = out.resolve()
    for p in inputs:
        if p is None:
            continue
        p_abs = Path(os.path.abspath(p))
        real = p_abs.resolve()
        if real_out == real or out == p_abs or (real_out.exists() and real.exists() and os.path.samefile(real_out, real)):
            raise FactcheckError(f"{output}: refusing to write the report over an input")
        if real.is_dir() and real in real_out.parents and (
                real_out.suffix.lower() in _READ_SUFFIXES or real_out.name == "factcheck.toml"):
            if real_out.exists():
                raise FactcheckError(f"{output}: refusing to write the report over an input (a document of {p})")
            raise FactcheckError(f"{output}: refusing to write the report into the input folder {p} "
                                 f"(the next run would read it as a document)")
