"""Inputs to Documents: find the files, read them one at a time, and decode their bytes.

Decoding itself lives in dedupe.read.charset; `decode` is re-exported here because reading is where
callers meet it. The encoding chosen is kept on each Document so reports can show it.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, BinaryIO, NoReturn

from dedupe.errors import DecodeError, InputError
from dedupe.model import Document, Skipped
from dedupe.options import Options
from dedupe.read.charset import codec_name, decode

__all__ = ["Input", "Inputs", "decode", "discover", "find_inputs", "read_documents"]


@dataclass(frozen=True, slots=True)
class Input:
    """One file or stdin to read, and the id its document is reported under."""

    path: Path | None  # None means stdin
    rel: str  # relative POSIX path under a directory argument, the file name, or "-"


def discover(paths: Sequence[str], options: Options) -> list[Input]:
    """Expand path arguments into inputs with unique ids, in argument order then path order.

    >>> discover(["-"], Options())
    [Input(path=None, rel='-')]
    """
    return list(find_inputs(paths, options))


class Inputs:
    """The inputs of a run, walked afresh on each iteration, in the order `discover` lists them.

    A run reads its inputs twice (site templates, then cleaning) and checks its outputs against
    them; holding every path meanwhile made memory grow with the number of files. So `find_inputs`
    checks the whole run once, up front, and only this much is kept: the arguments, the number of
    inputs, and per folder argument the folders reached a second time through a link.
    """

    def __init__(self, paths: Sequence[str], options: Options) -> None:
        self.paths = tuple(paths)
        self._options = options
        self._aliases: dict[str, frozenset[str]] = {}
        self._count = 0

    def __iter__(self) -> Iterator[Input]:
        for arg in self.paths:
            yield from self._expand(arg)

    def __len__(self) -> int:
        return self._count

    @property
    def stdin(self) -> bool:
        """Whether stdin ('-') is one of the inputs."""
        return "-" in self.paths

    def files(self) -> Iterable[Path]:
        """The paths of the file inputs (stdin left out), walked again on each iteration."""
        return _Files(self)

    def _expand(self, arg: str) -> Iterator[Input]:
        """The inputs one argument names: stdin, a file, or the matching files under a folder."""
        if arg == "-":
            yield Input(None, "-")
            return
        path = Path(arg)
        try:
            if arg and path.is_dir():
                aliases = self._aliases.get(arg)
                if aliases is None:  # the first walk settles which folders are aliases
                    aliases = self._aliases[arg] = _aliases(path, self._options)
                for rel in _walk(os.fspath(path), "", aliases, self._options):
                    yield Input(path / rel, rel)
                return
            if arg and path.exists():
                yield Input(path, path.name)
                return
        except OSError as exc:
            raise InputError(f"cannot access '{arg}': {_reason(exc)}; check the path") from None
        raise InputError(f"no such file or directory: '{arg}'; check the path")


class _Files:
    """`Inputs.files()`: re-iterable, like the list it replaces."""

    def __init__(self, inputs: Inputs) -> None:
        self._inputs = inputs

    def __iter__(self) -> Iterator[Path]:
        return (item.path for item in self._inputs if item.path is not None)


def find_inputs(paths: Sequence[str], options: Options) -> Inputs:
    """The inputs that path arguments name, checked before any is read: every path exists, every
    folder can be listed, and no two inputs share an id. Nothing is kept per file, except (with
    several arguments) a hash of each id to compare the next arguments' ids with.

    >>> inputs = find_inputs(["-"], Options())
    >>> list(inputs), len(inputs), inputs.stdin
    ([Input(path=None, rel='-')], 1, True)
    """
    inputs = Inputs(paths, options)
    earlier: set[int] = set()  # hashes of the ids of the arguments before this one
    last = len(inputs.paths) - 1
    for index, arg in enumerate(inputs.paths):
        these: set[int] = set()
        for item in inputs._expand(arg):  # one argument never names one id twice
            inputs._count += 1
            if hash(item.rel) in earlier:
                _check_unique(item, _first(inputs, index, item))
            if index < last:
                these.add(hash(item.rel))
        earlier |= these
    return inputs


def _first(inputs: Inputs, before: int, item: Input) -> Input:
    """The first input with item's id among the first `before` arguments; `item` itself when
    only the hashes matched."""
    for arg in inputs.paths[:before]:
        for earlier in inputs._expand(arg):
            if earlier.rel == item.rel:
                return earlier
    return item


def _walk(folder: str, base: str, aliases: frozenset[str], options: Options) -> Iterator[str]:
    """Relative POSIX paths of the selected files under a folder, sorted, listing one folder at
    a time.

    Sorted as whole paths are: a subfolder's files come where "name/" sorts among the names
    beside it ("a-b.txt" < "a.txt" < "a/x.txt"). Symlinked folders are followed, but not the
    aliases: folders already walked under another path (see `_aliases`).
    """
    try:
        with os.scandir(folder) as listing:
            found = list(listing)
    except OSError as exc:
        _raise_unlistable(exc)
    entries: list[tuple[str, str, bool]] = []  # (sort key, name, is a folder)
    for entry in found:
        name = entry.name
        rel = base + name
        if _is_dir(entry):
            if rel not in aliases and _keep_dir(name, rel, options):
                entries.append((name + "/", name, True))
        elif _keep_file(name, rel, options) and _is_file(entry):
            entries.append((name, name, False))
    entries.sort()
    for _, name, is_dir in entries:
        if is_dir:
            yield from _walk(os.path.join(folder, name), f"{base}{name}/", aliases, options)
        else:
            yield base + name


def _aliases(root: Path, options: Options) -> frozenset[str]:
    """Relative paths of the folders under root that are not walked: reached again through a
    symlink (same device and inode as a folder already walked), so a link cycle ends instead of
    recursing forever.

    Found by walking the folders alone, top-down with each folder's subfolders in name order:
    the first path to reach a folder walks it, as before discovery streamed.
    """
    seen: set[tuple[int, int]] = set()
    skipped: set[str] = set()
    for folder, dirnames, _ in os.walk(root, onerror=_raise_unlistable, followlinks=True):
        here = Path(folder)
        info = here.stat()
        base = here.relative_to(root)
        if (info.st_dev, info.st_ino) in seen:
            skipped.add(base.as_posix())
            dirnames.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        dirnames[:] = sorted(d for d in dirnames if _keep_dir(d, (base / d).as_posix(), options))
    return frozenset(skipped)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link to one (what os.walk counts as a folder)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A regular file, or a link to one; False where Path.is_file says False (a broken link,
    a link loop)."""
    try:
        return entry.is_file()
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP):
            return False
        raise


