"""The history index of a feed (issue 16) at a million real-text paragraphs (run on demand).

What it measures, each against a baseline run in the same invocation (two noisy cores):

1. `dedupe index add` of a replayed feed of real text: wall time, paragraphs indexed
   (`dedupe index stats`), size on disk; a small index (the feed's first shard) and the full one.
2. Checking one new article: the in-process time of `feed.prepare` + `feed.check` per article
   (the store opened once, 200 new articles; median and p95; the baseline is the same call
   against an empty index), and the wall time of whole `dedupe check one.txt --index INDEX`
   processes against `dedupe check one.txt` without an index (medians, interleaved).
3. Peak RSS of `dedupe check one.txt --index` on both index sizes (GNU time's %M of the child:
   os.wait4's ru_maxrss would start from this benchmark process's own size).

The text is real and openly licensed, read from the fetched snapshots in /work/.mirror (SOURCES);
it is extracted, replayed and indexed under bench/out/feed/ (git-ignored) and never committed.
The replay is deterministic (SEED): articles cut from the real stories, most paragraphs edited
(figures changed, names or places swapped, sentences dropped, reordered or inserted, words
changed), some verbatim, a few whole-article copies. A tenth of the stories is held out of the
index, so half the checked articles are new stories and half republish indexed ones.

    .venv/bin/python bench/feed.py            # 100k and 1M paragraphs; writes BENCHMARKS.md
    .venv/bin/python bench/feed.py --quick    # 5k and 20k paragraphs, writes nothing
"""

from __future__ import annotations

import argparse
import functools
import gc
import itertools
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import clean_throughput as ct
import realtext as rt

OUT = ct.OUT / "feed"
SECTION = "## history index (feed)"
VERSION = 1  # bump when extraction or replay changes: cached feeds are rebuilt
SEED = 16
HOLD_OUT = 10  # every HOLD_OUT-th story is never indexed: the new stories of the checks
OVERSHOOT = 1.15  # paragraphs generated per paragraph wanted in the index (some never match)
TARGET_MEDIAN_MS, TARGET_P95_MS, TARGET_PROCESS_S = 50.0, 150.0, 1.5


@dataclass(frozen=True)
class Source:
    """An openly licensed snapshot in /work/.mirror and what is read from it."""

    name: str  # owner/repo
    licence: str
    what: str
    commit: str = "HEAD"

    @property
    def git_dir(self) -> Path:
        return rt.MIRROR / self.name.replace("/", "+") / "repo"


SOURCES = (
    Source(
        "mozilla/readability",
        "Apache-2.0 (test fixtures: snapshots of the named sites)",
        "test/test-pages/*/expected.html",
    ),
    Source(
        "go-shiori/go-readability",
        "MIT (test fixtures: snapshots of the named sites)",
        "test-pages/*/expected.html",
    ),
    Source(
        "opendatalab/magic-html",
        "Apache-2.0 (benchmark fixtures: forum pages)",
        "benchmark/data/forum/base.json",
    ),
    Source(
        "shizhao/ITN-corpus",
        "CC BY-SA 3.0 (Wikipedia 'In the news' blurbs)",
        "corpus/corpus.json",
        rt.ITN_COMMIT,
    ),
)
# Not read: magic-html's benchmark/data/article (tests/realtext/NOTICE.md: it is the
# scrapinghub article-extraction-benchmark, a source this project does not use).


# ---------------------------------------------------------------------------------------------
# Real text: stories of body paragraphs
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Story:
    """Body paragraphs of one real article (or of five ITN blurbs), in order, one language."""

    id: str
    source: str
    lang: str
    paragraphs: tuple[str, ...]


LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
END = re.compile(r"[。！？.!?]")


def paragraph_lang(text: str) -> str | None:
    """'zh' or 'en' for a prose paragraph, None for anything else (code, lists, other languages).

    >>> paragraph_lang("这是一个足够长的中文段落，用来测试语言判断是否正确。")
    'zh'
    >>> paragraph_lang("x = foo(bar) + 1;") is None
    True
    """
    if len(text) > 2500 or not END.search(text):
        return None
    han = len(rt.HAN.findall(text))
    if han >= 15 and han >= 0.4 * len(text):
        return "zh"
    words = text.split()
    letters = len(LETTER.findall(text))
    ascii_letters = len(re.findall(r"[A-Za-z]", text))
    if han == 0 and len(words) >= 8 and letters >= 0.7 * len(text) - len(words):
        return "en" if ascii_letters >= 0.95 * letters else None
    return None


