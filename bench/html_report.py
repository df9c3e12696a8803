"""Size and opening time of the HTML review report (`--html`) on generated corpora (on demand).

Targets (issue 4): the report over 100 MB of input stays under 50 MB on disk and opens in the
browser in under 5 seconds. The report is made by `dedupe scan CORPUS --format json --html FILE`
(by default with --no-copies: the duplicate engine is far too slow for 100 MB today, see
"clean throughput (copies on)"); it is opened in Debian's chromium through Playwright, as the
browser tests do, in a fresh page each time, and timed from navigation to the script's
"ready" mark (the first view rendered), median of --repeat runs.

    .venv/bin/python bench/html_report.py                     # 100 MB (about 2 minutes)
    .venv/bin/python bench/html_report.py --sizes 5 --no-write
    .venv/bin/python bench/html_report.py --sizes 1 --copies  # with the duplicate engine
    .venv/bin/python bench/html_report.py --sizes 1,10 --copies --corpus copygen
    .venv/bin/python bench/html_report.py --sizes corpus:1,copygen:1,copygen:10 --copies

`--corpus corpus` (the default) is bench/corpus.py: articles built from a few sentence frames, so
with the duplicate engine on nearly every paragraph is a copy (the extreme case). `--corpus
copygen` is bench/copygen.py (seed 7), the duplicate engine's labelled corpus: a realistic share
of copies of every kind. A size may name its generator (`copygen:10`).

Results go into the `## HTML report` section of BENCHMARKS.md (--no-write to skip).
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import copygen
import corpus
from clean_throughput import BENCHMARKS, OUT, ROOT, machine, run_child, write_section

from dedupe.report import html as report_html

SECTION = "## HTML report"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAX_SHARE = 0.5
MAX_OPEN_SECONDS = 5.0


@dataclass
class Result:
    corpus: corpus.Corpus
    seconds: float  # the dedupe run that wrote the report
    rss_mib: float
    html_bytes: int
    findings: int
    clusters: int
    opens: list[float]  # navigation to the ready mark, seconds
    ready_ms: list[int]  # the page's own performance.now() at the ready mark
    findings_view: float  # seconds to show the first page of findings ("3")
    search: float  # seconds to filter every finding by a search word
    requests: int  # requests the page made (1: the file itself)
    members: int  # paragraphs shown as copies
    summarized: int  # of them, shown as summary rows only (past the report's detail budget)
    cluster_bytes: int  # of the embedded data, what the copy clusters take
    data_bytes: int

    @property
    def share(self) -> float:
        return self.html_bytes / self.corpus.bytes


COPYGEN_SEED = 7


def copygen_corpus(size: float) -> corpus.Corpus:
    """bench/copygen.py's corpus of `size` MB in bench/out/ (reused when already built)."""
    root = OUT / f"copygen-{size:g}mb"
    stamp = root / "stamp.json"
    want = {"copygen": copygen.VERSION, "seed": COPYGEN_SEED, "mb": size}
    if not (stamp.is_file() and json.loads(stamp.read_text())["built"] == want):
        made = copygen.generate(COPYGEN_SEED, int(size * copygen.MB))
        made.write(root)
        info = {"built": want, "files": len(made.documents), "bytes": made.bytes}
        stamp.write_text(json.dumps(info), encoding="utf-8")
    info = json.loads(stamp.read_text())
    return corpus.Corpus(root, info["files"], info["bytes"])


def make_report(
    size: float, *, copies: bool, dedupe: Path, timeout: float, source: str = "corpus"
) -> tuple[Path, Any]:
    built = copygen_corpus(size) if source == "copygen" else corpus.generate(size)
    name = f"{'copygen' if source == 'copygen' else 'report'}-{size:g}mb"
    target = OUT / f"{name}{'-copies' if copies else ''}.html"
    cmd = [str(dedupe), "scan", str(built.root), "--format", "json", "--html", str(target)]
    if not copies:
        cmd.append("--no-copies")
    print(f"{built.root.name}: {shlex.join(cmd)}", file=sys.stderr)
    run = run_child(cmd, timeout=timeout)
    if run.code != 0:
        raise SystemExit(f"dedupe failed ({run.code}): {run.stderr[-2000:]}")
    return target, (built, run)


