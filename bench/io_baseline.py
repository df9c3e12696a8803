"""I/O-only baseline for the throughput benchmark: read, decode and write every file, nothing else.

Why: `dedupe clean` time = interpreter start + file I/O + cleaning. Running this script on the
same corpus, in the same benchmark invocation, gives the floor that no cleaning code can beat on
this machine today, so the dedupe/baseline ratio is comparable across noisy runs.

With --fsync every file is written the way `dedupe.write.write_atomic` writes it (hidden temporary
file in the same folder, fsync, rename, fsync of the folder), which separates the cost of durable
writes from the cost of cleaning.

    python bench/io_baseline.py CORPUS_DIR OUT_DIR [--fsync]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from fnmatch import fnmatchcase
from pathlib import Path

# Same default selection as `dedupe clean` on a folder.
INCLUDE = ("*.txt", "*.md")


def files(root: Path) -> list[Path]:
    """Every included file under root, in a stable order (relative paths)."""
    out = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder).relative_to(root)
        out.extend(
            base / n
            for n in sorted(names)
            if not n.startswith(".") and any(fnmatchcase(n, p) for p in INCLUDE)
        )
    return out


def write_plain(path: Path, payload: bytes) -> None:
    path.write_bytes(payload)


def write_durable(path: Path, payload: bytes) -> None:
    """Temporary file, fsync, rename, fsync the folder: what an atomic, durable write costs."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def main(argv: list[str] | None = None) -> int:
    """Copy CORPUS_DIR to OUT_DIR through a UTF-8 decode and encode of every file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src", type=Path)
    parser.add_argument("dst", type=Path)
    parser.add_argument("--fsync", action="store_true", help="write like dedupe's write_atomic")
    args = parser.parse_args(argv)
    write = write_durable if args.fsync else write_plain
    made: set[Path] = set()
    for rel in files(args.src):
        text = (args.src / rel).read_bytes().decode("utf-8")
        target = args.dst / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        write(target, text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
