"""Which stretches of a document the HTML report embeds."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from dedupe.report.excerpts import BUDGET_FLOOR, BUDGET_SHARE, CAP, windows


@st.composite
def text_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    text = draw(st.text(alphabet="ab 中文\n", max_size=3000))
    bounds = st.integers(0, len(text))
    pairs = draw(st.lists(st.tuples(bounds, bounds), max_size=30))
    return text, [(min(a, b), max(a, b)) for a, b in pairs]


@given(text_and_spans())
def test_windows_are_sorted_apart_and_cover_every_span_head_and_tail(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    text, spans = case
    found = windows(text, spans)
    assert all(0 <= a <= b <= len(text) for a, b in found)
    assert all(b1 < a2 for (_, b1), (a2, _) in itertools.pairwise(found))

    def covered(offset: int) -> bool:
        return any(a <= offset < b for a, b in found)

    for start, end in spans:
        if start < end:
            assert covered(start) and covered(end - 1)


def test_context_stays_within_the_lines_of_a_finding() -> None:
    text = "Menu\nA body line that is long enough to give context.\nAdvertisement\nMore body.\n"
    start = text.index("Advertisement")
    [(a, b)] = windows(text, [(start, start + len("Advertisement"))])
    assert text[a:b] == "Advertisement"
    join = text.index("\nAdvertisement")
    [(a, b)] = windows(text, [(join, join + 1)])
    assert text[a:b] == "A body line that is long enough to give context.\nAdvertisement"


def test_long_findings_keep_head_and_tail_and_documents_keep_to_the_budget() -> None:
    text = ("x" * 5000 + "\n") * 40  # a document of long removed lines
    spans = [(i * 5001, i * 5001 + 5000) for i in range(40)]
    found = windows(text, spans)
    assert sum(b - a for a, b in found) <= max(BUDGET_FLOOR, len(text) * BUDGET_SHARE)
    assert found[0][0] == 0 and found[-1][1] == len(text) - 1
    one = windows("y" * 10_000, [(0, 10_000)])
    assert len(one) == 2 and sum(b - a for a, b in one) <= CAP
