"""Loading a corpus: encodings, front matter, manifest, HTML, bad input reported not raised."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.errors import FactcheckError, InputFileError
from checker.loader import html_view, load_corpus

ZH = "韩国央行当地时间26日决定将基准利率下调25个基点。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_decodes_common_encodings(make_corpus, encoding):
    root = make_corpus({"a.txt": ZH.encode(encoding)})
    corpus = load_corpus([root])
    assert not corpus.errors
    assert corpus.documents[0].text == ZH


def test_decodes_big5_traditional(make_corpus):
    text = "臺灣經濟部表示，出口成長百分之八。"
    corpus = load_corpus([make_corpus({"a.txt": text.encode("big5")})])
    assert corpus.documents[0].text == text


def test_binary_and_empty_files_are_input_errors(make_corpus):
    root = make_corpus({"good.txt": ZH, "bad.txt": b"\x00\x01\x02PNG\x00\x00", "empty.txt": b""})
    corpus = load_corpus([root])
    errors = {e.doc: e.error for e in corpus.errors}
    assert "binary" in errors["bad.txt"]
    assert "empty" in errors["empty.txt"]
    assert [d.doc for d in corpus.documents] == ["good.txt"]


def test_front_matter_metadata_and_offsets(make_corpus):
    text = "---\ntitle: 标题\ndate: 2026-02-26\nlang: zh\ntranslation-of: x.md\n---\n" + ZH
    corpus = load_corpus([make_corpus({"a.md": text, "x.md": ZH})])
    doc = next(d for d in corpus.documents if d.doc == "a.md")
    assert doc.date == dt.date(2026, 2, 26) and doc.lang == "zh" and doc.translation_of == "x.md"
    assert doc.text == text and len(doc.view) == len(text)
    assert doc.view.strip().startswith("韩国")  # front matter blanked in the view


def test_unknown_front_matter_key_names_the_line(make_corpus):
    root = make_corpus({"a.md": "---\ntitle: t\ncolour: red\n---\n" + ZH})
    corpus = load_corpus([root])
    assert corpus.errors and "line 3" in corpus.errors[0].error and "colour" in corpus.errors[0].error


def test_manifest_overrides_front_matter(make_corpus):
    root = make_corpus({"a.md": "---\ndate: 2026-01-01\n---\n" + ZH},
                       manifest='[documents."a.md"]\ndate = 2026-02-26\nlang = "zh"\n')
    assert load_corpus([root]).documents[0].date == dt.date(2026, 2, 26)


def test_manifest_unknown_key_is_an_error_with_line(make_corpus):
    root = make_corpus({"a.txt": ZH}, manifest='[documents."a.txt"]\ndate = 2026-02-26\nauthor = "x"\n')
    with pytest.raises(InputFileError, match="line 3"):
        load_corpus([root])


def test_manifest_pointing_outside_root_is_refused(make_corpus):
    root = make_corpus({"a.txt": ZH}, manifest='[documents."../../etc/passwd"]\nlang = "en"\n')
    with pytest.raises(InputFileError, match="outside the corpus root"):
        load_corpus([root])


def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(FactcheckError, match="no such file"):
        load_corpus([tmp_path / "nope"])


def test_html_view_keeps_offsets_and_drops_markup():
    raw = '<html><head><script>var x = "120亿美元";</script></head><body><p>投资<b>120亿美元</b>。</p></body></html>'
    view = html_view(raw)
    assert len(view) == len(raw)
    assert "var x" not in view
    i = view.index("120亿美元")
    assert raw[i:i + len("120亿美元")] == "120亿美元"


def test_html_view_reads_character_references_in_place():
    raw = "<p>Tencent will invest&nbsp;&euro;1.16 billion in AT&amp;T&#8217;s unit &bogus; now.</p>"
    view = html_view(raw)
    assert len(view) == len(raw)
    assert "     €1.16 billion" in view            # the symbol still touches its figure
    assert "invest " in view and "&nbsp;" not in view
    assert "AT    &T      ’s" in view and "&bogus;" in view   # an unknown reference stays as written


def test_a_claim_quotes_the_reference_it_starts_with(make_corpus):
    from checker.api import extract_paths
    raw = "<html><body><p>Tencent will invest &euro;1.16 billion for a 12.5% stake.</p></body></html>"
    root = make_corpus({"a.html": raw})
    ex = extract_paths([root], jobs=1, cache_dir=None)
    (money,) = [c for c in ex.claims["a.html"] if c.kind == "money"]
    assert money.text == "&euro;1.16 billion" == raw[money.start:money.end]
    assert (money.num, money.unit) == (1160000000, "EUR")


def test_language_detected_when_not_given(make_corpus):
    corpus = load_corpus([make_corpus({"a.txt": ZH, "b.txt": "The Bank of Korea cut its rate by 25 basis points."})])
    assert [d.lang for d in corpus.documents] == ["zh", "en"]


def test_dateline_gives_the_date(make_corpus):
    corpus = load_corpus([make_corpus({"a.txt": "东亚经济观察　2026-02-27 08:30　来源：东亚经济观察\n" + ZH})])
    doc = corpus.documents[0]
    assert doc.date == dt.date(2026, 2, 27) and doc.date_source == "dateline"


def test_translation_takes_original_date(make_corpus):
    root = make_corpus({"a.md": "---\ndate: 2026-02-26\n---\n" + ZH,
                        "b.md": "---\ntranslation-of: a.md\n---\nThe bank cut rates on Thursday."})
    doc = next(d for d in load_corpus([root]).documents if d.doc == "b.md")
    assert doc.date == dt.date(2026, 2, 26) and "a.md" in doc.date_source


def test_translation_of_names_a_file_beside_it_in_a_folder_of_stories(make_corpus):
    """translation-of is a path from the corpus root; a story folder's front matter naming its own
    folder's original ('01-original.zh.md') means that file, not a missing one."""
    orig = "---\nlang: zh\ndate: 2026-02-26\n---\n" + ZH
    tr = "---\nlang: en\ntranslation-of: 01-original.zh.md\n---\nThe Bank of Korea cut its rate by 25 basis points on the 26th.\n"
    corpus = load_corpus([make_corpus({"s1/01-original.zh.md": orig, "s1/02-translation.en.md": tr,
                                       "s2/01-original.zh.md": orig, "s2/02-translation.en.md": tr})])
    by = {d.doc: d for d in corpus.documents}
    assert by["s1/02-translation.en.md"].translation_of == "s1/01-original.zh.md"
    assert by["s2/02-translation.en.md"].translation_of == "s2/01-original.zh.md"
    assert by["s2/02-translation.en.md"].date == dt.date(2026, 2, 26)   # taken from its original
    assert not corpus.warnings


def test_translation_of_a_missing_file_is_said(make_corpus):
    tr = "---\nlang: en\ntranslation-of: gone.zh.md\n---\nThe Bank of Korea cut its rate by 25 basis points.\n"
    corpus = load_corpus([make_corpus({"a.en.md": tr})])
    assert len(corpus.warnings) == 1 and "gone.zh.md" in corpus.warnings[0] and corpus.warnings[0].startswith("a.en.md")
    assert not corpus.errors and corpus.documents[0].translation_of == "gone.zh.md"
