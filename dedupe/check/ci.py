"""A check Report -> text, JSON and GitHub workflow commands; SARIF and JUnit live beside it.

Renderers are pure: each returns the whole output as a string. Text and GitHub list only new
findings (the baseline's are accepted and only counted); JSON, SARIF and JUnit carry every
finding with its baseline state.
"""

from __future__ import annotations

import json
from typing import Literal, TypedDict

import regex

from dedupe import __version__
from dedupe.check.findings import Issue, Report, Spot, at_least
from dedupe.options import OutputFormat

SCHEMA_VERSION = 1
EXCERPT_CHARS = 60


def render(report: Report, output_format: OutputFormat) -> str:
    """The report in one of the formats of --output-format."""
    if output_format == "sarif":
        from dedupe.check import sarif as report_sarif

        return report_sarif.render(report)
    if output_format == "junit":
        from dedupe.check import junit as report_junit

        return report_junit.render(report)
    renderers = {"text": text, "json": as_json, "github": github}
    return renderers[output_format](report)


def excerpt(text: str, width: int = EXCERPT_CHARS) -> str:
    """The start of a text on one line, for a finding's context.

    >>> excerpt("第一行\\n第二行", 5)
    '第一行 …'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


# --- text ---------------------------------------------------------------------------------


def text(report: Report) -> str:
    """`path:line: level [rule] message` and the paragraph's start, per new finding; a summary."""
    lines = []
    for issue in report.new:
        lines.append(
            f"{issue.spot.path}:{issue.spot.line}: {_label(report, issue)} {issue.message}"
        )
        lines.append(f"    {excerpt(issue.spot.text)}")
    for item in report.skipped:
        lines.append(f"skipped {item.path}: {item.reason}")
    lines.append(report.summary())
    if report.fixed and report.baseline:
        lines.append(
            f"{report.fixed} baseline entries are fixed: run --update-baseline to drop them"
        )
    return "".join(line + "\n" for line in lines)


def _label(report: Report, issue: Issue) -> str:
    fails = at_least(issue.level, report.severity)
    return f"{issue.level} [{issue.rule}]" + ("" if fails else " (not failing)")


# --- JSON ---------------------------------------------------------------------------------


class SpotJSON(TypedDict):
    path: str  # POSIX, relative to where dedupe ran
    line: int  # 1-based (a JSON Lines record: its line in the file)
    text: str


class IssueJSON(TypedDict):
    rule: str  # copy | template | subject-mismatch | duplicate-document
    level: str  # error | warning
    path: str
    line: int
    message: str
    text: str  # the copy's paragraph
    original: SpotJSON  # what it copies
    fingerprint: str  # blake2b of the rule and the matching keys of both sides
    baseline: Literal["new", "known"]
    failing: bool  # new and at or above the severity threshold


class CheckSummaryJSON(TypedDict):
    findings: int
    known: int
    new: int
    fixed: int
    failing: int
    documents: int
    skipped: int


class CheckJSON(TypedDict):
    schema_version: int
    tool: dict[str, str]
    severity: str
    baseline: str | None
    exit_code: int
    findings: list[IssueJSON]
    skipped: list[dict[str, str]]
    summary: CheckSummaryJSON


def as_json(report: Report) -> str:
    """Every finding (known ones too) and the totals, deterministic."""
    failing = {id(i) for i in report.failing}
    doc: CheckJSON = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "dedupe", "version": __version__},
        "severity": report.severity,
        "baseline": report.baseline,
        "exit_code": report.exit_code,
        "findings": [issue_json(i, failing=id(i) in failing) for i in report.issues],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "summary": {
            "findings": len(report.issues),
            "known": len(report.issues) - len(report.new),
            "new": len(report.new),
            "fixed": report.fixed,
            "failing": len(report.failing),
            "documents": len(report.documents),
            "skipped": len(report.skipped),
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def issue_json(issue: Issue, *, failing: bool) -> IssueJSON:
    return {
        "rule": issue.rule,
        "level": issue.level,
        "path": issue.spot.path,
        "line": issue.spot.line,
        "message": issue.message,
        "text": issue.spot.text,
        "original": _spot_json(issue.original),
        "fingerprint": issue.fingerprint,
        "baseline": "known" if issue.known else "new",
        "failing": failing,
    }


def _spot_json(spot: Spot) -> SpotJSON:
    return {"path": spot.path, "line": spot.line, "text": spot.text}


# --- GitHub Actions -----------------------------------------------------------------------


def github(report: Report) -> str:
    """One workflow command per new finding: `::error file=…,line=…,title=…::message`.

    GitHub shows at most 10 annotations of each kind per step; the CLI writes the full list to
    $GITHUB_STEP_SUMMARY (see `step_summary`).
    """
    lines = []
    for issue in report.new:
        command = "error" if issue.level == "error" else "warning"
        props = ",".join(
            f"{name}={escape_property(value)}"
            for name, value in (
                ("file", issue.spot.path),
                ("line", str(issue.spot.line)),
                ("title", f"dedupe {issue.rule}"),
            )
        )
        message = f"{issue.message}\n{excerpt(issue.spot.text)}"
        lines.append(f"::{command} {props}::{escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def escape_data(value: str) -> str:
    """Escape a workflow command's message as the runner expects.

    >>> escape_data("100% done\\r\\nnext")
    '100%25 done%0D%0Anext'
    """
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a workflow command's property value: also `:` and `,`, which delimit properties.

    >>> escape_property("a,b:c.txt")
    'a%2Cb%3Ac.txt'
    """
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def step_summary(report: Report) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: the summary and a table of every new finding."""
    out = ["### dedupe check", "", escape_markdown(report.summary()), ""]
    if report.new:
        out += ["| level | file | line | rule | finding | original |", "|---|---|--:|---|---|---|"]
        for issue in report.new:
            cells = [
                issue.level,
                issue.spot.path,
                str(issue.spot.line),
                issue.rule,
                f"{issue.message}: {excerpt(issue.spot.text)}",
                f"{issue.original.path}:{issue.original.line}",
            ]
            out.append("| " + " | ".join(escape_markdown(c) for c in cells) + " |")
        out.append("")
    return "\n".join(out) + "\n"


_MARKDOWN_SPECIAL = regex.compile(r"([\\`*_\[\]<>|~#!])")


def escape_markdown(value: str) -> str:
    """One table cell: on one line, with characters Markdown or HTML would interpret escaped.

    >>> escape_markdown("a|b <i>x</i>\\nnext")
    'a\\\\|b \\\\<i\\\\>x\\\\</i\\\\> next'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(value.split()))
