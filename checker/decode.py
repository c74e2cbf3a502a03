"""Turn the bytes of a file into text: UTF-8 (BOM or not), UTF-16 with BOM, GB18030, Big5."""

from __future__ import annotations

import codecs


class NotText(ValueError):
    """The bytes are not text factcheck can read; the message says why."""


def _gb_plausible(text: str) -> bool:
    """Most CJK characters of real simplified-Chinese text are in GB2312; Big5 bytes read as GBK are not."""
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
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


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding). The BOM is not part of the text. Raises NotText."""
    if not data:
        raise NotText("empty file")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise NotText(f"invalid UTF-8 at byte {exc.start + 3}") from None
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise NotText(f"invalid {enc.upper()} at byte {exc.start + len(bom)}") from None
    if b"\x00" in data:
        raise NotText("not text: binary content (NUL bytes)")
    controls = sum(1 for b in data[:65536] if b < 9 or 13 < b < 32 and b != 27)
    if controls > max(8, len(data[:65536]) // 100):
        raise NotText("not text: binary content (control bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
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
    raise NotText(f"undecodable: not UTF-8 (byte {utf8_error.start}), GB18030 or Big5")
