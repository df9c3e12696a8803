from __future__ import annotations

import doctest
import os
import stat
from pathlib import Path

import pytest

from dedupe import write
from dedupe.errors import OutputError
from dedupe.write import check_not_input, output_path, write_atomic


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_doctests() -> None:
    assert doctest.testmod(write).failed == 0


# --- write_atomic ---------------------------------------------------------------------------------


def test_write_atomic_str_is_utf8_with_newlines_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "out" / "deep" / "a.txt"
    write_atomic(target, "第一行\r\nsecond\nthird\r")
    assert target.read_bytes() == "第一行\r\nsecond\nthird\r".encode()
    assert _names(target.parent) == ["a.txt"]


def test_write_atomic_bytes(tmp_path: Path) -> None:
    target = tmp_path / "a.bin"
    write_atomic(target, b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"


def test_write_atomic_replaces_existing_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _names(tmp_path) == ["a.txt"]


def test_write_atomic_new_file_follows_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640


def test_write_atomic_onto_a_directory_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.mkdir()
    with pytest.raises(OutputError) as caught:
        write_atomic(target, "x")
    assert str(caught.value).startswith(f"cannot write '{target}': ")
    assert "\n" not in str(caught.value)
    assert _names(tmp_path) == ["a.txt"] and target.is_dir()


def test_write_atomic_under_a_file_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(tmp_path / "file" / "a.txt", "x")
    assert _names(tmp_path) == ["file"]


def test_write_atomic_removes_temp_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, "new", durable=True)
    assert _names(tmp_path) == ["a.txt"]
    assert target.read_text(encoding="utf-8") == "old"


def test_write_atomic_removes_temp_file_on_interrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "a.txt", "new")
    assert _names(tmp_path) == []


def test_write_atomic_draws_a_random_name_when_its_temporary_name_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dedupe import write

    monkeypatch.setattr(write, "_next_suffix", lambda: "taken")
    (tmp_path / ".a.txt.taken.tmp").write_text("someone else's", encoding="utf-8")
    write_atomic(tmp_path / "a.txt", "x")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "x"
    assert _names(tmp_path) == [".a.txt.taken.tmp", "a.txt"]


def test_temporary_names_differ_within_a_process_and_after_a_fork() -> None:
    from dedupe import write

    names = {write._next_suffix() for _ in range(3)}
    assert len(names) == 3
    token = write._next_suffix()[:8]  # the random part; a count follows it
    pid = os.fork()
    if pid == 0:  # the child draws its own token rather than count on from the parent's
        os._exit(1 if write._next_suffix().startswith(token) else 0)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0


# --- output_path ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "expected"),
    [("a.txt", "out/a.txt"), ("news/2026/a.txt", "out/news/2026/a.txt"), ("./a.txt", "out/a.txt")],
)
def test_output_path_mirrors_relative_path(rel: str, expected: str) -> None:
    assert output_path(Path("out"), rel) == Path(expected)


@pytest.mark.parametrize(
    "rel", ["../a.txt", "a/../../b.txt", "a/..", "/etc/passwd", "C:\\a.txt", "..\\a.txt", "", "."]
)
def test_output_path_rejects_escapes(rel: str) -> None:
    with pytest.raises(OutputError, match="would land outside 'out'"):
        output_path(Path("out"), rel)


# --- check_not_input ------------------------------------------------------------------------------


def test_check_not_input_allows_other_paths(tmp_path: Path) -> None:
    source = tmp_path / "in" / "a.txt"
    source.parent.mkdir()
    source.write_text("x", encoding="utf-8")
    check_not_input([tmp_path / "out" / "a.txt", tmp_path / "in" / "b.txt"], [source])


def test_check_not_input_catches_other_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "in" / "a.txt"
    source.parent.mkdir()
    source.write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "in", target_is_directory=True)
    os.link(source, tmp_path / "hard.txt")
    monkeypatch.chdir(tmp_path)
    for output in [
        source,
        tmp_path / "in" / ".." / "in" / "a.txt",
        tmp_path / "link" / "a.txt",
        tmp_path / "hard.txt",
        Path("in/a.txt"),
    ]:
        with pytest.raises(OutputError) as caught:
            check_not_input([tmp_path / "other.txt", output], [Path("in/a.txt")])
        assert str(caught.value) == (
            f"output '{output}' would overwrite input 'in/a.txt'; "
            "choose another -o or pass --in-place"
        )


def test_check_not_input_with_missing_paths(tmp_path: Path) -> None:
    check_not_input([tmp_path / "x.txt"], [tmp_path / "y.txt"])
    with pytest.raises(OutputError):
        check_not_input([tmp_path / "x.txt"], [tmp_path / "x.txt"])


def test_plain_writes_skip_fsync_and_durable_ones_do_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(os, "fsync", calls.append)
    write_atomic(tmp_path / "a.txt", "x")
    assert calls == []
    write_atomic(tmp_path / "b.txt", "x", durable=True)
    assert len(calls) == 2  # the file, then its folder
