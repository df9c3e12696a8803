"""Print-layout repair: join lines that the layout split mid-sentence; flag scrape-truncated text.

A line that does not end a sentence is joined to the next kept line when that line continues it:
in Chinese unless the next line opens a new subject (a place or organisation, a quote, a date);
in English when the next line starts with a lowercase word. Metadata is never joined.
"""

from __future__ import annotations

from collections.abc import Sequence

from dedupe.boilerplate import Label
from dedupe.model import Edit, Finding, Paragraph, Segment
from dedupe.segment import language, sentences
from dedupe.shape import ends_sentence, is_chinese, is_long, is_title_case, separator, should_join

def is_truncated(text: str) -> bool:
    """Whether a body paragraph was cut off by the scrape (it stops mid-sentence).

    >>> is_truncated("推动贸促会机关、调解中心、" * 4), is_truncated("It will " * 10 + "also")
    (True, True)
    >>> is_truncated("Exports rose. " * 9)
    False
    """
    if ends_sentence(text) or not is_long(text):
        return False
    return is_chinese(text) or not is_title_case(text)


def repair(
    lines: Sequence[Segment], labels: Sequence[Label], starts: Sequence[int]
) -> tuple[tuple[Paragraph, ...], tuple[Finding, ...]]:
    """Paragraphs from the kept lines, with the joins and truncations found on the way."""
    groups = _group(lines, labels)
    paragraphs, findings = [], []
    for group, label in groups:
        paragraph, joins = _paragraph(group, label, starts)
        findings.extend(joins)
        if paragraph.truncated:
            seg = paragraph.segment
            findings.append(Finding("truncated", seg.doc, seg.line, seg.start, seg.end, seg.text,
                                    "paragraph stops mid-sentence: cut off by the scrape",
                                    "truncated"))
        paragraphs.append(paragraph)
    return tuple(paragraphs), tuple(sorted(findings, key=lambda f: (f.start, f.kind)))


def _group(
    lines: Sequence[Segment], labels: Sequence[Label]
) -> list[tuple[list[Segment], Label]]:
    groups: list[tuple[list[Segment], Label]] = []
    for seg, label in zip(lines, labels, strict=True):
        if label.role == "chrome":
            continue
        if groups and label.role == "body" and groups[-1][1].role == "body" \
                and should_join(groups[-1][0][-1].text, seg.text):
            groups[-1][0].append(seg)
        else:
            groups.append(([seg], label))
    return groups


def _paragraph(
    group: Sequence[Segment], label: Label, starts: Sequence[int]
) -> tuple[Paragraph, list[Finding]]:
    first = group[0]
    edits, joins, text = [], [], first.text
    for before, after in zip(group, group[1:], strict=False):
        edit = Edit(before.end, after.start, separator(before.text, after.text))
        edits.append(edit)
        joins.append(Finding("join", first.doc, after.line, edit.start, edit.end,
                             f"{before.text[-24:]}\n{after.text[:24]}",
                             "line break inside a sentence (print-layout wrap)", "wrap"))
        text += edit.text + after.text
    segment = Segment(first.doc, first.start, group[-1].end, first.line, language(text), text,
                      tuple(edits))
    truncated = label.role == "body" and is_truncated(text)
    return Paragraph(segment, label.role, sentences(segment, starts), truncated), joins

