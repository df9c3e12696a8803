"""Result -> a unified diff of each input against its cleaned text (`clean --diff`, like black's).

Lines are split on "\\n" only, so a diff applies with `patch` to the file as decoded; a last line
without a newline is marked the way diff(1) marks it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from dedupe.model import DocResult

NO_NEWLINE = "\\ No newline at end of file\n"


def unified(result: DocResult) -> str:
    """The document's input against its cleaned text, as a unified diff; "" when they agree.

    A document that copies another whole has no output, so its diff removes every line.
    """
    doc = result.document
    name = f"{doc.path}:{doc.source_line}" if doc.source_line else doc.path
    return diff_texts(doc.text, result.cleaned, name)


def diff_texts(before: str, after: str, name: str) -> str:
    """A unified diff of two versions of one file, with no timestamps.

    >>> out = diff_texts("Menu\\nBody.\\n", "Body.", "a.txt")
    >>> print(out.expandtabs(1), end="")
    --- a.txt (original)
    +++ a.txt (cleaned)
    @@ -1,2 +1 @@
    -Menu
    -Body.
    +Body.
    \\ No newline at end of file
    """
    lines = difflib.unified_diff(
        _lines(before), _lines(after), f"{name}\t(original)", f"{name}\t(cleaned)"
    )
    return "".join(_terminated(lines))


def _lines(text: str) -> list[str]:
    """Lines with their "\\n", split on "\\n" alone (not on \\r, \\u2028 or the other breaks)."""
    parts = [line + "\n" for line in text.split("\n")]
    parts[-1] = parts[-1][:-1]
    return parts if parts[-1] else parts[:-1]


def _terminated(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield line if line.endswith("\n") else line + "\n" + NO_NEWLINE
