"""Throughput and peak memory of `dedupe clean` on generated article corpora (run on demand).

Why this shape: the machine has two noisy cores, so every figure is a median over repeated runs,
and every dedupe run is paired with an I/O-only baseline run (bench/io_baseline.py) in the same
invocation; the dedupe/baseline ratio survives noise that absolute seconds do not. Each run is a
separate child process measured with os.wait4, so its peak RSS is that child's alone. Memory is
judged on the two largest sizes (at least twice the files apart): `clean` keeps bounded caches
that fill up over the first corpora, so flat means no growth once they are full, and per-file
state would still show there as growth with every doubling.

    .venv/bin/python bench/clean_throughput.py                 # 25, 100 and 200 MB, 3 runs each
    .venv/bin/python bench/clean_throughput.py --quick         # 5 MB smoke run, no write-up
    .venv/bin/python bench/clean_throughput.py --copies --sizes 1,2   # with the duplicate engine

Results go into the `## clean throughput` section of BENCHMARKS.md (--no-write to skip).
"""

from __future__ import annotations

import argparse
import datetime
import fcntl
import hashlib
import os
import platform
import random
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import corpus

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
BENCHMARKS = ROOT / "BENCHMARKS.md"
SECTION = "## clean throughput"
TARGET_MB_S_PER_CORE = 5.0
# Memory counts as flat when the largest corpus peaks at most this much above the next size,
# which has at most half its files.
FLAT_RSS_GROWTH = 0.05


@dataclass
class Run:
    """One child process: wall seconds, CPU seconds (user+sys), peak RSS, exit code, stderr."""

    wall: float
    cpu: float
    rss_mib: float
    code: int
    stderr: str


@dataclass
class Quality:
    """What `clean` did to a sample of articles, against what the generator knows they hold."""

    articles: int = 0
    body: int = 0
    body_intact: int = 0
    body_merged: int = 0  # present, but inside a larger paragraph
    wraps: int = 0  # body paragraphs the layout split mid-sentence
    wraps_unjoined: int = 0  # both halves present, left as two paragraphs
    body_lost: int = 0  # text missing or changed
    metadata: int = 0
    metadata_lost: int = 0
    chrome: int = 0
    chrome_left: int = 0
    examples: dict[str, list[str]] = field(default_factory=dict)

    def example(self, kind: str, text: str) -> None:
        found = self.examples.setdefault(kind, [])
        if len(found) < 6:
            found.append(text)


@dataclass
class SizeResult:
    """All runs on one corpus."""

    corpus: corpus.Corpus
    dedupe: list[Run]
    baseline: list[Run]
    durable: list[Run]
    quality: Quality
    out_files: int

    @property
    def seconds(self) -> float:
        return statistics.median(r.wall for r in self.dedupe)

    @property
    def mb_s(self) -> float:
        return self.corpus.mb / self.seconds

    @property
    def cores(self) -> float:
        """CPU seconds per wall second: how many cores the run kept busy."""
        return statistics.median(r.cpu / r.wall for r in self.dedupe)

    @property
    def mb_s_core(self) -> float:
        """Throughput per core used; a run using less than one core counts as one."""
        return self.mb_s / max(1.0, self.cores)

    @property
    def mb_cpu_s(self) -> float:
        """Input MB per CPU second: the figure least disturbed by other load on the machine."""
        return self.corpus.mb / statistics.median(r.cpu for r in self.dedupe)

    @property
    def rss(self) -> float:
        return max(r.rss_mib for r in self.dedupe)

    @property
    def base_seconds(self) -> float:
        return statistics.median(r.wall for r in self.baseline)

    @property
    def durable_seconds(self) -> float:
        return statistics.median(r.wall for r in self.durable)


