"""The baseline file: deterministic bytes, counted matching, and entries it must refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe.check import baseline
from dedupe.check.findings import Issue, Spot, fingerprint
from dedupe.errors import InputError


def issue(path: str, text: str, original: str = "原文段落") -> Issue:
    return Issue(
        "copy",
        "error",
        Spot(path, 1, text),
        Spot("o.txt", 2, original),
        "m",
        fingerprint("copy", [text], [original]),
    )


def test_file_is_sorted_and_deterministic(tmp_path: Path) -> None:
    issues = [issue("b.txt", "乙"), issue("a.txt", "甲"), issue("a.txt", "丙")]
    target = tmp_path / "base.jsonl"
    baseline.save(target, [baseline.entry(i) for i in issues])
    first = target.read_bytes()
    baseline.save(target, [baseline.entry(i) for i in reversed(issues)])
    assert target.read_bytes() == first
    lines = first.decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == 3
    assert lines[0].startswith('{"path": "a.txt", "rule": "copy", "fingerprint": "')
    assert baseline.load(target) == tuple(sorted(baseline.entry(i) for i in issues))


def test_matching_counts_equal_keys() -> None:
    one = issue("a.txt", "甲")
    entries = [baseline.entry(one)]
    marked, fixed = baseline.compare([one, one], entries, ["a.txt"])
    assert [i.known for i in marked] == [True, False] and fixed == 0
    marked, fixed = baseline.compare([], entries, ["a.txt"])
    assert fixed == 1
    marked, fixed = baseline.compare([], entries, ["other.txt"])  # a.txt not checked: not fixed
    assert fixed == 0


def test_fingerprint_ignores_wrapping_and_punctuation_but_not_words() -> None:
    assert (
        issue("a.txt", "合作 新优势，\n持续扩容。").fingerprint
        == issue("a.txt", "合作新优势,持续扩容.").fingerprint
    )
    assert issue("a.txt", "合作新优势").fingerprint != issue("a.txt", "合作新局面").fingerprint
    assert issue("a.txt", "甲", "原文").fingerprint != issue("a.txt", "甲", "别的原文").fingerprint


@pytest.mark.parametrize(
    "line",
    [
        "not json",
        "[1, 2]",
        '{"path": "a.txt"}',
        '{"path": 1, "rule": "copy", "fingerprint": "f", "original": "o", "excerpt": "e"}',
    ],
)
def test_bad_lines_are_refused_with_their_number(tmp_path: Path, line: str) -> None:
    target = tmp_path / "base.jsonl"
    target.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        baseline.load(target)