def _git(source: Source, *args: str) -> str:
    done = subprocess.run(
        ["git", "--git-dir", str(source.git_dir), *args], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8", "replace")


def _story(ident: str, source: Source, blocks: Sequence[str]) -> Story | None:
    """The prose paragraphs of a page in its main language (None: fewer than three)."""
    found = [(text, paragraph_lang(text)) for text in blocks]
    langs = Counter(lang for _, lang in found if lang)
    if not langs:
        return None
    lang = langs.most_common(1)[0][0]
    paras = tuple(text for text, found_lang in found if found_lang == lang)
    return Story(ident, source.name, lang, paras) if len(paras) >= 3 else None


def readability_stories(source: Source) -> Iterator[Story]:
    """Each test page's expected article (what readability extracts), block by block."""
    root = source.what.split("*")[0]
    files = _git(source, "ls-tree", "-r", "--name-only", source.commit).split()
    for path in sorted(p for p in files if p.startswith(root) and p.endswith("/expected.html")):
        markup = _git(source, "show", f"{source.commit}:{path}")
        blocks = [text for text, caption in rt.html_lines(markup) if not caption]
        story = _story(path.split("/")[-2], source, blocks)
        if story:
            yield story


def forum_stories(source: Source) -> Iterator[Story]:
    """Each benchmark forum page's expected main content, line by line."""
    pages = json.loads(_git(source, "show", f"{source.commit}:{source.what}"))
    for key, page in sorted(pages.items()):
        blocks = [" ".join(line.split()) for line in str(page.get("content", "")).split("\n")]
        story = _story(key[:12], source, blocks)
        if story:
            yield story


def itn_stories(source: Source) -> Iterator[Story]:
    """Five ITN items' latest wordings per story, per language (as realtext's digests)."""
    latest: dict[tuple[str, str], str] = {}
    for blurb in rt.extract_itn():
        if paragraph_lang(blurb["text"]) == blurb["lang"]:
            latest[blurb["lang"], blurb["qid"]] = blurb["text"]
    for lang in ("zh", "en"):
        qids = sorted(q for found_lang, q in latest if found_lang == lang)
        for n in range(0, len(qids) - 4, 5):
            paras = tuple(latest[lang, q] for q in qids[n : n + 5])
            yield Story(f"itn-{lang}-{n // 5}", source.name, lang, paras)


def extract() -> list[Story]:
    """Every story of every source, each paragraph kept once (the first time it is seen)."""
    readers = [readability_stories, readability_stories, forum_stories, itn_stories]
    seen: set[str] = set()
    stories = []
    for source, read in zip(SOURCES, readers, strict=True):
        for story in read(source):
            paras = []
            for para in story.paragraphs:
                key = rt.norm(para)
                if key not in seen:
                    seen.add(key)
                    paras.append(para)
            if len(paras) >= 3:
                stories.append(Story(story.id, story.source, story.lang, tuple(paras)))
    return stories


def load_stories() -> list[Story]:
    """The extracted stories, cached in bench/out/feed/stories.json."""
    cache = OUT / "stories.json"
    if cache.exists():
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data.get("version") == VERSION:
            return [
                Story(s["id"], s["source"], s["lang"], tuple(s["paragraphs"]))
                for s in data["stories"]
            ]
    stories = extract()
    OUT.mkdir(parents=True, exist_ok=True)
    payload = {"version": VERSION, "stories": [asdict(s) for s in stories]}
    cache.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return stories


# ---------------------------------------------------------------------------------------------
# The replayed feed
# ---------------------------------------------------------------------------------------------
PLACES = ("北京", "上海", "广州", "深圳", "天津", "重庆", "成都", "武汉", "杭州",
          "南京", "西安", "香港", "台北", "澳门", "长沙", "郑州", "青岛", "厦门")  # fmt: skip
EDITS = ("figures", "names", "drop", "reorder", "insert", "words", "punctuation", "traditional")
VERBATIM = 0.15  # share of paragraphs replayed unedited
COPY_ARTICLE = 0.01  # share of articles that republish an earlier one whole
# Share of the articles in Chinese: the real Chinese text is a twentieth of the English, so
# each Chinese paragraph is replayed several times as often as an English one.
ZH_SHARE = 0.25


def swap_place(para: str, rng: random.Random) -> str | None:
    """A Chinese paragraph with one place name swapped for another (None: it names none)."""
    found = [p for p in PLACES if p in para]
    if not found:
        return None
    old = rng.choice(found)
    return para.replace(old, rng.choice([p for p in PLACES if p != old]))


@functools.cache
def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def traditional(para: str) -> str:
    """The paragraph in Traditional characters (realtext.edit loads OpenCC on every call)."""
    return str(_s2t().convert(para))


def edited(para: str, lang: str, rng: random.Random, other: str, tally: Counter[str]) -> str:
    """The paragraph as a later article carries it: unedited, or with one or two edits."""
    if rng.random() < VERBATIM:
        tally["verbatim"] += 1
        return para
    out, done = para, 0
    for kind in rng.sample(EDITS, len(EDITS)):
        if kind == "names" and lang == "zh":
            got = swap_place(out, rng)
        elif kind == "traditional":
            got = traditional(out) if lang == "zh" else None
        else:
            found = rt.edit(out, lang, kind, rng, other)
            got = found[0].strip() if found else None
        if got and got != out:
            out, done = got, done + 1
            tally[kind] += 1
            if done == 2 or rng.random() < 0.5:
                break
    if not done:
        tally["verbatim (no edit applies)"] += 1
    return out


@dataclass
class Replay:
    """A deterministic replay of stories into articles; counts what it did."""

    stories: Sequence[Story]
    seed: str
    tally: Counter[str] = field(default_factory=Counter)
    recent: list[str] = field(default_factory=list)
    # What the last article's body paragraphs replay: (story id, paragraph index) each, so that
    # bench/replay.py can label copies; bookkeeping only (the random draws are unchanged).
    sources: list[tuple[str, int]] = field(default_factory=list)
    recent_sources: list[list[tuple[str, int]]] = field(default_factory=list)
    # The source of the sentence an "insert" edit put in each body paragraph (None: none): the
    # paragraph is then also a partial copy of that source paragraph.
    inserted: list[tuple[str, int] | None] = field(default_factory=list)
    recent_inserted: list[list[tuple[str, int] | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.by_lang = {lang: [s for s in self.stories if s.lang == lang] for lang in ("zh", "en")}

    def article(self) -> tuple[str, int]:
        """One article's text and its number of body paragraphs."""
        rng = self.rng
        if self.recent and rng.random() < COPY_ARTICLE:
            self.tally["article copied whole"] += 1
            pick = rng.randrange(len(self.recent))
            text, self.sources = self.recent[pick], self.recent_sources[pick]
            self.inserted = self.recent_inserted[pick]
            return text, text.count("\n\n")
        story = rng.choice(self.by_lang["zh" if rng.random() < ZH_SHARE else "en"])
        k = rng.randint(3, 12)
        start = rng.randrange(max(1, len(story.paragraphs) - k + 1))
        paras = list(story.paragraphs[start : start + k])
        where = [(story.id, start + n) for n in range(len(paras))]
        if len(paras) > 3 and rng.random() < 0.2:
            self.tally["paragraph dropped"] += 1
            gone = rng.randrange(len(paras))
            del paras[gone], where[gone]
        pool = self.by_lang[story.lang]
        out, inserted = [], []
        for p in paras:
            other = rng.choice(pool)  # the same draws as rng.choice(other.paragraphs)
            at = rng.randrange(len(other.paragraphs))
            out.append(edited(p, story.lang, rng, other.paragraphs[at], self.tally))
            first = rt.sentences(other.paragraphs[at])[0]
            carried = first not in p and first in out[-1]  # an "insert" edit that stayed
            inserted.append((other.id, at) if carried else None)
        text = "\n\n".join([headline(out[0], story.lang), *out]) + "\n"
        self.recent = [*self.recent[-199:], text]
        self.sources, self.inserted = where, inserted
        self.recent_sources = [*self.recent_sources[-199:], where]
        self.recent_inserted = [*self.recent_inserted[-199:], inserted]
        return text, len(out)


def headline(para: str, lang: str) -> str:
    """A short title line from the article's first paragraph (never matched: not body text).

    >>> headline("The council voted on Monday to close the old bridge to traffic.", "en")
    'The council voted on Monday to close the'
    """
    if lang == "zh":
        return re.split(r"[，。！？；：]", para)[0][:24]
    return " ".join(para.split()[:8]).rstrip(",;:.")


@dataclass(frozen=True)
class Shard:
    """One JSON Lines file of the feed."""

    path: Path
    articles: int
    paragraphs: int
    bytes: int


def write_shard(path: Path, replay: Replay, paragraphs: int, first: int) -> Shard:
    """Articles from the replay until `paragraphs` body paragraphs, ids from `first`."""
    made = articles = size = 0
    with path.open("w", encoding="utf-8") as out:
        while made < paragraphs:
            text, count = replay.article()
            record = {"id": f"feed/{first + articles:07d}", "text": text}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            made, articles, size = made + count, articles + 1, size + len(text.encode())
    return Shard(path, articles, made, size)


def build_feed(stories: Sequence[Story], sizes: Sequence[int]) -> tuple[list[Shard], Counter[str]]:
    """Shards of the replayed feed: the first holds sizes[0] paragraphs wanted in the index,
    all of them together sizes[-1] (cached in bench/out/feed/ by version, seed and sizes)."""
    folder = OUT / f"feed-v{VERSION}-s{SEED}-{'-'.join(map(str, sizes))}"
    manifest = folder / "manifest.json"
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        shards = [
            Shard(Path(s["path"]), s["articles"], s["paragraphs"], s["bytes"])
            for s in data["shards"]
        ]
        return shards, Counter(data["tally"])
    folder.mkdir(parents=True, exist_ok=True)
    replay = Replay(indexed(stories), f"{SEED}-feed")
    cuts = [round(s * OVERSHOOT) for s in sizes]
    shards, first = [], 0
    for n, want in enumerate([cuts[0], *(b - a for a, b in itertools.pairwise(cuts))]):
        shard = write_shard(folder / f"feed-{n:02d}.jsonl", replay, want, first)
        shards.append(shard)
        first += shard.articles
    payload = {
        "shards": [{**asdict(s), "path": str(s.path)} for s in shards],
        "tally": replay.tally,
    }
    manifest.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return shards, replay.tally


def indexed(stories: Sequence[Story]) -> list[Story]:
    return [s for n, s in enumerate(stories) if n % HOLD_OUT]


def held_out(stories: Sequence[Story]) -> list[Story]:
    return [s for n, s in enumerate(stories) if not n % HOLD_OUT]


def new_articles(stories: Sequence[Story], count: int) -> list[tuple[str, str]]:
    """`count` articles to check: alternately a new story (held out of the index) and a
    republication of an indexed one, each replayed with edits; (kind, text)."""
    fresh = Replay(held_out(stories), f"{SEED}-new")
    again = Replay(indexed(stories), f"{SEED}-again")
    out = []
    for n in range(count):
        kind, replay = ("new story", fresh) if n % 2 == 0 else ("republished", again)
        text, _ = replay.article()
        out.append((kind, text))
    return out


# ---------------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Child:
    """One child process: wall and CPU seconds, peak RSS (GNU time's %M), exit code."""

    wall: float
    cpu: float
    rss_mib: float
    code: int
    stderr: str


def run_child(cmd: Sequence[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> Child:
    """Run `cmd` under /usr/bin/time in bench/out/feed; stop the benchmark if it fails."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as mark, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", "-o", mark.name, *cmd],
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=OUT,
            env=env,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        rss = int(Path(mark.name).read_text().split()[-1]) / 1024
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise SystemExit(f"{' '.join(cmd[:3])} failed ({code}):\n{text.strip()[-2000:]}")
    return Child(wall, usage.ru_utime + usage.ru_stime, rss, code, text)


@dataclass(frozen=True)
class Built:
    """One index: what went in, how long `dedupe index add` took, what `index stats` says."""

    name: str
    articles: int
    paragraphs_fed: int
    mb: float
    run: Child
    stats: dict[str, int]
    code: str = ""  # dedupe/ content hash of the build (--reuse may keep an older one)


def index_stats(dedupe: Path, path: Path, env: dict[str, str]) -> dict[str, int]:
    """documents, paragraphs, hashes and size (bytes) as `dedupe index stats` prints them."""
    shown = subprocess.run(
        [str(dedupe), "index", "stats", str(path)], capture_output=True, text=True, env=env
    )
    found = dict(re.findall(r"^(documents|paragraphs|hashes)\s+(\d+)$", shown.stdout, re.M))
    size = re.search(r"^size .*\((\d+) bytes\)", shown.stdout, re.M)
    if size is None or len(found) < 3:
        raise SystemExit(f"dedupe index stats {path}: unexpected output\n{shown.stdout}")
    return {**{k: int(v) for k, v in found.items()}, "size": int(size.group(1))}


def build(
    name: str, shards: Sequence[Shard], dedupe: Path, env: dict[str, str], *, reuse: bool
) -> Built:
    """A fresh index of the shards, one `dedupe index add` process (with `reuse`, the index
    and figures an earlier invocation left for the same shards, if any)."""
    path, saved = OUT / f"{name}.sqlite", OUT / f"{name}.json"
    key = [str(s.path) for s in shards]
    if reuse and path.exists() and saved.exists():
        data = json.loads(saved.read_text(encoding="utf-8"))
        if data["shards"] == key:
            ct.say(f"  {name}: reused (built on dedupe/ {data['code']})")
            return Built(**{**data["built"], "run": Child(**data["built"]["run"])})
    built = _build(name, path, shards, dedupe, env)
    payload = {"shards": key, "code": built.code, "built": asdict(built)}
    saved.write_text(json.dumps(payload), encoding="utf-8")
    return built


def _build(
    name: str, path: Path, shards: Sequence[Shard], dedupe: Path, env: dict[str, str]
) -> Built:
    for tail in ("", "-wal", "-shm"):
        Path(f"{path}{tail}").unlink(missing_ok=True)
    cmd = [str(dedupe), "index", "add", str(path), *(str(s.path) for s in shards), "--jsonl"]
    run = run_child([*cmd, "--quiet"], env)
    fed = sum(s.paragraphs for s in shards)
    mb = sum(s.bytes for s in shards) / 1e6
    stats = index_stats(dedupe, path, env)
    code = env.get("DEDUPE_CODE", "")
    built = Built(name, sum(s.articles for s in shards), fed, mb, run, stats, code)
    ct.say(
        f"  {name}: {built.stats['paragraphs']:,} paragraphs indexed in {run.wall:.1f} s "
        f"({built.stats['size'] / 1e6:.0f} MB on disk, {run.rss_mib:.0f} MiB peak)"
    )
    return built


@dataclass
class Timing:
    """One article checked in-process against one index."""

    kind: str
    seconds: float
    candidates: int  # indexed paragraphs read as candidates
    clusters: int


def check_in_process(
    stores: dict[str, Path], articles: Sequence[tuple[str, str]]
) -> dict[str, list[Timing]]:
    """feed.prepare + feed.check of each article against each store (opened once), the stores
    taken in a rotating order per article, after an untimed warm-up (a Chinese and an English
    article of the list) against each."""
    from dedupe.index import feed, run
    from dedupe.model import Document
    from dedupe.options import Options

    options, cwd = Options(), OUT
    opened = {n: run.open_index(p, options, create=False, timeout=30) for n, p in stores.items()}
    names = list(opened)
    out: dict[str, list[Timing]] = {n: [] for n in names}
    for lang in ("zh", "en"):  # jieba's dictionaries and POS tables, opencc, numpy
        text = next(t for _, t in articles if (rt.HAN.search(t) is not None) == (lang == "zh"))
        warm = Document(f"warm-{lang}.txt", f"warm-{lang}.txt", text)
        for store in opened.values():
            feed.check(feed.prepare([warm], options, cwd), options, store)
    for i, (kind, text) in enumerate(articles):
        doc = Document(f"new/{i:03d}.txt", f"new/{i:03d}.txt", text)
        for name in names[i % len(names) :] + names[: i % len(names)]:
            store = opened[name]
            gc.collect()
            start = time.perf_counter()
            checked = feed.check(feed.prepare([doc], options, cwd), options, store)
            took = time.perf_counter() - start
            table = checked.batch.hashes
            read = store.candidates(table, [doc.id]) if table is not None else []
            found = sum(len(d.paragraphs) for d in read)
            out[name].append(Timing(kind, took, found, len(checked.outcome.clusters)))
    for store in opened.values():
        store.close()
    return out


def empty_index(env: dict[str, str], dedupe: Path) -> Path:
    """An index with nothing in it: the in-process baseline (same code path, no candidates)."""
    path = OUT / "empty.sqlite"
    for tail in ("", "-wal", "-shm"):
        Path(f"{path}{tail}").unlink(missing_ok=True)
    (OUT / "empty.txt").write_text("", encoding="utf-8")
    run_child([str(dedupe), "index", "add", str(path), "empty.txt", "--quiet"], env)
    return path


def check_processes(
    one: Path, indexes: dict[str, Path], dedupe: Path, env: dict[str, str], repeat: int
) -> dict[str, list[Child]]:
    """Whole `dedupe check one.txt` processes, without an index and with each, interleaved;
    one untimed round first (page cache, .pyc files)."""
    cmds = {"no index": [str(dedupe), "check", one.name]}
    for name, path in indexes.items():
        cmds[name] = [str(dedupe), "check", one.name, "--index", str(path)]
    out: dict[str, list[Child]] = {n: [] for n in cmds}
    for round_ in range(repeat + 1):
        for name, cmd in cmds.items():
            run = run_child(cmd, env, ok=(0, 1))
            if round_:
                out[name].append(run)
    return out


# ---------------------------------------------------------------------------------------------
# Figures and the write-up
# ---------------------------------------------------------------------------------------------
def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile.

    >>> p95(list(range(1, 201)))
    190
    """
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def text_lines(stories: Sequence[Story]) -> list[str]:
    """Where the real text comes from: per source, stories, paragraphs and MB by language."""
    rows = [
        "| source | licence | read | stories | paragraphs zh / en | MB zh / en |",
        "|---|---|---|---:|---:|---:|",
    ]
    for source in SOURCES:
        mine = [s for s in stories if s.source == source.name]
        count = {
            lang: sum(len(s.paragraphs) for s in mine if s.lang == lang) for lang in ("zh", "en")
        }
        size = {
            lang: sum(len(p.encode()) for s in mine if s.lang == lang for p in s.paragraphs) / 1e6
            for lang in ("zh", "en")
        }
        commit = _git(source, "rev-parse", source.commit).strip()[:12]
        rows.append(
            f"| {source.name} @ {commit} | {source.licence} | `{source.what}` | {len(mine)} "
            f"| {count['zh']:,} / {count['en']:,} | {size['zh']:.2f} / {size['en']:.2f} |"
        )
    return rows


def build_rows(builds: Sequence[Built]) -> list[str]:
    rows = [
        "| index | articles | paragraphs fed | text MB | paragraphs indexed (`index stats`) "
        "| hashes | `index add` wall s | CPU s | paragraphs/s | MB/s | size on disk MB "
        "| bytes per paragraph | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for b in builds:
        n, size = b.stats["paragraphs"], b.stats["size"]
        rows.append(
            f"| {b.name} | {b.articles:,} | {b.paragraphs_fed:,} | {b.mb:.1f} | {n:,} "
            f"| {b.stats['hashes']:,} | {b.run.wall:.1f} | {b.run.cpu:.1f} "
            f"| {n / b.run.wall:,.0f} | {b.mb / b.run.wall:.2f} | {size / 1e6:.0f} "
            f"| {size / max(n, 1):,.0f} | {b.run.rss_mib:.0f} |"
        )
    return rows


def latency_rows(timings: dict[str, list[Timing]], base: str) -> list[str]:
    rows = [
        "| index | articles | median ms | p95 ms | max ms | median / baseline "
        "| median ms new stories / republished | median candidate paragraphs (max) "
        "| articles with findings |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    base_median = statistics.median(t.seconds for t in timings[base])
    for name, found in timings.items():
        secs = [t.seconds for t in found]
        by_kind = [
            ms(statistics.median(t.seconds for t in found if t.kind == k))
            for k in ("new story", "republished")
        ]
        cands = [t.candidates for t in found]
        rows.append(
            f"| {name} | {len(found)} | {ms(statistics.median(secs))} | {ms(p95(secs))} "
            f"| {ms(max(secs))} | {statistics.median(secs) / base_median:.1f}x "
            f"| {' / '.join(by_kind)} | {statistics.median(cands):,.0f} ({max(cands):,}) "
            f"| {sum(t.clusters > 0 for t in found)} |"
        )
    return rows


def process_rows(runs: dict[str, list[Child]]) -> list[str]:
    rows = [
        "| `dedupe check one.txt` | median wall s (runs) | / no index | CPU s | peak RSS MiB "
        "(runs) |",
        "|---|---|---:|---:|---|",
    ]
    base = statistics.median(r.wall for r in runs["no index"])
    for name, found in runs.items():
        walls = [r.wall for r in found]
        flag = "" if name == "no index" else f" `--index {name}.sqlite`"
        rows.append(
            f"| {name}{flag} | {statistics.median(walls):.2f} "
            f"({', '.join(f'{w:.2f}' for w in walls)}) | {statistics.median(walls) / base:.2f}x "
            f"| {statistics.median(r.cpu for r in found):.2f} "
            f"| {statistics.median(r.rss_mib for r in found):.0f} "
            f"({', '.join(f'{r.rss_mib:.0f}' for r in found)}) |"
        )
    return rows


def verdicts(
    builds: Sequence[Built], timings: dict[str, list[Timing]], runs: dict[str, list[Child]]
) -> list[str]:
    """One sentence per target of the issue, saying met or NOT met."""
    big, small = builds[-1], builds[0]
    secs = [t.seconds for t in timings[big.name]]
    median, tail = statistics.median(secs) * 1000, p95(secs) * 1000
    wall = statistics.median(r.wall for r in runs[big.name])
    base = statistics.median(r.wall for r in runs["no index"])
    rss = {b.name: statistics.median(r.rss_mib for r in runs[b.name]) for b in builds}

    def met(ok: bool) -> str:
        return "met" if ok else "NOT met"

    growth = rss[big.name] / rss[small.name] - 1
    times = big.stats["paragraphs"] / small.stats["paragraphs"]
    return [
        f"- Build: {big.stats['paragraphs']:,} paragraphs indexed from {big.mb:.0f} MB of replayed "
        f"text in {big.run.wall:.0f} s ({big.stats['paragraphs'] / big.run.wall:,.0f} "
        f"paragraphs/s, {big.stats['size'] / 1e9:.2f} GB on disk); the {small.name} index took "
        f"{small.run.wall:.0f} s ({small.stats['paragraphs'] / small.run.wall:,.0f} paragraphs/s).",
        f"- One article in-process against {big.name}: median {median:.0f} ms (target under "
        f"{TARGET_MEDIAN_MS:.0f} ms: {met(median < TARGET_MEDIAN_MS)}), p95 {tail:.0f} ms "
        f"(target under {TARGET_P95_MS:.0f} ms: {met(tail < TARGET_P95_MS)}).",
        f"- A whole `dedupe check one.txt --index` process: {wall:.2f} s (target under "
        f"{TARGET_PROCESS_S} s: {met(wall < TARGET_PROCESS_S)}), {wall / base:.2f}x the same "
        f"check without an index ({base:.2f} s).",
        f"- Peak RSS of that check: {rss[small.name]:.0f} MiB with {small.name} and "
        f"{rss[big.name]:.0f} MiB with {big.name} ({times:.0f}x the paragraphs): {growth:+.0%} "
        "(independent of the index size: "
        f"{met(abs(growth) <= ct.FLAT_RSS_GROWTH)}, within {ct.FLAT_RSS_GROWTH:.0%}).",
    ]


def section(
    command: str,
    code: str,
    stories: Sequence[Story],
    tally: Counter[str],
    builds: Sequence[Built],
    timings: dict[str, list[Timing]],
    runs: dict[str, list[Child]],
) -> str:
    """The `## history index (feed)` section of BENCHMARKS.md."""
    info = ct.machine()
    distinct = sum(len(p.encode()) for s in stories for p in s.paragraphs) / 1e6
    paras = sum(len(s.paragraphs) for s in stories)
    edits = ", ".join(f"{kind} {n:,}" for kind, n in tally.most_common())
    big = builds[-1]
    from dedupe.index.store import CANDIDATES_PER_HASH as CANDIDATES

    lines = [
        SECTION,
        "",
        f"Command: `{command}`.",
        "",
        f"- Date: {info['date']}",
        f"- Commit: {info['commit']}; dedupe/ content hash {code}",
        f"- Machine: {info['nproc']} cores, {info['cpu']}, {info['platform']}",
        f"- Python: {info['python']}",
        f"- Real text: {paras:,} distinct body paragraphs ({distinct:.2f} MB) in {len(stories)} "
        f"stories, from the fetched snapshots below; nothing extracted is committed (bench/feed.py "
        "rebuilds it under bench/out/feed/). The page texts belong to their publishers and are "
        "kept by those projects as test fixtures; ITN blurbs are by Wikipedia's contributors. "
        "magic-html's article benchmark is left out (tests/realtext/NOTICE.md: it is the "
        "scrapinghub benchmark, a source this project does not use).",
        "",
        *text_lines(stories),
        "",
        f"- Feed: bench/feed.py replays the stories (seed {SEED}, every {HOLD_OUT}th story "
        f"held out of the index) into {big.articles:,} JSON Lines articles, "
        f"{big.paragraphs_fed:,} body paragraphs, {big.mb:.1f} MB of text (MB = 10^6 bytes), "
        f"{ZH_SHARE:.0%} of the articles Chinese: "
        "3-12 consecutive paragraphs of a story under a title line, one paragraph in five "
        f"articles dropped, {COPY_ARTICLE:.0%} of the articles an earlier one copied whole, each "
        f"paragraph unedited ({VERBATIM:.0%}) or with one or two edits. Edits made: {edits}. "
        f"The real text is replayed about {big.paragraphs_fed / paras:.0f} times over, so nearly "
        "every checked sentence has many near copies in the index: a hard case for the check "
        f"(each shared hash is read for at most its first {CANDIDATES} paragraphs).",
        "- Build: one `dedupe index add INDEX feed-*.jsonl --jsonl` process (1,000 documents "
        "per transaction); the small index is the feed's first shard alone, built on its own. "
        "Paragraphs indexed are what `dedupe index stats` counts (body paragraphs with a "
        "sentence long enough to match; titles and short repeated lines are not). Built on "
        + ", ".join(f"dedupe/ {b.code} ({b.name})" for b in builds)
        + ".",
        f"- In-process check: {len(timings[big.name])} new articles (half new stories, half "
        "republished indexed ones), each through `feed.prepare([doc])` + `feed.check` against "
        "every index, the stores opened once, the order of the stores rotating per article, "
        "after an untimed Chinese and English warm-up against each; the baseline is the same "
        "call against an empty index.",
        "- Process check: whole `dedupe check one.txt` processes (a median-sized new article), "
        "without an index and with each, interleaved, one untimed round first; peak RSS is GNU "
        "time's %M of the child.",
        "",
        *build_rows(builds),
        "",
        *latency_rows(timings, "empty (baseline)"),
        "",
        *process_rows(runs),
        "",
        *verdicts(builds, timings, runs),
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
def label(size: int) -> str:
    """
    >>> label(1_000_000), label(100_000), label(5000)
    ('1m', '100k', '5k')
    """
    return f"{size // 1_000_000}m" if size % 1_000_000 == 0 else f"{size // 1000}k"


def median_article(articles: Sequence[tuple[str, str]]) -> str:
    """The republished article of median length: what `dedupe check one.txt` reads."""
    found = sorted((len(t), t) for kind, t in articles if kind == "republished")
    return found[len(found) // 2][1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000", help="paragraphs, small,large")
    parser.add_argument("--articles", type=int, default=200, help="new articles checked")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each check process")
    parser.add_argument("--quick", action="store_true", help="5k and 20k paragraphs, no write-up")
    parser.add_argument(
        "--reuse", action="store_true", help="keep indexes an earlier invocation built (same feed)"
    )
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write the section into BENCHMARKS.md (default: on, off with --quick)",
    )
    args = parser.parse_args(argv)
    sizes = [5000, 20000] if args.quick else [int(s) for s in args.sizes.split(",")]
    count, repeat = (20, 2) if args.quick else (args.articles, args.repeat)
    write = (not args.quick) if args.write is None else args.write
    OUT.mkdir(parents=True, exist_ok=True)
    _held = ct.lock()  # released when the process exits
    python, dedupe = ct.ROOT / ".venv/bin/python", ct.ROOT / ".venv/bin/dedupe"
    env, code = ct.snapshot(python)
    sys.path.insert(0, env["PYTHONPATH"])  # the in-process checks run the same snapshot
    ct.say(f"measuring a snapshot of dedupe/ (content hash {code})")
    stories = load_stories()
    shards, tally = build_feed(stories, sizes)
    ct.say(f"feed: {sum(s.paragraphs for s in shards):,} paragraphs in {len(shards)} shards")
    ends = ((1, sizes[0]), (len(shards), sizes[-1]))
    env["DEDUPE_CODE"] = code
    builds = [
        build(f"index-{label(size)}", shards[:n], dedupe, env, reuse=args.reuse) for n, size in ends
    ]
    paths = {b.name: OUT / f"{b.name}.sqlite" for b in builds}
    articles = new_articles(stories, count)
    timings = check_in_process({"empty (baseline)": empty_index(env, dedupe), **paths}, articles)
    one = OUT / "one.txt"
    one.write_text(median_article(articles), encoding="utf-8")
    runs = check_processes(one, paths, dedupe, env, repeat)
    command = "python bench/feed.py" + (" --quick" if args.quick else f" --sizes {args.sizes}")
    text = section(command, code, stories, tally, builds, timings, runs)
    print(text)
    if write:
        ct.write_section(text, SECTION)
        ct.say(f"wrote {ct.BENCHMARKS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
