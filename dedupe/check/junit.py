"""A check Report -> JUnit XML: one test case per document, a failure per failing finding.

CI systems (GitLab, Jenkins, Azure) show JUnit results per test; a document is the unit a
writer fixes, so it is the test case. Findings that do not fail (known, or below the severity
threshold) are listed in the case's system-out; unreadable inputs are skipped cases.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

import regex

from dedupe.check.findings import Issue, Report

SUITE = "dedupe check"
# Characters XML 1.0 forbids even as references: a scraped text may hold them.
_NOT_XML = regex.compile(r"[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def render(report: Report) -> str:
    """The JUnit document, UTF-8, deterministic (no timestamps or durations)."""
    failing = {id(i) for i in report.failing}
    by_doc: dict[str, list[Issue]] = defaultdict(list)
    for issue in report.issues:
        by_doc[issue.document].append(issue)
    failed = sum(any(id(i) in failing for i in by_doc[d.name]) for d in report.documents)
    counts = {
        "tests": str(len(report.documents) + len(report.skipped)),
        "failures": str(failed),
        "errors": "0",
        "skipped": str(len(report.skipped)),
    }
    root = ET.Element("testsuites", {"name": SUITE, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": SUITE, **counts})
    for doc in report.documents:
        issues = by_doc[doc.name]
        case = ET.SubElement(suite, "testcase", {"classname": doc.path, "name": doc.name})
        for issue in issues:
            if id(issue) in failing:
                _failure(case, issue)
        others = [_line(i) for i in issues if id(i) not in failing]
        if others:
            ET.SubElement(case, "system-out").text = _clean("\n".join(others))
    for item in report.skipped:
        case = ET.SubElement(suite, "testcase", {"classname": item.path, "name": item.path})
        ET.SubElement(case, "skipped", {"message": _clean(item.reason)})
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _failure(case: ET.Element, issue: Issue) -> None:
    attrs = {"type": issue.rule, "message": _clean(f"line {issue.spot.line}: {issue.message}")}
    failure = ET.SubElement(case, "failure", attrs)
    failure.text = _clean(f"{_line(issue)}\n\n{issue.spot.text}")


def _line(issue: Issue) -> str:
    """`path:line: level [rule] message`, marked when the baseline accepts it."""
    known = " (known)" if issue.known else ""
    where = f"{issue.spot.path}:{issue.spot.line}: {issue.level} [{issue.rule}]{known}"
    return f"{where} {issue.message}"


def _clean(text: str) -> str:
    """Text XML 1.0 can carry: forbidden control characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
