"""Turn the bytes of a file into text: UTF-8 (BOM or not), UTF-16/32 with BOM, GB18030, Big5.

Every refusal is a NotText whose message says why and where (byte offset and line), so the
report can name the problem precisely: empty, binary (NUL or control bytes), or undecodable.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from pathlib import Path

from .errors import InputFileError

# A news article is kilobytes, a long report a megabyte. Larger files are refused as an input error
# naming the size and the limit (split them), before a byte is read, so a stray dump cannot hold a
# run or its memory: extraction reads about 30-100 KB of prose a second and keeps several
# same-length views of a text (4 MB of prose: about two minutes and 550 MB).
MAX_BYTES = 4 * 1024 * 1024


class NotText(ValueError):
    """The bytes are not text factcheck can read; the message says why."""


def os_reason(exc: OSError) -> str:
    """A short, stable phrase for an operating-system error."""
    reasons = {errno.ENOENT: "no such file (deleted during the run?)", errno.EACCES: "permission denied",
               errno.EPERM: "permission denied", errno.ELOOP: "symlink loop", errno.EISDIR: "is a folder",
               errno.ENAMETOOLONG: "file name too long", errno.EIO: "input/output error"}
    return reasons.get(exc.errno or 0, exc.strerror or exc.__class__.__name__)


def printable_name(name: str) -> str:
    """A path for messages: undecodable bytes of a file name (surrogate escapes) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


_FILE_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
               (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _file_kind(mode: int) -> str:
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")


def read_input_bytes(path: Path, doc: str, limit: int | None = None) -> bytes:
    """The bytes of one input file, opened read-only. Raises InputFileError with the reason.

    Opened without blocking and checked with fstat on the open descriptor, so a named pipe,
    device or socket named like an article is refused instead of hanging the run (or reading
    /dev/zero forever), and a file swapped after the folder walk is still checked. Never more
    than `limit` bytes are read, even from a file that grows while it is read.
    """
    limit = MAX_BYTES if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputFileError(doc, f"cannot read: {os_reason(exc)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(doc, f"not a regular file: {_file_kind(info.st_mode)}")
        if info.st_size > limit:
            raise InputFileError(doc, _too_large(info.st_size, limit))
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputFileError(doc, f"cannot read: {os_reason(exc)}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputFileError(doc, _too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    return f"too large: {size} bytes, the limit is {limit} bytes ({limit // 2**20} MiB); split the file"


def decode_file(path: Path, name: str) -> str:
    """Read and decode one file (configuration or glossary); InputFileError names the problem."""
    try:
        return decode_bytes(read_input_bytes(path, name))[0]
    except NotText as exc:
        raise InputFileError(name, str(exc)) from None


def _gb_plausible(text: str) -> bool:
    """Most CJK characters of real simplified-Chinese text are in GB2312; Big5 bytes read as GBK are not."""
    cjk = [ch for ch in text[:200_000] if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return True
    common = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(cjk) >= 0.9


_ASCII = bytes(range(128))
# control bytes that mark a file as binary: all C0 controls but tab, line feed, VT, FF, CR and ESC
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32 and b != 27)


def _where(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    return f"byte {offset}, line {line}"


def _damaged_utf8(data: bytes) -> bool:
    """UTF-8 text with a few bad bytes (a truncated character, a stray Latin-1 byte), as opposed
    to text in another encoding: most of its non-ASCII characters still decode as UTF-8."""
    decoded = data.decode("utf-8", "replace")
    bad = decoded.count("\ufffd") - data.count("\ufffd".encode())
    ascii_chars = len(data) - len(data.translate(None, _ASCII))
    good = len(decoded) - ascii_chars - bad
    return good >= 4 and bad * 10 <= good


def _looks_utf16(data: bytes) -> bool:
    """Mostly ASCII text in UTF-16 without a BOM: every other byte is NUL, all on one side."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return len(head) >= 16 and max(even, odd) >= len(head) * 0.3 and min(even, odd) <= max(even, odd) * 0.1


def _check_text(text: str) -> str:
    """Decoded text must not hold NUL characters (UTF-16/32 files can encode them)."""
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise NotText(f"not text: binary content (NUL character at character {nul}, line {line})")
    return text


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding). The BOM is not part of the text. Raises NotText."""
    if not data:
        raise NotText("empty file (zero bytes)")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _check_text(data[3:].decode("utf-8")), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise NotText(f"undecodable: invalid UTF-8 at {_where(data, exc.start + 3)}") from None
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom):].decode(enc)), enc
            except UnicodeDecodeError as exc:
                raise NotText(f"undecodable: invalid {enc.upper()} at byte {exc.start + len(bom)}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        hint = "; UTF-16 without a byte-order mark? save it as UTF-8" if _looks_utf16(data) else ""
        raise NotText(f"not text: binary content (NUL byte at {_where(data, nul)}{hint})")
    head = data[:65536]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))   # counted in C: a byte loop costs a ms a file
    if controls > max(8, len(head) // 100):
        raise NotText(f"not text: binary content ({controls} control bytes in the first {len(head)})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _damaged_utf8(data):
        raise NotText(f"undecodable: invalid UTF-8 at {_where(data, utf8_error.start)} "
                      f"(the rest reads as UTF-8; a damaged or truncated character?)")
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            candidates.append((data.decode(enc), enc))
        except UnicodeDecodeError:
            continue
    for text, enc in candidates:
        if enc == "gb18030" and not _gb_plausible(text) and any(e == "big5" for _, e in candidates):
            continue
        return text, enc
    raise NotText(f"undecodable: not UTF-8 (invalid at {_where(data, utf8_error.start)}), GB18030 or Big5")
