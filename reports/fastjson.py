"""json.dumps(data, ensure_ascii=False, indent=2), byte for byte, at C speed.

The standard library formats indented JSON in pure Python (its C encoder cannot indent): some
ten seconds for the 100,000 findings of a 10,000-article corpus. Here every container without
containers inside (a claim, a list of document names) is written by the C encoder in one call,
its item separator carrying the line break and indentation of its depth; only the few levels
above them are walked in Python. Anything the fast path is not sure of goes to json.dumps.
"""

from __future__ import annotations

import json
from functools import cache
from json import encoder as _encoder

_C_MAKE = getattr(_encoder, "c_make_encoder", None)
_ESC = _encoder.encode_basestring   # the C version when the _json module is there (it always is in CPython)
_CONTAINERS = (dict, list, tuple)


class _Unsure(Exception):
    """Something the fast path does not format exactly as json.dumps would: use json.dumps."""


def _default(o):
    raise _Unsure


@cache
def _flat(depth: int):
    """A C encoder whose items are separated as json.dumps(indent=2) separates them at `depth`."""
    return _C_MAKE(None, _default, _ESC, None, ": ", ",\n" + "  " * depth, False, False, True)


def _encode(o, depth: int, out: list) -> None:
    if isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        if not all(type(k) is str for k in o):
            raise _Unsure
        inner = "\n" + "  " * (depth + 1)
        flat = _flat(depth + 1)
        if not any(isinstance(v, _CONTAINERS) for v in o.values()):
            text = "".join(flat(o, 0))
            out += ("{", inner, text[1:-1], "\n", "  " * depth, "}")
            return
        out.append("{")
        sep = inner
        run: dict = {}   # consecutive scalar items, written in one call
        for k, v in o.items():
            if not isinstance(v, _CONTAINERS):
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
        out += ("\n", "  " * depth, "}")
    elif isinstance(o, (list, tuple)):
        if not o:
            out.append("[]")
            return
        inner = "\n" + "  " * (depth + 1)
        if not any(isinstance(v, _CONTAINERS) for v in o):
            text = "".join(_flat(depth + 1)(o, 0))
            out += ("[", inner, text[1:-1], "\n", "  " * depth, "]")
            return
        out.append("[")
        sep = inner
        for v in o:
            out.append(sep)
            sep = "," + inner
            if isinstance(v, _CONTAINERS):
                _encode(v, depth + 1, out)
            else:
                out.append("".join(_flat(depth + 1)(v, 0)))
        out += ("\n", "  " * depth, "]")
    else:
        out.append("".join(_flat(depth)(o, 0)))


def dumps_indented(data) -> str:
    """Exactly json.dumps(data, ensure_ascii=False, indent=2)."""
    if _C_MAKE is None:
        return json.dumps(data, ensure_ascii=False, indent=2)
    out: list[str] = []
    try:
        _encode(data, 0, out)
    except (_Unsure, RecursionError):
        return json.dumps(data, ensure_ascii=False, indent=2)
    return "".join(out)
