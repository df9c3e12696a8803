"""A baseline of accepted findings: JSON Lines, one finding per line, sorted.

A finding is known when the baseline holds its path and fingerprint (the fingerprint hashes the
normalised text of both sides, so moving the paragraph or editing elsewhere keeps it known).
The same paragraph copied twice into one file gives two equal keys, so keys are counted, not
just looked up. The file is written atomically and byte-for-byte deterministic: it belongs in
version control, where only real changes should show in a diff.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from dedupe.check.findings import Issue, mark_known
from dedupe.errors import InputError, OutputError
from dedupe.write import write_atomic

EXCERPT_CHARS = 40
FIELDS = ("path", "rule", "fingerprint", "original", "excerpt")  # the order of a line's keys


class EntryJSON(TypedDict):
    """One line of the baseline file, keys in this order."""

    path: str  # the copy's file, POSIX, relative to where dedupe runs
    rule: str
    fingerprint: str
    original: str  # the file it copies: for people reading the baseline, not for matching
    excerpt: str  # the start of the copy's text, likewise


@dataclass(frozen=True, slots=True, order=True)
class Entry:
    path: str
    rule: str
    fingerprint: str
    original: str
    excerpt: str

    @property
    def key(self) -> tuple[str, str]:
        return self.path, self.fingerprint


def entry(issue: Issue) -> Entry:
    """The baseline line that accepts `issue`."""
    excerpt = " ".join(issue.spot.text.split())[:EXCERPT_CHARS]
    return Entry(issue.spot.path, issue.rule, issue.fingerprint, issue.original.path, excerpt)


def dumps(entries: Iterable[Entry]) -> str:
    """The file's text: one JSON object per line, lines sorted, a newline after each."""
    lines = sorted(json.dumps(_entry_json(e), ensure_ascii=False) for e in entries)
    return "".join(line + "\n" for line in lines)


def _entry_json(e: Entry) -> EntryJSON:
    return {
        "path": e.path,
        "rule": e.rule,
        "fingerprint": e.fingerprint,
        "original": e.original,
        "excerpt": e.excerpt,
    }


def loads(text: str, name: str) -> tuple[Entry, ...]:
    """Entries of a baseline's text; `name` is the file, for error messages."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            out.append(_parse(line, f"baseline '{name}' line {number}"))
    return tuple(out)


def _parse(line: str, where: str) -> Entry:
    try:
        data = json.loads(line)
        fields = [data[name] for name in FIELDS]
    except (json.JSONDecodeError, TypeError, KeyError) as exc:
        raise InputError(
            f"{where} is not a baseline entry ({type(exc).__name__}: {exc}); "
            "regenerate it with --update-baseline"
        ) from None
    if not all(isinstance(value, str) for value in fields):
        raise InputError(f"{where}: every field must be a string; regenerate it")
    return Entry(*fields)


def load(path: Path) -> tuple[Entry, ...]:
    """The entries of a baseline file; a missing one is an error (a typo must not pass CI)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            f"baseline '{path}' does not exist; create it with --update-baseline"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read baseline '{path}': {exc}") from None
    return loads(text, str(path))


def save(path: Path, entries: Iterable[Entry]) -> None:
    """Replace the baseline in one step: a failed run never leaves half a file behind."""
    try:
        write_atomic(path, dumps(entries))
    except OutputError as exc:  # its hint is about clean's -o; this file came from --baseline
        raise OutputError(str(exc).replace("choose another -o", "check --baseline")) from None


def compare(
    issues: Sequence[Issue], entries: Sequence[Entry], checked: Iterable[str]
) -> tuple[tuple[Issue, ...], int]:
    """The issues with those in the baseline marked known, and how many entries are fixed:
    entries of a checked file that match no finding any more. Entries of files not checked in
    this run (pre-commit passes only the changed ones) are neither known nor fixed."""
    remaining = Counter(e.key for e in entries)

    def known(issue: Issue) -> bool:
        slot = (issue.spot.path, issue.fingerprint)
        if remaining[slot] > 0:
            remaining[slot] -= 1
            return True
        return False

    marked = mark_known(issues, known)
    paths = set(checked)
    fixed = sum(count for (path, _), count in remaining.items() if path in paths)
    return marked, fixed


def updated(
    entries: Sequence[Entry], issues: Sequence[Issue], checked: Iterable[str]
) -> list[Entry]:
    """The new baseline: every current finding, and the old entries of files not checked."""
    paths = set(checked)
    kept = [e for e in entries if e.path not in paths]
    return kept + [entry(i) for i in issues]
