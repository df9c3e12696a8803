"""`clean --diff`: a unified diff of every input against its cleaned text, applied by patch(1)."""

from __future__ import annotations

import doctest
import shutil
import subprocess
from pathlib import Path

import pytest

from dedupe.cli import main
from dedupe.model import Document
from dedupe.pipeline import run
from dedupe.report import diff as report_diff

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_doctests() -> None:
    assert doctest.testmod(report_diff).failed == 0


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("a\nb\nc\n", "a\nc\n"),
        ("a\nb", "a\nb\n"),  # a newline added at the end
        ("a\nb\n", "a\nb"),
        ("x\u2028y\r\nz\n", "x\u2028y\r\n"),  # only "\n" ends a line
        ("same\n", "same\n"),
        ("", "new\n"),
    ],
)
def test_diff_applies_with_patch(tmp_path: Path, before: str, after: str) -> None:
    if shutil.which("patch") is None:
        pytest.skip("patch(1) is not installed")
    target = tmp_path / "t.txt"
    target.write_bytes(before.encode())
    diff = report_diff.diff_texts(before, after, "t.txt")
    assert (diff == "") == (before == after)
    subprocess.run(
        ["patch", "--quiet", str(target)], input=diff.encode(), check=True, capture_output=True
    )
    assert target.read_bytes().decode() == after


def test_unified_names_the_document_and_removes_chrome() -> None:
    doc = Document("a.txt", "news/a.txt", "Title Here\n\nBody text goes on here.\n\nAdvertisement")
    [result] = run([doc]).documents
    diff = report_diff.unified(result)
    assert diff.startswith("--- news/a.txt\t(original)\n+++ news/a.txt\t(cleaned)\n")
    assert "-Advertisement\n" in diff


def test_clean_diff_prints_every_change_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    shutil.copytree(SAMPLES, folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, out, err = cli(capsys, "clean", "in", "--diff")
    assert code == 0
    assert "5 documents" in err
    headers = [line for line in out.splitlines() if line.startswith("--- ")]
    assert len(headers) == 5
    assert "-Recommended Articles\n" in out  # chrome of 001
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    if shutil.which("patch"):
        subprocess.run(["patch", "--quiet", "-p0"], input=out.encode(), check=True)
        code, _, _ = cli(capsys, "clean", str(SAMPLES), "-o", str(tmp_path / "out"), "-q")
        for path in folder.glob("*.txt"):
            assert path.read_bytes() == (tmp_path / "out" / path.name).read_bytes()


def test_diff_excludes_outputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = cli(capsys, "clean", str(SAMPLES), "--diff", "-o", str(tmp_path / "o"))
    assert code == 2 and "--diff" in err
    assert not (tmp_path / "o").exists()
