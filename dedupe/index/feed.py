"""A run checked against the history index: the engine over the run plus the indexed
paragraphs that could be copied, as documents of their own that are always the original.

Only the candidates are read from the index (paragraphs sharing a sentence key, a MinHash band
or a key's start or end with the run, see index/hashes.py), so memory depends on the run, not
on the index. The indexed paragraphs come back as pseudo-documents carrying their indexed path,
offsets and line; the engine ranks them before the run's (copies.paragraph_ranks, `pinned`),
so a copy of indexed text names the indexed original, with the same kinds, swaps and subject
mismatches as within a run. They are never cleaned, written or reported as inputs.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import numpy as np

from dedupe.check.findings import portable
from dedupe.cleanup import boilerplate
from dedupe.index import hashes as index_hashes
from dedupe.index.hashes import I64
from dedupe.index.store import IndexedDocument, StoredDocument, StoredParagraph
from dedupe.model import (
    Cluster,
    DocResult,
    DocStats,
    Document,
    Lang,
    Paragraph,
    Segment,
    Skipped,
)
from dedupe.options import Options
from dedupe.pipeline import Outcome, Source, body_size, find_copies, prepare_all, run_rules

PSEUDO = "index:"  # id prefix of the indexed pseudo-documents


def parameters(options: Options) -> dict[str, str]:
    """What the index pins: the numbers' own settings and which sentences are stored."""
    return {**index_hashes.parameters(), "min_sentence_chars": str(options.min_sentence_chars)}


def now() -> str:
    """The current time as the index records it (UTC, ISO 8601, seconds)."""
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    return stamp.isoformat().replace("+00:00", "Z")


def name_of(doc: Document, cwd: Path) -> str:
    """A document's name in the index: its JSON Lines id, else its portable path."""
    return doc.id if doc.source_line else portable(doc.path, cwd)


