"""The `dedupe` command: flags -> Options -> pipeline -> outputs -> exit code.

Exit codes: 0 success, 1 findings (check), 2 usage or input error, 3 internal error (a bug:
please report it).
"""

from __future__ import annotations

import gc
import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress

from dedupe.errors import DedupeError, InputError
from dedupe.index.flags import DEFAULT_BATCH, DEFAULT_TIMEOUT, IndexFlags
from dedupe.model import Cluster, DocResult, Skipped
from dedupe.options import Options, build_options, load_config
from dedupe.outputs import JsonlWriter, destination, report_stream, write_cleaned
from dedupe.pipeline import Source, process
from dedupe.read.inputs import Inputs, find_inputs, read_documents
from dedupe.report import json as report_json
from dedupe.report import text as report_text
from dedupe.write import check_not_input, write_atomic

if TYPE_CHECKING:
    from dedupe.report import html as report_html

# Imported where used: `dedupe check`, --diff and --html bring modules (and jinja2) that a plain
# `dedupe clean` never needs, and importing them was a tenth of a small run's time.

EXIT_OK, EXIT_INPUT, EXIT_INTERNAL = 0, 2, 3
T = TypeVar("T")
EPILOG = "Exit codes: 0 success; 1 findings (check); 2 usage or input error; 3 internal error."

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Clean scraped Chinese and English articles: boilerplate, print-layout wraps, copies.",
    epilog=EPILOG,
)


class Format(StrEnum):
    text = "text"
    json = "json"


