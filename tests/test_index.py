"""The history index (dedupe/index/), end to end through `main` and against its file: the
done-means scenario on the samples, --update-index with and without a baseline, a run streamed
in batches giving the in-memory findings, pinned parameters, SIGKILL in the middle of a batch,
and readers beside a writer that holds the lock."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dedupe.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_002 = ROOT / "samples" / "002_99521795a0139025.txt"
FINDING = re.compile(r"^(\S+?):(\d+): (error|warning) \[([a-z-]+)\] (.*)$", re.MULTILINE)
GUIZHOU = "贵州省贸促会坚持内外协同"
SICHUAN = "四川省贸促会坚持内外协同"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def findings(out: str) -> list[tuple[str, int, str, str]]:
    """(path, line, rule, message) of each finding of the text report."""
    return [(m[1], int(m[2]), m[4], m[5]) for m in FINDING.finditer(out)]


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


@pytest.fixture
def feed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The samples as an archive, but for the Guizhou paragraph of 002 (a copy of the Sichuan
    one, wrapped over two blocks), which arrives as a new article of its own."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "archive").mkdir()
    (tmp_path / "new").mkdir()
    for path in (ROOT / "samples").glob("*.txt"):
        if path != SAMPLE_002:
            (tmp_path / "archive" / path.name).write_bytes(path.read_bytes())
    blocks = SAMPLE_002.read_text(encoding="utf-8").split("\n\n")
    at = next(n for n, block in enumerate(blocks) if block.startswith(GUIZHOU))
    copy = blocks[at : at + 2]  # the paragraph and the half the print layout wrapped off
    archive = blocks[:at] + blocks[at + 2 :]
    (tmp_path / "archive" / SAMPLE_002.name).write_text("\n\n".join(archive), encoding="utf-8")
    article = "贵州省贸促会工作动态\n\n" + "\n\n".join(copy) + "\n"
    (tmp_path / "new" / "guizhou.txt").write_text(article, encoding="utf-8")
    return tmp_path


def test_check_names_the_indexed_original_with_file_line_and_first_seen(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "index", "add", "feed.db", "archive")
    assert code == 0 and "5 documents added" in err
    code, out, _ = cli(capsys, "check", "new", "--index", "feed.db")
    assert code == 1
    original = f"archive/{SAMPLE_002.name}"
    line = line_of(feed / original, SICHUAN)
    found = {(path, at, rule) for path, at, rule, _ in findings(out)}
    assert found == {("new/guizhou.txt", 3, "copy"), ("new/guizhou.txt", 3, "subject-mismatch")}
    for *_, message in findings(out):
        assert f"{original}:{line}" in message
        assert re.search(r"indexed, first seen \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", message)
    assert "四川" in out  # the mismatch names what the body says


def test_check_without_index_finds_nothing_in_the_new_article_alone(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The control: the finding above comes from the index, not from the article itself."""
    code, out, _ = cli(capsys, "check", "new")
    assert code == 0 and findings(out) == []


def test_update_index_then_the_same_article_is_known_or_already_indexed(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, "index", "add", "feed.db", "archive")
    code, _, err = cli(
        capsys, "check", "new", "--index", "feed.db", "--update-index",
        "--baseline", "base.json", "--update-baseline",
    )  # fmt: skip
    assert code == 0 and "1 documents added" in err
    code, out, err = cli(capsys, "check", "new", "--index", "feed.db", "--baseline", "base.json")
    assert code == 0
    assert "2 known, 0 new" in out
    assert "new/guizhou.txt is already indexed as it is" in err
    # Without a baseline the copy is still reported (against the rest of the index) ...
    code, out, _ = cli(capsys, "check", "new", "--index", "feed.db")
    assert code == 1 and len(findings(out)) == 2
    # ... and never as a copy of itself.
    assert all("new/guizhou.txt:" not in message for *_, message in findings(out))
    stats = sqlite3.connect(feed / "feed.db").execute("SELECT count(*) FROM documents")
    assert stats.fetchone()[0] == 6


def test_index_add_again_changes_nothing_and_a_changed_document_replaces_its_entries(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, "index", "add", "feed.db", "archive")
    before = _counts(feed / "feed.db")
    code, _, err = cli(capsys, "index", "add", "feed.db", "archive")
    assert code == 0 and "0 documents added, 0 replaced, 5 unchanged" in err
    assert _counts(feed / "feed.db") == before
    first = _first_added(feed / "feed.db", f"archive/{SAMPLE_002.name}")
    time.sleep(1.1)  # first_added has seconds
    path = feed / "archive" / SAMPLE_002.name
    path.write_text(path.read_text(encoding="utf-8").split("\n\n", 1)[0] + "\n", encoding="utf-8")
    code, _, err = cli(capsys, "index", "add", "feed.db", "archive")
    assert "0 documents added, 1 replaced, 4 unchanged" in err
    assert _counts(feed / "feed.db")[1] < before[1]  # its old paragraphs are gone
    assert _first_added(feed / "feed.db", f"archive/{SAMPLE_002.name}") == first