def content_hash(doc: Document) -> str:
    return hashlib.blake2b(doc.text.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Batch:
    """Documents prepared (boilerplate and repair) and keyed, ready to check or to add."""

    results: tuple[DocResult, ...]
    skipped: tuple[Skipped, ...]
    items: tuple[DocResult | Skipped, ...]  # both, in input order
    stored: tuple[StoredDocument, ...]
    rules: boilerplate.Rules
    hashes: I64 | None = None  # one row per body sentence long enough to be a copy


def prepare(items: Sequence[Document | Skipped], options: Options, cwd: Path) -> Batch:
    """Boilerplate and repair of a batch, and the hashes of its body sentences."""
    from dedupe.engine import copies  # numpy and the engine, only when needed

    rules = run_rules(items, options)
    prepared = prepare_all(lambda: items, rules)
    results = tuple(r for r in prepared if isinstance(r, DocResult))
    units = copies.units(results, options.min_sentence_chars)
    table = index_hashes.unit_hashes(units)
    by_paragraph: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for unit, row in zip(units, table.tolist(), strict=True):
        by_paragraph[unit.doc][unit.para].update(row)
    stored = tuple(_stored(result, cwd, by_paragraph[n]) for n, result in enumerate(results))
    skipped = tuple(r for r in prepared if isinstance(r, Skipped))
    return Batch(results, skipped, tuple(prepared), stored, rules, table)


def _stored(result: DocResult, cwd: Path, found: Mapping[int, set[int]]) -> StoredDocument:
    """A prepared document as the index keeps it: its body paragraphs that have sentences
    long enough to match (no other paragraph can ever be a candidate)."""
    doc = result.document
    paragraphs = tuple(
        StoredParagraph(
            p,
            seg.start,
            seg.end,
            seg.line,
            seg.lang,
            seg.text,
            doc.text[seg.start : seg.end],
            seg.edits,
            tuple(sorted(found[p])),
        )
        for p, seg in ((p, para.segment) for p, para in enumerate(result.paragraphs))
        if p in found
    )
    return StoredDocument(
        name_of(doc, cwd),
        portable(doc.path, cwd),
        doc.source_line,
        content_hash(doc),
        paragraphs,
        body_size(result),
    )


@dataclass(frozen=True)
class Checked:
    """A run checked against the index: the outcome as a pipeline run gives it (clusters
    naming indexed originals), when each indexed original was first seen, and the batch."""

    outcome: Outcome  # its clusters are `clusters`
    clusters: tuple[Cluster, ...]
    first_seen: dict[str, str]  # indexed path -> first_added (not for the run's own documents)
    known: dict[str, str]  # names of run documents already indexed as they are -> first_added
    batch: Batch


class Lookup(Protocol):
    """What a check reads of the index (a Store, or a Store with this run's earlier batches
    over it: index/run.py)."""

    def candidates(self, table: I64, exclude: Iterable[str]) -> list[IndexedDocument]: ...

    def known(self, names: Iterable[str]) -> dict[str, tuple[str, str]]: ...


def check(batch: Batch, options: Options, store: Lookup, first_cluster: int = 1) -> Checked:
    """The batch's copies, within it and of the indexed paragraphs that could be copied; its
    clusters are numbered from `first_cluster` (a run's batches number them on)."""
    names = [doc.name for doc in batch.stored]
    table = batch.hashes if batch.hashes is not None else np.empty((0, 0), dtype=np.int64)
    indexed = store.candidates(table, exclude=names)
    pseudo = [as_result(doc) for doc in indexed]
    clusters, cleaned = find_copies(
        [*pseudo, *batch.results],
        options,
        batch.rules,
        pinned=len(pseudo),
        body_chars={doc.path: doc.body_chars for doc in indexed},
    )
    by_id = {r.document.id: r for r in cleaned[len(pseudo) :]}
    items = iter(
        [item if isinstance(item, Skipped) else by_id[item.document.id] for item in batch.items]
    )
    found = inputs_only(clusters, first_cluster)
    hashes = {doc.name: doc.content_hash for doc in batch.stored}
    known = {
        name: first
        for name, (digest, first) in store.known(names).items()
        if digest == hashes[name]
    }
    first_seen = {doc.path: doc.first_added for doc in indexed if doc.first_added}
    return Checked(Outcome(found, items), found, first_seen, known, batch)


def inputs_only(clusters: Iterable[Cluster], first: int = 1) -> tuple[Cluster, ...]:
    """The clusters without indexed members (two indexed paragraphs that copy each other are
    no finding of this run), renumbered from `first`."""
    out: list[Cluster] = []
    for cluster in clusters:
        members = tuple(m for m in cluster.members if not m.paragraph.doc.startswith(PSEUDO))
        if members:
            out.append(replace(cluster, id=f"c{first + len(out)}", members=members))
    return tuple(out)


def as_result(doc: IndexedDocument) -> DocResult:
    """An indexed document as a pseudo-document of the run: its stored paragraphs at their
    offsets and lines (padded with spaces and line breaks), so that every place the engine
    reports in it is the indexed one."""
    ident = f"{PSEUDO}{doc.name}"
    text, lines, paragraphs = "", 0, []
    for p in doc.paragraphs:
        breaks = max(p.line - 1 - lines, 0)
        gap = max(p.start - len(text), breaks)
        text += " " * (gap - breaks) + "\n" * breaks
        shift = len(text) - p.start
        edits = tuple(replace(e, start=e.start + shift, end=e.end + shift) for e in p.edits)
        at = len(text)
        segment = Segment(ident, at, at + len(p.source), p.line, _lang(p.lang), p.text, edits)
        paragraphs.append(Paragraph(segment, "body"))
        text += p.source
        lines += breaks + p.source.count("\n")
    document = Document(ident, doc.path, text, source_line=doc.source_line)
    stats = DocStats(len(text), 0, lines + 1, 0, 0, 0, 0)
    return DocResult(document, tuple(paragraphs), (), "", stats)


def _lang(found: str) -> Lang:
    return "zh" if found == "zh" else "en" if found == "en" else "mixed"


def batches(source: Source, size: int) -> Iterator[list[Document | Skipped]]:
    """The source's items, `size` at a time."""
    items = iter(source())
    while chunk := list(itertools.islice(items, size)):
        yield chunk
