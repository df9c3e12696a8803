"""The pipeline, read top to bottom.

read -> segment -> boilerplate -> repair   (per document, streamed)
     -> copies: fingerprint -> candidates -> verify -> cluster -> explain   (the whole run)
     -> clean   (per document)
"""

from __future__ import annotations

import contextlib
import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from dedupe import workers
from dedupe.cleanup import boilerplate, clean, repair
from dedupe.cleanup.cutoffs import LineIndex
from dedupe.cleanup.templates import TemplateCounter
from dedupe.model import (
    Cluster,
    DocResult,
    DocStats,
    Document,
    Finding,
    Result,
    Segment,
    Skipped,
)
from dedupe.options import Options
from dedupe.text import segment

Source = Callable[[], Iterable[Document | Skipped]]


def run(documents: Sequence[Document], options: Options | None = None) -> Result:
    """Clean documents held in memory; the library entry point."""
    outcome = process(lambda: documents, options or Options())
    results = list(outcome.items)
    return Result(
        documents=tuple(r for r in results if isinstance(r, DocResult)),
        skipped=tuple(r for r in results if isinstance(r, Skipped)),
        clusters=tuple(outcome.clusters),
    )


@dataclass(frozen=True)
class Outcome:
    """A run's clusters and its documents, in order. Read the clusters once, after the
    documents: a run streamed through the history index (index/run.py) finds them a batch at a
    time, as it hands out that batch's documents, and keeps them on disk till then."""

    clusters: Iterable[Cluster]
    items: Iterator[DocResult | Skipped]


def process(source: Source, options: Options) -> Outcome:
    """Clean a run. Without copies, documents stream one at a time, and `source` is read twice
    (site templates are counted first); finding copies needs the whole run in memory, so then
    it is read once and every document is prepared first."""
    if not options.copies:
        rules = boilerplate.compile_rules(options, site_templates(source(), options))
        return Outcome((), clean_documents(source, rules))
    with no_cycle_collection():
        read = list(source())
        rules = run_rules(read, options)
        prepared = prepare_all(lambda: read, rules)
        docs = [item for item in prepared if isinstance(item, DocResult)]
        clusters, cleaned = find_copies(docs, options, rules)
    by_id = {result.document.id: result for result in cleaned}
    items = (item if isinstance(item, Skipped) else by_id[item.document.id] for item in prepared)
    return Outcome(clusters, items)


def run_rules(read: Sequence[Document | Skipped], options: Options) -> boilerplate.Rules:
    """The boilerplate rules of a run held in memory: its site templates and its lines, to
    tell copies cut off from teasers."""
    return boilerplate.compile_rules(
        options, site_templates(read, options), cut_offs=_line_index(read)
    )


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the run is prepared and copies are found: the
    run's documents, sentences and shapes are millions of long-lived objects, and every full
    collection walked them all again (about 2 s of a 26 s run at 30 MB, more the bigger the
    run); what the engine builds is freed by reference counting, and collection resumes
    afterwards (the CLI then freezes the run: see cli._frozen_heap)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def find_copies(
    results: Sequence[DocResult],
    options: Options,
    rules: boilerplate.Rules,
    pinned: int = 0,
    body_chars: Mapping[str, int] | None = None,
) -> tuple[tuple[Cluster, ...], list[DocResult]]:
    """copies -> explain -> clean: clusters, and every document with its copies cut out.

    The first `pinned` documents are indexed text (index/feed.py): originals of any cluster
    they are in, and never cut; they hold only the paragraphs looked up, so `body_chars` says
    how long their bodies are (by path), to tell a duplicate of one from a partial copy."""
    # Imported here: the engine brings numpy (a third of start-up), which --no-copies never needs.
    from dedupe.engine import copies, explain

    matches = copies.match(results, options, pinned)
    if pinned:
        matches = replace(matches, removed=frozenset(p for p in matches.removed if p[0] >= pinned))
    removed = _by_document(copies.removed_by_paragraph(matches))
    unsettled = _unsettled(results, removed, rules)
    if unsettled:
        kept = frozenset(p for p in matches.removed if p[0] not in unsettled)
        matches = replace(matches, removed=kept)
        removed = {d: drop for d, drop in removed.items() if d not in unsettled}
    clusters = explain.clusters(results, matches, options, pinned)
    notes = explain.findings(results, clusters)
    sizes = {r.document.path: body_size(r) for r in results} | dict(body_chars or {})
    whole = explain.duplicates(results, matches, clusters, sizes)
    cleaned = [
        clean.apply_copies(result, removed.get(index, {}), notes.get(index, []), whole.get(index))
        for index, result in enumerate(results)
    ]
    return clusters, cleaned


def body_size(result: DocResult) -> int:
    """Characters of a document's body paragraphs."""
    return sum(len(p.segment.text) for p in result.paragraphs if p.role == "body")


def _by_document(removed: dict[tuple[int, int], set[int]]) -> dict[int, dict[int, set[int]]]:
    """Removed sentence positions by document, then paragraph."""
    out: dict[int, dict[int, set[int]]] = defaultdict(dict)
    for (d, p), drop in removed.items():
        out[d][p] = drop
    return out