Paths = Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")]
Include = Annotated[
    list[str] | None, typer.Option(help="Glob of files to read in directories (repeatable).")
]
Exclude = Annotated[list[str] | None, typer.Option(help="Glob of files to skip (repeatable).")]
Encoding = Annotated[str | None, typer.Option(help="Decode inputs with this encoding.")]
Strict = Annotated[
    bool | None, typer.Option("--strict", help="Unreadable input is an error (exit 2).")
]
Jsonl = Annotated[bool | None, typer.Option("--jsonl", help="Inputs are JSON Lines.")]
TextField = Annotated[str | None, typer.Option(help="JSONL field holding the text.")]
IdField = Annotated[str | None, typer.Option(help="JSONL field holding the document id.")]
ConfigPath = Annotated[
    Path | None, typer.Option("--config", help="Read \\[tool.dedupe] options from this file.")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")]
Copies = Annotated[
    bool | None, typer.Option("--copies/--no-copies", help="Find copied sentences and paragraphs.")
]
Keep = Annotated[
    str | None,
    typer.Option(help="Which copy to keep: original (subject agrees with body), first, longest."),
]
DropTemplates = Annotated[
    bool | None,
    typer.Option("--drop-templates", help="Also remove copies that differ only by names/numbers."),
]
Html = Annotated[
    Path | None, typer.Option("--html", help="Write a self-contained HTML review report here.")
]


IndexPath = Annotated[
    Path | None,
    typer.Option(
        "--index", help="History index (SQLite): also find copies of the documents indexed."
    ),
]
UpdateIndex = Annotated[
    bool,
    typer.Option(
        "--update-index", help="Add the documents to --index afterwards (created if missing)."
    ),
]
IndexTimeout = Annotated[
    float,
    typer.Option(help="Seconds to wait for another process writing the index, then fail."),
]
Batch = Annotated[
    int,
    typer.Option(
        "--batch", help="With --index: documents read and checked at once (memory grows with it)."
    ),
]


def _index_flags(path: Path | None, update: bool, timeout: float, batch: int) -> IndexFlags | None:
    """The --index flags, or None without --index (checked: --update-index needs it)."""
    flags = IndexFlags(path, update, timeout, batch)
    return flags if path is not None else None


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """Library errors become `dedupe: error: ...` on one line and exit code 2."""
    try:
        yield
    except DedupeError as exc:
        _print_error(str(exc))
        raise typer.Exit(EXIT_INPUT) from None


def _print_error(message: str) -> None:
    sys.stderr.write(f"dedupe: error: {' '.join(message.split())}\n")


def _options(config: Path | None, flags: dict[str, Any]) -> Options:
    """Options from the config file, overridden by the command's flags named after Options fields
    (a flag left unset is None and overrides nothing)."""
    known = {f.name for f in fields(Options)}
    given = {name: value for name, value in flags.items() if name in known}
    return build_options(load_config(config, Path.cwd()), given)


@app.command()
def clean(
    paths: Paths,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Folder for the cleaned files.")
    ] = None,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write the JSON report here.")
    ] = None,
    in_place: Annotated[
        bool, typer.Option("--in-place", help="Overwrite the inputs with their cleaned text.")
    ] = False,
    include: Include = None,
    exclude: Exclude = None,
    encoding: Encoding = None,
    strict: Strict = None,
    jsonl: Jsonl = None,
    text_field: TextField = None,
    id_field: IdField = None,
    config: ConfigPath = None,
    copies: Copies = None,
    keep: Keep = None,
    drop_templates: DropTemplates = None,
    html: Html = None,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print a unified diff of each input on stdout; write no text."),
    ] = False,
    index: IndexPath = None,
    update_index: UpdateIndex = False,
    index_timeout: IndexTimeout = DEFAULT_TIMEOUT,
    batch: Batch = DEFAULT_BATCH,
    quiet: Quiet = False,
) -> None:
    """Write cleaned text for every input, and optionally a JSON report of every change."""
    with _one_line_errors():
        options = _options(config, locals())
        indexed = _index_flags(index, update_index, index_timeout, batch)
        inputs = find_inputs(paths, options)
        if diff and (output is not None or in_place):
            raise InputError("--diff prints the changes and writes no text; drop -o/--in-place")
        # --diff writes no text: its flags are checked as for --in-place, which needs no folder
        dest = destination(inputs, output, in_place=in_place or diff, json_path=json_path)
        review = _html_collector(inputs, html)
        stdin = _stdin_bytes(inputs)
        jsonl_out = (
            JsonlWriter(inputs, options, dest, stdin) if options.jsonl and not diff else None
        )

        def write(result: DocResult) -> str | None:
            if diff:
                from dedupe.report import diff as report_diff

                sys.stdout.write(report_diff.unified(result))
                return None
            if jsonl_out is not None:
                return jsonl_out.add(result)
            return write_cleaned(result, dest)

        with report_stream(json_path) as report:
            tally, skipped = _run(inputs, options, stdin, report, write, review, indexed)
        if jsonl_out:
            jsonl_out.flush()
        _write_html(html, review)
        if not quiet:
            report_text.render_summary(_stderr(), tally, skipped)


@app.command()
def scan(
    paths: Paths,
    format: Annotated[Format, typer.Option("--format", help="Report format on stdout.")] = (
        Format.text
    ),
    include: Include = None,
    exclude: Exclude = None,
    encoding: Encoding = None,
    strict: Strict = None,
    jsonl: Jsonl = None,
    text_field: TextField = None,
    id_field: IdField = None,
    config: ConfigPath = None,
    copies: Copies = None,
    keep: Keep = None,
    drop_templates: DropTemplates = None,
    html: Html = None,
    index: IndexPath = None,
    update_index: UpdateIndex = False,
    index_timeout: IndexTimeout = DEFAULT_TIMEOUT,
    batch: Batch = DEFAULT_BATCH,
) -> None:
    """Report what `clean` would do, and write nothing else (but the --html report and, with
    --update-index, the index)."""
    with _one_line_errors():
        options = _options(config, locals())
        indexed = _index_flags(index, update_index, index_timeout, batch)
        inputs = find_inputs(paths, options)
        review = _html_collector(inputs, html)
        console = Console(highlight=False, soft_wrap=True)

        def show(result: DocResult) -> None:
            if format is Format.text:
                report_text.render_findings(console, report_json.document_json(result))

        as_json = format is Format.json
        with report_stream(None, stdout=as_json) as report:
            tally, skipped = _run(
                inputs, options, _stdin_bytes(inputs), report, show, review, indexed
            )
        _write_html(html, review)
        if not as_json:
            report_text.render_summary(console, tally, skipped)


