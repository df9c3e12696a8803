"""Result -> JSON for machines. The wire format is declared here as TypedDicts.

Output is deterministic: documents in input order, findings by position, keys in a fixed order,
no timestamps. Bump SCHEMA_VERSION on any incompatible change.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TypedDict

from dedupe import __version__
from dedupe.model import Cluster, DocResult, Finding, Member, Place, Skipped
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
    copies_removed: int


class DocumentJSON(TypedDict):
    id: str
    path: str
    encoding: str
    output: str | None  # where the cleaned text was written, if anywhere
    duplicate_of: str | None  # the document this one copies whole (no output is written)
    stats: StatsJSON
    findings: list[FindingJSON]


class PlaceJSON(TypedDict):
    doc: str
    path: str
    line: int
    start: int
    end: int
    text: str


class CopiedSentenceJSON(TypedDict):
    sentence: PlaceJSON
    source: PlaceJSON  # where the sentence was copied from
    kind: str  # exact | near | contained | template
    similarity: float
    removed: bool
    swaps: list[str]


class MismatchJSON(TypedDict):
    subject: str  # the place the paragraph is about
    body_mentions: list[str]  # places of the original's region that its body still names


class MemberJSON(TypedDict):
    paragraph: PlaceJSON
    kind: str  # exact | near | contained | template | partial
    similarity: float
    containment: float
    swaps: list[str]  # "四川省 -> 贵州省": the original's name, then the copy's
    changes: list[list[int]]  # [original start, end, copy start, end] in document offsets
    sentences: list[CopiedSentenceJSON]
    removed: bool
    subject_mismatch: MismatchJSON | None


class ClusterJSON(TypedDict):
    id: str
    kind: str
    original: PlaceJSON
    why: str
    members: list[MemberJSON]


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
    copies_removed: int  # sentences removed as copies
    clusters: int
    duplicate_documents: int  # documents left without output: they copy another whole


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
    clusters: list[ClusterJSON]
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
        "duplicate_of": result.duplicate_of,
        "stats": {
            "chars_in": s.chars_in,
            "chars_out": s.chars_out,
            "lines_in": s.lines_in,
            "paragraphs_out": s.paragraphs_out,
            "removed_lines": s.removed_lines,
            "joins": s.joins,
            "truncated": s.truncated,
            "copies_removed": s.copies_removed,
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
            "copies_removed": 0,
            "clusters": 0,
            "duplicate_documents": 0,
        }
        self.rows: list[DocumentJSON] = []
        self.clusters: list[ClusterJSON] = []
        self.max_rows = rows

    def add(self, result: DocResult, output: str | None) -> None:
        """Count one document; only the first `rows` are kept (as JSON) for the table."""
        s, stats = self.summary, result.stats
        s["documents"] += 1
        s["chars_in"] += stats.chars_in
        s["chars_out"] += stats.chars_out
        s["removed_lines"] += stats.removed_lines
        s["joins"] += stats.joins
        s["truncated"] += stats.truncated
        s["copies_removed"] += stats.copies_removed
        s["duplicate_documents"] += result.duplicate_of is not None
        s["metadata"] += sum(f.kind == "metadata" for f in result.findings)
        if len(self.rows) < self.max_rows:
            self.rows.append(document_json(result, output))

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


def report_skipped(skipped: Sequence[Skipped]) -> str:
    """After the documents: the skipped inputs, then the clusters begin (report_cluster)."""
    found = [{"path": s.path, "reason": s.reason} for s in skipped]
    return f'\n],\n"skipped": {json.dumps(found, ensure_ascii=False)}, "clusters": ['


def report_cluster(cluster: ClusterJSON, *, first: bool) -> str:
    """One cluster, written as it comes: a streamed run's clusters outgrow memory."""
    return ("" if first else ", ") + json.dumps(cluster, ensure_ascii=False)


def report_end(summary: SummaryJSON) -> str:
    """The end of a report: the run's totals, after the last cluster."""
    return f'], "summary": {json.dumps(summary, ensure_ascii=False)}}}\n'


def place_json(place: Place) -> PlaceJSON:
    return {
        "doc": place.doc,
        "path": place.path,
        "line": place.line,
        "start": place.start,
        "end": place.end,
        "text": place.text,
    }


def cluster_json(cluster: Cluster) -> ClusterJSON:
    return {
        "id": cluster.id,
        "kind": cluster.kind,
        "original": place_json(cluster.original),
        "why": cluster.why,
        "members": [member_json(m) for m in cluster.members],
    }


def member_json(member: Member) -> MemberJSON:
    mismatch: MismatchJSON | None = None
    if member.subject:
        mismatch = {"subject": member.subject, "body_mentions": list(member.body_mentions)}
    return {
        "paragraph": place_json(member.paragraph),
        "kind": member.kind,
        "similarity": member.similarity,
        "containment": member.containment,
        "swaps": list(member.swaps),
        "changes": [list(c) for c in member.changes],
        "sentences": [
            {
                "sentence": place_json(c.sentence),
                "source": place_json(c.source),
                "kind": c.kind,
                "similarity": c.similarity,
                "removed": c.removed,
                "swaps": list(c.swaps),
            }
            for c in member.sentences
        ],
        "removed": member.removed,
        "subject_mismatch": mismatch,
    }
