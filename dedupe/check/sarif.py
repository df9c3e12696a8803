"""A check Report -> SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

Results carry content fingerprints (`partialFingerprints["dedupeContent/v1"]`: the normalised
text of both sides) rather than line numbers, so an alert follows its paragraph through edits.
The original a copy was taken from is a related location. With a baseline, results carry their
`baselineState`, and accepted ones an external suppression.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from dedupe import __version__
from dedupe.check.findings import (
    DESCRIPTIONS,
    FINGERPRINT_VERSION,
    LEVELS,
    RULES,
    Issue,
    Report,
    Rule,
    Spot,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
RULE_NAMES: dict[Rule, tuple[str, str]] = {
    "duplicate-document": ("DuplicateDocument", "A document copies another whole"),
    "copy": ("CopiedParagraph", "A paragraph copies another"),
    "template": ("TemplatedParagraph", "A paragraph repeats another with other names or numbers"),
    "subject-mismatch": ("SubjectMismatch", "A paragraph's subject disagrees with its copied body"),
}


def render(report: Report) -> str:
    """The SARIF log as indented JSON, deterministic (no timestamps)."""
    return json.dumps(sarif(report), ensure_ascii=False, indent=2) + "\n"


def sarif(report: Report) -> dict[str, Any]:
    """The SARIF log: one run, every rule, every finding (known ones suppressed)."""
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "dedupe",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule) for rule in RULES],
            }
        },
        "invocations": [{"executionSuccessful": True, "exitCode": report.exit_code}],
        "results": [_result(issue, report) for issue in report.issues],
        "properties": {
            "severity": report.severity,
            "findings": len(report.issues),
            "new": len(report.new),
            "fixed": report.fixed,
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule(rule: Rule) -> dict[str, Any]:
    name, short = RULE_NAMES[rule]
    return {
        "id": rule,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": DESCRIPTIONS[rule]},
        "defaultConfiguration": {"level": LEVELS[rule]},
        "help": {"text": DESCRIPTIONS[rule]},
    }


def _result(issue: Issue, report: Report) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": issue.rule,
        "ruleIndex": RULES.index(issue.rule),
        "level": issue.level,
        "message": {"text": issue.message},
        "locations": [{"physicalLocation": _physical(issue.spot)}],
        "relatedLocations": [
            {
                "id": 1,
                "physicalLocation": _physical(issue.original),
                "message": {"text": "the original"},
            }
        ],
        "partialFingerprints": {FINGERPRINT_VERSION: issue.fingerprint},
    }
    if report.baseline is not None:
        result["baselineState"] = "unchanged" if issue.known else "new"
    if issue.known:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"accepted in the baseline {report.baseline}",
            }
        ]
    return result


def _physical(spot: Spot) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": artifact_uri(spot.path)},
        "region": {"startLine": spot.line, "snippet": {"text": spot.text}},
    }


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference (percent-encoded), an absolute one as a file URI.

    >>> artifact_uri("docs/报告 1.txt")
    'docs/%E6%8A%A5%E5%91%8A%201.txt'
    >>> artifact_uri("/tmp/a.txt")
    'file:///tmp/a.txt'
    """
    posix = PurePosixPath(path)
    if posix.is_absolute():
        return posix.as_uri()
    return quote(path, safe="/")
