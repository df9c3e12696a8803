"""Where results go: cleaned files, rewritten JSON Lines, the streamed JSON report.

The output edge of the pipeline. Every file is written atomically; nothing here keeps more than
one input file's worth of results, so memory does not grow with the number of documents.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dedupe.errors import InputError
from dedupe.model import DocResult
from dedupe.options import Options
from dedupe.read.inputs import Input, Inputs, jsonl_records
from dedupe.write import check_not_input, open_atomic, output_path, write_atomic


@dataclass(frozen=True, slots=True)
class Destination:
    """Where cleaned text goes: a folder, back over the inputs, or stdout (for stdin)."""

    folder: Path | None = None
    in_place: bool = False
    stdout: bool = False


def destination(
    inputs: Inputs, output: Path | None, *, in_place: bool, json_path: Path | None
) -> Destination:
    """Check the flags against the inputs before anything is read or written."""
    if inputs.stdin and len(inputs) > 1:
        raise InputError("'-' (stdin) cannot be mixed with other inputs; pass it alone")
    if in_place and output is not None:
        raise InputError("--in-place and -o/--output exclude each other; pass one")
    if json_path is not None:
        check_not_input([json_path], inputs.files())
    if inputs.stdin and output is None:
        return Destination(stdout=True)
    if output is None and not in_place:
        raise InputError("no output folder; pass -o DIR (or --in-place to overwrite the inputs)")
    if output is not None:
        outputs = _Outputs(inputs, output)
        if output.exists():
            check_not_input(outputs, inputs.files())
        else:  # no file exists under a folder that does not: each path need only be valid
            for _ in outputs:
                pass
    return Destination(folder=output, in_place=in_place)


class _Outputs:
    """Where each input's cleaned text goes under a folder, computed again on each iteration."""

    def __init__(self, inputs: Inputs, folder: Path) -> None:
        self._inputs, self._folder = inputs, folder

    def __iter__(self) -> Iterator[Path]:
        return (output_path(self._folder, item.rel) for item in self._inputs)


def write_cleaned(result: DocResult, dest: Destination) -> str | None:
    """Write one cleaned plain-text document; returns where it went ("-" for stdout)."""
    doc = result.document
    if result.duplicate_of is not None and not result.cleaned:
        return None  # it copies another document whole: nothing of its own to write
    if dest.stdout:
        sys.stdout.write(result.cleaned)
        return "-"
    if dest.in_place:
        if result.cleaned != doc.text:
            write_atomic(Path(doc.path), result.cleaned, durable=True)
        return doc.path
    assert dest.folder is not None
    target = output_path(dest.folder, doc.id)
    write_atomic(target, result.cleaned)
    return str(target)


class JsonlWriter:
    """Rewrites each JSONL input with its text field cleaned and every other field kept.

    Documents arrive in input order, so one file's cleaned texts are held only until the
    first document of the next file arrives, and a walk over the inputs alongside finds each
    file's input.
    """

    def __init__(
        self, inputs: Iterable[Input], options: Options, dest: Destination, stdin: bytes
    ) -> None:
        self._inputs = iter(inputs)
        self._options, self._dest, self._stdin = options, dest, stdin
        self._current: Input | None = None
        self._texts: dict[int, str] = {}

    def add(self, result: DocResult) -> str | None:
        """Take one cleaned record; returns the output file it will be written to."""
        path = result.document.path
        if self._current is None or path != _path_text(self._current):
            self.flush()
            self._current = next(i for i in self._inputs if _path_text(i) == path)
        self._texts[result.document.source_line] = result.cleaned
        return self._target(self._current)

    def flush(self) -> None:
        """Write the current file's output."""
        if self._current is None:
            return
        item = self._current
        rows = []
        for number, record in jsonl_records(item, self._options, stdin=io.BytesIO(self._stdin)):
            if number in self._texts:
                record[self._options.text_field] = self._texts[number]
            rows.append(json.dumps(record, ensure_ascii=False) + "\n")
        data = "".join(rows)
        target = self._target(item)
        if target == "-":
            sys.stdout.write(data)
        elif target is not None:
            write_atomic(Path(target), data, durable=self._dest.in_place)
        self._current, self._texts = None, {}

    def _target(self, item: Input) -> str | None:
        """Where a file's rewritten records go: stdout, back over it, or under the folder."""
        if self._dest.stdout or item.path is None:
            return "-"
        if self._dest.in_place:
            return str(item.path)
        return None if self._dest.folder is None else str(output_path(self._dest.folder, item.rel))


def _path_text(item: Input) -> str:
    """An input's path as its documents carry it."""
    return "-" if item.path is None else str(item.path)


@contextmanager
def report_stream(
    path: Path | None, *, stdout: bool = False
) -> Iterator[Callable[[str], None] | None]:
    """A writer for the JSON report's pieces: to a file (atomically), to stdout, or None."""
    if stdout:
        yield sys.stdout.write  # type: ignore[misc]
    elif path is None:
        yield None
    else:
        with open_atomic(path) as out:

            def write(piece: str) -> None:
                out.write(piece.encode("utf-8"))

            yield write
