"""The `dedupe` command: flags -> Options -> pipeline -> outputs -> exit code.

Exit codes: 0 success, 2 usage or input error, 3 internal error (a bug: please report it).
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress

from dedupe import report_json, report_text
from dedupe.errors import DedupeError, InputError
from dedupe.model import DocResult, Document, Skipped
from dedupe.options import Options, build_options, load_config
from dedupe.pipeline import Source, clean_documents
from dedupe.read import Input, discover, jsonl_records, read_documents
from dedupe.write import check_not_input, output_path, write_atomic

EXIT_OK, EXIT_INPUT, EXIT_INTERNAL = 0, 2, 3
T = TypeVar("T")
EPILOG = "Exit codes: 0 success; 2 usage or input error; 3 internal error."

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
    Path | None, typer.Option("--config", help="Read [tool.dedupe] options from this file.")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")]


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


def _options(config: Path | None, **overrides: Any) -> Options:
    return build_options(load_config(config, Path.cwd()), overrides)


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
    quiet: Quiet = False,
) -> None:
    """Write cleaned text for every input, and optionally a JSON report of every change."""
    with _one_line_errors():
        options = _options(
            config,
            include=include,
            exclude=exclude,
            encoding=encoding,
            strict=strict,
            jsonl=jsonl,
            text_field=text_field,
            id_field=id_field,
        )
        inputs = discover(paths, options)
        to_stdout = _check_destination(inputs, output, in_place, json_path)
        docs, skipped = _clean_all(inputs, options, output, in_place=in_place, to_stdout=to_stdout)
        data = report_json.report(docs, skipped, options)
        if json_path is not None:
            write_atomic(json_path, report_json.dumps(data))
        if not quiet:
            report_text.render_summary(
                _stderr(), data["documents"], data["summary"], data["skipped"]
            )


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
) -> None:
    """Report what `clean` would do, and write nothing else."""
    with _one_line_errors():
        options = _options(
            config,
            include=include,
            exclude=exclude,
            encoding=encoding,
            strict=strict,
            jsonl=jsonl,
            text_field=text_field,
            id_field=id_field,
        )
        inputs = discover(paths, options)
        docs, skipped = [], []
        source = _source(inputs, options, _stdin_bytes(inputs))
        for item in clean_documents(source, options):
            if isinstance(item, Skipped):
                skipped.append(item)
                _warn_skipped(item)
            else:
                docs.append(report_json.document_json(item))
        data = report_json.report(docs, skipped, options)
        if format is Format.json:
            sys.stdout.write(report_json.dumps(data))
        else:
            console = Console(highlight=False, soft_wrap=True)
            report_text.render_summary(
                console, data["documents"], data["summary"], data["skipped"], details=True
            )


def _check_destination(
    inputs: Sequence[Input], output: Path | None, in_place: bool, json_path: Path | None
) -> bool:
    """Validate where output goes; True when the cleaned text goes to stdout (input is stdin)."""
    from_stdin = any(i.path is None for i in inputs)
    if from_stdin and len(inputs) > 1:
        raise InputError("'-' (stdin) cannot be mixed with other inputs; pass it alone")
    if in_place and output is not None:
        raise InputError("--in-place and -o/--output exclude each other; pass one")
    if from_stdin:
        return output is None
    if output is None and not in_place:
        raise InputError("no output folder; pass -o DIR (or --in-place to overwrite the inputs)")
    sources = [i.path for i in inputs if i.path is not None]
    if output is not None:
        check_not_input([output_path(output, i.rel) for i in inputs], sources)
    if json_path is not None:
        check_not_input([json_path], sources)
    return False


def _stdin_bytes(inputs: Sequence[Input]) -> bytes:
    """Stdin, read once: the pipeline reads its source twice (templates, then cleaning)."""
    return sys.stdin.buffer.read() if any(i.path is None for i in inputs) else b""


def _source(inputs: Sequence[Input], options: Options, stdin: bytes) -> Source:
    return lambda: read_documents(inputs, options, stdin=io.BytesIO(stdin))


def _clean_all(
    inputs: Sequence[Input],
    options: Options,
    output: Path | None,
    *,
    in_place: bool,
    to_stdout: bool,
) -> tuple[list[report_json.DocumentJSON], list[Skipped]]:
    docs: list[report_json.DocumentJSON] = []
    skipped: list[Skipped] = []
    jsonl_texts: dict[str, dict[int, str]] = {}
    stdin = _stdin_bytes(inputs)
    results = clean_documents(_source(inputs, options, stdin), options)
    for item in _progress(results, total=None if options.jsonl else len(inputs)):
        if isinstance(item, Skipped):
            skipped.append(item)
            _warn_skipped(item)
            continue
        target = _write_one(
            item, output, in_place=in_place, to_stdout=to_stdout, jsonl=options.jsonl
        )
        if options.jsonl:
            jsonl_texts.setdefault(item.document.path, {})[item.document.source_line] = item.cleaned
        docs.append(report_json.document_json(item, target))
    if options.jsonl:
        _write_jsonl(
            inputs, jsonl_texts, options, output, stdin, in_place=in_place, to_stdout=to_stdout
        )
    return docs, skipped


def _write_one(
    result: DocResult, output: Path | None, *, in_place: bool, to_stdout: bool, jsonl: bool
) -> str | None:
    """Write one cleaned document (plain text inputs); JSONL files are written per file later."""
    if jsonl:
        return None
    doc: Document = result.document
    if to_stdout:
        sys.stdout.write(result.cleaned)
        return "-"
    if in_place:
        if result.cleaned != doc.text:
            write_atomic(Path(doc.path), result.cleaned)
        return doc.path
    assert output is not None
    target = output_path(output, doc.id)
    write_atomic(target, result.cleaned)
    return str(target)


def _write_jsonl(
    inputs: Sequence[Input],
    texts: dict[str, dict[int, str]],
    options: Options,
    output: Path | None,
    stdin: bytes,
    *,
    in_place: bool,
    to_stdout: bool,
) -> None:
    """Each JSONL input becomes a JSONL output: every field kept, the text field cleaned."""
    for item in inputs:
        cleaned = texts.get("-" if item.path is None else str(item.path), {})
        rows = []
        for number, record in jsonl_records(item, options, stdin=io.BytesIO(stdin)):
            if number in cleaned:
                record[options.text_field] = cleaned[number]
            rows.append(json.dumps(record, ensure_ascii=False) + "\n")
        data = "".join(rows)
        if to_stdout:
            sys.stdout.write(data)
        elif in_place and item.path is not None:
            write_atomic(item.path, data)
        elif output is not None:
            write_atomic(output_path(output, item.rel), data)


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
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _is_usage_error(exc: Exception) -> bool:
    """Typer's usage errors (bad flag or value), recognised by shape: Typer moved click inside
    itself in 0.2x, so the class differs between versions but the interface does not."""
    return getattr(exc, "exit_code", None) == 2 and callable(getattr(exc, "format_message", None))
