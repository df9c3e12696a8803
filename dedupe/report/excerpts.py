"""Which stretches of a document the HTML report carries: what each finding covers, with a little
context, long spans cut to their head and tail, within a budget.

The report must stay far smaller than its input (under half of it at 100 MB), so it never embeds
whole documents: a reviewer needs the changed text and enough around it to judge the change.
Copied sentences are shown without context: a run of copies can make most sentences findings,
and their paragraph and original are side by side in the report's copy clusters anyway.
"""

from __future__ import annotations

from collections.abc import Sequence

CONTEXT = 80  # characters of context on either side of a finding, within its lines
CAP = 400  # a longer finding is shown as its first and last CAP // 2 characters
MERGE_GAP = 16  # windows closer than this are shown as one
BUDGET_SHARE = 0.35  # at most this share of a document's characters is embedded...
BUDGET_FLOOR = 2500  # ...or this many, whichever is more
STEPS = ((CONTEXT, CAP), (0, CAP), (0, 120), (0, 40))  # tried in turn until one fits the budget


def windows(
    text: str, spans: Sequence[tuple[int, int]], bare: Sequence[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """The stretches of `text` to embed for these spans (and for `bare` ones, without context),
    sorted and merged.

    Each step of STEPS gives less context and shorter heads and tails; the first one whose
    windows fit the budget wins, and the last one is taken whatever it costs.

    >>> text = "Menu\\nBody text stays.\\nAdvertisement\\n"
    >>> [text[s:e] for s, e in windows(text, [(0, 4), (22, 35)])]
    ['Menu', 'Advertisement']
    >>> text = "One sentence. A copied one. Another."
    >>> [text[s:e] for s, e in windows(text, [], bare=[(14, 27)])]
    ['A copied one.']
    """
    budget = max(BUDGET_FLOOR, int(len(text) * BUDGET_SHARE))
    found: list[tuple[int, int]] = []
    for context, cap in STEPS:
        around = [w for s, e in spans for w in _around(text, s, e, context, cap)]
        around += [w for s, e in bare for w in _around(text, s, e, 0, cap)]
        found = _merged(sorted(around))
        if sum(e - s for s, e in found) <= budget:
            break
    return found


def _around(text: str, start: int, end: int, context: int, cap: int) -> list[tuple[int, int]]:
    """One span's windows: its head and tail if it is long, with context inside its lines."""
    pieces = [(start, end)]
    if end - start > cap:
        pieces = [(start, start + cap // 2), (end - cap // 2, end)]
    first, last = pieces[0], pieces[-1]
    line_start = text.rfind("\n", 0, first[0]) + 1
    line_end = text.find("\n", last[1])
    line_end = len(text) if line_end < 0 else line_end
    before = max(line_start, first[0] - context) if first[0] > line_start else first[0]
    after = min(line_end, last[1] + context) if last[1] < line_end else last[1]
    if len(pieces) == 1:
        return [(before, after)]
    return [(before, pieces[0][1]), (pieces[1][0], after)]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping or nearly touching ones joined.

    >>> _merged([(0, 5), (3, 9), (30, 40), (45, 50)])
    [(0, 9), (30, 50)]
    """
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and start - out[-1][1] < MERGE_GAP:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
