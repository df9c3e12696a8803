"""`dedupe check`: a run's copies and subject mismatches as CI findings, and the exit code.

One finding per copied paragraph (named with the paragraph it copies), per template, per
subject mismatch and per document that copies another whole. Each carries a fingerprint of the
normalised text of both sides, so a baseline of accepted findings survives moved lines and
edits elsewhere in the file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from dedupe.model import Cluster, DocResult, Document, Member, Place, Skipped
from dedupe.options import SEVERITIES, Severity
from dedupe.pipeline import Outcome
from dedupe.text.normalize import key
from dedupe.text.segment import sentence_bounds

Rule = Literal["copy", "template", "subject-mismatch", "duplicate-document"]
RULES: tuple[Rule, ...] = ("duplicate-document", "copy", "template", "subject-mismatch")
LEVELS: dict[Rule, Severity] = {
    "duplicate-document": "error",
    "copy": "error",
    "template": "warning",
    "subject-mismatch": "error",
}
DESCRIPTIONS: dict[Rule, str] = {
    "duplicate-document": "Every body sentence of this document copies another document.",
    "copy": "Sentences of this paragraph copy another paragraph (exact, near, contained or "
    "partly), within or across documents; clean removes them.",
    "template": "This paragraph repeats another with only names or numbers swapped; clean "
    "keeps it unless --drop-templates.",
    "subject-mismatch": "This paragraph is about one place but its body still names the places "
    "of the paragraph it was copied from: a copy-paste error.",
}
FINGERPRINT_VERSION = "dedupeContent/v1"
EXIT_CLEAN, EXIT_FINDINGS = 0, 1


@dataclass(frozen=True, slots=True)
class Spot:
    """A place as CI tools name it: a portable path (POSIX, relative to the working folder),
    a 1-based line in that file, and the text there."""

    path: str
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding of `dedupe check`."""

    rule: Rule
    level: Severity
    spot: Spot  # the copy (a document's first line for duplicate-document)
    original: Spot  # what it copies
    message: str  # one line, naming the original with file and line
    fingerprint: str  # blake2b of the rule and the matching keys of both sides
    document: str = ""  # the name of the document it is in (see Checked)
    known: bool = False  # accepted in the baseline


@dataclass(frozen=True, slots=True)
class Checked:
    """A document that was checked, as a test case of the JUnit report."""

    name: str  # the portable path, or path:line for a JSON Lines record
    path: str


@dataclass(frozen=True, slots=True)
class Run:
    """What a check found, before a baseline is applied."""

    issues: tuple[Issue, ...]
    documents: tuple[Checked, ...]
    skipped: tuple[Skipped, ...]


def fingerprint(rule: str, copy: Iterable[str], original: Iterable[str]) -> str:
    """A stable digest of a finding's content: the rule and the matching keys of both sides.

    Keys fold case, script, width, white space and punctuation, so re-wrapping or moving the
    paragraph keeps the fingerprint; changing its words does not.

    >>> fingerprint("copy", ["A b."], ["x"]) == fingerprint("copy", ["a  B"], ["X。"])
    True
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(rule.encode())
    for side in (copy, original):
        digest.update(b"\x00")
        for text in side:
            digest.update(key(text).encode("utf-8") + b"\x01")
    return digest.hexdigest()


def portable(path: str, cwd: Path) -> str:
    """The path as CI tools and baselines want it: POSIX and, under `cwd`, relative to it.

    >>> portable("/repo/docs/a.txt", Path("/repo"))
    'docs/a.txt'
    >>> portable("./docs//a.txt", Path("/repo"))
    'docs/a.txt'
    """
    if path == "-":
        return path
    candidate = Path(path)
    if candidate.is_absolute() and candidate.is_relative_to(cwd):
        candidate = candidate.relative_to(cwd)
    return candidate.as_posix()


def collect(
    outcome: Outcome, cwd: Path, on_skip: Callable[[Skipped], None] = lambda _: None
) -> Run:
    """The findings of a pipeline run, in input order.

    Finding copies already holds every document of the run, so listing them costs nothing more.
    """
    items = list(outcome.items)
    for item in items:
        if isinstance(item, Skipped):
            on_skip(item)
    results = [item for item in items if isinstance(item, DocResult)]
    where = _Locator({r.document.id: r.document.source_line for r in results}, cwd)
    members = _members_by_doc(outcome.clusters)
    issues = [
        issue
        for result in results
        for issue in document_issues(result, members.get(result.document.id, []), where)
    ]
    documents = tuple(Checked(where.name(r.document), where.path(r.document.path)) for r in results)
    skipped = tuple(item for item in items if isinstance(item, Skipped))
    return Run(tuple(issues), documents, skipped)


def _members_by_doc(clusters: Iterable[Cluster]) -> dict[str, list[tuple[Member, Place]]]:
    """Each document's copied paragraphs, with the original each is explained against."""
    out: dict[str, list[tuple[Member, Place]]] = {}
    for cluster in clusters:
        for member in cluster.members:
            out.setdefault(member.paragraph.doc, []).append((member, cluster.original))
    for found in out.values():
        found.sort(key=lambda pair: pair[0].paragraph.start)
    return out


