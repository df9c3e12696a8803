"""Result -> JSON for machines. The wire format is declared here as TypedDicts.

Output is deterministic: documents in input order, findings by position, keys in a fixed order,
no timestamps. Bump SCHEMA_VERSION on any incompatible change.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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
    """The whole report, in the order its keys are written (documents one per line)."""

    schema_version: int
    tool: ToolJSON
    options: dict[str, object]
    documents: list[DocumentJSON]
    skipped: list[SkippedJSON]
    summary: SummaryJSON


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


class Tally:
    """Run totals and the first rows of the summary table, kept while documents stream past."""

    def __init__(self, *, rows: int = 40) -> None:
        self.summary: SummaryJSON = {
            "documents": 0,
            "skipped": 0,
            "chars_in": 0,
            "chars_out": 0,
            "removed_lines": 0,
            "joins": 0,
            "truncated": 0,
            "metadata": 0,
        }
        self.rows: list[DocumentJSON] = []
        self._max_rows = rows

    def add(self, doc: DocumentJSON) -> None:
        s, stats = self.summary, doc["stats"]
        s["documents"] += 1
        s["chars_in"] += stats["chars_in"]
        s["chars_out"] += stats["chars_out"]
        s["removed_lines"] += stats["removed_lines"]
        s["joins"] += stats["joins"]
        s["truncated"] += stats["truncated"]
        s["metadata"] += sum(f["kind"] == "metadata" for f in doc["findings"])
        if len(self.rows) < self._max_rows:
            self.rows.append(doc)

    def skip(self) -> None:
        self.summary["skipped"] += 1


def report_head(options: Options) -> str:
    """The start of a report, up to the opening of the documents list.

    A report is written in pieces (head, one line per document, tail) so that a run over many
    documents never holds them all: the bytes are the same as long as the input is.
    """
    head = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "dedupe", "version": __version__},
        "options": options.to_dict(),
    }
    return json.dumps(head, ensure_ascii=False)[:-1] + ',\n"documents": [\n'


def report_document(doc: DocumentJSON, *, first: bool) -> str:
    """One document of the report, on one line."""
    return ("" if first else ",\n") + json.dumps(doc, ensure_ascii=False)


def report_tail(summary: SummaryJSON, skipped: Sequence[Skipped]) -> str:
    """The end of a report: skipped inputs and the run's totals."""
    rest = {"skipped": [{"path": s.path, "reason": s.reason} for s in skipped], "summary": summary}
    return "\n],\n" + json.dumps(rest, ensure_ascii=False)[1:] + "\n"
