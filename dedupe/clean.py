"""Cleaned text from the kept paragraphs: their exact characters, one blank line between them."""

from __future__ import annotations

from collections.abc import Sequence

from dedupe.model import Paragraph


def cleaned_text(paragraphs: Sequence[Paragraph]) -> str:
    """The output document: kept paragraphs separated by one blank line, ending in a newline.

    Paragraph text is output as is (joins already applied); normalisation never reaches output.
    """
    if not paragraphs:
        return ""
    return "\n\n".join(p.segment.text for p in paragraphs) + "\n"
