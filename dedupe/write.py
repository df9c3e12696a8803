"""Outputs: written whole or not at all, inside the output folder, and never over an input."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from dedupe.errors import OutputError


def write_atomic(path: Path, data: bytes | str, *, durable: bool = False) -> None:
    """Replace path with data in one step, so a crash leaves the old file or the new, never half.

    A str is written as UTF-8 with its newlines unchanged. `durable` also fsyncs the file and
    its folder before returning: worth its cost (a quarter of the run time on many small files)
    only where the file replaced is precious, as with --in-place.
    """
    with open_atomic(path, durable=durable) as out:
        out.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextlib.contextmanager
def open_atomic(path: Path, *, durable: bool = False) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends without error, and never otherwise.

    The temporary file sits in the same folder (a rename is only atomic within one file system)
    and is hidden, so a later run over that folder does not read it.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept for os.replace
            dir=path.parent, prefix=f".{path.name[:64]}.", suffix=".tmp", delete=False
        )
    except OSError as exc:
        raise OutputError(f"cannot write '{path}': {_reason(exc)}; choose another -o") from None
    replaced = False
    try:
        with tmp:
            yield tmp  # type: ignore[misc]
            tmp.flush()
            if durable:
                os.fsync(tmp.fileno())
        os.chmod(tmp.name, mode)
        os.replace(tmp.name, path)
        replaced = True
    except OSError as exc:
        raise OutputError(f"cannot write '{path}': {_reason(exc)}; choose another -o") from None
    finally:
        if not replaced:
            with contextlib.suppress(OSError):
                os.unlink(tmp.name)
    if durable:
        _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets what open() would give it (0666-umask).

    NamedTemporaryFile creates files readable by the owner only, which would surprise anyone
    sharing the cleaned output.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        pass
    umask = os.umask(0o022)  # the only portable way to read the umask is to set it
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on every platform."""
    with contextlib.suppress(OSError):  # Windows cannot open a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def output_path(out_dir: Path, rel: str) -> Path:
    """Where the cleaned copy of input `rel` goes: the same relative path under out_dir.

    >>> output_path(Path("out"), "news/a.txt").as_posix()
    'out/news/a.txt'
    >>> output_path(Path("out"), "../a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dedupe.errors.OutputError: output for '../a.txt' would land outside 'out'; ...
    """
    posix = PurePosixPath(rel)
    windows = PureWindowsPath(rel)  # also catches C:\\ and \\\\server paths on POSIX
    escapes = posix.is_absolute() or bool(windows.anchor) or ".." in windows.parts
    if escapes or not posix.parts:
        raise OutputError(
            f"output for '{rel}' would land outside '{out_dir}'; "
            "ids used as output paths must be relative and free of '..'"
        )
    return out_dir.joinpath(*posix.parts)


def check_not_input(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Refuse a run that would overwrite one of its own inputs, before anything is written.

    Paths are compared after resolving symlinks and '..'; existing files are also compared by
    device and inode, so a hard link to an input is caught too.
    """
    sources: dict[str, Path] = {}
    for source in inputs:
        for key in _identities(source):
            sources.setdefault(key, source)
    for output in outputs:
        for key in _identities(output):
            if key in sources:
                raise OutputError(
                    f"output '{output}' would overwrite input '{sources[key]}'; "
                    "choose another -o or pass --in-place"
                )


def _identities(path: Path) -> list[str]:
    """Keys under which two spellings of one file compare equal."""
    try:
        keys = [f"path:{path.resolve()}"]
    except (OSError, RuntimeError):  # a symlink loop: RuntimeError before Python 3.13
        keys = [f"path:{path.absolute()}"]
    with contextlib.suppress(OSError):
        info = path.stat()
        if info.st_ino:  # 0 where the file system has no inode numbers
            keys.append(f"inode:{info.st_dev}:{info.st_ino}")
    return keys


def _reason(exc: OSError) -> str:
    """The OS's short reason ('Permission denied') without Python's errno prefix."""
    return exc.strerror or str(exc)
