"""The duplicate engine against datasketch MinHash + MinHashLSH on labelled copy corpora.

Why this shape: the machine has two noisy cores, so each figure is a median over repeated runs,
and every `dedupe scan` run is paired with a datasketch run on the same corpus in the same
invocation: the ratio survives noise that absolute seconds do not. Each run is its own child
process; a poller sums the resident memory of the child and all its descendants (the engine may
use worker processes) every 20 ms. Corpora come from bench/copygen.py (labelled copies and hard
negatives), so both tools are also scored: pairwise F1 on paragraphs against the labels.

    .venv/bin/python bench/engine.py                   # 1, 10, 30, 100 MB (30, 100 MB: one run)
    .venv/bin/python bench/engine.py --quick           # 1 MB, one run, no write-up
    .venv/bin/python bench/engine.py --sizes 1,10 --repeat 3
    .venv/bin/python bench/engine.py --corpus replay --sizes 1,10   # replayed real text

Results replace the `## duplicate engine vs datasketch` section of BENCHMARKS.md (--no-write to
skip); the older `## clean throughput (copies on)` section is dropped, this one supersedes it.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import itertools
import json
import math
import os
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import clean_throughput as ct
import copygen
import corpus as base
import replay

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
SECTION = "## duplicate engine vs datasketch"
KIND = "copygen"  # or "replay": --corpus
OLD_SECTION = "## clean throughput (copies on)"
SEED = 7
TARGET_RATIO = 3.0
TARGET_RSS_MIB = 4096
# datasketch keeps the candidate pairs whose estimated Jaccard reaches a threshold; it is given
# the best of these (chosen on the labels, in its favour), and its LSH-only F1 is shown too.
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
CHANCE_PAIRS = 5_000_000  # chance copies are looked for when dedupe predicts at most this many
POLL_SECONDS = 0.5  # reading PSS walks the page tables: polling often would slow the runs

Para = tuple[str, int]  # (document id, paragraph index as copygen counts them)
Pair = tuple[Para, Para]


# ---------------------------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Corpus:
    """A copygen corpus on disk, with the facts needed to score paragraph pairs."""

    root: Path
    size: float  # the size asked for, in MB
    mb: float  # the size made
    files: int
    paragraphs: int
    headlines: frozenset[str]  # documents whose paragraph 0 is a headline

    def starts(self, doc: str) -> list[int]:
        """Offsets at which each paragraph (copygen's blank-line split) of a document begins."""
        text = (self.root / doc).read_text(encoding="utf-8").rstrip("\n")
        found, position = [0], text.find("\n\n")
        while position >= 0:
            found.append(position + 2)
            position = text.find("\n\n", position + 2)
        return found


def corpus(size: float, seed: int = SEED) -> Corpus:
    """Generate (or reuse from bench/out/) the corpus of `size` MB: copygen's, or with
    --corpus replay replayed real text (bench/replay.py)."""
    if KIND == "replay":
        return _replayed(size)
    root = OUT / f"copies-{size:g}mb"
    stamp = root / "stamp.json"
    want = {"copygen": copygen.VERSION, "seed": seed, "mb": size}
    if not (stamp.is_file() and json.loads(stamp.read_text())["built"] == want):
        made, headlines = _generate(seed, int(size * copygen.MB))
        made.write(root)
        info = {"built": want, "headlines": sorted(headlines)}
        stamp.write_text(json.dumps(info), encoding="utf-8")
    return _on_disk(root, size)


def _replayed(size: float) -> Corpus:
    root = OUT / f"replay-{size:g}mb"
    stamp = root / "stamp.json"
    want = replay.stamp(size)
    if not (stamp.is_file() and json.loads(stamp.read_text())["built"] == want):
        replay.build(root, size)
        headlines = sorted(p.name for p in root.glob("d*.txt"))  # every article opens with one
        stamp.write_text(json.dumps({"built": want, "headlines": headlines}), encoding="utf-8")
    return _on_disk(root, size)


def _on_disk(root: Path, size: float) -> Corpus:
    stamp = root / "stamp.json"
    info = json.loads(stamp.read_text())
    files = sorted(root.glob("d*.txt"))
    paras = sum(len(copygen.paragraphs(p.read_text(encoding="utf-8"))) for p in files)
    mb = sum(p.stat().st_size for p in files) / copygen.MB
    return Corpus(root, size, mb, len(files), paras, frozenset(info["headlines"]))


def _generate(seed: int, target: int) -> tuple[copygen.Corpus, set[str]]:
    """copygen's corpus, plus which documents open with a headline.

    The labels do not say; the builder knows when it lays a document out, so its layout step
    is wrapped to note it (the documents are unchanged).
    """
    headlines: set[str] = set()
    finish = copygen._Builder._finish

    def noting(builder: Any, paras: list[Any], has_headline: bool) -> None:
        finish(builder, paras, has_headline)
        if has_headline:
            headlines.add(builder.docs[-1][0])

    with mock.patch.object(copygen._Builder, "_finish", noting):
        made = copygen.generate(seed, target)
    return made, headlines


# ---------------------------------------------------------------------------------------------
# Scoring: pairwise F1 over paragraphs
# ---------------------------------------------------------------------------------------------
class Components:
    """Union-find over paragraphs: pairs are scored as clusters (every pair inside one)."""

    def __init__(self) -> None:
        self.parent: dict[Para, Para] = {}

    def find(self, x: Para) -> Para:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Para, b: Para) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def pairs(self) -> set[Pair]:
        groups: dict[Para, list[Para]] = {}
        for x in self.parent:
            groups.setdefault(self.find(x), []).append(x)
        out: set[Pair] = set()
        for members in groups.values():
            members.sort()
            out.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
        return out