def _raise_unlistable(exc: OSError) -> NoReturn:
    """Stop discovery on a folder that cannot be listed rather than silently miss its files."""
    raise InputError(
        f"cannot list folder '{exc.filename}': {_reason(exc)}; fix its permissions or exclude it"
    )


def _keep_dir(name: str, rel: str, options: Options) -> bool:
    """Hidden folders are never walked; an excluded folder is pruned with everything in it."""
    return not name.startswith(".") and not _matches(name, rel, options.exclude)


def _keep_file(name: str, rel: str, options: Options) -> bool:
    """Visible files matching an include glob and no exclude glob."""
    if name.startswith("."):
        return False
    return _matches(name, rel, options.include) and not _matches(name, rel, options.exclude)


def _matches(name: str, rel: str, patterns: Sequence[str]) -> bool:
    """Glob match on the name or the relative path, case-sensitive on every platform."""
    return any(fnmatchcase(name, p) or fnmatchcase(rel, p) for p in patterns)


def _check_unique(item: Input, first: Input) -> None:
    """Two inputs with one id would make reports and outputs ambiguous, so refuse them."""
    if first is item:
        return
    if item.path is None or first.path is None:
        raise InputError("stdin '-' is given more than once, or a file is named '-'; rename it")
    if _same_file(first.path, item.path):
        raise InputError(f"'{item.path}' is given more than once; pass it once")
    parent = _common_parent(first.path, item.path)
    raise InputError(
        f"'{first.path}' and '{item.path}' would both be reported as '{item.rel}'; "
        f"pass their common parent directory{parent} instead"
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _common_parent(a: Path, b: Path) -> str:
    """' (x)' naming the folder holding both paths, or '' when there is none (other drives)."""
    for pair in ((a.parent, b.parent), (a.parent.absolute(), b.parent.absolute())):
        try:
            return f" ('{os.path.commonpath(pair) or '.'}')"
        except ValueError:  # one path relative and one absolute, or different drives
            continue
    return ""


def read_documents(
    inputs: Iterable[Input], options: Options, *, stdin: BinaryIO | None = None
) -> Iterator[Document | Skipped]:
    """Documents from each input in order, reading one input only when the previous is consumed.

    Unreadable or undecodable inputs become Skipped with a one-line reason, or raise under
    options.strict. Malformed JSON Lines records and duplicate ids always raise.
    """
    first_seen: dict[str, str] = {}
    # A file's id is its input's, which `find_inputs` has made unique: remembering every id
    # would make memory grow with the number of files. JSON Lines records carry their own.
    claim = options.jsonl or not isinstance(inputs, Inputs)
    for item in inputs:
        try:
            for document in _read_input(item, options, stdin):
                if claim:
                    _claim_id(document, first_seen)
                yield document
        except DecodeError as exc:
            if options.strict:
                raise
            yield Skipped(_path_text(item), str(exc))
        except OSError as exc:
            reason = f"cannot read {_where(item)}: {_reason(exc)}"
            if options.strict:
                raise InputError(reason) from None
            yield Skipped(_path_text(item), reason)


def _read_input(item: Input, options: Options, stdin: BinaryIO | None) -> Iterator[Document]:
    """The document(s) in one input: the whole file, or one per JSON line."""
    if options.jsonl:
        with _open(item, stdin) as stream:
            yield from _read_jsonl(item, stream, options)
        return
    if item.path is None:
        data = (stdin if stdin is not None else sys.stdin.buffer).read()
    else:
        data = _read_bytes(item.path)
    text, encoding = decode(data, path=_label(item), encoding=options.encoding)
    yield Document(id=item.rel, path=_path_text(item), text=text, encoding=encoding)


def _read_bytes(path: Path) -> bytes:
    """A file's bytes, read with bare system calls: a file object's own (a second fstat, a
    seek, its buffer) cost as much again on many small files."""
    fd = os.open(path, os.O_RDONLY | _O_BINARY)
    try:
        size = os.fstat(fd).st_size
        chunks = [os.read(fd, size + 1)]  # one byte more: a file that grew is read to its end
        while chunks[-1]:
            chunks.append(os.read(fd, max(size, 1 << 16)))
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) <= 2 else b"".join(chunks)