def _unsettled(
    results: Sequence[DocResult], removed: dict[int, dict[int, set[int]]], rules: boilerplate.Rules
) -> set[int]:
    """Documents that would read differently once their copies are cut: they keep them.

    Cutting a copy can change how the rest of a document reads (the line above it now looks
    like a headline; a paragraph now ends unfinished and would be joined). A second run over
    the cleaned text would then clean again; such a document keeps its copies (reported, not
    removed), and a second run makes the same choice, so cleaning stays idempotent.
    """
    changed = sorted(removed)

    def unsettled(d: int) -> bool:
        text = clean.apply_copies(results[d], removed[d], [], None).cleaned
        again = replace(results[d].document, text=text)
        return bool(text) and clean_document(again, rules).cleaned != text

    found = workers.map_items(unsettled, changed, weight=DOCUMENT_WEIGHT)
    return {d for d, bad in zip(changed, found, strict=True) if bad}


def clean_documents(source: Source, rules: boilerplate.Rules) -> Iterator[DocResult | Skipped]:
    """Boilerplate and repair, one document at a time (site templates counted beforehand)."""
    for item in source():
        yield item if isinstance(item, Skipped) else clean_document(item, rules)


# Boilerplate and repair of one document cost about as much as checking this many sentence
# pairs: its weight in workers.map_items.
DOCUMENT_WEIGHT = 20


def prepare_all(source: Source, rules: boilerplate.Rules) -> list[DocResult | Skipped]:
    """Boilerplate and repair of every document, spread over workers: finding copies needs the
    whole run at once anyway. Same results as `clean_documents`, in the same order."""
    items = list(source())

    def cleaned(n: int) -> DocResult | Skipped:
        item = items[n]
        if isinstance(item, Skipped):
            return item
        # The parent holds the document: only what cleaning made travels back.
        return replace(clean_document(item, rules), document=_UNSENT)

    done = workers.map_items(cleaned, range(len(items)), weight=DOCUMENT_WEIGHT)
    out: list[DocResult | Skipped] = []
    for item, result in zip(items, done, strict=True):
        if isinstance(item, Document) and isinstance(result, DocResult):
            result = replace(result, document=item)
        out.append(result)
    return out


_UNSENT = Document("", "", "")


def site_templates(documents: Iterable[Document | Skipped], options: Options) -> frozenset[str]:
    """Keys of the short lines that recur in at least `template_min_docs` documents."""
    counter = TemplateCounter(max_chars=options.template_max_chars)
    for doc in documents:
        if isinstance(doc, Document):
            counter.add(segment.line_texts(doc.text))
    return counter.frequent(options.template_min_docs)


def _line_index(documents: Iterable[Document | Skipped]) -> LineIndex:
    """The run's lines, to tell a copy cut off from a teaser or a wrapped paragraph."""
    return LineIndex.of(
        segment.line_texts(doc.text) for doc in documents if isinstance(doc, Document)
    )


MAX_ROUNDS = 50


def clean_document(doc: Document, rules: boilerplate.Rules) -> DocResult:
    """One document through segment -> boilerplate -> repair -> clean."""
    units, labels, found = _settle(doc, segment.lines(doc.id, doc.text), rules)
    paragraphs, truncated = repair.paragraphs(units, labels)
    findings = sorted(
        (*found, *boilerplate.findings(doc.text, units, labels), *truncated), key=_position
    )
    cleaned = clean.cleaned_text(paragraphs)
    stats = DocStats(
        chars_in=len(doc.text),
        chars_out=len(cleaned),
        lines_in=segment.line_count(doc.text),
        paragraphs_out=len(paragraphs),
        removed_lines=sum(f.removed for f in findings),
        joins=sum(f.kind == "join" for f in findings),
        truncated=sum(f.kind == "truncated" for f in findings),
    )
    return DocResult(doc, paragraphs, tuple(findings), cleaned, stats)


def _settle(
    doc: Document, units: Sequence[Segment], rules: boilerplate.Rules
) -> tuple[Sequence[Segment], Sequence[boilerplate.Label], list[Finding]]:
    """Label, drop and join until nothing changes: the fixed point that makes cleaning idempotent.

    Cleaned output, read again, consists of exactly the units of the last round, which removed
    and joined nothing; so a second run takes the same decisions and changes nothing.
    Each round removes or joins at least one unit, so this ends.
    """
    found: list[Finding] = []
    for _ in range(MAX_ROUNDS):
        labels = boilerplate.classify(doc.path, units, rules)
        kept, _, joins = repair.merge(units, labels, rules.cut_offs)
        removed = [(u, lab) for u, lab in zip(units, labels, strict=True) if lab.role == "chrome"]
        found = [f for f in found if not any(u.start <= f.start < u.end for u, _ in removed)]
        found += boilerplate.findings(
            doc.text, [u for u, _ in removed], [lab for _, lab in removed]
        )
        found += joins
        if len(kept) == len(units):
            return units, labels, found
        units = kept
    raise AssertionError(f"no fixed point after {MAX_ROUNDS} rounds in {doc.path}")


def _position(finding: Finding) -> tuple[int, int, str]:
    return finding.start, finding.end, finding.kind