# --- dedupe check: findings for CI (the work is in dedupe/check/run.py) -----------------------

CHECK_EPILOG = (
    "Exit codes: 0 no failing findings (or --exit-zero); 1 findings at or above --severity that "
    "are not in the baseline; 2 usage or input error; 3 internal error."
)


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class CheckSeverity(StrEnum):
    error = "error"
    warning = "warning"


@app.command(epilog=CHECK_EPILOG)
def check(
    paths: Paths,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--output-format",
            help="Report on stdout: text, json, github (workflow annotations; the full list also "
            "goes to $GITHUB_STEP_SUMMARY), sarif (2.1.0) or junit (XML). Default text.",
        ),
    ] = None,
    severity: Annotated[
        CheckSeverity | None,
        typer.Option(
            help="Lowest severity that fails: error (copies, duplicate documents, subject "
            "mismatches; the default) or warning (templates too).",
        ),
    ] = None,
    baseline: Annotated[
        str | None,
        typer.Option(help="Accepted findings (JSON Lines): only findings not in it fail."),
    ] = None,
    update_baseline: Annotated[
        bool,
        typer.Option(
            "--update-baseline", help="Rewrite --baseline with the current findings; exit 0."
        ),
    ] = False,
    exit_zero: Annotated[
        bool | None,
        typer.Option("--exit-zero/--no-exit-zero", help="Report findings but exit 0."),
    ] = None,
    include: Include = None,
    exclude: Exclude = None,
    encoding: Encoding = None,
    strict: Strict = None,
    jsonl: Jsonl = None,
    text_field: TextField = None,
    id_field: IdField = None,
    config: ConfigPath = None,
    keep: Keep = None,
    index: IndexPath = None,
    update_index: UpdateIndex = False,
    index_timeout: IndexTimeout = DEFAULT_TIMEOUT,
    batch: Batch = DEFAULT_BATCH,
    quiet: Quiet = False,
) -> None:
    """Find copied paragraphs and subject mismatches for CI; writes no cleaned files.

    Options but --update-baseline can be set in \\[tool.dedupe] (pyproject.toml, dedupe.toml).
    """
    with _one_line_errors():
        flags = {
            **locals(),
            "output_format": output_format.value if output_format else None,
            "severity": severity.value if severity else None,
        }
        options = _options(config, flags)
        indexed = _index_flags(index, update_index, index_timeout, batch)
        inputs = find_inputs(paths, options)
        from dedupe.check import run as cli_check

        err = None if quiet else sys.stderr
        code = cli_check.run(
            _source(inputs, options, _stdin_bytes(inputs)),
            options,
            update_baseline=update_baseline,
            out=sys.stdout,
            err=err,
            on_skip=_warn_skipped,
            find=_index_finder(indexed, err),
        )
    raise typer.Exit(code)


def _index_finder(indexed: IndexFlags | None, err: Any) -> Callable[..., Any] | None:
    if indexed is None:
        return None
    from dedupe.index import run as index_run

    return index_run.finder(indexed, err)


# --- dedupe index: the history index of a feed (the work is in dedupe/index/run.py) -----------

index_app = typer.Typer(
    no_args_is_help=True,
    help="The history index of a feed (SQLite): documents published before, for check --index.",
)
app.add_typer(index_app, name="index")
IndexFile = Annotated[Path, typer.Argument(help="The index file (SQLite).")]