@dataclass
class Truth:
    """The labelled copy pairs, held as cliques so that they are counted, never listed: at
    100 MB of replayed text a paragraph's ~300 replays make tens of millions of pairs.

    Every paragraph of a clique copies every other. A replayed paragraph that carries a sentence
    inserted from another source (bench/replay.py's `inserts`) is also a partial copy of every
    replay of that source: one pair with each member of that clique, not a member of it.
    """

    group: dict[Para, int]  # paragraph -> its clique (labelled paragraphs only)
    sizes: list[int]  # of each clique
    inserted: dict[Para, int]  # paragraph -> the clique whose source one of its sentences is
    skip: frozenset[Para]  # headlines: never scored
    # More true pairs, outside the cliques (chance copies among the predicted, chance_pairs)
    extra: dict[Para, frozenset[Para]] = field(default_factory=dict)
    _mutual: int = 0  # partial pairs that both sides state (counted once)

    def __post_init__(self) -> None:
        carries: Counter[tuple[int, int]] = Counter()
        for para, target in self.inserted.items():
            carries[self.group[para], target] += 1
        self._mutual = sum(n * carries[h, g] for (g, h), n in carries.items() if g < h)

    def total(self) -> int:
        """How many true pairs there are."""
        within = sum(n * (n - 1) // 2 for n in self.sizes)
        partial = sum(self.sizes[g] for g in self.inserted.values()) - self._mutual
        return within + partial + sum(map(len, self.extra.values())) // 2

    def with_extra(self, pairs: Iterable[Pair]) -> Truth:
        """These labels with more true pairs (none of them true already)."""
        extra: dict[Para, set[Para]] = {}
        for a, b in pairs:
            extra.setdefault(a, set()).add(b)
            extra.setdefault(b, set()).add(a)
        frozen = {k: frozenset(v) for k, v in extra.items()}
        return Truth(self.group, self.sizes, self.inserted, self.skip, frozen)

    def true(self, a: Para, b: Para) -> bool:
        if b in self.extra.get(a, ()):
            return True
        ga, gb = self.group.get(a), self.group.get(b)
        if ga is None or gb is None:
            return False
        return ga == gb or self.inserted.get(a) == gb or self.inserted.get(b) == ga

    def hits(self, members: Iterable[Para]) -> int:
        """How many true pairs lie among some paragraphs (a cluster taken whole)."""
        by_group: Counter[int] = Counter()
        carriers: list[Para] = []
        distinct = set(members)
        chance = sum(len(self.extra[m] & distinct) for m in distinct if m in self.extra) // 2
        for m in distinct:
            if m in self.group:
                by_group[self.group[m]] += 1
                if m in self.inserted:
                    carriers.append(m)
        found = sum(n * (n - 1) // 2 for n in by_group.values())
        found += sum(by_group[self.inserted[m]] for m in carriers)
        carries = Counter((self.group[m], self.inserted[m]) for m in carriers)
        mutual = sum(n * carries[h, g] for (g, h), n in carries.items() if g < h)
        return found - mutual + chance

    def pairs(self) -> set[Pair]:
        """Every true pair, listed (small corpora only: chance copies need the set)."""
        members: dict[int, list[Para]] = {}
        for para, g in self.group.items():
            members.setdefault(g, []).append(para)
        out = within(members.values(), self.skip)
        for para, g in self.inserted.items():
            out.update((min(para, x), max(para, x)) for x in members[g] if x != para)
        return out


def labelled(built: Corpus) -> Truth:
    """The labelled duplicate pairs as cliques, and the headline paragraphs.

    A `document` label stands for its aligned body paragraphs (copygen: the documents agree on
    their last len(original) - 1 paragraphs, and on the first as well when it is unchanged).
    Headlines are left out of all scoring: the labels never make them paragraph copies.
    """
    labels = json.loads((built.root / "labels.json").read_text(encoding="utf-8"))
    skip = frozenset((doc, 0) for doc in built.headlines)
    found = Components()
    texts: dict[str, list[str]] = {}

    def paras(doc: str) -> list[str]:
        if doc not in texts:
            texts[doc] = copygen.paragraphs((built.root / doc).read_text(encoding="utf-8"))
        return texts[doc]

    def link(a: Para, b: Para) -> None:
        if a != b and a not in skip and b not in skip:
            found.union(a, b)

    for label in labels["copies"]:
        copy, original = label["copy"]["doc"], label["original"]["doc"]
        if label["kind"] != "document":
            link((copy, label["copy"]["paragraph"]), (original, label["original"]["paragraph"]))
            continue
        a, b = paras(original), paras(copy)
        for back in range(1, min(len(a), len(b)) + 1):
            if a[-back] == b[-back]:
                link((copy, len(b) - back), (original, len(a) - back))
    carried: dict[Para, Para] = {}  # paragraph -> the first replay of its inserted sentence
    for label in labels.get("inserts", []):
        first = labels["first"].get(":".join(map(str, label["source"])))
        copy = (label["copy"]["doc"], label["copy"]["paragraph"])
        if first is not None and copy not in skip:
            carried[copy] = (first[0], first[1])
    for para in [*carried, *carried.values()]:
        found.find(para)  # a clique of one, when never replayed again
    number: dict[Para, int] = {}
    group = {x: number.setdefault(found.find(x), len(number)) for x in list(found.parent)}
    sizes = [0] * len(number)
    for g in group.values():
        sizes[g] += 1
    inserted = {
        para: group[source] for para, source in carried.items() if group[source] != group[para]
    }
    return Truth(group, sizes, inserted, skip)


def truth(built: Corpus) -> tuple[set[Pair], frozenset[Para]]:
    """The labelled pairs listed, and the headline paragraphs (bench/stream.py, copygen)."""
    found = labelled(built)
    return found.pairs(), found.skip


class Locator:
    """Maps (document id, offset) to copygen's paragraph index."""

    def __init__(self, built: Corpus) -> None:
        self.built = built
        self.cache: dict[str, list[int]] = {}

    def __call__(self, doc: str, offset: int) -> Para:
        if doc not in self.cache:
            self.cache[doc] = self.built.starts(doc)
        return doc, bisect.bisect_right(self.cache[doc], offset) - 1


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    predicted: int
    true_pairs: int


def score(predicted: set[Pair], wanted: set[Pair]) -> Score:
    return _score(len(predicted & wanted), len(predicted), len(wanted))


def _score(hit: int, predicted: int, wanted: int) -> Score:
    p = hit / predicted if predicted else 1.0
    r = hit / wanted if wanted else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1, predicted, wanted)


def cluster_score(groups: Iterable[Iterable[Para]], truth: Truth) -> Score:
    """score(within(groups, skip), truth.pairs()), counted: every pair inside each group, and
    a pair inside two groups (clusters sharing two paragraphs) once."""
    listed = [sorted(set(g) - truth.skip) for g in groups]
    seen = Counter(p for g in listed for p in g)
    predicted = hit = 0
    shared: Counter[Pair] = Counter()
    for members in listed:
        predicted += len(members) * (len(members) - 1) // 2
        hit += truth.hits(members)
        multi = [p for p in members if seen[p] > 1]
        shared.update((x, y) for i, x in enumerate(multi) for y in multi[i + 1 :])
    for (x, y), n in shared.items():
        predicted -= n - 1
        hit -= (n - 1) * truth.true(x, y)
    return _score(hit, predicted, truth.total())


def within(groups: Iterable[Iterable[Para]], skip: frozenset[Para]) -> set[Pair]:
    """Every pair inside each group (no closure across groups), `skip` left out."""
    out: set[Pair] = set()
    for group in groups:
        members = sorted(set(group) - skip)
        out.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return out


def clusters(report: Path, where: Locator) -> list[tuple[Para, list[Para]]]:
    """(original, members) of each cluster of a `dedupe scan --format json` report.

    The report can be larger than memory holds as objects: its documents are skipped line by
    line and its clusters (the last line) decoded one at a time.
    """
    tail = ""
    with report.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith('"skipped"'):
                tail = line
    at = tail.index('"clusters": [') + len('"clusters": [')
    decoder, out = json.JSONDecoder(), []
    while tail[at] != "]":
        c, at = decoder.raw_decode(tail, at)
        at += 2 if tail[at] == "," else 0  # ", " between clusters
        original = where(c["original"]["doc"], c["original"]["start"])
        out.append(
            (
                original,
                [where(m["paragraph"]["doc"], m["paragraph"]["start"]) for m in c["members"]],
            )
        )
    return out


def engine_pairs(found: list[tuple[Para, list[Para]]], skip: frozenset[Para]) -> set[Pair]:
    """Every pair inside each cluster (original and members).

    Clusters are taken as reported: the engine builds stars and never chains them, so
    clusters that share a paragraph are not merged here either.
    """
    return within(([original, *members] for original, members in found), skip)


# ---------------------------------------------------------------------------------------------
# Chance copies: true copies that the labels do not list
# ---------------------------------------------------------------------------------------------
# copygen and bench/corpus.py write sentences from shared frames; in a large feed two unrelated
# stories now and then come out with the same sentence, or the same sentence but for one
# interchangeable verb: a real exact or near copy that no label lists. Such a pair is judged
# true when a predicted paragraph pair holds one (pooling: only predicted pairs are judged, by
# this rule alone, never by the engine's opinion). Names and figures never count as
# interchangeable, so two stories told in one frame with other places or numbers stay false.
INTERCHANGEABLE = frozenset(
    [*base.ZH_VERBS, *(v.lower() for v in base.EN_VERBS)]
    + [w for options in copygen._STYLE.values() for w in options if not any(c.isdigit() for c in w)]
)
CHANCE_MIN_CHARS = 20  # shorter sentences are stock phrases, not copies
_CHANCE_DROP = re.compile(r"[\W_]+")


def chance_copy(a: str, b: str) -> bool:
    """Whether two sentences are the same (case, width and punctuation aside), or the same but
    for one interchangeable word (a verb of the generators' lists or a style choice).

    >>> x = "业内人士认为，海外仓布局既是沈阳当前工作的重点，也是深化口岸通关便利化的关键环节。"
    >>> chance_copy(x, x.replace("深化", "加快")), chance_copy(x, x.replace("沈阳", "银川"))
    (True, False)
    """
    x, y = (_CHANCE_DROP.sub("", unicodedata.normalize("NFKC", t).casefold()) for t in (a, b))
    if min(len(x), len(y)) < CHANCE_MIN_CHARS:
        return False
    if x == y:
        return True
    start = _shared_start(x, y)
    end = _shared_start(x[start:][::-1], y[start:][::-1])
    # Widen the differing stretch by up to 12 shared characters on each side until both sides
    # are whole words of the list (推进 -> 推动 differ in one character; modernize -> extend
    # share none).
    for left in range(min(start, 12) + 1):
        for right in range(min(end, 12) + 1):
            one = x[start - left : len(x) - end + right]
            two = y[start - left : len(y) - end + right]
            if one in INTERCHANGEABLE and two in INTERCHANGEABLE:
                return True
    return False


def _shared_start(x: str, y: str) -> int:
    """How many characters two strings share at their start."""
    shorter = min(len(x), len(y))
    return next((n for n in range(shorter) if x[n] != y[n]), shorter)


def chance_pairs(built: Corpus, predicted: set[Pair], truth: Truth) -> set[Pair]:
    """The predicted paragraph pairs outside the labels whose paragraphs share a chance copy."""
    texts: dict[str, list[str]] = {}

    def sentences(para: Para) -> list[str]:
        doc, index = para
        if doc not in texts:
            texts[doc] = copygen.paragraphs((built.root / doc).read_text(encoding="utf-8"))
        text = texts[doc][index]
        return copygen.sentences(text, copygen._lang(text))

    return {
        (a, b)
        for a, b in predicted
        if not truth.true(a, b)
        and any(chance_copy(x, y) for x in sentences(a) for y in sentences(b))
    }


def datasketch_scores(
    out: Path, where: Locator, truth: Truth
) -> tuple[dict[str, Score], dict[str, float]]:
    """F1 of the datasketch candidates: all of them (LSH only), and above each threshold."""
    data = json.loads(out.read_text(encoding="utf-8"))
    paras = [where(doc, start) for doc, start in data["paragraphs"]]
    found = {"lsh": closed_score(((paras[i], paras[j]) for i, j, _ in data["pairs"]), truth)}
    for t in THRESHOLDS:
        edges = ((paras[i], paras[j]) for i, j, jac in data["pairs"] if jac >= t)
        found[f"{t:.1f}"] = closed_score(edges, truth)
    return found, data["seconds"]


def closed_score(edges: Iterable[Pair], truth: Truth) -> Score:
    """The pairs within the components the edges form, scored without listing them: candidate
    chains at 100 MB make components of tens of thousands of paragraphs, whose pairs would not
    fit in memory. Pairs are counted per component, as the true ones among them are."""
    found = Components()
    for a, b in edges:
        if a != b and a not in truth.skip and b not in truth.skip:
            found.union(a, b)
    components: dict[Para, list[Para]] = {}
    for x in found.parent:
        components.setdefault(found.find(x), []).append(x)
    return cluster_score(components.values(), truth)


# ---------------------------------------------------------------------------------------------
# Running and measuring a child
# ---------------------------------------------------------------------------------------------
@dataclass
class Run:
    """One child process: wall and CPU seconds, peak memory of its whole process tree."""

    wall: float
    cpu: float
    tree_mib: float  # peak of the summed PSS of the child and its descendants (polled)
    max_mib: float  # peak RSS of the largest single process (os.wait4)
    code: int
    stderr: str
    load: float = -1.0  # 1-minute load average when the run ended (-1: not recorded)

    @property
    def cores(self) -> float:
        return self.cpu / self.wall


def _tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as f:
                    todo += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return found


def _kill_tree(pid: int) -> None:
    for p in reversed(_tree(pid)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, signal.SIGKILL)


def _tree_memory(pid: int) -> int:
    """Proportional resident bytes (PSS) of a process and all its descendants, from /proc.

    PSS splits a page shared by forked workers between them, so the sum counts it once; RSS
    (the fallback where smaps_rollup is missing) would count it in every process.
    """
    total = 0
    for p in _tree(pid):
        with contextlib.suppress(FileNotFoundError, ProcessLookupError, ValueError):
            total += _pss(p)
    return total


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except PermissionError:
        pass
    with open(f"/proc/{pid}/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


MAX_MEMORY_MIB = 10_000  # a run above this is killed: the machine is shared (--max-memory)


def run_child(cmd: list[str], stdout: Path, env: dict[str, str], timeout: float) -> Run:
    """Run one command, its stdout to a file; CPU time of it and its reaped children from
    os.wait4, memory polled from /proc while it runs."""
    peak = [0]
    with tempfile.TemporaryFile() as err, stdout.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT, env=env)
        done = threading.Event()

        def poll() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_memory(proc.pid))
                if peak[0] > MAX_MEMORY_MIB * 2**20:
                    ct.say(f"  killing the run: {peak[0] / 2**20:,.0f} MiB (--max-memory)")
                    _kill_tree(proc.pid)
                    return
                done.wait(POLL_SECONDS)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        timer = threading.Timer(timeout, _kill_tree, (proc.pid,))
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            done.set()
            poller.join()
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    # The polled PSS, not ru_maxrss: a forked child's ru_maxrss starts from the size of this
    # (parent) process, which scoring a large corpus makes many gigabytes.
    tree = peak[0] / 2**20 if peak[0] else usage.ru_maxrss / 1024
    return Run(wall, cpu, tree, usage.ru_maxrss / 1024, code, text, os.getloadavg()[0])


