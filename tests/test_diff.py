from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dedupe.engine.diff import Units, _widen, changes, facts_differ, folded, named_swaps, swaps
from dedupe.text.normalize import key


@pytest.mark.parametrize(
    ("original", "copy", "expected"),
    [
        ("四川省贸促会坚持内外协同。", "贵州省贸促会坚持内外协同。", ["四川省 -> 贵州省"]),
        (
            "宁夏回族自治区贸促会完善纠纷解决机制。",
            "商业行业贸促会完善纠纷解决机制。",
            ["宁夏回族自治区 -> 商业行业"],
        ),
        (
            "四川省贸促会会长吕芙蓉表示，将继续努力。",
            "四川省贸促会会长张三表示，将继续努力。",
            ["吕芙蓉 -> 张三"],
        ),
        (
            "Exports rose 18.5% in Beijing last year.",
            "Exports rose 12.3% in Shanghai last year.",
            ["18.5% -> 12.3%", "Beijing -> Shanghai"],
        ),
        # A character diff cuts these words apart; swaps are found on whole tokens.
        (
            "The measures include tax relief for exporters in Casablanca, faster approval.",
            "The measures include tax relief for exporters in Shenzhen, faster approval.",
            ["Casablanca -> Shenzhen"],
        ),
        (
            "Prices rose 22.4 percent in Gdansk.",
            "Prices rose 3.3 percent in Busan.",
            ["22.4 -> 3.3", "Gdansk -> Busan"],
        ),
        # "5.7" -> "24.5" diffs as "24" put before it and "7" cut out of it: one swap, not a
        # second one with the next word ("5.7 -> million").
        (
            "Operators moved 5.7 million containers, 25.2 percent more.",
            "Operators moved 24.5 million containers, 6.5 percent more.",
            ["5.7 -> 24.5", "25.2 -> 6.5"],
        ),
        # The article goes with the name it stands before.
        (
            "Buyers from the Middle East were the biggest group of visitors.",
            "Buyers from Southeast Asia were the biggest group of visitors.",
            ["the Middle East -> Southeast Asia"],
        ),
        # jieba cuts this name as a surname and an idiom (唐 + 欣怡): still one name.
        (
            "唐欣怡在昆明一处农产品批发市场工作，他告诉记者，眼下日均处理量约1665吨。",
            "梁雪莲在昆明一处农产品批发市场工作，他告诉记者，眼下日均处理量约1665吨。",
            ["唐欣怡 -> 梁雪莲"],
        ),
        # A person of one firm, the same person of another: the firm was swapped.
        (
            "Hannah Okafor of Riverbend Agrifoods said orders rose.",
            "Hannah Okafor of Northfield Components said orders rose.",
            ["Riverbend Agrifoods -> Northfield Components"],
        ),
        # Two named things side by side change as one stretch: two swaps.
        (
            "记者梳理发现，新疆2月以来共落地36个项目。",
            "记者梳理发现，温州11月以来共落地36个项目。",
            ["新疆 -> 温州", "2 -> 11"],
        ),
    ],
)
def test_swaps_name_what_was_replaced(original: str, copy: str, expected: list[str]) -> None:
    found = swaps(original, copy, changes(original, copy))
    assert found is not None and [str(s) for s in found] == expected


@pytest.mark.parametrize(
    ("original", "copy"),
    [
        (
            "Exports rose sharply in Beijing last year.",
            "Exports fell sharply in Beijing last year.",
        ),
        (
            "国际商会、国商公司协同发展，提升整体效能。",
            "商业行业贸促会完善纠纷解决机制，提升整体效能。",
        ),
    ],
)
def test_real_edits_are_not_swaps(original: str, copy: str) -> None:
    assert swaps(original, copy, changes(original, copy)) is None


def test_changes_map_to_the_original_characters() -> None:
    original, copy = "ＣＣＰＩＴ 四川省，贸促会。", "CCPIT 贵州省,贸促会."
    [change] = changes(original, copy)
    assert original[change.a_start : change.a_end] == "四川"
    assert copy[change.b_start : change.b_end] == "贵州"


def test_folding_keeps_an_origin_per_character() -> None:
    text, origin = folded("Ａ，貿b")
    assert text == "a贸b" and origin == (0, 2, 3)


def slow_folded(text: str) -> tuple[str, tuple[int, ...]]:
    """The reference: every character keyed on its own."""
    pairs = [(out, offset) for offset, char in enumerate(text) for out in key(char)]
    return "".join(c for c, _ in pairs), tuple(o for _, o in pairs)


@given(st.text(alphabet=st.sampled_from(list("ＡＢa b，。貿易贸ﬁ½①\u0301 \t.-%12３")), max_size=30))
def test_folding_agrees_with_folding_each_character(text: str) -> None:
    assert folded(text) == slow_folded(text)


