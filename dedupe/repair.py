"""Print-layout repair: join lines that the layout split mid-sentence; flag scrape-truncated text.

A line that does not end a sentence is joined to the next kept line when that line continues it:
in Chinese unless the next line opens a new subject (a place or organisation, a quote, a date);
in English when the next line starts with a lowercase word. Metadata is never joined.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from dedupe.boilerplate import Label
from dedupe.entities import leading_place
from dedupe.model import Edit, Finding, Paragraph, Segment
from dedupe.segment import language, sentences
from dedupe.shape import ends_sentence, first_char, is_chinese, is_long, last_char

_HAN = regex.compile(r"\p{Han}")
# A Chinese line that starts like this opens a new paragraph rather than continuing one.
_NEW_SUBJECT = regex.compile(
    r"^(?:[“「『【■●◆▲□]"
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?[，,]|\d{1,2}月\d{1,2}日"
    r"|\p{Han}{2,8}?(?:省|市|自治区|贸促会|委员会|商会|协会|集团|公司|大学|政府|法院)"
    r"(?=\p{Han}))"
)
# English words that cannot end a sentence: a paragraph ending in one was cut off.
_DANGLING = frozenset(
    """a an the of to and or but in on at by for with from as into that which who whose its their
    his her our is are was were be been will would can could should has have had also than
    including such""".split()
)


def should_join(before: str, after: str) -> bool:
    """Whether `after` continues the sentence that `before` leaves unfinished.

    >>> should_join("其中也有", "贸促人的奋斗和贡献。"), should_join("调解中心、", "陕西省贸促会落实部署。")
    (True, False)
    >>> should_join("the ministry said it will", "encourage firms."), should_join("by", "Beijing.")
    (True, False)
    """
    if ends_sentence(before) or not after.strip():
        return False
    if _HAN.match(last_char(before)) or _HAN.match(first_char(after)):
        return not _opens_subject(after)
    return first_char(after).islower() and (last_char(before).isalnum() or before[-1] in ",-–")


def _opens_subject(text: str) -> bool:
    return leading_place(text) is not None or _NEW_SUBJECT.match(text) is not None


def separator(before: str, after: str) -> str:
    """What replaces the line break of a join: nothing in Chinese or after a hyphen, else a space."""
    if before.endswith("-") or _HAN.match(last_char(before)) or _HAN.match(first_char(after)):
        return ""
    return " "


def is_truncated(text: str) -> bool:
    """Whether a body paragraph was cut off by the scrape (it stops mid-sentence).

    >>> is_truncated("推动贸促会机关、调解中心、" * 4), is_truncated("It will " * 9 + "also")
    (True, True)
    """
    if ends_sentence(text) or not is_long(text):
        return False
    if is_chinese(text):
        return True
    words = text.rstrip().split()
    return text.rstrip().endswith(",") or (bool(words) and words[-1].lower() in _DANGLING)


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

