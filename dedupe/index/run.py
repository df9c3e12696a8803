"""The work of `dedupe index add/stats/remove` and of `--index` on check, scan and clean,
behind their flags: opening the index, batches, transactions, and what is said on stderr."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from dedupe.check import findings as check
from dedupe.errors import ConfigError
from dedupe.index import feed
from dedupe.index.store import DEFAULT_TIMEOUT, Added, Stats, Store, open_store
from dedupe.model import Skipped
from dedupe.options import Options
from dedupe.pipeline import Outcome, Source

DEFAULT_BATCH = 1000  # documents per transaction of `index add`


@dataclass(frozen=True)
class IndexFlags:
    """--index, --update-index and --index-timeout of a command."""

    path: Path | None = None
    update: bool = False
    timeout: float = DEFAULT_TIMEOUT

    def __post_init__(self) -> None:
        if self.update and self.path is None:
            raise ConfigError("--update-index needs --index FILE")
        if not 0 <= self.timeout <= 3600:
            raise ConfigError(f"--index-timeout must be in [0, 3600] seconds, got {self.timeout}")


def open_index(path: Path, options: Options, *, create: bool, timeout: float) -> Store:
    return open_store(
        path, feed.parameters(options), create=create, timeout=timeout, now=feed.now()
    )


def add(
    source: Source,
    options: Options,
    path: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    batch: int = DEFAULT_BATCH,
    on_skip: Callable[[Skipped], None] = lambda _: None,
) -> Added:
    """Add every document of `source`, `batch` documents per transaction."""
    if batch < 1:
        raise ConfigError(f"--batch must be at least 1, got {batch}")
    total = Added()
    cwd = Path.cwd()
    with open_index(path, options, create=True, timeout=timeout) as store:
        for items in feed.batches(source, batch):
            prepared = feed.prepare(items, options, cwd)
            for skipped in prepared.skipped:
                on_skip(skipped)
            done = store.add(prepared.stored, feed.now())
            total = Added(
                total.added + done.added,
                total.replaced + done.replaced,
                total.unchanged + done.unchanged,
            )
    return total


def added_summary(path: Path, done: Added) -> str:
    return (
        f"dedupe: index '{path}': {len(done.added)} documents added, {len(done.replaced)} "
        f"replaced, {len(done.unchanged)} unchanged"
    )


def stats(path: Path, options: Options, timeout: float = DEFAULT_TIMEOUT) -> Stats:
    with open_index(path, options, create=False, timeout=timeout) as store:
        return store.stats()


def render_stats(path: Path, found: Stats) -> str:
    lines = [
        f"index       {path}",
        f"documents   {found.documents}",
        f"paragraphs  {found.paragraphs}",
        f"hashes      {found.hashes}",
        f"size        {found.size / 1e6:.1f} MB ({found.size} bytes)",
        "parameters",
        *(f"  {name} = {value}" for name, value in sorted(found.parameters.items())),
    ]
    return "\n".join(lines) + "\n"


def remove(
    path: Path, names: Sequence[str], options: Options, timeout: float = DEFAULT_TIMEOUT
) -> tuple[str, ...]:
    cwd = Path.cwd()
    with open_index(path, options, create=False, timeout=timeout) as store:
        return store.remove([check.portable(name, cwd) for name in names])


def outcome(source: Source, options: Options, flags: IndexFlags, err: TextIO | None) -> Outcome:
    """scan and clean with --index: the run checked against the index (and added to it with
    --update-index, after the check)."""
    assert flags.path is not None
    checked = _checked(source, options, flags, err)
    return checked.outcome


def finder(
    flags: IndexFlags, err: TextIO | None
) -> Callable[[Source, Options, Callable[[Skipped], None]], check.Run]:
    """check with --index: the findings, each naming the indexed original with when it was
    first seen."""

    def find(source: Source, options: Options, on_skip: Callable[[Skipped], None]) -> check.Run:
        checked = _checked(source, options, flags, err)
        found = check.collect(checked.outcome, Path.cwd(), on_skip)
        issues = tuple(_seen(issue, checked.first_seen) for issue in found.issues)
        return replace(found, issues=issues)

    return find


def _checked(
    source: Source, options: Options, flags: IndexFlags, err: TextIO | None
) -> feed.Checked:
    assert flags.path is not None
    cwd = Path.cwd()
    with open_index(flags.path, options, create=flags.update, timeout=flags.timeout) as store:
        batch = feed.prepare(list(source()), options, cwd)
        checked = feed.check(batch, options, store)
        if err is not None:
            for name, first in checked.known.items():
                err.write(
                    f"dedupe: note: {name} is already indexed as it is (first added {first}); "
                    "checked against the rest of the index\n"
                )
        if flags.update:
            done = store.add(batch.stored, feed.now())
            if err is not None:
                err.write(added_summary(flags.path, done) + "\n")
    return checked


def _seen(issue: check.Issue, first_seen: dict[str, str]) -> check.Issue:
    """The finding's message, saying that its original is indexed and since when."""
    first = first_seen.get(issue.original.path)
    if first is None:
        return issue
    where = f"{issue.original.path}:{issue.original.line}"
    return replace(issue, message=f"{issue.message}; {where} indexed, first seen {first}")
