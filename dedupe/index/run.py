"""The work of `dedupe index add/stats/remove` and of `--index` on check, scan and clean,
behind their flags: opening the index, batches, transactions, and what is said on stderr."""

from __future__ import annotations

import contextlib
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, TextIO

from dedupe.check import findings as check
from dedupe.errors import ConfigError
from dedupe.index import feed
from dedupe.index.flags import DEFAULT_BATCH, DEFAULT_TIMEOUT, IndexFlags
from dedupe.index.nearest import I64
from dedupe.index.store import (
    Added,
    IndexedDocument,
    Stats,
    Store,
    StoredDocument,
    open_store,
)
from dedupe.model import Cluster, DocResult, Skipped
from dedupe.options import Options
from dedupe.pipeline import Outcome, Source, no_cycle_collection


def open_index(path: Path, options: Options, *, create: bool, timeout: float) -> Store:
    return open_store(
        path, feed.parameters(options), create=create, timeout=timeout, now=feed.now()
    )


def ready(options: Options, flags: IndexFlags) -> None:
    """Open the index once and let it go, so that a missing or foreign index is an error
    before any output starts (a report on stdout would be left cut off)."""
    assert flags.path is not None
    with open_index(flags.path, options, create=flags.update, timeout=flags.timeout):
        pass


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
            total += store.add(prepared.stored, feed.now())
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
    """scan and clean with --index: the run checked against the index, a batch at a time
    (and added to it with --update-index). The clusters fill as the documents are handed out."""
    clusters = _Spool()

    def items() -> Iterator[DocResult | Skipped]:
        for checked in checked_batches(source, options, flags, err):
            clusters.extend(checked.clusters)
            yield from checked.outcome.items

    return Outcome(clusters, items())


class _Spool:
    """A streamed run's clusters, on disk until they are read after the last document: with
    their texts and explanations they outgrow the batches (6 MB of report per 5 MB of copygen
    input). Pickled, as this process alone writes and reads them, in an unnamed temporary
    file; the index itself holds no pickles."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None

    def extend(self, clusters: Iterable[Cluster]) -> None:
        for cluster in clusters:
            if self._file is None:  # closed once read back (__iter__)
                self._file = tempfile.TemporaryFile(prefix="dedupe-clusters-")  # noqa: SIM115
            pickle.dump(cluster, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def __iter__(self) -> Iterator[Cluster]:
        if self._file is None:
            return
        self._file.seek(0)
        with self._file:
            while True:
                try:
                    yield pickle.load(self._file)  # written above, by this process
                except EOFError:
                    break
        self._file = None


def finder(
    flags: IndexFlags, err: TextIO | None
) -> Callable[[Source, Options, Callable[[Skipped], None]], check.Run]:
    """check with --index: the findings, each naming the indexed original with when it was
    first seen."""

    def find(source: Source, options: Options, on_skip: Callable[[Skipped], None]) -> check.Run:
        issues: list[check.Issue] = []
        documents: list[check.Checked] = []
        skipped: list[Skipped] = []
        for checked in checked_batches(source, options, flags, err):
            found = check.collect(checked.outcome, Path.cwd(), on_skip)
            issues.extend(_seen(issue, checked.first_seen) for issue in found.issues)
            documents.extend(found.documents)
            skipped.extend(found.skipped)
        return check.Run(tuple(issues), tuple(documents), tuple(skipped))

    return find


def checked_batches(
    source: Source, options: Options, flags: IndexFlags, err: TextIO | None
) -> Iterator[feed.Checked]:
    """The run, `flags.batch` documents at a time, each batch checked against the index and
    the run's earlier batches; only one batch's documents are held at a time."""
    assert flags.path is not None
    cwd = Path.cwd()
    with (
        open_index(flags.path, options, create=flags.update, timeout=flags.timeout) as store,
        _layers(store, options, flags, err) as layers,
    ):
        for items in feed.batches(source, flags.batch):
            layers.flush()  # the batch before, now that another comes
            # As in a run held in memory; what a batch leaves is collected after it.
            with no_cycle_collection():
                batch = feed.prepare(items, options, cwd)
                checked = feed.check(batch, options, layers, first_cluster=layers.clusters + 1)
            layers.clusters += len(checked.clusters)
            if err is not None:
                for name, first in checked.known.items():
                    err.write(
                        f"dedupe: note: {name} is already indexed as it is (first added "
                        f"{first}); checked against the rest of the index\n"
                    )
            layers.stage(batch.stored)
            yield checked


class _Layered:
    """The index with the run's earlier batches over it, so that a later batch finds copies
    of an earlier one as one in-memory run would. A batch is staged when the next one comes
    (a run of one batch stages nothing): into the index itself with --update-index (inside
    the run's one transaction), else into a temporary index of the run's own."""

    def __init__(self, store: Store, staging: Callable[[], Store]) -> None:
        self.store = store
        self.clusters = 0  # clusters found so far: the next batch numbers on
        self.done = Added()
        self._open_staging = staging
        self._staging: Store | None = None
        self._pending: tuple[StoredDocument, ...] = ()
        self._staged: set[str] = set()  # names of the run's documents staged so far

    def stage(self, documents: tuple[StoredDocument, ...]) -> None:
        """Hold a checked batch back until the next one comes (flush)."""
        self.flush()
        self._pending = documents

    def flush(self) -> None:
        if not self._pending:
            return
        if self._staging is None:
            self._staging = self._open_staging()
        self.done += self._staging.add(self._pending, feed.now())
        self._staged.update(doc.name for doc in self._pending)
        self._pending = ()

    def candidates(self, table: I64, exclude: Iterable[str]) -> list[IndexedDocument]:
        names = set(exclude)
        found = self.store.candidates(table, names)
        if self._staging is not None and self._staging is not self.store:
            found += self._staging.candidates(table, names)
        # The run's own documents were not published before: reported as in one run.
        return [replace(d, first_added="") if d.name in self._staged else d for d in found]

    def known(self, names: Iterable[str]) -> dict[str, tuple[str, str]]:
        return self.store.known(names)

    def close(self) -> None:
        if self._staging is not None and self._staging is not self.store:
            self._staging.close()


@contextlib.contextmanager
def _layers(
    store: Store, options: Options, flags: IndexFlags, err: TextIO | None
) -> Iterator[_Layered]:
    """With --update-index the run's documents go into the index in one transaction,
    committed once every batch is checked (a run killed halfway adds nothing); without it,
    into a temporary index dropped at the end."""
    if flags.update:
        with store.transaction():
            layers = _Layered(store, lambda: store)
            yield layers
            layers.flush()
        if err is not None and flags.path is not None:
            err.write(added_summary(flags.path, layers.done) + "\n")
        return
    with tempfile.TemporaryDirectory(prefix="dedupe-run-") as folder:
        layers = _Layered(
            store,
            lambda: open_index(Path(folder) / "run.db", options, create=True, timeout=0),
        )
        try:
            yield layers
        finally:
            layers.close()


def _seen(issue: check.Issue, first_seen: dict[str, str]) -> check.Issue:
    """The finding's message, saying that its original is indexed and since when."""
    first = first_seen.get(issue.original.path)
    if first is None:
        return issue
    where = f"{issue.original.path}:{issue.original.line}"
    return replace(issue, message=f"{issue.message}; {where} indexed, first seen {first}")