@index_app.command("add")
def index_add(
    index: IndexFile,
    paths: Paths,
    include: Include = None,
    exclude: Exclude = None,
    encoding: Encoding = None,
    strict: Strict = None,
    jsonl: Jsonl = None,
    text_field: TextField = None,
    id_field: IdField = None,
    config: ConfigPath = None,
    batch: Annotated[int, typer.Option(help="Documents per transaction.")] = DEFAULT_BATCH,
    index_timeout: IndexTimeout = DEFAULT_TIMEOUT,
    quiet: Quiet = False,
) -> None:
    """Add documents to INDEX (created if missing); unchanged ones are left as they are."""
    with _one_line_errors():
        options = _options(config, locals())
        inputs = find_inputs(paths, options)
        from dedupe.index import run as index_run

        done = index_run.add(
            _source(inputs, options, _stdin_bytes(inputs)),
            options,
            index,
            timeout=index_timeout,
            batch=batch,
            on_skip=_warn_skipped,
        )
        if not quiet:
            sys.stderr.write(index_run.added_summary(index, done) + "\n")


@index_app.command("stats")
def index_stats(
    index: IndexFile,
    config: ConfigPath = None,
    index_timeout: IndexTimeout = DEFAULT_TIMEOUT,
) -> None:
    """Documents, paragraphs, size on disk and the parameters INDEX was built with."""
    with _one_line_errors():
        options = _options(config, {})
        from dedupe.index import run as index_run

        sys.stdout.write(
            index_run.render_stats(index, index_run.stats(index, options, index_timeout))
        )


@index_app.command("remove")
def index_remove(
    index: IndexFile,
    paths: Annotated[list[str], typer.Argument(help="Indexed paths (or folders) or ids.")],
    config: ConfigPath = None,
    index_timeout: IndexTimeout = DEFAULT_TIMEOUT,
    quiet: Quiet = False,
) -> None:
    """Remove documents from INDEX by path (a folder: everything under it) or JSON Lines id."""
    with _one_line_errors():
        options = _options(config, {})
        from dedupe.index import run as index_run

        removed = index_run.remove(index, paths, options, index_timeout)
        if not quiet:
            sys.stderr.write(f"dedupe: index '{index}': {len(removed)} documents removed\n")


# --- shared by the commands ------------------------------------------------------------------


def _run(
    inputs: Inputs,
    options: Options,
    stdin: bytes,
    report: Callable[[str], None] | None,
    write: Callable[[DocResult], str | None],
    html: report_html.Collector | None = None,
    indexed: IndexFlags | None = None,
) -> tuple[report_json.Tally, list[Skipped]]:
    """Clean every document, hand each to `write`, stream the report (if any); return totals.
    With an index, copies of indexed text are found too (and cut: the indexed one is kept)."""
    tally, skipped = report_json.Tally(), []
    indexed = indexed if options.copies else None  # --no-copies: the index has no use
    if indexed is not None:
        from dedupe.index import run as index_run

        index_run.ready(options, indexed)
    if report:
        report(report_json.report_head(options))
    source = _source(inputs, options, stdin)
    if indexed is not None:
        outcome = index_run.outcome(source, options, indexed, sys.stderr)
    else:
        outcome = process(source, options)
    with _frozen_heap(options.copies):
        for item in _progress(outcome.items, total=None if options.jsonl else len(inputs)):
            if isinstance(item, Skipped):
                skipped.append(item)
                tally.skip()
                _warn_skipped(item)
                continue
            output = write(item)
            if html is not None:
                html.add(item, output)
            if report:
                doc = report_json.document_json(item, output)
                report(report_json.report_document(doc, first=tally.summary["documents"] == 0))
            tally.add(item, output)
        if report:
            report(report_json.report_skipped(skipped))
        kept = _clusters(outcome.clusters, tally, report, keep=html is not None)
        if report:
            report(report_json.report_end(tally.summary))
        if html is not None:
            html.finish(tally.summary, skipped, kept)
    return tally, skipped


