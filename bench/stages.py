"""Where a `dedupe scan --format json` run spends its time, stage by stage (issue 15, done-means 4).

The run is made in this process, through the CLI, with a timer around each stage function (a
module attribute, so calls from inside the engine are timed too); workers fork from it as in a
real run, so a stage's wall time includes its workers. Stages nest (minhash is part of
candidate links): each row is inclusive, indented under its parent. Against it, the floor of
the same bytes: reading every file, and a bare read plus a CRC-32 of them (C speed, one core).

    .venv/bin/python bench/stages.py --corpus replay --size 10     # replayed real text
    .venv/bin/python bench/stages.py --corpus copygen --size 10 --quick
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import io
import os
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import clean_throughput as ct  # bench/ helpers: say, machine, publish
import engine

SECTION = "## where the time goes: stages of one run"

# (module, attribute, label, depth): the stages, in pipeline order, with their nesting.
STAGES = (
    ("dedupe.pipeline", "process", "whole pipeline (read .. clean)", 0),
    ("dedupe.pipeline", "site_templates", "site templates counted", 1),
    ("dedupe.pipeline", "_line_index", "line index (teasers)", 1),
    ("dedupe.pipeline", "prepare_all", "boilerplate + repair + segmentation", 1),
    ("dedupe.engine.copies", "match", "copies: match", 1),
    ("dedupe.engine.copies", "units", "sentence units + keys", 2),
    ("dedupe.engine.copies", "_links", "links", 2),
    ("dedupe.engine.fingerprint", "minhash", "MinHash (side candidates meanwhile)", 3),
    ("dedupe.engine.candidates", "lsh_pairs", "LSH bands -> candidate pairs", 3),
    ("dedupe.engine.copies", "_scored", "mentions + rapidfuzz scoring", 3),
    ("dedupe.engine.copies", "_verified", "kinds: shapes, swaps, diffs", 3),
    ("dedupe.engine.copies", "_settled_stars", "stars", 2),
    ("dedupe.engine.copies", "_leftovers", "short leftovers", 2),
    ("dedupe.engine.explain", "clusters", "explain: clusters (diffs, swaps, jieba)", 1),
    ("dedupe.engine.explain", "duplicates", "duplicate documents", 1),
    ("dedupe.cleanup.clean", "apply_copies", "cut copies out (per document)", 1),
)


@dataclass
class Timers:
    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)
    _active: set[str] = field(default_factory=set)

    def wrap(self, label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if label in self._active:  # a recursive call: the outer one counts
                return fn(*args, **kwargs)
            self._active.add(label)
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self._active.discard(label)
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - start
                self.calls[label] = self.calls.get(label, 0) + 1

        return timed


@contextlib.contextmanager
def timed_stages(timers: Timers) -> Iterator[None]:
    import importlib

    saved = []
    for module_name, attr, label, _ in STAGES:
        module = importlib.import_module(module_name)
        original = getattr(module, attr)
        saved.append((module, attr, original))
        setattr(module, attr, timers.wrap(label, original))
    try:
        yield
    finally:
        for module, attr, original in saved:
            setattr(module, attr, original)


def floors(root: Path) -> tuple[float, float, int]:
    """Seconds to read every file, and to read and CRC-32 them; bytes read."""
    files = sorted(root.glob("d*.txt"))
    start = time.perf_counter()
    size = sum(len(p.read_bytes()) for p in files)
    read = time.perf_counter() - start
    start = time.perf_counter()
    for p in files:
        zlib.crc32(p.read_bytes())
    return read, time.perf_counter() - start, size


def run_scan(root: Path, out: Path) -> float:
    """`dedupe scan ROOT --format json` in this process; its wall seconds."""
    from dedupe import cli

    start = time.perf_counter()
    with (
        out.open("w", encoding="utf-8") as sink,
        contextlib.redirect_stdout(sink),
        contextlib.suppress(SystemExit),
    ):
        cli.main(["scan", str(root), "--format", "json"])
    return time.perf_counter() - start


def section(kind: str, built: engine.Corpus, wall: float, timers: Timers) -> list[str]:
    read, crc, size = floors(built.root)
    info = ct.machine()
    lines = [
        SECTION,
        "",
        f"`python bench/stages.py --corpus {kind} --size {built.size:g}` ({info['date']}, "
        f"commit {info['commit']}, {info['cpu']}, Python {info['python']}): one "
        f"`dedupe scan --format json` of {built.root.name} ({built.files:,} files, "
        f"{built.paragraphs:,} paragraphs, {size / 1e6:.1f} MB) in this process, a timer "
        "around each stage function; rows are inclusive (a stage's sub-stages are indented "
        "under it) and include the stage's workers.",
        "",
        "| stage | calls | seconds | share of the run |",
        "|---|---:|---:|---:|",
    ]
    for _, _, label, depth in STAGES:
        if label in timers.seconds:
            s = timers.seconds[label]
            name = "&nbsp;&nbsp;" * depth + label
            lines.append(f"| {name} | {timers.calls[label]:,} | {s:.2f} | {s / wall:.0%} |")
    rest = wall - timers.seconds.get(STAGES[0][2], 0.0)
    lines += [
        f"| reading inputs, JSON report, start-up (the rest) | | {rest:.2f} | {rest / wall:.0%} |",
        f"| **whole scan** | 1 | **{wall:.2f}** | 100% |",
        "",
        f"Floor of the same bytes: read every file {read:.2f} s; read and CRC-32 them "
        f"{crc:.2f} s ({size / 1e6 / max(crc, 1e-9):,.0f} MB/s, one core).",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=("replay", "copygen"), default="replay")
    parser.add_argument("--size", type=float, default=10, help="corpus size in MB")
    parser.add_argument("--quick", action="store_true", help="print, write nothing")
    args = parser.parse_args(argv)
    engine.KIND = args.corpus
    built = engine.corpus(args.size)
    ct.say(f"corpus {built.root.name}: {built.files} files, {built.mb:.1f} MB")
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    timers = Timers()
    with timed_stages(timers), contextlib.redirect_stderr(io.StringIO()):
        wall = run_scan(built.root, engine.OUT / f"stages-{args.corpus}-{args.size:g}mb.json")
    ct.publish(section(args.corpus, built, wall, timers), SECTION, not args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
