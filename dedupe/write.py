"""Outputs: written whole or not at all, inside the output folder, and never over an input."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from dedupe.errors import OutputError


def write_atomic(path: Path, data: bytes | str, *, durable: bool = False) -> None:
    """Replace path with data in one step, so a crash leaves the old file or the new, never half.

    A str is written as UTF-8 with its newlines unchanged. `durable` also fsyncs the file and
    its folder before returning: worth its cost (a quarter of the run time on many small files)
    only where the file replaced is precious, as with --in-place.

    Written with bare system calls, not a file object: on many small outputs a file object's
    own calls (fstat, isatty, its buffer) were a third of the cost of writing.
    """
    view = memoryview(data.encode("utf-8") if isinstance(data, str) else data)
    with _replacing(path, durable=durable) as fd:
        try:
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def open_atomic(path: Path, *, durable: bool = False) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the block ends without error, and never otherwise.

    The temporary file sits in the same folder (a rename is only atomic within one file system)
    and is hidden, so a later run over that folder does not read it. A new file gets what open()
    would give it (0666 less the umask); a replaced file keeps its permissions.
    """
    with _replacing(path, durable=durable) as fd, os.fdopen(fd, "wb") as out:
        yield out
        out.flush()
        if durable:
            os.fsync(out.fileno())


@contextlib.contextmanager
def _replacing(path: Path, *, durable: bool) -> Iterator[int]:
    """The descriptor of a temporary file beside `path`, which the block writes and closes;
    when the block ends without error the file takes the place of `path`, else it is removed.
    The one commit step of write_atomic and open_atomic."""
    tmp, fd = _temporary(path)
    replaced = False
    try:
        yield fd
        _keep_mode(path, tmp)
        os.replace(tmp, path)
        replaced = True
    except OSError as exc:
        raise OutputError(f"cannot write '{path}': {_reason(exc)}; choose another -o") from None
    finally:
        if not replaced:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    if durable:
        _fsync_folder(path.parent)


def _temporary(path: Path) -> tuple[str, int]:
    """A new temporary file beside `path`; its folder is made only when missing (trying first
    saves two system calls per file in a folder that exists)."""
    try:
        try:
            return _create_temporary(path)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            return _create_temporary(path)
    except OSError as exc:
        raise OutputError(f"cannot write '{path}': {_reason(exc)}; choose another -o") from None


def _create_temporary(path: Path) -> tuple[str, int]:
    """A new hidden file beside `path`, created exclusively (never one that already exists).

    Plain os.open rather than tempfile: on many small outputs tempfile's overhead was a tenth
    of the whole run. The name is this process's random token and a count, so only a name
    already taken (another process, a left-over file) costs a fresh random one.
    """
    folder, name = os.path.split(path)
    for attempt in range(100):
        suffix = _next_suffix() if attempt == 0 else secrets.token_hex(4)
        tmp = os.path.join(folder, f".{name[:64]}.{suffix}.tmp")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", folder)


_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows only
_token: tuple[str, Iterator[int]] | None = None  # this process's random token, and a count


def _next_suffix() -> str:
    """A temporary-name suffix unique within this process (a forked child draws its own token)."""
    global _token
    if _token is None:
        _token = (secrets.token_hex(4), itertools.count())
    return f"{_token[0]}{next(_token[1]):x}"


def _forget_token() -> None:
    global _token
    _token = None


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_forget_token)


def _keep_mode(path: Path, tmp: str) -> None:
    """Give the new file the permissions of the file it replaces, if there is one."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return
    os.chmod(tmp, mode)


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
    parts = rel.split("/")
    if "\\" not in rel and ":" not in rel and all(p not in ("", ".", "..") for p in parts):
        return out_dir.joinpath(*parts)  # the common case, without parsing it twice per file
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

    An existing file is compared by device and inode, which catches every spelling of it:
    symlinks, '..', hard links. Resolving paths (a system call per path component, a tenth of a
    run over many small files) is needed only where there is no inode to compare: for inputs
    that are missing or on a file system without inode numbers.

    Both are walked once, and again only to name the paths of a clash: pass lists, or
    re-iterable views of a run's inputs. Kept meanwhile: the inodes of the outputs that already
    exist (none in a new folder), not every input.
    """
    existing = {inode for output in outputs if (inode := _inode(output)) is not None}
    clashes: set[tuple[int, int]] = set()
    by_path: dict[str, Path] = {}
    for source in inputs:
        inode = _inode(source)
        if inode is None:
            by_path.setdefault(_resolved(source), source)
        elif inode in existing:
            clashes.add(inode)
    if not clashes and not by_path:
        return
    for output in outputs:
        inode = _inode(output)
        hit = None
        if inode in clashes:
            hit = next((s for s in inputs if _inode(s) == inode), None)
        if hit is None and by_path:
            hit = by_path.get(_resolved(output))
        if hit is not None:
            raise OutputError(
                f"output '{output}' would overwrite input '{hit}'; "
                "choose another -o or pass --in-place"
            )


def _inode(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file; None if missing or without inode numbers."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if info.st_ino else None


def _resolved(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop: RuntimeError before Python 3.13
        return str(path.absolute())


def _reason(exc: OSError) -> str:
    """The OS's short reason ('Permission denied') without Python's errno prefix."""
    return exc.strerror or str(exc)