def run_child(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> Run:
    """Run one command; os.wait4 gives the resource usage of exactly this child.

    A child still running after `timeout` seconds is killed and reported as failed (exit -9).
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, env=env)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, text)


def source_hash(package: Path = ROOT / "dedupe") -> str:
    """Content hash of the package sources: the commit alone does not name a dirty tree."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def snapshot(python: Path) -> tuple[dict[str, str], str]:
    """Copy dedupe/ aside and point the dedupe children at the copy (PYTHONPATH).

    Why: the package is installed in editable mode while other people edit it, so without a
    snapshot the runs of one invocation could each measure different code.
    """
    digest = source_hash()
    target = OUT / f"src-{digest}"
    if not (target / "dedupe").is_dir():
        shutil.copytree(
            ROOT / "dedupe", target / "dedupe", ignore=shutil.ignore_patterns("__pycache__")
        )
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = "import sys; sys.path.pop(0); import dedupe; print(dedupe.__file__)"
    found = subprocess.run(
        [str(python), "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    if not found.startswith(str(target)):
        raise SystemExit(f"snapshot not picked up: dedupe imported from {found}")
    return env, digest


def lock() -> TextIO:
    """Hold bench/out/.lock for the whole invocation: two benchmarks at once share the output
    folders and the two cores, and would spoil each other's figures (this happened)."""
    handle = (OUT / ".lock").open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        raise SystemExit(
            f"another benchmark is running (lock bench/out/.lock, {handle.read().strip()}); "
            "wait for it to finish"
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}\n")
    handle.flush()
    return handle


def fresh(path: Path) -> Path:
    """An empty output folder (removed outside the timed part of a run)."""
    if path.exists():
        shutil.rmtree(path)
    return path


# By default the foundation stages only: the duplicate engine (on by default in `clean`) has its
# own benchmark; --copies measures it here too, on small corpora.
FOUNDATION = ("--no-copies",)


def dedupe_cmd(dedupe: Path, src: Path, dst: Path, extra: tuple[str, ...]) -> list[str]:
    return [str(dedupe), "clean", str(src), "-o", str(dst), "--quiet", *extra]


def baseline_cmd(python: Path, src: Path, dst: Path, *, durable: bool) -> list[str]:
    cmd = [str(python), str(BENCH / "io_baseline.py"), str(src), str(dst)]
    return [*cmd, "--fsync"] if durable else cmd


def measure(
    size: float,
    repeat: int,
    dedupe: Path,
    python: Path,
    sample: int,
    env: dict[str, str] | None,
    extra: tuple[str, ...] = FOUNDATION,
    timeout: float = 3600,
    log: bool = True,
) -> SizeResult:
    """Generate (or reuse) the corpus, then interleave baseline and dedupe runs `repeat` times.

    Interleaving spreads machine noise over both; one untimed baseline run warms the page cache.
    """
    t0 = time.perf_counter()
    built = corpus.generate(size)
    say(
        f"corpus {built.root.name}: {built.files} files, {built.mb:.1f} MB "
        f"({time.perf_counter() - t0:.1f} s)",
        log,
    )
    dst = OUT / f"clean-{size:g}mb"
    base_dst = OUT / f"copy-{size:g}mb"
    run_child(baseline_cmd(python, built.root, fresh(base_dst), durable=False))
    # One untimed run on the samples compiles the snapshot's .pyc files.
    checked(run_child(dedupe_cmd(dedupe, ROOT / "samples", fresh(dst), extra), env, timeout))
    dedupe_runs: list[Run] = []
    base_runs: list[Run] = []
    durable_runs: list[Run] = []
    for i in range(repeat):
        base_runs.append(
            checked(run_child(baseline_cmd(python, built.root, fresh(base_dst), durable=False)))
        )
        durable_runs.append(
            checked(run_child(baseline_cmd(python, built.root, fresh(base_dst), durable=True)))
        )
        run = checked(run_child(dedupe_cmd(dedupe, built.root, fresh(dst), extra), env, timeout))
        dedupe_runs.append(run)
        say(
            f"  run {i + 1}/{repeat}: dedupe {run.wall:.2f} s ({run.cpu:.2f} s CPU, "
            f"{run.rss_mib:.0f} MiB), baseline {base_runs[-1].wall:.2f} s, "
            f"baseline+fsync {durable_runs[-1].wall:.2f} s",
            log,
        )
        if run.stderr.strip():
            say(f"  dedupe stderr: {run.stderr.strip()[:400]}", log)
    out_files = sum(1 for _ in dst.rglob("*.txt"))
    quality = check_quality(built, dst, sample)
    shutil.rmtree(base_dst, ignore_errors=True)
    return SizeResult(built, dedupe_runs, base_runs, durable_runs, quality, out_files)


def checked(run: Run) -> Run:
    """Stop the benchmark when a child fails: its timing would mean nothing."""
    if run.code == -signal.SIGKILL:
        raise SystemExit(f"child killed after {run.wall:.0f} s (--timeout); no figures written")
    if run.code != 0:
        raise SystemExit(f"child failed with exit code {run.code}:\n{run.stderr.strip()[-2000:]}")
    return run


def say(message: str, log: bool = True) -> None:
    if log:
        print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Quality sanity check: did body text survive and chrome go?
# ---------------------------------------------------------------------------------------------
def _norm(text: str, lang: str) -> str:
    """Whitespace-insensitive form: Chinese drops it, English collapses it."""
    return "".join(text.split()) if lang == "zh" else " ".join(text.split())


def check_quality(built: corpus.Corpus, out: Path, sample: int) -> Quality:
    """Rebuild `sample` articles from their seeds and compare them with their cleaned output.

    This is a sanity check on the benchmark input, not a quality metric: it catches a run that
    is fast because it threw the text away.
    """
    q = Quality()
    indexes = sorted(random.Random(7).sample(range(built.files), min(sample, built.files)))
    for index in indexes:
        art = corpus.article(index)
        path = out / art.rel
        if not path.is_file():
            q.example("output file missing", art.rel)
            continue
        cleaned = path.read_text(encoding="utf-8")
        q.articles += 1
        paragraphs = {_norm(p, art.lang) for p in re.split(r"\n[ \t]*\n", cleaned) if p.strip()}
        lines = {_norm(line, art.lang) for line in cleaned.splitlines() if line.strip()}
        whole = _norm(cleaned, art.lang)
        for number, text in enumerate(art.body):
            q.body += 1
            n = _norm(text, art.lang)
            halves = [_norm(half, art.lang) for half in art.wrapped.get(number, ())]
            if halves:
                q.wraps += 1
            if n in paragraphs:
                q.body_intact += 1
            elif halves and all(half in paragraphs for half in halves):
                q.wraps_unjoined += 1
                q.example("wrap not joined (both halves kept)", f"{art.rel}: {halves[0][-50:]}")
            elif any(n in p for p in paragraphs):
                q.body_merged += 1
                q.example("body merged with a neighbour", f"{art.rel}: {text[:60]}")
            else:
                q.body_lost += 1
                q.example("body text lost or altered", f"{art.rel}: {text[:70]}")
        for text in art.metadata:
            q.metadata += 1
            if _norm(text, art.lang) not in lines:
                q.metadata_lost += 1
                q.example("metadata line removed", f"{art.rel}: {text}")
        for text in art.chrome:
            q.chrome += 1
            n = _norm(text, art.lang)
            if n in lines or (len(n) >= 8 and n in whole):
                q.chrome_left += 1
                q.example("chrome left in output", f"{art.rel}: {text}")
    return q


# ---------------------------------------------------------------------------------------------
# Write-up
# ---------------------------------------------------------------------------------------------
def machine() -> dict[str, str]:
    """Date, commit, CPU and Python: what a reader needs to compare figures across runs."""
    model = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    commit = git("rev-parse", "--short", "HEAD")
    dirty = git("status", "--porcelain", "--", "dedupe")
    python = (
        subprocess.run(
            [str(ROOT / ".venv/bin/python"), "-c", "import sys; print(sys.version.split()[0])"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        or platform.python_version()
    )
    return {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "commit": commit + (" (plus uncommitted changes under dedupe/)" if dirty else ""),
        "cpu": model,
        "nproc": str(len(os.sched_getaffinity(0))),
        "python": python,
        "platform": platform.platform(terse=True),
    }


def git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def table(results: list[SizeResult]) -> list[str]:
    """The figures as a Markdown table, one row per corpus size."""
    rows = [
        "| corpus | files | input MB | dedupe median s (runs) | MB/s | cores used | MB/s per core "
        "| MB per CPU s | peak RSS MiB | baseline median s | baseline+fsync median s "
        "| dedupe / baseline | dedupe / baseline+fsync |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        runs = ", ".join(f"{x.wall:.1f}" for x in r.dedupe)
        rows.append(
            f"| {r.corpus.root.name} | {r.corpus.files:,} | {r.corpus.mb:.1f} "
            f"| {r.seconds:.2f} ({runs}) | {r.mb_s:.2f} | {r.cores:.2f} | {r.mb_s_core:.2f} "
            f"| {r.mb_cpu_s:.2f} | {r.rss:.0f} | {r.base_seconds:.2f} | {r.durable_seconds:.2f} "
            f"| {r.seconds / r.base_seconds:.1f}x | {r.seconds / r.durable_seconds:.1f}x |"
        )
    return rows


def memory_line(results: list[SizeResult]) -> tuple[str, bool | None]:
    """Peak RSS from the smallest to the largest corpus, and whether the last step (at least
    twice the files) counts as flat."""
    if len(results) < 2:
        return "Only one corpus size was run, so memory growth was not measured.", None
    small, before, large = results[0], results[-2], results[-1]
    steps = ", ".join(f"{r.rss:.0f} MiB at {r.corpus.files:,} files" for r in results)
    growth = large.rss / before.rss - 1
    doubled = large.corpus.files >= 2 * before.corpus.files
    flat = growth < FLAT_RSS_GROWTH if doubled else None
    line = (
        f"Peak RSS: {steps}. From the smallest to the largest corpus "
        f"({large.corpus.files / small.corpus.files:.1f}x the files): "
        f"{large.rss / small.rss - 1:+.0%}; over the last step "
        f"({large.corpus.files / before.corpus.files:.1f}x the files): {growth:+.1%}."
    )
    return line, flat


def quality_line(q: Quality) -> str:
    return (
        f"Sanity check on {q.articles} sampled outputs of the largest corpus: "
        f"{q.body_intact}/{q.body} body paragraphs come out whole; of the rest, "
        f"{q.wraps_unjoined} are print-layout wraps left unjoined (both halves kept; "
        f"{q.wraps} wraps in the sample), {q.body_merged} were merged with a neighbour and "
        f"{q.body_lost} lost text. {q.metadata - q.metadata_lost}/{q.metadata} headline, byline "
        f"and dateline lines kept; {q.chrome - q.chrome_left}/{q.chrome} chrome lines removed."
    )


def reading(results: list[SizeResult], flat: bool | None) -> str:
    """One paragraph against the targets: >= 5 MB/s of input per core, flat memory."""
    large = results[-1]
    waits = (
        "; CPU time / wall time is below 1 because it also waits on fsync and, on this shared "
        "machine, for a free core"
        if large.cores < 0.97
        else ""
    )
    speed = (
        f"At {large.corpus.mb:.0f} MB `dedupe clean` ran at {large.mb_s:.2f} MB/s on "
        f"{large.cores:.2f} cores' worth of CPU ("
        + (
            "a single process that never kept more than one core busy"
            if large.cores <= 1.05
            else "more than one core busy"
        )
        + f"{waits}), so {large.mb_s_core:.2f} MB/s per core "
        f"({large.mb_cpu_s:.2f} MB per CPU second): "
    )
    if large.mb_s_core >= TARGET_MB_S_PER_CORE:
        speed += f"the target of {TARGET_MB_S_PER_CORE:g} MB/s per core is met "
    else:
        speed += (
            f"the target of {TARGET_MB_S_PER_CORE:g} MB/s per core is NOT met "
            f"({TARGET_MB_S_PER_CORE / large.mb_s_core:.1f}x too slow) "
        )
    fsync_share = large.durable_seconds - large.base_seconds
    speed += (
        f"and the run takes {large.seconds / large.base_seconds:.1f}x the I/O-only baseline. "
        f"On this disk, durable writes (temp file, fsync, rename and folder fsync per file) would "
        f"take about {fsync_share:.1f} s more than plain writes, against a {large.seconds:.1f} s "
        "run"
        + (
            ": not what stands between `clean` and the target. "
            if fsync_share < 0.25 * large.seconds
            else ": a large share, if `clean` fsyncs every output. "
        )
    )
    if flat is None:
        memory = (
            "Memory growth was not judged: it takes two sizes, the larger with at least twice "
            "the files."
        )
    elif flat:
        before = results[-2]
        memory = (
            f"Peak memory is flat: {before.rss:.0f} MiB at {before.corpus.files:,} files against "
            f"{large.rss:.0f} MiB at {large.corpus.files:,} files (within "
            f"{FLAT_RSS_GROWTH:.0%}), so the target is met; what grows before that is bounded "
            "caches filling up."
        )
    else:
        before = results[-2]
        extra = (large.rss - before.rss) * 1024 / (large.corpus.files - before.corpus.files)
        memory = (
            f"Peak memory is NOT flat by the {FLAT_RSS_GROWTH:.0%} criterion: it grows from "
            f"{before.rss:.0f} MiB to {large.rss:.0f} MiB between the two largest corpora "
            f"(about {extra:.1f} KiB per extra file), so the target is not met."
        )
    return speed + memory


def section(
    results: list[SizeResult],
    command: str,
    info: dict[str, str],
    repeat: int,
    title: str = SECTION,
    extra: tuple[str, ...] = FOUNDATION,
) -> str:
    """The `## clean throughput` section of BENCHMARKS.md."""
    mem, flat = memory_line(results)
    lines = [
        title,
        "",
        f"Command: `{command}` (generated corpora, {repeat} runs per size, medians; each "
        "dedupe run paired with I/O-only baseline runs in the same invocation).",
        "",
        f"- Date: {info['date']}",
        f"- Commit: {info['commit']}; dedupe/ content hash {info['source']}",
        f"- Machine: {info['nproc']} cores, {info['cpu']}, {info['platform']}",
        f"- Python: {info['python']}",
        f"- Measured: `{shlex.join(['dedupe', 'clean', 'CORPUS', '-o', 'OUT', '--quiet', *extra])}`"
        + (
            " (the foundation stages; the duplicate engine has its own benchmark)"
            if extra == FOUNDATION
            else " (with the duplicate engine)"
        )
        + ", one child process per run; wall time "
        "with time.perf_counter, CPU time and peak RSS of that child from os.wait4. MB = 10^6 "
        "bytes of input. Baseline: bench/io_baseline.py reads, decodes and writes every file "
        "(plain writes); baseline+fsync writes durably (temp file, fsync, rename, "
        "folder fsync), the cost of `write_atomic` when it fsyncs.",
        "",
        *table(results),
        "",
        mem,
        "",
        quality_line(results[-1].quality)
        + (
            ""
            if extra == FOUNDATION
            else " With the duplicate engine on, sentences that recur across articles are cut as "
            "copies by design, and this generator builds its sentences from a few frames, so "
            "most 'lost' paragraphs lost such sentences: here this line is no quality measure "
            "(bench/copygen.py's labelled corpora are)."
        ),
        "",
        reading(results, flat),
        "",
    ]
    return "\n".join(lines)


def publish(lines: list[str], title: str, write: bool) -> None:
    """Print a section's lines, and unless told not to, put them in BENCHMARKS.md."""
    text = "\n".join(lines)
    print(text)
    if write:
        write_section(text, title)


def write_section(text: str, title: str = SECTION, path: Path = BENCHMARKS) -> None:
    """Replace (or append) the section, keeping every other section as it was."""
    if path.exists():
        old = path.read_text(encoding="utf-8")
    else:
        old = "# Benchmarks\n\nFigures from the on-demand scripts in bench/ (never run by tests).\n"
    pattern = re.compile(rf"^{re.escape(title)}[ \t]*$.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(old):
        new = pattern.sub(lambda _: text + "\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Parse flags, measure every size, print the table and (by default) write it down."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="25,100,200", help="corpus sizes in MB, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size")
    parser.add_argument("--quick", action="store_true", help="5 MB, one run, no write-up")
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="write the results into BENCHMARKS.md (default: on, off with --quick)",
    )
    parser.add_argument("--sample", type=int, default=300, help="articles checked for sanity")
    parser.add_argument(
        "--copies",
        action="store_true",
        help="keep the duplicate engine on (slow: use small --sizes); own BENCHMARKS.md section",
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds before a child run is killed"
    )
    parser.add_argument(
        "--snapshot",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="measure a copy of dedupe/ taken at the start (default) or the live tree",
    )
    parser.add_argument("--dedupe", type=Path, default=ROOT / ".venv/bin/dedupe")
    parser.add_argument("--python", type=Path, default=ROOT / ".venv/bin/python")
    args = parser.parse_args(argv)
    sizes = [5.0] if args.quick else [float(s) for s in args.sizes.split(",") if s.strip()]
    repeat = 1 if args.quick and "--repeat" not in (argv or sys.argv) else args.repeat
    write = (not args.quick) if args.write is None else args.write
    if repeat < 1 or not sizes:
        parser.error("need at least one size and one run")
    OUT.mkdir(parents=True, exist_ok=True)
    _held = lock()  # released when the process exits

    info = machine()  # before the runs: the commit that matches the snapshot
    if args.snapshot:
        env, code = snapshot(args.python)
        say(f"measuring a snapshot of dedupe/ (content hash {code})")
    else:
        env, code = None, source_hash()
    extra = () if args.copies else FOUNDATION
    title = f"{SECTION} (copies on)" if args.copies else SECTION
    results = [
        measure(size, repeat, args.dedupe, args.python, args.sample, env, extra, args.timeout)
        for size in sorted(sizes)
    ]
    info["source"] = code
    if not args.snapshot and source_hash() != code:
        info["source"] += " (WARNING: dedupe/ changed during the runs; they measured mixed code)"
    elif source_hash() != code:
        info["source"] += " (dedupe/ has changed since; these figures are for the snapshot)"
    command = "python bench/clean_throughput.py " + shlex.join(
        argv if argv is not None else sys.argv[1:]
    )
    text = section(results, command.strip(), info, repeat, title, extra)
    print(text)
    for kind, found in results[-1].quality.examples.items():
        print(f"{kind}:", *found, sep="\n  ", file=sys.stderr)
    for r in results:
        if r.out_files != r.corpus.files:
            print(
                f"warning: {r.corpus.root.name}: {r.out_files} outputs for {r.corpus.files} inputs",
                file=sys.stderr,
            )
    if write:
        write_section(text, title)
        print(f"wrote {BENCHMARKS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