def data_of(page: str) -> dict[str, Any]:
    found = re.search(
        r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S
    )
    assert found is not None, "no report data in the page"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def wait_until(page: Any, expression: str, seconds: float = 60.0) -> None:
    deadline = time.perf_counter() + seconds
    while not page.evaluate(expression):
        if time.perf_counter() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.01)


def open_times(path: Path, repeat: int) -> tuple[list[float], list[int], float, float, int]:
    """Open the report `repeat` times in fresh pages; time the findings view and a search once."""
    from playwright.sync_api import sync_playwright

    opens, ready, requests = [], [], 0
    view = search = 0.0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in range(repeat):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            seen: list[str] = []
            page.on("request", lambda r, seen=seen: seen.append(r.url))
            started = time.perf_counter()
            page.goto(path.resolve().as_uri(), timeout=120_000)
            page.wait_for_selector("body[data-ready]", timeout=120_000)
            opens.append(time.perf_counter() - started)
            ready.append(int(page.evaluate("document.body.dataset.ready")))
            requests = max(requests, len(seen))
            if n == 0:
                started = time.perf_counter()
                page.keyboard.press("3")
                wait_until(page, "document.querySelectorAll('article.finding').length > 0")
                view = time.perf_counter() - started
                total = page.inner_text(".pager span:last-child")
                started = time.perf_counter()
                page.fill("#f-q", "advertisement")
                wait_until(
                    page,
                    f"!document.querySelector('.pager') || document.querySelector("
                    f"'.pager span:last-child').textContent !== {json.dumps(total)}",
                )
                search = time.perf_counter() - started
            context.close()
        browser.close()
    return opens, ready, view, search, requests


def measure(item: str, args: argparse.Namespace) -> Result:
    source, _, size = item.rpartition(":")
    path, (built, run) = make_report(
        float(size),
        copies=args.copies,
        dedupe=args.dedupe,
        timeout=args.timeout,
        source=source or args.corpus,
    )
    page = path.read_text(encoding="utf-8")
    data = data_of(page)
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    opens, ready, view, search, requests = open_times(path, args.repeat)
    return Result(
        corpus=built,
        seconds=run.wall,
        rss_mib=run.rss_mib,
        html_bytes=path.stat().st_size,
        findings=sum(data["kinds"].values()),
        clusters=len(data["clusters"]),
        opens=opens,
        ready_ms=ready,
        findings_view=view,
        search=search,
        requests=requests,
        members=sum(len(c[4]) for c in data["clusters"]),
        summarized=data["summarized"],
        cluster_bytes=len(json.dumps(data["clusters"], **compact).encode()),
        data_bytes=len(json.dumps(data, **compact).encode()),
    )