_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows only


def _open(item: Input, stdin: BinaryIO | None) -> AbstractContextManager[BinaryIO]:
    """The input's byte stream; stdin is borrowed, so leaving the block does not close it."""
    if item.path is None:
        return nullcontext(stdin if stdin is not None else sys.stdin.buffer)
    return item.path.open("rb")


def _read_jsonl(item: Input, stream: BinaryIO, options: Options) -> Iterator[Document]:
    """One document per non-blank line, streamed so a large feed never sits in memory whole."""
    for lineno, line, codec in _jsonl_lines(item, stream, options):
        text, doc_id = _parse_record(line, f"{_where(item)} line {lineno}", options)
        yield Document(
            id=doc_id if doc_id is not None else f"{item.rel}:{lineno}",
            path=_path_text(item),
            text=text,
            encoding=codec,
            source_line=lineno,
        )


def jsonl_records(
    item: Input, options: Options, *, stdin: BinaryIO | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of every non-blank JSON line: what the JSONL writer rewrites."""
    with _open(item, stdin) as stream:
        for lineno, line, _ in _jsonl_lines(item, stream, options):
            yield lineno, json.loads(line)


def _jsonl_lines(item: Input, stream: BinaryIO, options: Options) -> Iterator[tuple[int, str, str]]:
    """(line number, decoded line, codec) of each non-blank line.

    JSON Lines is UTF-8 by definition; an explicit --encoding may name another encoding in which
    a newline is the byte 0x0A (GB18030, Big5), so lines can be split before decoding.
    """
    codec = "utf-8" if options.encoding is None else codec_name(options.encoding)
    codec = "utf-8" if codec == "utf-8-sig" else codec  # the first line's BOM is dropped below
    if not _splits_on_newline(codec):
        raise InputError(
            f"{_where(item)}: JSON Lines cannot be read as {codec}; use UTF-8, GB18030 or Big5"
        )
    for lineno, raw in enumerate(stream, start=1):
        where = f"{_where(item)} line {lineno}"
        try:
            line = raw.decode(codec)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"{where}: not {codec} at byte {exc.start} of the line; pass --encoding"
            ) from None
        if lineno == 1:
            line = line.removeprefix("\ufeff")
        if line.strip():
            yield lineno, line, codec


def _splits_on_newline(codec: str) -> bool:
    """Whether the byte 0x0A always means a newline in codec, so lines split before decoding."""
    try:
        return b"\n".decode(codec) == "\n"
    except UnicodeDecodeError:
        return False


def _parse_record(line: str, where: str, options: Options) -> tuple[str, str | None]:
    """The (text, id) of one JSON line; the id is None when the record has none."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{where}: not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    text = record.get(options.text_field)
    if not isinstance(text, str):
        problem = "no" if text is None else "a non-string"
        raise InputError(
            f"{where}: {problem} '{options.text_field}' field; set --text-field to the text's field"
        )
    doc_id = record.get(options.id_field)
    if doc_id is None:
        return text, None
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int | float):
        raise InputError(
            f"{where}: id field '{options.id_field}' must be a string or number; "
            "set --id-field or remove it"
        )
    return text, str(doc_id)


def _claim_id(document: Document, first_seen: dict[str, str]) -> None:
    """Ids name documents in reports and outputs, so two documents may not share one."""
    where = _document_where(document)
    first = first_seen.get(document.id)
    if first is not None:
        raise InputError(
            f"{where}: duplicate id '{document.id}' (first seen at {first}); "
            "make ids unique or set --id-field"
        )
    first_seen[document.id] = where


def _document_where(document: Document) -> str:
    label = "stdin" if document.path == "-" else f"'{document.path}'"
    return f"{label} line {document.source_line}" if document.source_line else label


def _label(item: Input) -> str:
    """The input as named in messages about its contents."""
    return "stdin" if item.path is None else str(item.path)


def _where(item: Input) -> str:
    return "stdin" if item.path is None else f"'{item.path}'"


def _path_text(item: Input) -> str:
    return "-" if item.path is None else str(item.path)


def _reason(exc: OSError) -> str:
    """The OS's short reason ('Permission denied') without Python's errno prefix."""
    return exc.strerror or str(exc)