@pytest.mark.parametrize(
    ("original", "copy", "differ"),
    [
        ("Exports rose 9.7% in Gdansk.", "Exports rose 8.6% in Gdansk.", True),  # a figure
        ("Exports to Peru rose 9.7%.", "Exports to Chile rose 9.7%.", True),  # a name
        ("四川省贸促会坚持内外协同。", "贵州省贸促会坚持内外协同。", True),  # a place
        (  # the same frame with another topic
            "Demand for customs clearance procedures remained uneven across the districts.",
            "Demand for flood defenses along the river remained uneven across the districts.",
            True,
        ),
        (
            "The growth was uneven across six districts.",
            "The growth was uneven across two districts.",
            True,
        ),
        # Another topic that the character diff splits where the phrases share letters.
        (
            "Demand for rural broadband coverage remained uneven across the ten districts.",
            "Demand for small business lending remained uneven across the ten districts.",
            True,
        ),
        (
            "Demand for rural broadband coverage remained uneven across the ten districts.",
            "Demand for cold-chain logistics remained uneven across the ten districts.",
            True,
        ),
        (
            "业内人士认为，营商环境建设既是银川当前工作的重点，也是完善中小企业融资服务的关键。",
            "业内人士认为，流域生态环境治理既是银川当前工作的重点，也是扩大中小企业融资服务的关键。",
            True,
        ),
        (  # a topic of five characters replaced by one of eight, in one unbroken run
            "石家庄还将提升海外仓布局，完善配套政策，为营商环境建设提供有力支撑。",
            "石家庄还将提升社区养老服务网络，完善配套政策，为营商环境建设提供有力支撑。",
            True,
        ),
        (  # the diff pairs "and" with the "and" of "inland": unchanged in the original only
            "Demand for research and development spending remained uneven.",
            "Demand for the inland rail link remained uneven.",
            True,
        ),
        # Rewording, punctuation, a dropped sentence: the same facts.
        ("他们进一步加强了合作。", "他们持续深化了合作。", False),  # two words side by side
        ("They said more than 20 firms joined.", "They noted over 20 firms joined.", False),
        ("他表示，目前已有20家企业加入。", "他指出，眼下已有20家企业加入。", False),
        ("Exports rose 9.7% in Gdansk.", "Exports climbed 9.7% in Gdansk.", False),
        ("会议在北京召开，部署了任务。", "会议在北京召开, 部署了任务.", False),
        ("Exports rose 9.7%. Imports fell 2%.", "Exports rose 9.7%.", False),
        (
            "业内人士认为，这是推动高质量发展的关键。",
            "业内人士认为，这是实现高质量发展的关键。",
            False,
        ),
    ],
)
def test_facts_differ(original: str, copy: str, differ: bool) -> None:
    assert facts_differ(original, copy, changes(original, copy)) is differ


def _widen_reference(spans: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[int, int]:
    """The obvious loop over every unit, which diff._widen must equal."""
    for u_start, u_end in spans:
        cuts = u_start < end and start < u_end if start < end else u_start < start < u_end
        if cuts:
            start, end = min(start, u_start), max(end, u_end)
    return start, end


@given(
    st.sets(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=12),
    st.integers(0, 70),
    st.sampled_from([0, 0, 1, 2, 5]),
)
def test_widen_equals_the_obvious_loop(raw: set[tuple[int, int]], start: int, width: int) -> None:
    spans = tuple(sorted((s, s + n) for s, n in raw))
    units = Units(spans, tuple(s for s, _ in spans), max((e - s for s, e in spans), default=0))
    assert _widen(units, start, start + width) == _widen_reference(spans, start, start + width)


@pytest.mark.parametrize(
    ("original", "copy", "expected"),
    [
        ("运量达到2617吨。", "运量达到头号任务吨。", []),  # a figure replaced by words
        ("上海发运量增长。", "甲，乙发运量增长。", []),  # the diff running across a clause
        ("Officials in Hohhot plan it.", "Officials intends to plan it.", []),  # a name for a verb
        ("The port is in Gdansk now.", "The port is in the city now.", []),  # 'the' is no name
        ("The fair opened.", "the fair opened.", []),  # the same word both sides
        (
            "宁夏回族自治区贸促会举办论坛。",
            "商业行业贸促会举办论坛。",
            ["宁夏回族自治区 -> 商业行业"],
        ),
        (
            "Exports rose 9.7% in Gdansk.",
            "Exports rose 8.6% in Busan.",
            ["9.7% -> 8.6%", "Gdansk -> Busan"],
        ),
    ],
)
def test_only_named_things_replaced_by_their_like_are_swaps(
    original: str, copy: str, expected: list[str]
) -> None:
    found = named_swaps(original, copy, changes(original, copy))
    assert [str(swap) for swap in found] == expected
