"""CI renderers on hand-made reports: GitHub escaping, the step summary's Markdown, JUnit's XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from dedupe.check.ci import escape_data, escape_markdown, escape_property, github, step_summary
from dedupe.check.findings import Checked, Issue, Report, Spot, fingerprint
from dedupe.check.junit import render as junit
from dedupe.model import Skipped


def issue(path: str, text: str, message: str, *, rule: str = "copy") -> Issue:
    original = Spot("o.txt", 7, "原文")
    level = "warning" if rule == "template" else "error"
    return Issue(
        rule,  # type: ignore[arg-type]
        level,  # type: ignore[arg-type]
        Spot(path, 3, text),
        original,
        message,
        fingerprint(rule, [text], [original.text]),
        document=path,
    )


def test_property_escaping_covers_the_delimiters() -> None:
    assert escape_property("dir,1/a:b.txt") == "dir%2C1/a%3Ab.txt"
    assert escape_property("50%\n") == "50%25%0A"


def test_message_escaping_keeps_colons_and_commas() -> None:
    assert escape_data("a: b, c") == "a: b, c"
    assert escape_data("100% sure\r\nnext %0A") == "100%25 sure%0D%0Anext %250A"


def test_github_line_for_an_awkward_path_and_message() -> None:
    report = Report(
        (issue("a,b:c.txt", "line one\nline two", "copies o.txt:7 (50% of it)\nsee there"),),
        (Checked("a,b:c.txt", "a,b:c.txt"),),
    )
    (line,) = github(report).splitlines()
    assert line == (
        "::error file=a%2Cb%3Ac.txt,line=3,title=dedupe copy::"
        "copies o.txt:7 (50%25 of it)%0Asee there%0Aline one line two"
    )


def test_known_findings_are_not_annotated() -> None:
    report = Report((replace(issue("a.txt", "text", "m"), known=True),), ())
    assert github(report) == ""
    assert "1 findings: 1 known, 0 new, 0 fixed" in step_summary(report)


def test_step_summary_is_one_row_per_finding_with_cells_escaped() -> None:
    report = Report(
        (issue("a|b.txt", "x <script>alert(1)</script> | y\nz", "copies *o*.txt:7"),),
        (Checked("a|b.txt", "a|b.txt"),),
    )
    markdown = step_summary(report)
    rows = [line for line in markdown.splitlines() if line.startswith("| error")]
    assert len(rows) == 1
    assert "<script>" not in markdown and "\\<script\\>" in markdown
    assert rows[0].count(" | ") == 5  # six cells: the pipes inside them are escaped
    assert escape_markdown("a|b") == "a\\|b"


def test_junit_survives_control_characters_and_markup() -> None:
    text = 'bad \x0b char & <tag> "quoted" \x00'
    report = Report(
        (issue("a.txt", text, "copies o.txt:7 & more"), issue("a.txt", text, "m", rule="template")),
        (Checked("a.txt", "a.txt"), Checked("b.txt", "b.txt")),
        (Skipped("c.bin", "binary \x01 file"),),
    )
    root = ET.fromstring(junit(report))
    cases = root.findall("testsuite/testcase")
    assert [c.get("name") for c in cases] == ["a.txt", "b.txt", "c.bin"]
    failure = cases[0].find("failure")
    assert failure is not None and failure.get("type") == "copy"
    assert "& <tag>" in (failure.text or "") and "\ufffd" in (failure.text or "")
    assert "[template]" in (cases[0].findtext("system-out") or "")
    assert cases[1].find("failure") is None and cases[2].find("skipped") is not None
    assert root.get("tests") == "3" and root.get("failures") == "1"


def test_doctests() -> None:
    import doctest

    from dedupe.check import ci as report_ci
    from dedupe.check import findings as check
    from dedupe.check import sarif as report_sarif

    for module in (check, report_ci, report_sarif):
        assert doctest.testmod(module).failed == 0