def _clusters(
    clusters: Iterable[Cluster],
    tally: report_json.Tally,
    report: Callable[[str], None] | None,
    *,
    keep: bool,
) -> list[report_json.ClusterJSON]:
    """Count and report the clusters one at a time; all of them are kept only for the HTML
    report, which shows them all (a streamed run's can be larger than memory)."""
    kept: list[report_json.ClusterJSON] = []
    for n, cluster in enumerate(clusters):
        found = report_json.cluster_json(cluster)
        if report:
            report(report_json.report_cluster(found, first=n == 0))
        if keep:
            kept.append(found)
        if len(tally.clusters) < tally.max_rows:
            tally.clusters.append(found)
        tally.summary["clusters"] += 1
    return kept


@contextmanager
def _frozen_heap(frozen: bool) -> Iterator[None]:
    """With copies found, the whole run is in memory (millions of long-lived objects) while
    the outputs are written: frozen, the cycle collector leaves them alone instead of walking
    them all again in every full collection (1.8 s of a 37 s run at 30 MB)."""
    if frozen:
        gc.freeze()
    try:
        yield
    finally:
        if frozen:
            gc.unfreeze()


def _html_collector(inputs: Inputs, path: Path | None) -> report_html.Collector | None:
    """A collector for the --html report, once its path is known not to be an input."""
    if path is None:
        return None
    check_not_input([path], inputs.files())
    from dedupe.report import html as report_html

    return report_html.Collector()


def _write_html(path: Path | None, review: report_html.Collector | None) -> None:
    if path is not None and review is not None:
        from dedupe.report import html as report_html

        write_atomic(path, review.html(generated=report_html.generated_at(os.environ)))


def _stdin_bytes(inputs: Inputs) -> bytes:
    """Stdin, read once: the pipeline reads its source twice (templates, then cleaning)."""
    return sys.stdin.buffer.read() if inputs.stdin else b""


def _source(inputs: Inputs, options: Options, stdin: bytes) -> Source:
    return lambda: read_documents(inputs, options, stdin=io.BytesIO(stdin))


PROGRESS_MIN_INPUTS = 50


def _progress(items: Iterable[T], *, total: int | None) -> Iterator[T]:
    """A progress bar on stderr, only when stderr is a terminal and the run is long."""
    if not sys.stderr.isatty() or (total is not None and total < PROGRESS_MIN_INPUTS):
        yield from items
        return
    with Progress(*Progress.get_default_columns(), console=_stderr(), transient=True) as bar:
        task = bar.add_task("cleaning", total=total)
        for item in items:
            yield item
            bar.advance(task)


def _warn_skipped(item: Skipped) -> None:
    sys.stderr.write(f"dedupe: warning: {item.reason}\n")


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: usage errors and bugs also end in one line and a distinct exit code."""
    try:
        code = app(args=list(argv) if argv is not None else None, standalone_mode=False)
    except (typer.Abort, KeyboardInterrupt):
        code = 130
    except DedupeError as exc:
        _print_error(str(exc))
        code = EXIT_INPUT
    except BrokenPipeError:
        code = EXIT_OK
    except Exception as exc:
        if _is_usage_error(exc):
            message = exc.format_message()  # type: ignore[attr-defined]
            if message:  # an empty one means the help was shown instead (no arguments)
                _print_error(f"{message} (see 'dedupe --help')")
            code = EXIT_INPUT
        elif os.environ.get("DEDUPE_DEBUG"):
            raise
        else:
            _print_error(
                f"internal error ({type(exc).__name__}: {exc}); please report it, "
                "rerun with DEDUPE_DEBUG=1 for a traceback"
            )
            code = EXIT_INTERNAL
    code = code if isinstance(code, int) else EXIT_OK
    if argv is None:  # the console command, not a caller in this process
        _exit_now(code)
    sys.exit(code)


def _exit_now(code: int) -> NoReturn:
    """Exit without tearing the interpreter down: every output is written and closed by now,
    and freeing a large run's millions of objects one by one took a second at 10 MB."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


def _is_usage_error(exc: Exception) -> bool:
    """Typer's usage errors (bad flag or value), recognised by shape: Typer moved click inside
    itself in 0.2x, so the class differs between versions but the interface does not."""
    return getattr(exc, "exit_code", None) == 2 and callable(getattr(exc, "format_message", None))
