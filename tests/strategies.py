"""Hypothesis strategies for scraped-looking Chinese and English text."""

from __future__ import annotations

from hypothesis import strategies as st

HAN = "中国贸促会议北京召开发展合作企业山西四川省市年月日的了在和与为"
PUNCT_ZH = "。，、；：！？“”（）…"
PUNCT_EN = ".,;:!?\"'()-"
WORDS = ["the", "Trade", "council", "U.S.", "Dec.", "No.", "18.5%", "said", "Beijing", "and", "a"]

han_run = st.text(alphabet=HAN, min_size=1, max_size=12)
latin_word = st.sampled_from(WORDS)
token = st.one_of(
    han_run,
    latin_word,
    st.sampled_from(list(PUNCT_ZH + PUNCT_EN)),
    st.sampled_from([" ", " ", "\u3000", "\t"]),
    st.integers(0, 3000).map(str),
)
line = st.lists(token, min_size=0, max_size=25).map("".join)
newline = st.sampled_from(["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\n \n"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    """Text with mixed scripts, blank and non-blank lines, and every newline convention."""
    parts = draw(st.lists(st.tuples(line, newline), min_size=0, max_size=12))
    return "".join(text + nl for text, nl in parts)
