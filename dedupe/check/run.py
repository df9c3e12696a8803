"""The work of `dedupe check` behind its flags: run, compare with the baseline, render, exit code.

Kept out of cli.py, which only declares the flags. This is the edge where a check touches
files: the baseline (read, or rewritten atomically) and GitHub's step summary (appended to).
It never writes cleaned text.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from dedupe.check import baseline
from dedupe.check import ci as report_ci
from dedupe.check import findings as check
from dedupe.errors import ConfigError, OutputError
from dedupe.model import Skipped
from dedupe.options import Options
from dedupe.pipeline import Source, process

Finder = Callable[[Source, Options, Callable[[Skipped], None]], check.Run]


def run(
    source: Source,
    options: Options,
    *,
    update_baseline: bool,
    out: TextIO,
    err: TextIO | None,
    on_skip: Callable[[Skipped], None],
    environ: Mapping[str, str] = os.environ,
    find: Finder | None = None,
) -> int:
    """Check a run's documents and write the report to `out` (talk to `err`, None when quiet);
    the exit code: 0 clean, 1 failing findings. `find` finds them otherwise than in the run
    alone (--index: index/run.py)."""
    path = Path(options.baseline) if options.baseline else None
    if update_baseline and path is None:
        raise ConfigError("--update-baseline needs --baseline FILE (or baseline in [tool.dedupe])")
    # Copies are what a check is for, whatever a config file says for clean.
    checked = replace(options, copies=True)
    if find is not None:
        found = find(source, checked, on_skip)
    else:
        found = check.collect(process(source, checked), Path.cwd(), on_skip)
    report = compare(found, options, path, update=update_baseline)
    out.write(report_ci.render(report, options.output_format))
    summary_file = environ.get("GITHUB_STEP_SUMMARY")
    if options.output_format == "github" and summary_file:
        append_step_summary(Path(summary_file), report_ci.step_summary(report))
    if err is not None:
        if options.output_format != "text":  # text carries its summary; the others are data
            err.write(report.summary() + "\n")
        if update_baseline:
            err.write(
                f"dedupe: baseline '{path}' updated: {len(report.issues)} findings accepted\n"
            )
    return report.exit_code


def compare(found: check.Run, options: Options, path: Path | None, *, update: bool) -> check.Report:
    """The run against its baseline (none, read, or first rewritten with the current findings)."""
    issues, fixed = found.issues, 0
    if path is not None:
        checked = [d.path for d in found.documents]
        entries: Sequence[baseline.Entry]
        if update:
            old = baseline.load(path) if path.exists() else ()
            entries = baseline.updated(old, found.issues, checked)
            baseline.save(path, entries)
        else:
            entries = baseline.load(path)
        issues, fixed = baseline.compare(found.issues, entries, checked)
    return check.Report(
        issues,
        found.documents,
        found.skipped,
        fixed=fixed,
        severity=options.severity,
        baseline=options.baseline,
        exit_zero=options.exit_zero,
    )


def append_step_summary(path: Path, markdown: str) -> None:
    """Append to GitHub's step summary. Appending, not write_atomic: the runner owns that file
    and other steps' tools add to it too."""
    try:
        with path.open("a", encoding="utf-8") as summary:
            summary.write(markdown)
    except OSError as exc:
        raise OutputError(
            f"cannot append to GITHUB_STEP_SUMMARY '{path}': {exc.strerror or exc}"
        ) from None
