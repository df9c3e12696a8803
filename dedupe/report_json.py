"""Result -> JSON for machines. The wire format is declared here as TypedDicts.

Output is deterministic: documents in input order, findings by position, keys in a fixed order,
no timestamps. Bump SCHEMA_VERSION on any incompatible change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TypedDict

from dedupe import __version__
from dedupe.model import DocResult, Finding, Skipped
from dedupe.options import Options

SCHEMA_VERSION = 1


class FindingJSON(TypedDict):
    kind: str  # join | boilerplate | truncated | metadata
    rule: str  # the rule that fired, e.g. "photo-credit", "wrap", "headline"
    path: str
    line: int  # 1-based line in the input
    start: int  # character offsets into the decoded input
    end: int
    text: str
    reason: str
    removed: bool  # whether cleaning removed these characters from the output


class StatsJSON(TypedDict):
    chars_in: int
    chars_out: int
    lines_in: int
    paragraphs_out: int
    removed_lines: int
    joins: int
    truncated: int


class DocumentJSON(TypedDict):
    id: str
    path: str
    encoding: str
    output: str | None  # where the cleaned text was written, if anywhere
    stats: StatsJSON
    findings: list[FindingJSON]


class SkippedJSON(TypedDict):
    path: str
    reason: str


class SummaryJSON(TypedDict):
    documents: int
    skipped: int
    chars_in: int
    chars_out: int
    removed_lines: int
    joins: int
    truncated: int
    metadata: int


class ToolJSON(TypedDict):
    name: str
    version: str


class ReportJSON(TypedDict):
    schema_version: int
    tool: ToolJSON
    options: dict[str, object]
    summary: SummaryJSON
    documents: list[DocumentJSON]
    skipped: list[SkippedJSON]


def finding_json(finding: Finding, path: str) -> FindingJSON:
    return {
        "kind": finding.kind,
        "rule": finding.rule,
        "path": path,
        "line": finding.line,
        "start": finding.start,
        "end": finding.end,
        "text": finding.text,
        "reason": finding.reason,
        "removed": finding.removed,
    }


def document_json(result: DocResult, output: str | None = None) -> DocumentJSON:
    s = result.stats
    return {
        "id": result.document.id,
        "path": result.document.path,
        "encoding": result.document.encoding,
        "output": output,
        "stats": {
            "chars_in": s.chars_in,
            "chars_out": s.chars_out,
            "lines_in": s.lines_in,
            "paragraphs_out": s.paragraphs_out,
            "removed_lines": s.removed_lines,
            "joins": s.joins,
            "truncated": s.truncated,
        },
        "findings": [finding_json(f, result.document.path) for f in result.findings],
    }


def summary_json(documents: Sequence[DocumentJSON], skipped: int) -> SummaryJSON:
    stats = [d["stats"] for d in documents]
    return {
        "documents": len(documents),
        "skipped": skipped,
        "chars_in": sum(s["chars_in"] for s in stats),
        "chars_out": sum(s["chars_out"] for s in stats),
        "removed_lines": sum(s["removed_lines"] for s in stats),
        "joins": sum(s["joins"] for s in stats),
        "truncated": sum(s["truncated"] for s in stats),
        "metadata": sum(f["kind"] == "metadata" for d in documents for f in d["findings"]),
    }


def report(
    documents: Iterable[DocumentJSON], skipped: Sequence[Skipped], options: Options
) -> ReportJSON:
    docs = list(documents)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "dedupe", "version": __version__},
        "options": options.to_dict(),
        "summary": summary_json(docs, len(skipped)),
        "documents": docs,
        "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
    }


def dumps(data: ReportJSON) -> str:
    """Serialise a report: UTF-8 text, readable, byte-identical for identical input."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
