"""Cut-off copies (cleanup/cutoffs.py): neither teasers nor wrapped paragraphs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dedupe.cleanup.cutoffs import LineIndex
from dedupe.model import Document
from dedupe.pipeline import run

ZH = (
    "海关总署13日发布数据显示，今年前三季度，我国货物贸易进出口总值33.61万亿元，同比增长4%。"
    "其中，出口19.17万亿元，增长7.1%。"
)
ZH_NEXT = "国家统计局同日发布的数据显示，9月份全国规模以上工业增加值同比实际增长6.5%，比上月加快。"
EN = (
    "Exports from the region rose 12 percent in the first half of the year as shipments of "
    "electric vehicles and solar panels to Southeast Asia more than doubled, the customs office "
    "said."
)
EN_NEXT = "More text of this page follows here, long enough to be a paragraph of its own."


def _clusters(*texts: str) -> list[tuple[str, str, bool]]:
    docs = [Document(f"d{n}", f"d{n}.txt", text) for n, text in enumerate(texts)]
    return [(m.kind, m.paragraph.text, m.removed) for c in run(docs).clusters for m in c.members]


def test_a_chinese_copy_cut_mid_word_is_not_glued_to_the_next_paragraph() -> None:
    found = _clusters(f"标题一则\n\n{ZH}\n", f"标题二则\n\n{ZH[:40]}\n\n{ZH_NEXT}\n")
    assert found == [("contained", ZH[:40], True)]


def test_a_copy_cut_off_with_an_ellipsis_is_a_copy_not_a_teaser() -> None:
    found = _clusters(f"Headline one\n\n{EN}\n", f"Headline two\n\n{EN[:110]} ...\n\n{EN_NEXT}\n")
    assert found == [("contained", f"{EN[:110]} ...", True)]


def test_a_teaser_of_nothing_in_the_run_is_still_chrome() -> None:
    text = f"Headline\n\n{EN}\n\nSomething else entirely, and ...\n"
    [doc] = run([Document("d", "d.txt", text)]).documents
    assert [f.rule for f in doc.findings if f.kind == "boilerplate"] == ["teaser"]


def test_a_wrapped_copy_of_a_line_is_still_joined() -> None:
    index = LineIndex.of([[ZH]])
    assert not index.cut_before(ZH[:30], ZH[30:])


@given(st.text(min_size=1, max_size=80), st.integers(min_value=0, max_value=80))
def test_a_line_split_anywhere_is_never_a_cut_off_of_itself(line: str, at: int) -> None:
    """Joining the two halves gives the line back: the join continues it, so never a cut."""
    index = LineIndex.of([[line]])
    assert not index.cut_before(line[:at], line[at:])