def checked(run: Run, what: str) -> Run:
    if run.code == -signal.SIGKILL:
        raise SystemExit(
            f"{what} killed after {run.wall:.0f} s at {run.tree_mib:,.0f} MiB "
            "(--timeout or --max-memory); no figures written"
        )
    if run.code != 0:
        raise SystemExit(f"{what} failed with exit code {run.code}:\n{run.stderr.strip()[-2000:]}")
    return run


# ---------------------------------------------------------------------------------------------
# One size
# ---------------------------------------------------------------------------------------------
@dataclass
class SizeResult:
    corpus: Corpus
    engine: list[Run]
    sketch: list[Run]
    engine_score: Score
    sketch_scores: dict[str, Score]
    sketch_phases: list[dict[str, float]]
    engine_links: Score | None = None  # original-to-member links only, not member pairs
    chance: int = 0  # predicted pairs judged chance copies (see chance_pairs)
    engine_complete: Score | None = None  # against the labels plus those chance copies
    sketch_complete: dict[str, Score] | None = None

    @staticmethod
    def _median(runs: list[Run], attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in runs)

    def wall(self, tool: str) -> float:
        return self._median(self.runs(tool), "wall")

    def cpu(self, tool: str) -> float:
        return self._median(self.runs(tool), "cpu")

    def cores(self, tool: str) -> float:
        return self._median(self.runs(tool), "cores")

    def rss(self, tool: str) -> float:
        return max(r.tree_mib for r in self.runs(tool))

    def runs(self, tool: str) -> list[Run]:
        return self.engine if tool == "dedupe" else self.sketch

    def paras_s(self, tool: str) -> float:
        return self.corpus.paragraphs / self.wall(tool)

    @property
    def ratio(self) -> float:
        """Engine throughput over datasketch's (whole runs)."""
        return self.wall("datasketch") / self.wall("dedupe")

    @property
    def sketch_core(self) -> float:
        """Median seconds of datasketch's own work (shingle, minhash, lsh, verify)."""
        return statistics.median(
            sum(v for k, v in p.items() if k != "prepare") for p in self.sketch_phases
        )

    @property
    def best_sketch(self) -> tuple[str, Score]:
        return best(self.sketch_scores)


