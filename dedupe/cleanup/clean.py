"""Cleaned text from the kept paragraphs: their exact characters, one blank line between them.

Copies are cut at sentence level: a paragraph loses only the sentences that copy others, keeps
the white space before each sentence it keeps, and disappears only when nothing of it is left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from dedupe.model import DocResult, Finding, Paragraph
from dedupe.text.segment import sentence_bounds


def cleaned_text(paragraphs: Sequence[Paragraph]) -> str:
    """The output document: kept paragraphs separated by one blank line, ending in a newline.

    Paragraph text is output as is (joins already applied); normalisation never reaches output.
    """
    if not paragraphs:
        return ""
    return "\n\n".join(p.segment.text for p in paragraphs) + "\n"


def without(text: str, drop: set[int]) -> str:
    """A paragraph's text without the sentences at the given positions.

    >>> without("A one. B two. C three.", {1}), without("甲。乙。丙。", {0, 2})
    ('A one. C three.', '乙。')
    """
    bounds = sentence_bounds(text)
    pieces: list[str] = []
    for i, (start, end) in enumerate(bounds):
        if i in drop:
            continue
        if pieces:
            pieces.append(text[bounds[i - 1][1] : start])
        pieces.append(text[start:end])
    return "".join(pieces)


def apply_copies(
    result: DocResult,
    removed: Mapping[int, set[int]],
    findings: Sequence[Finding],
    duplicate_of: str | None,
) -> DocResult:
    """The document with copied sentences cut out, its copy findings added. A duplicate of
    another document keeps only the short body lines it has of its own (none, most often)."""
    texts = []
    for index, paragraph in enumerate(result.paragraphs):
        if duplicate_of is not None and paragraph.role != "body":
            continue  # a duplicate keeps only what body text of its own it has, if any
        drop = removed.get(index, set())
        text = without(paragraph.segment.text, drop) if drop else paragraph.segment.text
        if text:
            texts.append(text)
    cleaned = "\n\n".join(texts) + "\n" if texts else ""
    all_findings = tuple(
        sorted((*result.findings, *findings), key=lambda f: (f.start, f.end, f.kind))
    )
    stats = replace(
        result.stats, chars_out=len(cleaned), copies_removed=sum(f.kind == "copy" for f in findings)
    )
    return replace(
        result, findings=all_findings, cleaned=cleaned, stats=stats, duplicate_of=duplicate_of
    )
