"""`dedupe check` end to end, in-process through `main`: the done-means scenario on a copy of the
samples, every output format validated, configuration, and exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from dedupe.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOLDEN = Path(__file__).parent / "golden"
SARIF_SCHEMA = Path(__file__).parent / "schemas" / "sarif-2.1.0-subset.json"
DOC_002 = "samples/002_99521795a0139025.txt"
FINDING_LINE = re.compile(r"^(\S+?):(\d+): (error|warning) \[([a-z-]+)\]", re.MULTILINE)

# A tiny run: b.txt copies a sentence of a.txt under another province's name (a copy and a
# subject mismatch); d.txt is c.txt with names and numbers swapped (a template: a warning).
TINY = {
    "a.txt": "四川省贸促会年度工作回顾\n\n四川省贸促会坚持内外协同，利用多双边机制打造合作新优势。"
    "高质量举办2025四川—南亚东南亚国家工商发展合作大会，47家企业境外机构及百余名外宾齐聚成都，"
    "签署9个合作协议。\n\n这是另外一段完全不同的文字，讲述的是别的事情，和上面毫无关系。\n",
    "b.txt": "贵州省贸促会年度工作回顾\n\n贵州省贸促会坚持内外协同，利用多双边机制打造合作新优势。"
    "高质量举办2025四川—南亚东南亚国家工商发展合作大会，47家企业境外机构及百余名外宾齐聚成都，"
    "签署9个合作协议。\n\n今年的天气很好，农民们的收成也不错，大家都很高兴地庆祝丰收。\n",
    "c.txt": "湖南省贸促会年度工作回顾\n\n湖南省贸促会坚持内外协同，利用多双边机制打造合作新优势。"
    "湖南省贸促会全年参与外事活动55场，新签合作协议32个，累计与87个国家签署合作备忘录。\n\n"
    "这是一段讲述别的事情的文字，跟上面的内容没有任何关系。\n",
    "d.txt": "湖北省贸促会年度工作回顾\n\n湖北省贸促会坚持内外协同，利用多双边机制打造合作新优势。"
    "湖北省贸促会全年参与外事活动48场，新签合作协议21个，累计与64个国家签署合作备忘录。\n\n"
    "今年秋天雨水充足，果园里的苹果长得又大又甜，游客络绎不绝。\n",
}


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def findings(out: str) -> list[tuple[str, int, str]]:
    """(path, line, rule) of each finding line of the text report."""
    return [(m[1], int(m[2]), m[4]) for m in FINDING_LINE.finditer(out)]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a copy of the samples (and nothing else), made current."""
    (tmp_path / "samples").mkdir()
    for path in SAMPLES.glob("*.txt"):
        shutil.copy(path, tmp_path / "samples" / path.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return folder


def lines_of(path: Path, start: str) -> set[int]:
    """The 1-based lines of the paragraphs that start with `start`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {n for n, line in enumerate(lines, start=1) if line.startswith(start)}


def line_of(path: Path, start: str) -> int:
    (line,) = lines_of(path, start)
    return line


def expected_002() -> tuple[set[int], set[int]]:
    """Lines of 002's copied paragraphs and subject mismatches, from samples/expected.json."""
    expected = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
    doc = SAMPLES / "002_99521795a0139025.txt"
    copies = {
        line
        for group in expected["near_duplicate_groups"]
        for start in group["members"]
        if start != group["original"]
        for line in lines_of(doc, start)
    }
    copies |= {line_of(doc, p["paragraph"]) for p in expected["partial_copies"]}
    mismatches = {line_of(doc, m["paragraph"]) for m in expected["subject_mismatch"]}
    return copies, mismatches


YUNNAN = (
    "云南省贸促会坚持内外协同，利用多双边机制打造合作新优势。高质量举办2025四川—南亚东南亚国家"
    "工商发展合作大会，47家企业(境)外机构及百余名外宾齐聚成都，签署供应链仓储、商务服务等9个合作"
    "协议，巩固与南亚东南亚18国常态化交流，深入南充开展“市州行”活动。全年参与外事活动55场，新签"
    "合作协议32个，累计与87个国家、239家机构签署合作备忘录，国际“朋友圈”持续扩容，合作领域不断拓展。"
)


def test_done_means_scenario(capsys: pytest.CaptureFixture[str], workdir: Path) -> None:
    doc = workdir / DOC_002
    # 1. Without a baseline: exit 1, naming 002's copied provincial paragraphs by file and line.
    code, out, _ = cli(capsys, "check", "samples")
    assert code == 1
    copies, mismatches = expected_002()
    found = findings(out)
    assert {line for path, line, rule in found if rule == "copy"} == copies
    assert {line for path, line, rule in found if rule == "subject-mismatch"} == mismatches
    assert {path for path, _, _ in found} == {DOC_002}
    sichuan = line_of(doc, "四川省贸促会坚持内外协同")
    guizhou = line_of(doc, "贵州省贸促会坚持内外协同")
    assert f"{DOC_002}:{guizhou}: error [copy] copies {DOC_002}:{sichuan} (" in out
    summary = "11 findings: 0 known, 11 new, 0 fixed; 11 failing at severity error; 5 documents"
    assert out.rstrip().endswith(f"{summary} checked")

    # 2. --update-baseline accepts them (exit 0); checking against the baseline then passes.
    code, out, err = cli(capsys, "check", "samples", "--baseline", "b.jsonl", "--update-baseline")
    assert code == 0 and "11 findings accepted" in err
    first = (workdir / "b.jsonl").read_bytes()
    lines = first.decode("utf-8").splitlines()
    assert len(lines) == 11 and lines == sorted(lines)
    assert all(json.loads(line)["path"] == DOC_002 for line in lines)
    cli(capsys, "check", "samples", "--baseline", "b.jsonl", "--update-baseline")
    assert (workdir / "b.jsonl").read_bytes() == first  # deterministic bytes
    code, out, _ = cli(capsys, "check", "samples", "--baseline", "b.jsonl")
    assert code == 0
    assert findings(out) == []
    assert "11 findings: 11 known, 0 new, 0 fixed" in out

    # 3. A new copied paragraph: exit 1, naming only the new one.
    with doc.open("a", encoding="utf-8") as f:
        f.write("\n" + YUNNAN + "\n")
    new_line = line_of(doc, "云南省")
    code, out, _ = cli(capsys, "check", "samples", "--baseline", "b.jsonl")
    assert code == 1
    assert findings(out) == [
        (DOC_002, new_line, "copy"),
        (DOC_002, new_line, "subject-mismatch"),
    ]
    assert f"copies {DOC_002}:{sichuan} (" in out
    assert "13 findings: 11 known, 2 new, 0 fixed" in out


def test_baseline_survives_moved_lines_and_edits_elsewhere(
    capsys: pytest.CaptureFixture[str], workdir: Path
) -> None:
    cli(capsys, "check", "samples", "--baseline", "b.jsonl", "--update-baseline")
    doc = workdir / DOC_002
    text = doc.read_text(encoding="utf-8")
    edited = "开头新增的一段文字，与其余内容无关，只为让后面的行号移动。\n\n" + text.replace(
        "安徽省贸促会承办2025国际商协会大会。", "安徽省贸促会承办了2025国际商协会大会。"
    )
    doc.write_text(edited, encoding="utf-8")
    code, out, _ = cli(capsys, "check", "samples", "--baseline", "b.jsonl")
    assert code == 0, out
    assert "11 findings: 11 known, 0 new, 0 fixed" in out


def test_fixed_findings_are_counted(capsys: pytest.CaptureFixture[str], workdir: Path) -> None:
    cli(capsys, "check", "samples", "--baseline", "b.jsonl", "--update-baseline")
    doc = workdir / DOC_002
    kept = [
        p
        for p in doc.read_text(encoding="utf-8").split("\n\n")
        if not p.startswith("陕西省贸促会积极组织")
    ]
    doc.write_text("\n\n".join(kept), encoding="utf-8")
    code, out, _ = cli(capsys, "check", "samples", "--baseline", "b.jsonl")
    assert code == 0
    assert "9 findings: 9 known, 0 new, 2 fixed" in out  # the Shaanxi copy and its mismatch
    assert "run --update-baseline" in out


def test_baseline_keeps_entries_of_files_not_checked(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    """pre-commit passes only changed files: the others' accepted findings stay accepted."""
    cli(capsys, "check", "docs", "--baseline", "b.jsonl", "--update-baseline")
    before = Path("b.jsonl").read_text(encoding="utf-8")
    code, out, _ = cli(capsys, "check", "docs/c.txt", "docs/d.txt", "--baseline", "b.jsonl")
    assert code == 0 and "0 fixed" in out
    cli(capsys, "check", "docs/c.txt", "docs/d.txt", "--baseline", "b.jsonl", "--update-baseline")
    assert Path("b.jsonl").read_text(encoding="utf-8") == before


def test_the_same_copy_twice_counts_twice(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    cli(capsys, "check", "docs", "--baseline", "b.jsonl", "--update-baseline")
    b = tiny / "b.txt"
    paragraph = TINY["b.txt"].split("\n\n")[1]
    b.write_text(TINY["b.txt"] + "\n" + paragraph + "\n", encoding="utf-8")
    code, out, _ = cli(capsys, "check", "docs", "--baseline", "b.jsonl")
    assert code == 1
    assert [rule for _, _, rule in findings(out)] == ["copy", "subject-mismatch"]


def test_check_writes_nothing_but_the_baseline(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    before = sorted(p.relative_to(tiny.parent) for p in tiny.parent.rglob("*"))
    for fmt in ("text", "json", "github", "sarif", "junit"):
        cli(capsys, "check", "docs", "--output-format", fmt)
    assert sorted(p.relative_to(tiny.parent) for p in tiny.parent.rglob("*")) == before


def test_severity_threshold_and_exit_zero(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    code, out, _ = cli(capsys, "check", "docs")
    assert code == 1
    assert "docs/d.txt:3: warning [template] (not failing) same as docs/c.txt:3" in out
    assert "3 findings: 0 known, 3 new, 0 fixed; 2 failing at severity error" in out
    code, out, _ = cli(capsys, "check", "docs/c.txt", "docs/d.txt")
    assert code == 0 and findings(out) == [("docs/d.txt", 3, "template")]
    code, out, _ = cli(capsys, "check", "docs/c.txt", "docs/d.txt", "--severity", "warning")
    assert code == 1 and "1 failing at severity warning" in out
    code, out, _ = cli(capsys, "check", "docs", "--exit-zero")
    assert code == 0 and len(findings(out)) == 3 and "(--exit-zero)" in out


def test_config_from_pyproject_and_flags_override(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    Path("pyproject.toml").write_text(
        '[tool.dedupe]\nseverity = "warning"\noutput-format = "json"\nexit_zero = true\n'
        'baseline = "accepted.jsonl"\n',
        encoding="utf-8",
    )
    code, out, _ = cli(capsys, "check", "docs/c.txt", "docs/d.txt", "--update-baseline")
    assert code == 0 and Path("accepted.jsonl").is_file()  # the baseline named by the config
    code, out, _ = cli(capsys, "check", "docs")
    report = json.loads(out)  # json from the config
    assert code == 0 and report["severity"] == "warning"  # exit_zero from the config
    assert report["summary"] == {
        "findings": 3, "known": 1, "new": 2, "fixed": 0, "failing": 2, "documents": 4, "skipped": 0
    }  # fmt: skip
    code, out, _ = cli(
        capsys, "check", "docs", "--output-format", "text", "--no-exit-zero", "--severity", "error"
    )
    assert code == 1 and "2 failing at severity error" in out


def test_explicit_config_file(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    Path("pyproject.toml").write_text('[tool.dedupe]\noutput_format = "json"\n', encoding="utf-8")
    Path("ci.toml").write_text(
        '[tool.dedupe]\nseverity = "warning"\noutput_format = "junit"\n', encoding="utf-8"
    )
    code, out, _ = cli(capsys, "check", "docs/c.txt", "docs/d.txt", "--config", "ci.toml")
    assert code == 1 and out.startswith("<?xml")  # the named file, not pyproject.toml
    code, out, _ = cli(
        capsys,
        "check",
        "docs/c.txt",
        "docs/d.txt",
        "--config",
        "ci.toml",
        "--output-format",
        "text",
    )
    assert code == 1 and out.startswith("docs/d.txt:3: warning [template] same as")


@pytest.mark.parametrize(
    ("args", "config", "message"),
    [
        (["--update-baseline"], "", "--update-baseline needs --baseline"),
        (["--baseline", "missing.jsonl"], "", "baseline 'missing.jsonl' does not exist"),
        (["--baseline", "bad.jsonl"], "", "baseline 'bad.jsonl' line 1 is not a baseline entry"),
        (["--output-format", "xml"], "", "--output-format"),
        (["--severity", "fatal"], "", "--severity"),
        ([], 'severity = "fatal"\n', "severity must be error or warning"),
        ([], 'output_format = "xml"\n', "output_format must be one of"),
        ([], "baseline = 5\n", "baseline must be a file name"),
        ([], 'exit_zero = "yes"\n', "exit_zero must be true or false"),
        (["--baseline", "docs/a.txt/b.jsonl", "--update-baseline"], "", "check --baseline"),
    ],
)
def test_usage_and_input_errors_exit_2(
    capsys: pytest.CaptureFixture[str], tiny: Path, args: list[str], config: str, message: str
) -> None:
    Path("bad.jsonl").write_text("not json\n", encoding="utf-8")
    Path("dedupe.toml").write_text(config, encoding="utf-8")
    code, out, err = cli(capsys, "check", "docs", *args)
    assert code == 2 and out == ""
    assert err.startswith("dedupe: error: ") and err.count("\n") == 1, err
    assert message in err


def test_exit_codes_are_in_check_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "check", "--help")
    text = " ".join(out.split())
    assert code == 0
    for meaning in (
        "0 no failing findings",
        "1 findings at or above --severity",
        "2 usage or input error",
        "3 internal error",
    ):
        assert meaning in text


def test_duplicate_document_is_one_finding(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    shutil.copy(tiny / "a.txt", tiny / "e.txt")
    code, out, _ = cli(capsys, "check", "docs")
    assert code == 1
    assert ("docs/e.txt", 1, "duplicate-document") in findings(out)
    assert [f for f in findings(out) if f[0] == "docs/e.txt"] == [
        ("docs/e.txt", 1, "duplicate-document")
    ]
    assert "every body sentence copies another document: docs/a.txt:3" in out


def test_jsonl_records_are_named_by_their_line(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    rows = [{"id": name, "text": text} for name, text in sorted(TINY.items())]
    Path("feed.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    code, out, _ = cli(capsys, "check", "feed.jsonl", "--jsonl", "--output-format", "junit")
    assert code == 1
    suite = ET.fromstring(out).find("testsuite")
    assert suite is not None
    names = [case.get("name") for case in suite.iter("testcase")]
    assert names == ["feed.jsonl:1", "feed.jsonl:2", "feed.jsonl:3", "feed.jsonl:4"]
    failed = [c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failed == ["feed.jsonl:2"]


# --- output formats ------------------------------------------------------------------------------


def test_json_output(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    code, out, err = cli(capsys, "check", "docs", "--output-format", "json")
    assert code == 1 and "3 findings" in err  # the summary is talk: stderr
    report = json.loads(out)
    assert report["schema_version"] == 1 and report["exit_code"] == 1
    rows = [(f["path"], f["line"], f["rule"], f["level"], f["failing"]) for f in report["findings"]]
    assert rows == [
        ("docs/b.txt", 3, "copy", "error", True),
        ("docs/b.txt", 3, "subject-mismatch", "error", True),
        ("docs/d.txt", 3, "template", "warning", False),
    ]  # fmt: skip
    first = report["findings"][0]
    assert first["original"]["path"] == "docs/a.txt" and first["original"]["line"] == 3
    assert re.fullmatch(r"[0-9a-f]{32}", first["fingerprint"]) and first["baseline"] == "new"


def test_sarif_output_validates(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    cli(capsys, "check", "docs/a.txt", "docs/b.txt", "--baseline", "b.jsonl", "--update-baseline")
    code, out, _ = cli(capsys, "check", "docs", "--output-format", "sarif", "--baseline", "b.jsonl")
    assert code == 0  # the new finding is a template: a warning
    log = json.loads(out)
    assert validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))) == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    states = []
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert set(result["partialFingerprints"]) == {"dedupeContent/v1"}
        assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] in (
            "docs/a.txt",
            "docs/c.txt",
        )
        states.append((result["ruleId"], result["baselineState"], "suppressions" in result))
    assert states == [
        ("copy", "unchanged", True),
        ("subject-mismatch", "unchanged", True),
        ("template", "new", False),
    ]


def test_sarif_fingerprints_ignore_line_numbers(
    capsys: pytest.CaptureFixture[str], tiny: Path
) -> None:
    def prints() -> list[str]:
        _, out, _ = cli(capsys, "check", "docs", "--output-format", "sarif")
        results = json.loads(out)["runs"][0]["results"]
        return [r["partialFingerprints"]["dedupeContent/v1"] for r in results]

    before = prints()
    b = tiny / "b.txt"
    b.write_text("新的第一段，说的是完全无关的另一件事情。\n\n" + TINY["b.txt"], encoding="utf-8")
    assert prints() == before


def test_junit_output_parses(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    (tiny / "z.txt").write_bytes(b"\x00\x01\x02binary\x00")
    code, out, _ = cli(capsys, "check", "docs", "--output-format", "junit")
    assert code == 1
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    assert list(cases) == [f"docs/{n}" for n in ("a.txt", "b.txt", "c.txt", "d.txt", "z.txt")]
    assert [f.get("type") for f in cases["docs/b.txt"].iter("failure")] == [
        "copy",
        "subject-mismatch",
    ]
    assert cases["docs/d.txt"].find("failure") is None  # a warning below the threshold
    assert "[template]" in (cases["docs/d.txt"].findtext("system-out") or "")
    assert cases["docs/z.txt"].find("skipped") is not None
    assert suite.get("tests") == "5" and suite.get("failures") == "1"
    assert suite.get("skipped") == "1"


def test_github_output_and_step_summary(
    capsys: pytest.CaptureFixture[str], tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tiny.parent / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = cli(capsys, "check", "docs", "--output-format", "github")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3 and all(re.match(r"::(error|warning) file=", x) for x in lines)
    assert lines[0].startswith("::error file=docs/b.txt,line=3,title=dedupe copy::copies docs/")
    assert lines[2].startswith("::warning file=docs/d.txt,line=3,title=dedupe template::")
    assert "%0A贵州省" in lines[0]  # the excerpt, on an escaped second line
    markdown = summary.read_text(encoding="utf-8")
    assert markdown.startswith("earlier step\n### dedupe check\n")  # appended
    assert markdown.count("\n| error |") == 2 and markdown.count("\n| warning |") == 1


def test_github_escapes_paths_and_messages(capsys: pytest.CaptureFixture[str], tiny: Path) -> None:
    (tiny / "b.txt").rename(tiny / "x,y:b.txt")
    code, out, _ = cli(capsys, "check", "docs", "--output-format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("::warning file=docs/d.txt,")  # sorted by path: d < x
    assert lines[1].startswith("::error file=docs/x%2Cy%3Ab.txt,line=3,title=dedupe copy::")
    assert all(line.count("::") == 2 for line in lines)


def test_sarif_golden(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The SARIF log of the samples, byte for byte (UPDATE_GOLDEN=1 rewrites it: review the
    diff before committing)."""
    monkeypatch.chdir(ROOT)
    code, out, _ = cli(capsys, "check", "samples", "--output-format", "sarif", "-q")
    assert code == 1
    golden = GOLDEN / "samples_check.sarif"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    log = json.loads(out)
    assert validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))) == []
    assert len(log["runs"][0]["results"]) == 11


def test_pre_commit_hook_definition() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for line in (
        "- id: dedupe-check",
        "entry: dedupe check",
        "language: python",
        "types: [text]",
        "require_serial: true",
    ):
        assert line in text


# --- a JSON Schema subset, enough for the SARIF shape (no network, no extra package) ------------


def validate(
    value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None, where: str = "$"
) -> list[str]:
    """Errors of `value` against `schema`: $ref, type, enum, required, properties,
    additionalProperties, items and minimum, which is all the SARIF subset uses."""
    root = root or schema
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/definitions/")
        return validate(value, root["definitions"][name], root, where)
    types = {"object": dict, "array": list, "string": str, "boolean": bool, "number": (int, float)}
    kind = schema.get("type")
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return [f"{where}: not an integer"]
    elif kind and (not isinstance(value, types[kind]) or (kind == "number" and value is True)):
        return [f"{where}: not a {kind}"]
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        errors += [f"{where}: missing {k}" for k in schema.get("required", []) if k not in value]
        props, extra = schema.get("properties", {}), schema.get("additionalProperties", True)
        for k, v in value.items():
            if k in props:
                errors += validate(v, props[k], root, f"{where}.{k}")
            elif extra is False:
                errors.append(f"{where}: unexpected property {k}")
            elif isinstance(extra, dict):
                errors += validate(v, extra, root, f"{where}.{k}")
    if isinstance(value, list) and "items" in schema:
        for n, item in enumerate(value):
            errors += validate(item, schema["items"], root, f"{where}[{n}]")
    return errors


def test_the_validator_catches_what_sarif_forbids() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    bad = {
        "version": "2.0.0",
        "runs": [{"tool": {"driver": {}}, "results": [{"level": "fatal", "message": {}}]}],
    }
    errors = validate(bad, schema)
    assert any("'2.0.0' not in" in e for e in errors)
    assert any("driver: missing name" in e for e in errors)
    assert any("'fatal' not in" in e for e in errors)
    assert any("message: missing text" in e for e in errors)
    region = {"startLine": 0}
    assert validate(region, schema["definitions"]["region"], schema) == ["$.startLine: 0 < 1"]