def section(results: list[Result], command: str, info: dict[str, str], copies: bool) -> str:
    rows = [
        "| corpus | files | input MB | findings | clusters | copies (summary rows) | dedupe s "
        "| peak RSS MiB | HTML MB | HTML / input | clusters / HTML | open s median (runs) "
        "| ready ms (page clock) | findings view s | search s | requests |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in results:
        runs = ", ".join(f"{s:.2f}" for s in r.opens)
        rows.append(
            f"| {r.corpus.root.name} | {r.corpus.files:,} | {r.corpus.bytes / 1e6:.1f} "
            f"| {r.findings:,} | {r.clusters:,} | {r.members:,} ({r.summarized:,}) "
            f"| {r.seconds:.1f} | {r.rss_mib:.0f} "
            f"| {r.html_bytes / 1e6:.2f} | {r.share:.1%} | {r.cluster_bytes / r.html_bytes:.0%} "
            f"| {statistics.median(r.opens):.2f} ({runs}) "
            f"| {round(statistics.median(r.ready_ms)):,} | {r.findings_view:.2f} | {r.search:.2f} "
            f"| {r.requests} |"
        )
    last = results[-1]
    size_ok = "met" if last.share < MAX_SHARE else "NOT met"
    open_ok = "met" if statistics.median(last.opens) < MAX_OPEN_SECONDS else "NOT met"
    reading = (
        f"At {last.corpus.bytes / 1e6:.0f} MB of input the report is "
        f"{last.html_bytes / 1e6:.1f} MB ({last.share:.1%} of the input; target under "
        f"{MAX_SHARE:.0%}: {size_ok}) and holds {last.findings:,} findings; it opens in "
        f"{statistics.median(last.opens):.2f} s (median; target under {MAX_OPEN_SECONDS:.0f} s: "
        f"{open_ok}), and the page made {last.requests} request(s), the file itself."
    )
    if copies:
        shares = ", ".join(f"{r.corpus.root.name} {r.share:.1%}" for r in results)
        worst = max(results, key=lambda r: r.share)
        slowest = max(results, key=lambda r: statistics.median(r.opens))
        reading = (
            f"HTML / input: {shares}; the largest is {worst.share:.1%} (target under "
            f"{MAX_SHARE:.0%}: {'met' if worst.share < MAX_SHARE else 'NOT met'}), and the "
            f"slowest open {statistics.median(slowest.opens):.2f} s (target under "
            f"{MAX_OPEN_SECONDS:.0f} s: "
            f"{'met' if statistics.median(slowest.opens) < MAX_OPEN_SECONDS else 'NOT met'}); "
            "every page made 1 request, the file itself."
            if all(r.requests == 1 for r in results)
            else "a page made a request other than the file itself."
        )
        reading += (
            " The copy clusters' details (texts, differences, sentence rows) share one budget: "
            f"what the rest of the report leaves of {report_html.TOTAL_SHARE:.0%} of the input's "
            f"bytes, at most {report_html.DETAIL_SHARE:.0%}, at least "
            f"{report_html.DETAIL_FLOOR / 1000:.0f} kB; copies past it are summary rows (where, "
            "kind, similarity, containment, removed, swaps), and the Copies view says how many "
            "and points to the JSON report for the rest."
        )
    engine = (
        "with the duplicate engine" if copies else "`--no-copies`: boilerplate, metadata, joins"
    )
    return "\n".join(
        [
            SECTION,
            "",
            f"Command: `{command}` ({engine}; Debian chromium via Playwright, a fresh page per "
            "open).",
            "",
            f"- Date: {info['date']}",
            f"- Commit: {info['commit']}",
            f"- Machine: {info['nproc']} cores, {info['cpu']}, {info['platform']}",
            f"- Python: {info['python']}",
            "- Measured: the dedupe run that writes the report (wall time, peak RSS); the report's "
            "size on disk; the time from navigation to the page's ready mark (first view drawn); "
            "the time to draw the first page of findings and to filter all findings by a search "
            "word. MB = 10^6 bytes.",
            "",
            *rows,
            "",
            reading,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100", help="corpus sizes in MB, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="times each report is opened")
    parser.add_argument("--copies", action="store_true", help="keep the duplicate engine on")
    parser.add_argument(
        "--corpus", choices=("corpus", "copygen"), default="corpus", help="corpus generator"
    )
    parser.add_argument("--write", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--dedupe", type=Path, default=ROOT / ".venv/bin/dedupe")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    info = machine()
    results = [measure(s.strip(), args) for s in args.sizes.split(",") if s.strip()]
    command = "python bench/html_report.py " + shlex.join(
        argv if argv is not None else sys.argv[1:]
    )
    title = f"{SECTION} (copies on)" if args.copies else SECTION
    text = section(results, command.strip(), info, args.copies).replace(SECTION, title, 1)
    print(text)
    if args.write:
        write_section(text, title)
        print(f"wrote {BENCHMARKS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
