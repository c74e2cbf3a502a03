"""Front matter read by libyaml (manifest._safe_load) must give what the pure PyYAML loader gives:
the same metadata, and the same error text for bad YAML."""

from __future__ import annotations

import pytest

from checker import manifest
from checker.errors import InputFileError

SAMPLES = [
    'title: "云帆 #1"\ndate: 2021-08-26\nsource: "星海航天网 #169396"\nlang: "zh"\n',
    "title: plain: with colon\n",
    "date: 2026-13-45\n",
    "title: !!python/object/apply:os.system ['echo hi']\n",
    "title: [unclosed\n",
    "title: a\n  bad: indent\n",
    "\ttitle: tab\n",
    "title: a\ntitle: b\n",
    "- a list\n- not a mapping\n",
    "title: &x anchor\nsource: *x\n",
    "title: 'quoted ''twice'''\ndate: 2024-02-29\nlang: en\n",
    "title: |\n  block\n  text\n",
    "title: " + "[" * 40 + "]" * 40 + "\n",
    "date: 2021-08-26T10:00:00Z\n",
    "title: \x85 next line\n",
    "translation_of: a.md\nsource: 12\n",
    "unknown_key: 1\n",
    "",
]


def _outcome(text: str):
    try:
        meta, end = manifest.split_front_matter(text, "doc.md")
    except InputFileError as exc:
        return "error", exc.problem
    return (meta.model_dump() if meta is not None else None), end


@pytest.mark.parametrize("body", SAMPLES)
def test_libyaml_reads_front_matter_as_the_pure_loader_does(body, monkeypatch):
    text = f"---\n{body}---\nBody text.\n"
    fast = _outcome(text)
    monkeypatch.setattr(manifest, "_CSafeLoader", None)
    assert fast == _outcome(text)


def test_libyaml_is_used_when_there():
    if manifest._CSafeLoader is None:
        pytest.skip("PyYAML built without libyaml")
    assert manifest._safe_load("a: 1\n") == {"a": 1}