def test_index_stats_and_remove(feed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli(capsys, "index", "add", "feed.db", "archive")
    code, out, _ = cli(capsys, "index", "stats", "feed.db")
    assert code == 0
    assert re.search(r"^documents\s+5$", out, re.MULTILINE)
    assert re.search(r"^paragraphs\s+\d+$", out, re.MULTILINE)
    assert "key_scheme = " in out and "lsh = " in out and "seed = " in out
    code, _, err = cli(capsys, "index", "remove", "feed.db", f"archive/{SAMPLE_002.name}")
    assert code == 0 and "1 documents removed" in err
    code, out, _ = cli(capsys, "check", "new", "--index", "feed.db")
    assert code == 0 and findings(out) == []  # the original is gone with it
    cli(capsys, "index", "remove", "feed.db", "archive")
    assert _counts(feed / "feed.db") == (0, 0, 0)


def test_clean_with_index_removes_a_copy_of_indexed_text_and_keeps_the_rest(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, "index", "add", "feed.db", "archive")
    own = "这是一段只属于这篇新文章的文字，讲述贵州省今年举办的一次经贸活动，别处从未出现过。"
    paragraph = next(
        p for p in SAMPLE_002.read_text(encoding="utf-8").split("\n\n") if p.startswith("1月27日")
    )
    (feed / "new" / "copy.txt").write_text(
        f"贵州省贸促会动态\n\n{own}\n\n{paragraph}\n\n记者当天在会场看到，许多外地客商专程赶来洽谈合作，现场气氛十分热烈。\n",
        encoding="utf-8",
    )
    code, _, _ = cli(capsys, "clean", "new/copy.txt", "--index", "feed.db", "-o", "out")
    assert code == 0
    cleaned = (feed / "out" / "copy.txt").read_text(encoding="utf-8")
    assert own in cleaned and paragraph[:30] not in cleaned
    code, out, _ = cli(capsys, "scan", "new/copy.txt", "--index", "feed.db", "--format", "json")
    report = json.loads(out)
    (cluster,) = report["clusters"]
    assert cluster["original"]["path"] == f"archive/{SAMPLE_002.name}"
    assert all(m["paragraph"]["path"] == "new/copy.txt" for m in cluster["members"])
    assert (feed / "archive" / SAMPLE_002.name).read_text(encoding="utf-8").count("1月27日") == 1


def test_a_streamed_scan_reports_every_batch_s_clusters_as_one_run_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The clusters wait on disk (index/run.py's spool) and come out after the documents:
    the report is the in-memory one, numbered on across batches, with the same totals."""
    monkeypatch.chdir(tmp_path)
    _, memory, _ = cli(capsys, "scan", str(ROOT / "samples"), "--format", "json")
    args = ["--index", "t.db", "--update-index", "--batch", "2", "--format", "json"]
    _, streamed, _ = cli(capsys, "scan", str(ROOT / "samples"), *args)
    want, got = json.loads(memory), json.loads(streamed)

    def places(report: dict[str, list[dict[str, dict[str, object]]]]) -> list[tuple[object, ...]]:
        return sorted(
            (m["paragraph"]["path"], m["paragraph"]["line"])
            for c in report["clusters"]
            for m in c["members"]  # type: ignore[union-attr]
        )

    assert len(want["clusters"]) >= 4
    assert places(got) == places(want)
    assert [c["id"] for c in got["clusters"]] == [
        f"c{n}" for n in range(1, len(got["clusters"]) + 1)
    ]
    assert got["summary"] == want["summary"]


def test_a_run_streamed_in_batches_finds_what_the_in_memory_run_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Batches of one document: every copy across documents is found through the index."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "run").mkdir()
    for path in (ROOT / "samples").glob("*.txt"):
        (tmp_path / "run" / path.name).write_bytes(path.read_bytes())
    blocks = SAMPLE_002.read_text(encoding="utf-8").split("\n\n")
    for n in range(3):  # three later articles, each republishing part of 002
        part = "\n\n".join(blocks[5 + 4 * n : 9 + 4 * n])
        (tmp_path / "run" / f"1{n}_later.txt").write_text(f"转载{n}\n\n{part}\n", encoding="utf-8")
    _, memory, _ = cli(capsys, "check", "run")
    code, streamed, _ = cli(
        capsys, "check", "run", "--index", "t.db", "--update-index", "--batch", "1"
    )
    assert code == 1

    def places(out: str) -> set[tuple[str, int, str]]:
        return {(path, line, rule) for path, line, rule, _ in findings(out)}

    assert len(places(memory)) >= 14
    assert places(streamed) == places(memory)
    assert "indexed, first seen" not in streamed  # the originals are of the run, as in memory
    # Without --update-index the batches see each other through a temporary index.
    cli(capsys, "index", "add", "one.db", "run/000_618aefba6147e86f.txt")
    _, layered, _ = cli(capsys, "check", "run", "--index", "one.db", "--batch", "2")
    assert places(layered) == places(memory)
    assert "indexed, first seen" not in layered
    assert _counts(tmp_path / "one.db")[0] == 1  # nothing of the run was added


def test_an_index_made_with_other_parameters_is_a_one_line_error(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, "index", "add", "feed.db", "archive")
    with sqlite3.connect(feed / "feed.db") as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'key_scheme'")
    for args in (("check", "new", "--index", "feed.db"), ("index", "add", "feed.db", "new")):
        code, out, err = cli(capsys, *args)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "key_scheme" in err and "rebuild" in err


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not a database at all, just text\n" * 40, "not a usable dedupe index"),
        (None, "not a dedupe index"),  # an SQLite file of someone else's
    ],
)
def test_a_file_that_is_no_index_is_a_one_line_error(
    feed: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, says: str
) -> None:
    path = feed / "other.db"
    if content is None:
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE notes (text TEXT)")
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    code, _, err = cli(capsys, "check", "new", "--index", "other.db", "--update-index")
    assert code == 2 and err.count("\n") == 1 and says in err
    assert path.read_bytes() == before


def test_a_missing_index_is_an_error_unless_the_run_creates_it(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "check", "new", "--index", "missing.db")
    assert code == 2 and "does not exist" in err and not (feed / "missing.db").exists()
    code, _, err = cli(capsys, "index", "stats", "missing.db")
    assert code == 2 and "does not exist" in err
    # Before any report starts: stdout is not left holding half a JSON document.
    code, out, err = cli(capsys, "scan", "new", "--index", "missing.db", "--format", "json")
    assert code == 2 and "does not exist" in err and out == ""
    code, _, err = cli(capsys, "check", "new", "--update-index")
    assert code == 2 and "--update-index needs --index" in err


def test_readers_run_beside_a_writer_and_a_second_writer_gives_up_after_the_timeout(
    feed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli(capsys, "index", "add", "feed.db", "archive")
    writer = sqlite3.connect(feed / "feed.db", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of its batch
    writer.execute("DELETE FROM hashes")  # ... which readers must not see
    try:
        for _ in range(2):
            code, out, _ = cli(capsys, "check", "new", "--index", "feed.db")
            assert code == 1 and len(findings(out)) == 2
        started = time.monotonic()
        code, _, err = cli(capsys, "index", "add", "feed.db", "new", "--index-timeout", "0.5")
        assert time.monotonic() - started >= 0.5
        assert code == 2 and err.count("\n") == 1 and "locked by another writer" in err
        code, _, err = cli(
            capsys, "check", "new", "--index", "feed.db", "--update-index", "--index-timeout", "0"
        )
        assert code == 2 and "locked by another writer" in err
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    code, _, err = cli(capsys, "index", "add", "feed.db", "new")
    assert code == 0 and "1 documents added" in err


def test_sigkill_in_the_middle_of_index_add_leaves_a_committed_batch(tmp_path: Path) -> None:
    """Kill the writer while it is adding: the index opens, and holds whole batches only."""
    docs = tmp_path / "docs"
    docs.mkdir()
    blocks = [b for b in SAMPLE_002.read_text(encoding="utf-8").split("\n\n") if len(b) > 40]
    for n in range(400):
        text = "\n\n".join(f"{block}（第{n}期）" for block in blocks[n % 7 :: 7])
        (docs / f"{n:03}.txt").write_text(text + "\n", encoding="utf-8")
    index = tmp_path / "feed.db"
    command = [sys.executable, "-m", "dedupe", "index", "add", str(index), str(docs)]
    child = subprocess.Popen([*command, "--batch", "20", "--quiet"], cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        while _committed(index) < 40 and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    documents, paragraphs, hashes = _counts(index)
    assert 0 < documents < 400, "the kill came too late to land inside a batch"
    assert documents % 20 == 0
    with sqlite3.connect(index) as db:
        orphans = db.execute(
            "SELECT count(*) FROM paragraphs WHERE doc NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        bare = db.execute(
            "SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc FROM paragraphs)"
        ).fetchone()[0]
    assert orphans == 0 and bare == 0 and hashes > paragraphs
    stats = subprocess.run(
        [sys.executable, "-m", "dedupe", "index", "stats", str(index)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert stats.returncode == 0 and f"documents   {documents}" in stats.stdout
    # Adding again completes it: the committed batches are unchanged, the rest added.
    again = subprocess.run(
        [*command, "--batch", "20"], capture_output=True, text=True, check=False, cwd=tmp_path
    )
    assert again.returncode == 0
    assert f"{400 - documents} documents added, 0 replaced, {documents} unchanged" in again.stderr


def _committed(index: Path) -> int:
    """Documents committed so far, as a reader sees them (0 while the file is being made)."""
    try:
        with sqlite3.connect(f"file:{index}?mode=ro", uri=True, timeout=0.1) as db:
            return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def _counts(index: Path) -> tuple[int, int, int]:
    with sqlite3.connect(index) as db:
        found = [
            int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("documents", "paragraphs", "hashes")
        ]
    return found[0], found[1], found[2]


def _first_added(index: Path, name: str) -> str:
    with sqlite3.connect(index) as db:
        row = db.execute("SELECT first_added FROM documents WHERE name = ?", (name,)).fetchone()
    return str(row[0])
