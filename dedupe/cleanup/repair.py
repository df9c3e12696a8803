"""Print-layout repair: join lines that the layout split mid-sentence; flag scrape-truncated text.

A line that does not end a sentence is joined to the next kept line when that line continues it:
in Chinese unless the next line opens a new subject (a place or organisation, a quote, a date);
in English when the next line starts with a lowercase word. Metadata is never joined.
"""

from __future__ import annotations

from collections.abc import Sequence

from dedupe.cleanup.boilerplate import PAGE_LINE, Label
from dedupe.cleanup.cutoffs import NO_LINES, LineIndex
from dedupe.model import Edit, Finding, Paragraph, Segment
from dedupe.text.segment import language
from dedupe.text.shape import (
    ends_sentence,
    is_chinese,
    is_long,
    is_title_case,
    separator,
    should_join,
)


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


def merge(
    units: Sequence[Segment], labels: Sequence[Label], cut_offs: LineIndex = NO_LINES
) -> tuple[list[Segment], list[Label], list[Finding]]:
    """Drop chrome and join body units that continue each other; one finding per join.

    A unit that is another line of the run cut off (`cut_offs`) is not continued by the next
    one, however it ends: it is a copy, and the next unit a paragraph of its own.
    """
    kept: list[Segment] = []
    roles: list[Label] = []
    joins: list[Finding] = []
    for unit, label in zip(units, labels, strict=True):
        if label.role == "chrome":
            continue
        if (
            kept
            and label.role == "body"
            and roles[-1].role == "body"
            and PAGE_LINE not in (roles[-1], label)
            and should_join(kept[-1].text, unit.text)
            and not cut_offs.cut_before(kept[-1].text, unit.text)
        ):
            kept[-1], join = _join(kept[-1], unit)
            joins.append(join)
        else:
            kept.append(unit)
            roles.append(label)
    return kept, roles, joins


def _join(before: Segment, after: Segment) -> tuple[Segment, Finding]:
    edit = Edit(before.end, after.start, separator(before.text, after.text))
    text = before.text + edit.text + after.text
    joined = Segment(
        before.doc,
        before.start,
        after.end,
        before.line,
        language(text),
        text,
        (*before.edits, edit, *after.edits),
    )
    finding = Finding(
        "join",
        before.doc,
        after.line,
        edit.start,
        edit.end,
        f"{before.text[-24:]}\n{after.text[:24]}",
        "line break inside a sentence (print-layout wrap)",
        "wrap",
    )
    return joined, finding


def paragraphs(
    units: Sequence[Segment], labels: Sequence[Label]
) -> tuple[tuple[Paragraph, ...], tuple[Finding, ...]]:
    """The final paragraphs, and a finding per truncated one."""
    out, flagged = [], []
    for unit, label in zip(units, labels, strict=True):
        # A page without sentence punctuation ends every line without one: none is cut off.
        truncated = label.role == "body" and label != PAGE_LINE and is_truncated(unit.text)
        out.append(Paragraph(unit, label.role, truncated))
        if truncated:
            flagged.append(
                Finding(
                    "truncated",
                    unit.doc,
                    unit.line,
                    unit.start,
                    unit.end,
                    unit.text,
                    "paragraph stops mid-sentence: cut off by the scrape",
                    "truncated",
                )
            )
    return tuple(out), tuple(flagged)