def measure(size: float, repeat: int, env: dict[str, str], timeout: float) -> SizeResult:
    """Engine and datasketch runs, interleaved `repeat` times on one corpus; then scores."""
    t0 = time.perf_counter()
    built = corpus(size)
    ct.say(
        f"corpus {built.root.name}: {built.files} files, {built.paragraphs:,} paragraphs, "
        f"{built.mb:.1f} MB ({time.perf_counter() - t0:.1f} s)"
    )
    python = str(ROOT / ".venv/bin/python")
    engine_cmd = [str(ROOT / ".venv/bin/dedupe"), "scan", str(built.root), "--format", "json"]
    sketch_cmd = [python, str(BENCH / "datasketch_baseline.py"), str(built.root)]
    report = OUT / f"engine-{_prefix()}{size:g}mb.json"
    sketch_out = OUT / f"datasketch-{_prefix()}{size:g}mb.json"
    # Untimed warm-up on the samples: compiles the snapshot's .pyc files, warms the page cache.
    checked(
        run_child([*engine_cmd[:2], str(ROOT / "samples")], OUT / "warm.json", env, timeout),
        "warm-up",
    )
    engine: list[Run] = []
    sketch: list[Run] = []
    phases: list[dict[str, float]] = []
    for i in range(repeat):
        run = checked(
            run_child([*sketch_cmd, str(sketch_out)], OUT / "sketch.log", env, timeout),
            "datasketch",
        )
        sketch.append(run)
        phases.append(json.loads(sketch_out.read_text())["seconds"])
        engine.append(checked(run_child(engine_cmd, report, env, timeout), "dedupe scan"))
        ct.say(
            f"  run {i + 1}/{repeat}: dedupe {engine[-1].wall:.2f} s ({engine[-1].cpu:.2f} s CPU, "
            f"{engine[-1].tree_mib:.0f} MiB), datasketch {run.wall:.2f} s ({run.cpu:.2f} s CPU, "
            f"{run.tree_mib:.0f} MiB; "
            + ", ".join(f"{k} {v:.1f}" for k, v in phases[-1].items())
            + ")"
        )
        if engine[-1].stderr.strip():
            ct.say(f"  dedupe stderr: {engine[-1].stderr.strip()[:400]}")
    labels = labelled(built)
    where = Locator(built)
    found = clusters(report, where)
    engine_score = cluster_score(([original, *members] for original, members in found), labels)
    links = cluster_score(([original, m] for original, ms in found for m in ms), labels)
    sketch_scores, _ = datasketch_scores(sketch_out, where, labels)
    chance: set[Pair] = set()
    sketch_complete: dict[str, Score] | None = None
    engine_complete: Score | None = None
    if engine_score.predicted <= CHANCE_PAIRS:  # the predicted pairs are listed to be judged
        chance = chance_pairs(built, engine_pairs(found, labels.skip), labels)
        complete = labels.with_extra(chance)
        engine_complete = cluster_score(([o, *ms] for o, ms in found), complete)
        sketch_complete, _ = datasketch_scores(sketch_out, where, complete)
    return SizeResult(
        built,
        engine,
        sketch,
        engine_score,
        sketch_scores,
        phases,
        links,
        len(chance),
        engine_complete,
        sketch_complete,
    )


