"""json.dumps(data, ensure_ascii=False, indent=2), byte for byte, at C speed.

The standard library formats indented JSON in pure Python (its C encoder cannot indent): some
ten seconds for the 100,000 findings of a 10,000-article corpus. Here every container without
containers inside (a claim, a list of document names) is written by the C encoder in one call,
its item separator carrying the line break and indentation of its depth; only the few levels
above them are walked in Python. Anything the fast path is not sure of goes to json.dumps.

A part written earlier (`fragment`: a finding of a cached run, written when it was found) goes
in as `Raw` text, so a warm run does not format the same 100,000 findings again.
"""

from __future__ import annotations

import json
from functools import cache
from json import encoder as _encoder

_C_MAKE = getattr(_encoder, "c_make_encoder", None)
_ESC = _encoder.encode_basestring   # the C version when the _json module is there (it always is in CPython)
_CONTAINERS = (dict, list, tuple)
# exact types the C encoder writes as json.dumps does; a container holding only these is written in one call
_SCALARS = frozenset({str, int, float, bool, type(None)})
_STR = frozenset({str})


class Raw:
    """The text `fragment` made of a value for its depth in the output: written as it is."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


def fragment(data, depth: int) -> str:
    """`data` as dumps_indented writes it `depth` levels deep inside a larger value (for Raw).
    json.dumps writes line breaks only between items (a string's are escaped), so indenting every
    line after the first is exact."""
    return dumps_indented(data).replace("\n", "\n" + "  " * depth)


_NESTED = (*_CONTAINERS, Raw)


class _Unsure(Exception):
    """Something the fast path does not format exactly as json.dumps would: use json.dumps."""


def _default(o):
    raise _Unsure


@cache
def _flat(depth: int):
    """A C encoder whose items are separated as json.dumps(indent=2) separates them at `depth`."""
    return _C_MAKE(None, _default, _ESC, None, ": ", ",\n" + "  " * depth, False, False, True)


@cache
def _pads(depth: int) -> tuple[str, str]:
    """(line break before an item of a container at `depth`, line break before its closing bracket)."""
    return "\n" + "  " * (depth + 1), "\n" + "  " * depth


def _encode(o, depth: int, out: list) -> None:
    # the type tests use set(map(type, ...)): one C call per container instead of a Python loop
    if isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        if not set(map(type, o)) <= _STR:
            raise _Unsure
        inner, close = _pads(depth)
        flat = _flat(depth + 1)
        if set(map(type, o.values())) <= _SCALARS:
            text = "".join(flat(o, 0))
            out += ("{", inner, text[1:-1], close, "}")
            return
        out.append("{")
        sep = inner
        run: dict = {}   # consecutive scalar items, written in one call
        for k, v in o.items():
            if type(v) in _SCALARS or not isinstance(v, _NESTED):
                run[k] = v
                continue
            if run:
                out += (sep, "".join(flat(run, 0))[1:-1])
                sep = "," + inner
                run = {}
            out += (sep, _ESC(k), ": ")
            sep = "," + inner
            _encode(v, depth + 1, out)
        if run:
            out += (sep, "".join(flat(run, 0))[1:-1])
        out += (close, "}")
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner, close = _pads(depth)
        if set(map(type, o)) <= _SCALARS:
            text = "".join(_flat(depth + 1)(o, 0))
            out += ("[", inner, text[1:-1], close, "]")
            return
        out.append("[")
        sep = inner
        for v in o:
            out.append(sep)
            sep = "," + inner
            if type(v) is Raw:
                out.append(v.text)
            elif isinstance(v, _CONTAINERS):
                _encode(v, depth + 1, out)
            else:
                out.append("".join(_flat(depth + 1)(v, 0)))
        out += (close, "]")
    elif type(o) is Raw:
        out.append(o.text)
    else:
        out.append("".join(_flat(depth)(o, 0)))


def _raw_value(o):
    """For json.dumps: a Raw read back into the value it was made from (json.dumps writes that
    value as `fragment` did); anything else is refused as json.dumps refuses it."""
    if type(o) is Raw:
        return json.loads(o.text)
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def dumps_indented(data, end: str = "") -> str:
    """Exactly json.dumps(data, ensure_ascii=False, indent=2) + end, Raw parts written as they are.
    (`end` is joined with the rest: the text of a large report is not copied once more to add it.)"""
    return "".join(dumps_parts(data, end))


def dumps_parts(data, end: str = "") -> list[str]:
    """The text of dumps_indented as the parts it is joined from, Raw parts among them as they
    are: a large report can be written out part by part, never held whole (one character beyond
    U+FFFF makes a Python string take four bytes a character: 550 MB for the report of 10,000
    articles)."""
    if _C_MAKE is None:
        return [json.dumps(data, ensure_ascii=False, indent=2, default=_raw_value), end]
    out: list[str] = []
    try:
        _encode(data, 0, out)
    except (_Unsure, RecursionError):
        return [json.dumps(data, ensure_ascii=False, indent=2, default=_raw_value), end]
    out.append(end)
    return out
