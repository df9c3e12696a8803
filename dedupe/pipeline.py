"""The pipeline, read top to bottom: read -> segment -> boilerplate -> repair -> clean."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from dedupe import boilerplate, clean, repair, segment
from dedupe.model import Document, DocResult, DocStats, Finding, Result, Skipped
from dedupe.options import Options
from dedupe.templates import TemplateCounter

Source = Callable[[], Iterable[Document | Skipped]]


def run(documents: Sequence[Document], options: Options | None = None) -> Result:
    """Clean documents held in memory; the library entry point."""
    results = list(clean_documents(lambda: documents, options or Options()))
    return Result(
        documents=tuple(r for r in results if isinstance(r, DocResult)),
        skipped=tuple(r for r in results if isinstance(r, Skipped)),
    )


def clean_documents(source: Source, options: Options) -> Iterator[DocResult | Skipped]:
    """Clean a run one document at a time; `source` is read twice (templates, then cleaning)."""
    rules = boilerplate.compile_rules(options, site_templates(source(), options))
    for item in source():
        yield item if isinstance(item, Skipped) else clean_document(item, rules)


def site_templates(documents: Iterable[Document | Skipped], options: Options) -> frozenset[str]:
    """Keys of the short lines that recur in at least `template_min_docs` documents."""
    counter = TemplateCounter(max_chars=options.template_max_chars)
    for doc in documents:
        if isinstance(doc, Document):
            counter.add(seg.text for seg in segment.lines(doc.id, doc.text))
    return counter.frequent(options.template_min_docs)


def clean_document(doc: Document, rules: boilerplate.Rules) -> DocResult:
    """One document through segment -> boilerplate -> repair -> clean."""
    starts = segment.line_starts(doc.text)
    lines = segment.lines(doc.id, doc.text)
    labels = boilerplate.classify(doc.path, lines, rules)
    paragraphs, repairs = repair.repair(lines, labels, starts)
    findings = sorted((*boilerplate.findings(lines, labels), *repairs), key=_position)
    cleaned = clean.cleaned_text(paragraphs)
    stats = DocStats(
        chars_in=len(doc.text),
        chars_out=len(cleaned),
        lines_in=len(starts),
        paragraphs_out=len(paragraphs),
        removed_lines=sum(f.removed for f in findings),
        joins=sum(f.kind == "join" for f in findings),
        truncated=sum(f.kind == "truncated" for f in findings),
    )
    return DocResult(doc, paragraphs, tuple(findings), cleaned, stats)


def _position(finding: Finding) -> tuple[int, int, str]:
    return finding.start, finding.end, finding.kind