# ---------------------------------------------------------------------------------------------
# Write-up
# ---------------------------------------------------------------------------------------------
def table(results: list[SizeResult]) -> list[str]:
    rows = [
        "| corpus | MB | paragraphs | tool | median wall s (runs) | CPU s | cores used "
        "| peak memory MiB | paragraphs/s | MB/s | precision | recall | F1 | dedupe/datasketch |",
        "|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        c = r.corpus
        for tool in ("dedupe", "datasketch"):
            runs = ", ".join(f"{x.wall:.1f}" for x in r.runs(tool))
            if tool == "dedupe":
                s, name, ratio = r.engine_score, "dedupe scan", f"**{r.ratio:.2f}x**"
            else:
                t, s = r.best_sketch
                name = f"datasketch (Jaccard >= {t})" if t != "lsh" else "datasketch (LSH only)"
                ratio = ""
            rows.append(
                f"| {c.root.name} | {c.mb:.1f} | {c.paragraphs:,} | {name} "
                f"| {r.wall(tool):.2f} ({runs}) | {r.cpu(tool):.2f} | {r.cores(tool):.2f} "
                f"| {r.rss(tool):,.0f} | {r.paras_s(tool):,.0f} | {c.mb / r.wall(tool):.2f} "
                f"| {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {ratio} |"
            )
    return rows


def best(scores: dict[str, Score]) -> tuple[str, Score]:
    """The threshold whose score has the best F1 (ties go to the greater name), and the score."""
    return max(scores.items(), key=lambda kv: (kv[1].f1, kv[0]))


def chance_table(results: list[SizeResult]) -> list[str]:
    """F1 of both tools when the chance copies among dedupe's predicted pairs count as true."""
    rows = [
        "| corpus | chance copies judged true | dedupe precision | dedupe recall | dedupe F1 "
        "| datasketch best F1 (threshold) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if r.engine_complete is None or not r.sketch_complete:
            continue
        e = r.engine_complete
        t, top = best(r.sketch_complete)
        rows.append(
            f"| {r.corpus.root.name} | {r.chance:,} | {e.precision:.3f} | {e.recall:.3f} "
            f"| {e.f1:.3f} | {top.f1:.3f} ({t}) |"
        )
    return rows


def sketch_detail(results: list[SizeResult]) -> list[str]:
    rows = [
        "| corpus | prepare s | shingle s | minhash s | lsh s | verify s | datasketch's own s "
        "| dedupe / datasketch's own | F1 LSH only | "
        + " | ".join(f"F1 J>={t}" for t in THRESHOLDS)
        + " |",
        "|---|" + "---:|" * (8 + len(THRESHOLDS)),
    ]
    for r in results:
        ph = {k: statistics.median(p[k] for p in r.sketch_phases) for k in r.sketch_phases[0]}
        rows.append(
            f"| {r.corpus.root.name} | {ph['prepare']:.2f} | {ph['shingle']:.2f} "
            f"| {ph['minhash']:.2f} | {ph['lsh']:.2f} | {ph['verify']:.2f} | {r.sketch_core:.2f} "
            f"| {r.sketch_core / r.wall('dedupe'):.2f}x | {r.sketch_scores['lsh'].f1:.3f} | "
            + " | ".join(f"{r.sketch_scores[f'{t:.1f}'].f1:.3f}" for t in THRESHOLDS)
            + " |"
        )
    return rows


def growth(results: list[SizeResult]) -> list[str]:
    """Seconds per MB and the local exponent of time against size (1.0 is linear)."""
    lines = []
    for tool in ("dedupe", "datasketch"):
        parts = [f"{r.corpus.mb:.0f} MB {r.wall(tool) / r.corpus.mb:.2f} s/MB" for r in results]
        steps = [
            f"{a.corpus.mb:.0f}->{b.corpus.mb:.0f} MB "
            f"{math.log(b.wall(tool) / a.wall(tool)) / math.log(b.corpus.mb / a.corpus.mb):.2f}"
            for a, b in itertools.pairwise(results)
        ]
        lines.append(
            f"- {tool}: "
            + ", ".join(parts)
            + ("; exponent of time against size " + ", ".join(steps) if steps else "")
        )
    return lines


def verdict(results: list[SizeResult]) -> str:
    """One paragraph against the targets."""
    big = results[-1]
    _, top = big.best_sketch
    out = []
    ok_ratio = all(r.ratio >= TARGET_RATIO for r in results)
    own = ", ".join(f"{r.sketch_core / r.wall('dedupe'):.2f}x" for r in results)
    out.append(
        f"Throughput: dedupe is {', '.join(f'{r.ratio:.2f}x' for r in results)} datasketch's "
        f"(whole runs, at {', '.join(f'{r.corpus.mb:.0f}' for r in results)} MB): the 3x target "
        + ("is met" if ok_ratio else "is NOT met")
        + f"; against datasketch's own work alone (its paragraphs prepared for free) "
        f"{own}."
    )
    ok_f1 = all(r.engine_score.f1 >= r.best_sketch[1].f1 for r in results)
    links = big.engine_links
    out.append(
        f"F1: dedupe {big.engine_score.f1:.3f} against datasketch's best {top.f1:.3f} at "
        f"{big.corpus.mb:.0f} MB: "
        + ("equal or better" if ok_f1 else "NOT equal or better")
        + " at every size"
        + (
            f" (counting only the original-to-member links of its clusters, not pairs of "
            f"members: precision {links.precision:.3f}, recall {links.recall:.3f}, "
            f"F1 {links.f1:.3f})."
            if links
            else "."
        )
    )
    out.append(
        f"Cores: dedupe kept {big.cores('dedupe'):.2f} cores busy at {big.corpus.mb:.0f} MB "
        + ("(both cores used)." if big.cores("dedupe") >= 1.5 else "(NOT both cores).")
    )
    out.append(
        f"Memory: dedupe peaked at {big.rss('dedupe'):,.0f} MiB at {big.corpus.mb:.0f} MB "
        + (
            f"(under {TARGET_RSS_MIB:,} MiB)."
            if big.rss("dedupe") < TARGET_RSS_MIB
            else f"(NOT under {TARGET_RSS_MIB:,} MiB)."
        )
    )
    return " ".join(out)


def section(results: list[SizeResult], command: str, info: dict[str, str]) -> str:
    lines = [
        _title(),
        "",
        f"Command: `{command}` (runs per size as listed; medians; each dedupe run paired with a "
        "datasketch run on the same corpus in the same invocation).",
        "",
        f"- Date: {info['date']}",
        f"- Commit: {info['commit']}; dedupe/ content hash {info['source']}",
        f"- Machine: {info['nproc']} cores, {info['cpu']}, {info['platform']}",
        f"- Python: {info['python']}; datasketch {info['datasketch']}",
        _corpora(),
        "- dedupe: `dedupe scan CORPUS --format json` (the whole pipeline: read, boilerplate, "
        "repair, sentence copies, clusters, explanations, JSON report on stdout).",
        "- datasketch: `bench/datasketch_baseline.py`: dedupe's own front end gives the same body "
        "paragraphs (read, segment, boilerplate, repair); shingles are token bigrams from dedupe's "
        "tokeniser, as the engine's; `MinHash.bulk` with 128 permutations and "
        "`MinHashLSH(threshold=0.5, num_perm=128)` (its own bands and rows; the engine's "
        "banding is tuned for sentences: its earlier 16x3 made over a quarter of all paragraph "
        "pairs candidates); "
        "every paragraph is inserted and queried; every candidate pair's estimated Jaccard is "
        "computed. Its F1 is the "
        f"best over keeping candidates with Jaccard >= each of {', '.join(map(str, THRESHOLDS))} "
        "or all of them (chosen on the labels, in its favour).",
        "- Measured: one child process per run; wall time with time.perf_counter; CPU time "
        "(user+sys, workers included) from os.wait4; peak memory is the largest sum of the "
        "proportional resident memory (PSS: a page shared by forked workers counted once) of the "
        "child and its descendants, polled every 0.5 s from /proc (not ru_maxrss: a forked "
        "child's starts from the size of the benchmark process itself).",
        "- F1: pairwise over paragraphs. Predicted pairs: for dedupe every pair inside each "
        "reported cluster (its original and members; clusters are stars and are not merged "
        "with each other), for datasketch every pair inside the clusters that its kept "
        "candidate pairs form (counted, not listed: they chain into huge clusters at 100 MB). "
        "True pairs: the labels "
        "(copy to original; a `document` label as its aligned body paragraphs) closed into "
        "clusters, every pair inside one. Headlines are left out (the labels never make them "
        "paragraph copies); hard negatives count as false positives when linked.",
        "",
        *table(results),
        "",
        "Chance copies: the labels list the copies copygen made on purpose; in a large feed its "
        "shared sentence frames also make some by chance (two unrelated stories with the same "
        "sentence, or the same but for one interchangeable verb: 也是推进/加强智能制造示范工厂…). "
        "A predicted pair outside the labels is judged a chance copy when its two paragraphs "
        "hold such a sentence pair (bench/engine.py chance_copy: the same text once case, width "
        "and punctuation are dropped, at least 20 characters, or the same but for one word of the "
        "generators' own verb and style lists; a changed name or figure never counts). Only "
        "dedupe's predicted pairs are judged (pooling), and both tools are then scored against "
        "the labels plus those pairs:",
        "",
        *chance_table(results),
        "",
        "datasketch by phase (median seconds inside its run) and F1 by threshold:",
        "",
        *sketch_detail(results),
        "",
        "Machine load (1-minute load average at the end of each run, the run itself included; "
        "the machine has 2 cores and is shared with other work): "
        + "; ".join(
            f"{r.corpus.root.name} "
            + (
                ", ".join(f"{x.load:.1f}" for x in r.engine + r.sketch)
                if all(x.load >= 0 for x in r.engine + r.sketch)
                else "not recorded"
            )
            for r in results
        )
        + ".",
        "",
        "Growth with input size:",
        "",
        *growth(results),
        "",
        verdict(results),
        "",
    ]
    return "\n".join(lines)


def _title() -> str:
    return SECTION + (": replayed real text" if KIND == "replay" else "")


def _corpora() -> str:
    if KIND == "replay":
        return (
            f"- Corpora: `bench/replay.py` (version {replay.VERSION}, seed {replay.SEED}): the "
            "real stories of bench/feed.py (openly licensed pages and news, each paragraph once) "
            "replayed as a feed: articles of 3-12 paragraphs of a story, most paragraphs edited "
            "once or twice, some articles republished whole; labels: two paragraphs replaying "
            "one story paragraph are a copy pair (cliques, however the edits went); MB = 10^6 "
            "bytes; paragraphs = blank-line paragraphs, headlines included, the same count for "
            "both tools."
        )
    return (
        f"- Corpora: `bench/copygen.py` seed {SEED} (labelled copies of every kind and hard "
        "negatives, half Chinese, half English); MB = 10^6 bytes; paragraphs = copygen's "
        "blank-line paragraphs, the same count for both tools."
    )


def drop_section(title: str, path: Path = ct.BENCHMARKS) -> None:
    """Remove a section of BENCHMARKS.md (one this one supersedes)."""
    import re

    old = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(title)}[ \t]*\n.*?(?=^## |\Z)", re.M | re.S)
    path.write_text(pattern.sub("", old).rstrip("\n") + "\n", encoding="utf-8")


def _saved(size: float) -> Path:
    return OUT / f"engine-result-{_prefix()}{size:g}mb.json"


def _prefix() -> str:
    """Report and result names of a replay run differ from copygen's: both can be kept."""
    return "replay-" if KIND == "replay" else ""


def save(result: SizeResult, code: str, command: str) -> None:
    """Keep one size's figures, so a long size can be measured in an invocation of its own."""
    data = asdict(result)
    data["corpus"] = {**data["corpus"], "root": str(result.corpus.root)}
    data["corpus"]["headlines"] = sorted(result.corpus.headlines)
    data["meta"] = {"source": code, "command": command}
    _saved(result.corpus.size).write_text(json.dumps(data), encoding="utf-8")


def load(size: float, code: str) -> tuple[SizeResult, str] | None:
    """Figures saved for this size by an earlier invocation on the same snapshot, if any."""
    path = _saved(size)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data["meta"]["source"] != code:
        return None
    c = data["corpus"]
    built = Corpus(
        Path(c["root"]), c["size"], c["mb"], c["files"], c["paragraphs"], frozenset(c["headlines"])
    )
    result = SizeResult(
        built,
        [Run(**r) for r in data["engine"]],
        [Run(**r) for r in data["sketch"]],
        Score(**data["engine_score"]),
        {k: Score(**v) for k, v in data["sketch_scores"].items()},
        data["sketch_phases"],
    )
    if data.get("engine_complete"):
        result.chance = data["chance"]
        result.engine_complete = Score(**data["engine_complete"])
        result.sketch_complete = {k: Score(**v) for k, v in data["sketch_complete"].items()}
    if data.get("engine_links"):
        result.engine_links = Score(**data["engine_links"])
    else:  # saved before link scores were kept: the last report of this size is still there
        report = OUT / f"engine-{_prefix()}{size:g}mb.json"
        if report.is_file():
            found = clusters(report, Locator(built))
            links = ([original, m] for original, members in found for m in members)
            result.engine_links = cluster_score(links, labelled(built))
    return result, data["meta"]["command"]


def main(argv: list[str] | None = None) -> int:
    global MAX_MEMORY_MIB, KIND
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,30,100", help="corpus sizes in MB")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size below --large")
    parser.add_argument("--large", type=float, default=30, help="sizes from here run once")
    parser.add_argument("--quick", action="store_true", help="1 MB, one run, no write-up")
    parser.add_argument(
        "--corpus",
        choices=("copygen", "replay"),
        default="copygen",
        help="copygen's labelled corpora, or replayed real text (bench/replay.py)",
    )
    parser.add_argument("--write", action=argparse.BooleanOptionalAction, default=None)
    parser.add_argument("--timeout", type=float, default=7200, help="seconds per child run")
    parser.add_argument(
        "--max-memory",
        type=float,
        default=MAX_MEMORY_MIB,
        help="MiB of PSS (whole process tree) at which a run is killed",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="take a size's figures from an earlier invocation on the same dedupe/ snapshot "
        "(bench/out/engine-result-*.json) instead of measuring it again",
    )
    args = parser.parse_args(argv)
    MAX_MEMORY_MIB = args.max_memory
    KIND = args.corpus
    sizes = [1.0] if args.quick else sorted(float(s) for s in args.sizes.split(",") if s.strip())
    write = (not args.quick) if args.write is None else args.write
    OUT.mkdir(parents=True, exist_ok=True)
    _held = ct.lock()  # released when the process exits
    info = ct.machine()
    python = ROOT / ".venv/bin/python"
    env, code = ct.snapshot(python)
    ct.say(f"measuring a snapshot of dedupe/ (content hash {code})")
    info["datasketch"] = subprocess.run(
        [str(python), "-c", "import datasketch; print(datasketch.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    command = "python bench/engine.py " + shlex.join(argv if argv is not None else sys.argv[1:])
    results, commands = [], []
    for size in sizes:
        found = load(size, code) if args.reuse else None
        if found is None:
            repeat = 1 if args.quick or size >= args.large else args.repeat
            found = measure(size, repeat, env, args.timeout), command.strip()
            save(found[0], code, found[1])
        else:
            ct.say(f"reusing {found[0].corpus.root.name} as measured by `{found[1]}`")
        results.append(found[0])
        commands.append(found[1])
    info["source"] = code
    if ct.source_hash() != code:
        info["source"] += " (dedupe/ has changed since; these figures are for the snapshot)"
    text = section(results, "`, `".join(dict.fromkeys(commands)), info)
    print(text)
    if write:
        drop_section(OLD_SECTION)
        ct.write_section(text, _title())
        ct.say(f"wrote {ct.BENCHMARKS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