class _Locator:
    """Turns the places of a run into spots: portable paths, and lines in the file (for a JSON
    Lines record, the record's line: its text has lines of its own that no editor shows)."""

    def __init__(self, records: dict[str, int], cwd: Path) -> None:
        self.records = records
        self.cwd = cwd

    def path(self, path: str) -> str:
        return portable(path, self.cwd)

    def name(self, doc: Document) -> str:
        path = self.path(doc.path)
        return f"{path}:{doc.source_line}" if doc.source_line else path

    def spot(self, place: Place) -> Spot:
        line = self.records.get(place.doc) or place.line
        return Spot(self.path(place.path), line, place.text)


def document_issues(
    result: DocResult, members: Sequence[tuple[Member, Place]], where: _Locator
) -> list[Issue]:
    """The findings of one document: one per copied paragraph (or one for a document that
    copies another whole), and one per subject mismatch."""
    issues: list[Issue] = []
    if result.duplicate_of is not None and members:
        issues.append(_duplicate(result, members, where))
    for member, original in members:
        if result.duplicate_of is None:
            issues.append(_copy(member, original, where))
        if member.subject:
            issues.append(_mismatch(member, original, where))
    name = where.name(result.document)
    return [replace(issue, document=name) for issue in issues]


def _copy(member: Member, original: Place, where: _Locator) -> Issue:
    """A copied paragraph, or a template when none of its sentences is copied outright."""
    copy, source = where.spot(member.paragraph), where.spot(original)
    copied = [c for c in member.sentences if c.kind != "template"]
    if not copied:
        swaps = ", ".join(member.swaps[:3]) or "names or numbers"
        return _issue("template", copy, source, f"same as {_name(source)} but for {swaps}")
    total = len(sentence_bounds(member.paragraph.text))
    count = len({c.sentence.start for c in copied})
    others = [
        _name(where.spot(c.source))
        for c in copied
        if c.source.doc != original.doc or not original.start <= c.source.start < original.end
    ]
    also = f"; also copies {', '.join(dict.fromkeys(others))}" if others else ""
    message = (
        f"copies {_name(source)} ({member.kind}: {count} of {total} sentences, "
        f"similarity {member.similarity:.2f}){also}"
    )
    return _issue("copy", copy, source, message)


def _mismatch(member: Member, original: Place, where: _Locator) -> Issue:
    copy, source = where.spot(member.paragraph), where.spot(original)
    message = (
        f"about {member.subject}, but the body names {', '.join(member.body_mentions)}: "
        f"the text of {_name(source)}"
    )
    return _issue("subject-mismatch", copy, source, message)


def _duplicate(
    result: DocResult, members: Sequence[tuple[Member, Place]], where: _Locator
) -> Issue:
    """One finding for a document that copies another whole, instead of one per paragraph."""
    doc, originals = result.document, [original for _, original in members]
    target = where.path(result.duplicate_of or "")
    source = where.spot(next((o for o in originals if where.path(o.path) == target), originals[0]))
    return Issue(
        "duplicate-document",
        LEVELS["duplicate-document"],
        Spot(where.path(doc.path), doc.source_line or 1, members[0][0].paragraph.text),
        source,
        f"every body sentence copies another document: {_name(source)}",
        fingerprint(
            "duplicate-document",
            [m.paragraph.text for m, _ in members],
            [o.text for o in originals],
        ),
    )


def _issue(rule: Rule, copy: Spot, original: Spot, message: str) -> Issue:
    return Issue(
        rule, LEVELS[rule], copy, original, message, fingerprint(rule, [copy.text], [original.text])
    )


def _name(spot: Spot) -> str:
    return f"{spot.path}:{spot.line}"


def at_least(level: Severity, threshold: Severity) -> bool:
    """Whether a finding of `level` fails a check at `threshold`.

    >>> at_least("warning", "error"), at_least("error", "warning")
    (False, True)
    """
    return SEVERITIES.index(level) >= SEVERITIES.index(threshold)


@dataclass(frozen=True, slots=True)
class Report:
    """A check's outcome against its baseline; it derives the exit code, like black and ruff."""

    issues: tuple[Issue, ...]  # every finding, in input order; `known` ones are in the baseline
    documents: tuple[Checked, ...]
    skipped: tuple[Skipped, ...] = ()
    fixed: int = 0  # baseline entries of checked documents that are no longer found
    severity: Severity = "error"  # findings at or above it fail
    baseline: str | None = None  # the baseline file, if one was used
    exit_zero: bool = False

    @property
    def new(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.known)

    @property
    def failing(self) -> tuple[Issue, ...]:
        """New findings at or above the severity threshold: what makes the check fail."""
        return tuple(i for i in self.new if at_least(i.level, self.severity))

    @property
    def exit_code(self) -> int:
        return EXIT_CLEAN if self.exit_zero or not self.failing else EXIT_FINDINGS

    def summary(self) -> str:
        """`N findings: K known, M new, F fixed`, and what fails."""
        known = len(self.issues) - len(self.new)
        line = (
            f"{len(self.issues)} findings: {known} known, {len(self.new)} new, {self.fixed} fixed"
        )
        verdict = f"{len(self.failing)} failing at severity {self.severity}"
        if self.exit_zero and self.failing:
            verdict += " (--exit-zero)"
        documents = len(self.documents)
        return f"{line}; {verdict}; {documents} document{'' if documents == 1 else 's'} checked"


def mark_known(issues: Sequence[Issue], known: Callable[[Issue], bool]) -> tuple[Issue, ...]:
    """The issues with `known` set where the baseline accepts them."""
    return tuple(replace(i, known=True) if known(i) else i for i in issues)
