"""End-to-end CLI tests on the samples, in-process through `main`, plus one installed smoke test."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dedupe.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).parent / "golden"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "samples"
    folder.mkdir()
    for path in SAMPLES.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def test_clean_writes_mirrored_outputs_and_report(
    capsys: pytest.CaptureFixture[str], samples: Path, tmp_path: Path
) -> None:
    before = {p.name: p.read_bytes() for p in samples.iterdir()}
    code, out, err = cli(
        capsys,
        "clean",
        str(samples),
        "-o",
        str(tmp_path / "out"),
        "--json",
        str(tmp_path / "out" / "report.json"),
    )
    assert code == 0 and out == ""
    assert "5 documents, 28 lines removed, 11 joins" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([*before, "report.json"])
    assert {p.name: p.read_bytes() for p in samples.iterdir()} == before  # inputs untouched
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["schema_version"] == 1 and report["summary"]["documents"] == 5


def test_clean_is_idempotent_through_the_cli(
    capsys: pytest.CaptureFixture[str], samples: Path, tmp_path: Path
) -> None:
    cli(capsys, "clean", str(samples), "-o", str(tmp_path / "once"), "-q")
    cli(capsys, "clean", str(tmp_path / "once"), "-o", str(tmp_path / "twice"), "-q")
    for first in (tmp_path / "once").iterdir():
        assert (tmp_path / "twice" / first.name).read_bytes() == first.read_bytes()


def test_report_matches_golden_file_and_is_deterministic(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    reports = []
    for n in range(2):
        target = tmp_path / f"r{n}.json"
        cli(capsys, "clean", "samples", "-o", str(tmp_path / f"o{n}"), "--json", str(target), "-q")
        reports.append(json.loads(target.read_text(encoding="utf-8")))
    for report in reports:
        for doc in report["documents"]:
            doc["output"] = Path(doc["output"]).name
    assert reports[0] == reports[1]
    golden = GOLDEN / "samples_report.json"
    if os.environ.get("UPDATE_GOLDEN"):  # regenerate, then review the diff before committing
        golden.write_text(json.dumps(reports[0], ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert reports[0] == json.loads(golden.read_text(encoding="utf-8"))


def test_scan_writes_nothing_and_reports_json(
    capsys: pytest.CaptureFixture[str], samples: Path
) -> None:
    code, out, _ = cli(capsys, "scan", str(samples), "--format", "json")
    assert code == 0
    report = json.loads(out)
    kinds = {f["kind"] for d in report["documents"] for f in d["findings"]}
    assert kinds == {
        "join",
        "boilerplate",
        "truncated",
        "metadata",
        "copy",
        "template",
        "subject-mismatch",
    }
    assert sorted(p.name for p in samples.iterdir()) == sorted(
        p.name for p in SAMPLES.glob("*.txt")
    )


def test_scan_text_lists_findings(capsys: pytest.CaptureFixture[str], samples: Path) -> None:
    code, out, _ = cli(capsys, "scan", str(samples))
    assert code == 0
    assert "004_085c24a435fcbd9f.txt:13: boilerplate (navigation): Our Leadership" in out


def test_stdin_to_stdout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    data = "Title Here\n\nBody text that goes on for a while here.\n\nAdvertisement\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    code, out, _ = cli(capsys, "clean", "-", "-q")
    assert code == 0
    assert out == "Title Here\n\nBody text that goes on for a while here.\n"


def test_in_place_rewrites_only_changed_inputs(
    capsys: pytest.CaptureFixture[str], samples: Path
) -> None:
    code, _, _ = cli(capsys, "clean", str(samples), "--in-place", "-q")
    assert code == 0
    assert "Recommended Articles" not in (samples / "001_f7038c5fbcec46f4.txt").read_text("utf-8")
    stamps = {p.name: p.stat().st_mtime_ns for p in samples.iterdir()}
    code, _, _ = cli(capsys, "clean", str(samples), "--in-place", "-q")
    assert code == 0
    assert {p.name: p.stat().st_mtime_ns for p in samples.iterdir()} == stamps


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["clean", "nope.txt", "-o", "x"], "no such file or directory: 'nope.txt'"),
        (["clean", "samples"], "no output folder"),
        (["clean", "samples", "-o", "samples"], "would overwrite input"),
        (["clean", "--bogus"], "No such option"),
        (["scan", "samples", "--format", "xml"], "--format"),
    ],
)
def test_errors_are_one_line_with_exit_2(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(ROOT)
    code, _, err = cli(capsys, *args)
    assert code == 2
    assert err.startswith("dedupe: error: ") and err.count("\n") == 1, err
    assert message in err


def test_binary_and_undecodable_inputs_are_skipped_with_a_warning(
    capsys: pytest.CaptureFixture[str], samples: Path, tmp_path: Path
) -> None:
    (samples / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (samples / "garbage.txt").write_bytes(b"abc \xff\x80\x81 def \xff\xfe")
    code, _, err = cli(capsys, "clean", str(samples), "-o", str(tmp_path / "o"))
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("dedupe: warning:")]
    assert len(warnings) == 2 and "2 skipped" in err
    code, _, err = cli(capsys, "clean", str(samples), "-o", str(tmp_path / "o2"), "--strict")
    assert code == 2 and err.startswith("dedupe: error:")


def test_jsonl_round_trip_keeps_fields(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "text": "Title Here\n\nBody text of the story.\n\nAdvertisement", "x": 1},
        {"id": "b", "text": "正文内容在这里，写得很完整。\n\n责任编辑：王明", "x": 2},
    ]
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    code, _, _ = cli(capsys, "clean", str(feed), "--jsonl", "-o", str(tmp_path / "o"), "-q")
    assert code == 0
    out = [
        json.loads(line) for line in (tmp_path / "o" / "feed.jsonl").read_text("utf-8").splitlines()
    ]
    assert [r["x"] for r in out] == [1, 2]
    assert out[0]["text"] == "Title Here\n\nBody text of the story.\n"
    assert out[1]["text"] == "正文内容在这里，写得很完整。\n"


def test_jsonl_files_of_a_folder_are_each_rewritten(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The writer finds each file's input by walking the inputs alongside the documents; an
    # empty file and an unreadable one in between have no documents to find it by.
    feeds = tmp_path / "in"
    (feeds / "b").mkdir(parents=True)
    (feeds / "a.jsonl").write_text(
        '{"id": "a", "text": "Title Here\\n\\nBody text of the story.\\n\\nAdvertisement"}\n',
        "utf-8",
    )
    (feeds / "b" / "empty.jsonl").write_text("", "utf-8")
    (feeds / "b" / "bad.jsonl").write_bytes(b'{"id": "x", "text": "\xff"}\n')
    (feeds / "c.jsonl").write_text(
        '{"id": "c", "text": "Other Title\\n\\nMore body text of a story.\\n\\nAdvertisement"}\n',
        "utf-8",
    )
    out = tmp_path / "o"
    args = ["clean", str(feeds), "--jsonl", "--include", "*.jsonl", "-o", str(out), "-q"]
    code, _, err = cli(capsys, *args)
    assert code == 0 and "bad.jsonl" in err
    assert json.loads((out / "a.jsonl").read_text("utf-8")) == {
        "id": "a",
        "text": "Title Here\n\nBody text of the story.\n",
    }
    assert json.loads((out / "c.jsonl").read_text("utf-8")) == {
        "id": "c",
        "text": "Other Title\n\nMore body text of a story.\n",
    }
    assert sorted(p.name for p in out.rglob("*")) == ["a.jsonl", "c.jsonl"]


def test_outputs_are_checked_against_inputs_in_an_existing_folder(
    capsys: pytest.CaptureFixture[str], samples: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, _, _ = cli(capsys, "clean", str(samples), "-o", str(out), "-q")
    assert code == 0
    # A second run over the first one's outputs replaces them.
    code, _, _ = cli(capsys, "clean", str(samples), "-o", str(out), "-q")
    assert code == 0
    # An output that is one of the inputs under another name (a hard link) is refused, and
    # nothing is written.
    last = sorted(samples.glob("*.txt"))[-1]
    (out / last.name).unlink()
    os.link(last, out / last.name)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, _, err = cli(capsys, "clean", str(samples), "-o", str(out), "-q")
    assert code == 2
    assert err == (
        f"dedupe: error: output '{out / last.name}' would overwrite input '{last}'; "
        "choose another -o or pass --in-place\n"
    )
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps


def test_exit_codes_are_documented_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "--help")
    assert code == 0
    text = " ".join(out.split())
    assert "0 success; 1 findings (check); 2 usage or input error; 3 internal error" in text


def test_installed_command_runs() -> None:
    exe = Path(sys.executable).parent / "dedupe"
    done = subprocess.run(
        [str(exe), "scan", str(SAMPLES), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["summary"]["documents"] == 5


def test_jsonl_with_unicode_line_separators_and_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    row = {"id": "a", "text": "Body text of the story.\u2028Still the same line.\n\nAdvertisement"}
    data = json.dumps(row, ensure_ascii=False) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    code, out, _ = cli(capsys, "clean", "-", "--jsonl", "-q")
    assert code == 0
    assert json.loads(out)["text"] == "Body text of the story.\u2028Still the same line.\n"


@pytest.fixture(scope="module")
def traditional_002() -> str:
    import opencc

    text = (SAMPLES / "002_99521795a0139025.txt").read_text(encoding="utf-8")
    return str(opencc.OpenCC("s2tw").convert(text))  # Taiwan forms: all within Big5


@pytest.mark.parametrize(
    ("name", "encoding", "traditional"),
    [
        ("gb.txt", "gb18030", False),
        ("u16.txt", "utf-16", False),
        ("bom.txt", "utf-8-sig", False),
        ("crlf.txt", "utf-8", False),
        ("big5.txt", "big5", True),
    ],
)
def test_every_encoding_cleans_like_the_utf8_original(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    traditional_002: str,
    name: str,
    encoding: str,
    traditional: bool,
) -> None:
    original = (
        traditional_002
        if traditional
        else (SAMPLES / "002_99521795a0139025.txt").read_text(encoding="utf-8")
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "utf8.txt").write_text(original, encoding="utf-8")
    text = original.replace("\n", "\r\n") if name == "crlf.txt" else original
    (tmp_path / "in" / name).write_bytes(text.encode(encoding))
    code, _, err = cli(
        capsys, "clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-copies"
    )
    assert code == 0, err
    expected = (tmp_path / "out" / "utf8.txt").read_text(encoding="utf-8")
    assert (tmp_path / "out" / name).read_text(encoding="utf-8") == expected
