"""A run larger than memory, streamed through the history index (issue 16), against the
in-memory engine on the same copygen corpus.

For each size: `dedupe scan CORPUS --format json` in memory (up to --memory-mb: above that it
does not fit) and `dedupe scan CORPUS --format json --index TMP --update-index --batch N`
streamed through a temporary index, in the same invocation: wall time, peak memory of the
process tree, the index's size on disk, the pairwise F1 of each against copygen's labels (as
bench/engine.py scores it) and how many of the in-memory run's copy pairs the streamed run finds.

    python bench/stream.py                      # 30 MB both ways, 100 and 1000 MB streamed
    python bench/stream.py --sizes 30 --quick   # one size, writes nothing
"""

from __future__ import annotations

import argparse
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import clean_throughput as ct  # bench/ helpers: say, machine, write_section
import engine

ROOT = engine.ROOT
SECTION = "## history index: a run streamed in batches"


@dataclass(frozen=True)
class Measured:
    size: float
    mb: float
    files: int
    paragraphs: int
    memory: engine.Run | None  # the in-memory run, when it fits
    streamed: engine.Run
    index_mb: float
    f1_memory: float | None
    f1_streamed: float
    agreement: float | None  # share of the in-memory run's copy pairs the streamed run has
    extra: int | None  # streamed pairs the in-memory run does not have
    copies: tuple[int, int, int] | None  # paragraphs flagged as copies: in memory, streamed, both


def measure(size: float, batch: int, memory_mb: float, timeout: float) -> Measured:
    built = engine.corpus(size)
    ct.say(f"corpus {built.root.name}: {built.files} files, {built.mb:.1f} MB")
    env = dict(os.environ)
    scan = [str(ROOT / ".venv/bin/dedupe"), "scan", str(built.root), "--format", "json"]
    wanted, skip = engine.truth(built)
    where = engine.Locator(built)

    def located(doc: str, offset: int) -> engine.Para:
        """An indexed original (doc `index:` + its path) is the corpus file of that name."""
        return where(Path(doc.removeprefix("index:")).name, offset)

    def pairs(report: Path) -> tuple[set[engine.Pair], set[engine.Para]]:
        """The copy pairs of a report, and the paragraphs it flags as copies (a finding each,
        whichever original it names)."""
        found = engine.clusters(report, located)
        return engine.engine_pairs(found, skip), {m for _, members in found for m in members}

    memory = None
    mem_pairs: set[engine.Pair] = set()
    mem_copies: set[engine.Para] = set()
    if size <= memory_mb:
        report = engine.OUT / f"stream-memory-{size:g}mb.json"
        memory = engine.checked(engine.run_child(scan, report, env, timeout), "in-memory scan")
        mem_pairs, mem_copies = pairs(report)
        ct.say(f"  in memory: {memory.wall:.1f} s, {memory.tree_mib:,.0f} MiB")
    with tempfile.TemporaryDirectory(prefix="dedupe-stream-") as folder:
        index = Path(folder) / "run.db"
        report = engine.OUT / f"stream-index-{size:g}mb.json"
        cmd = [*scan, "--index", str(index), "--update-index", "--batch", str(batch)]
        streamed = engine.checked(engine.run_child(cmd, report, env, timeout), "streamed scan")
        index_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
    ct.say(f"  streamed: {streamed.wall:.1f} s, {streamed.tree_mib:,.0f} MiB, {index_mb:.0f} MB")
    st_pairs, st_copies = pairs(report)
    return Measured(
        size,
        built.mb,
        built.files,
        built.paragraphs,
        memory,
        streamed,
        index_mb,
        engine.score(mem_pairs, wanted).f1 if memory else None,
        engine.score(st_pairs, wanted).f1,
        len(mem_pairs & st_pairs) / len(mem_pairs) if memory and mem_pairs else None,
        len(st_pairs - mem_pairs) if memory else None,
        (len(mem_copies), len(st_copies), len(mem_copies & st_copies)) if memory else None,
    )


def write_up(found: list[Measured], batch: int) -> list[str]:
    lines = [
        SECTION,
        "",
        f"`python bench/stream.py` ({_machine()}): copygen corpora (seed "
        f"{engine.SEED}), `dedupe scan --format json` in memory and `--index TMP --update-index "
        f"--batch {batch}` streamed through a temporary index, in the same invocation. Memory is "
        "the peak PSS of the process tree; F1 is pairwise against copygen's labels; agreement is "
        "the share of the in-memory run's copy pairs that the streamed run finds (pairs inside a "
        "cluster, so they change with the original chosen); copies flagged counts the paragraphs "
        "each run reports as copies (one finding each, whatever original it names) and how many "
        "both do.",
        "",
        "| MB | files | paragraphs | in memory s | MiB | streamed s | MiB | ratio | index MB "
        "| F1 in memory | F1 streamed | agreement | extra pairs | copies flagged in memory / "
        "streamed / both |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: |",
    ]
    for m in found:
        mem = m.memory
        cells = [
            f"{m.mb:.0f}",
            f"{m.files:,}",
            f"{m.paragraphs:,}",
            f"{mem.wall:.1f}" if mem else "-",
            f"{mem.tree_mib:,.0f}" if mem else "-",
            f"{m.streamed.wall:.1f}",
            f"{m.streamed.tree_mib:,.0f}",
            f"{m.streamed.wall / mem.wall:.1f}x" if mem else "-",
            f"{m.index_mb:,.0f}",
            f"{m.f1_memory:.4f}" if m.f1_memory is not None else "-",
            f"{m.f1_streamed:.4f}",
            f"{m.agreement:.4f}" if m.agreement is not None else "-",
            f"{m.extra}" if m.extra is not None else "-",
            " / ".join(f"{n:,}" for n in m.copies) if m.copies else "-",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _machine() -> str:
    found = ct.machine()
    return f"{found['date']}, commit {found['commit']}, {found['nproc']} cores of {found['cpu']}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="30,100,1000", help="MB, comma-separated")
    parser.add_argument("--batch", type=int, default=2000, help="documents per batch")
    parser.add_argument("--memory-mb", type=float, default=30, help="largest in-memory run")
    parser.add_argument("--timeout", type=float, default=4 * 3600, help="seconds per run")
    parser.add_argument("--quick", action="store_true", help="write nothing")
    args = parser.parse_args(argv)
    engine.OUT.mkdir(parents=True, exist_ok=True)
    found = [
        measure(float(size), args.batch, args.memory_mb, args.timeout)
        for size in args.sizes.split(",")
    ]
    ct.publish(write_up(found, args.batch), SECTION, write=not args.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
