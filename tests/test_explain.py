"""Explanations of copies (explain.clusters), through the library entry point."""

from __future__ import annotations

from dedupe.model import Document, Member
from dedupe.pipeline import run

# A partial copy (from copygen): its fourth sentence is a near copy of the source's last one.
SOURCE = (
    "At Eastgate Semiconductors, Samuel Duarte said the order book for ceramics was 21.6 percent "
    "larger than last year, with more than 63 percent going abroad. Buyers from Peru were the "
    "busiest visitors at the Xiamen pavilion of the Import and Export Fair, where 388 local firms "
    "signed contracts worth 265 billion yuan. Analysts said the figures for Nanjing pointed to a "
    "gradual recovery, although demand for public transport services remained uneven across the "
    "seven districts."
)
COPY = (
    "Olivia Okafor, who runs a logistics park outside Lanzhou, explained the site now handles "
    "around 7,809 tonnes a day, roughly 71 percent more than a year ago. Redwood Pharma is one of "
    "1456 firms in Lanzhou working on agricultural exports, a sector that now provides over "
    "86,000 jobs. On Thursday, the agriculture bureau in Lanzhou held a working meeting on "
    "agricultural exports, calling for faster work on the river freight corridor. Analysts said "
    "the figures for Nanjing pointed to a gradual recovery, although demand for elderly care "
    "services remained uneven across the seven districts. At Redwood Pharma, Olivia Okafor said "
    "the order book for industrial robots was 11.4 percent bigger than last year, with more than "
    "39 percent going abroad."
)


def _members(*texts: str) -> list[Member]:
    docs = [Document(f"d{n}", f"d{n}.txt", f"{text}\n") for n, text in enumerate(texts)]
    return [m for c in run(docs).clusters for m in c.members]


def test_a_partial_copy_names_no_swaps_in_its_own_sentences() -> None:
    # Its own sentences face unrelated ones of the source in the paragraph diff, which pairs
    # the source's "yuan" with the copied sentence's "Analysts": no swap.
    [member] = _members(SOURCE, COPY)
    assert member.kind == "partial"
    assert [c.kind for c in member.sentences] == ["near"] and member.changes
    assert member.swaps == ()


def test_a_partial_copy_names_the_swap_of_its_subject() -> None:
    source = "山西省贸促会积极配合中国贸促会举办外资企业活动。" + (
        "通过举办政企对话会、链博会山西专场推介会、开发区考察等活动，系统展示山西省建设现代化产业体系的投资机遇。"
    )
    copy = "福建省贸促会组织企业赴东南亚参加展会，签约项目十余个。" + source[24:]
    [member] = _members(source, copy)
    assert member.kind == "partial"
    assert member.swaps == ("山西省 -> 福建省",)
    assert member.subject == "福建省" and "山西" in member.body_mentions


def test_a_reordered_near_copy_names_no_swaps() -> None:
    # Every sentence is copied whole, in another order: the paragraph diff lines the start of
    # one sentence up with another's ("Exports -> The"), and no name was swapped.
    first = (
        "Exports from Wuhan to Southeast Asia climbed 11.2 percent in the first 2 months to 393 "
        "billion yuan, with auto parts leading the increase."
    )
    second = (
        "Terminals in Wuhan handled 7.9 million containers in the first 5 months, up 27.3 "
        "percent from a year earlier, as shippers of auto parts sent more cargo."
    )
    third = (
        "The transport bureau in Wuhan used a working meeting on Monday to set out plans for the "
        "digital payments system, naming rural broadband coverage as a related task."
    )
    [member] = _members(f"{first} {second} {third}", f"{third} {first} {second}")
    assert member.kind == "near" and member.changes
    assert [c.kind for c in member.sentences] == ["exact"] * 3
    assert member.swaps == ()


def test_a_template_copy_still_names_its_swaps() -> None:
    source = (
        "四川省贸促会坚持内外协同，利用多双边机制打造合作新优势，全年举办经贸活动四十余场。"
        "四川省贸促会在成都举办对外投资合作大会，吸引来自二十多个国家和地区的企业代表参会。"
    )
    copy = source.replace("四川省", "贵州省").replace("成都", "贵阳")
    [member] = _members(source, copy)
    assert member.kind == "template"
    assert member.swaps == ("四川省 -> 贵州省", "成都 -> 贵阳")


def test_an_exact_copy_in_traditional_script_names_no_swaps() -> None:
    source = (
        "中欧班列（昆明）今年累计开行252列，发运量680万标箱，较去年增加24.9%，"
        "不少水产品企业借此打开了新市场。"
    )
    copy = (
        "中歐班列（昆明）今年累計開行252列，發運量680萬標箱，較去年增加24.9%，"
        "不少水產品企業藉此打開了新市場。"
    )
    [member] = _members(source, copy)
    assert member.kind == "exact" and member.changes
    assert member.swaps == ()


def test_a_copy_with_another_person_is_a_template_kept_not_a_near_copy_removed() -> None:
    # jieba cuts 唐欣怡 as 唐 + 欣怡 (an idiom): the name is still one, and swapped.
    source = (
        "业内人士认为，农产品冷链物流体系既是柳州当前工作的重点，也是推动高质量发展的关键环节。"
        "唐欣怡在昆明一处农产品批发市场工作，他告诉记者，眼下日均处理量约1665吨，比去年高出5成。"
    )
    copy = source.replace("唐欣怡", "梁雪莲")
    [member] = _members(source, copy)
    assert member.kind == "template" and not member.removed
    assert member.swaps == ("唐欣怡 -> 梁雪莲",)


STORY = [
    "The port handled 4.2 million containers in the first half, up 7 percent on a year earlier.",
    "Officials credited new shipping routes to Southeast Asia and a faster customs process.",
    "Volumes through the rail terminal rose by a fifth as more cargo moved inland by train.",
    "The operator expects to finish a second deep-water berth before the end of next year.",
]
NEW = [
    "Dock workers at the southern quay were given two extra rest days after the busy season.",
    "A new training centre for crane drivers opened next to the container yard in March.",
]


def test_a_paragraph_with_one_sentence_added_is_a_near_copy() -> None:
    [member] = _members(" ".join(STORY), " ".join([*STORY[:2], NEW[0], *STORY[2:]]))
    assert member.kind == "near"


def test_a_paragraph_with_one_sentence_left_out_is_a_near_copy() -> None:
    [member] = _members(" ".join(STORY), " ".join([STORY[0], *STORY[2:]]))
    assert member.kind == "near"


def test_a_paragraph_cut_after_a_sentence_is_contained() -> None:
    [member] = _members(" ".join(STORY), " ".join(STORY[:3]))
    assert member.kind == "contained"


def test_a_paragraph_with_sentences_of_its_own_is_a_partial_copy() -> None:
    [member] = _members(" ".join(STORY), " ".join([*NEW, STORY[1], STORY[3]]))
    assert member.kind == "partial"


def test_a_copy_that_changes_only_dates_times_and_counts_is_a_template() -> None:
    """Figures changed in a short sentence leave few shingles in common: still found (figure
    frames), and each date or time is one swap, not a month and a day apart."""
    text = (
        "On March 3, the port handled 4.2 million containers, up 7 percent on a year earlier. "
        "Officials said 35 new shipping routes would open on Monday."
    )
    copy = (
        text.replace("March 3", "April 12").replace("4.2", "5.1").replace("7 percent", "9 percent")
    )
    [member] = _members(text, copy.replace("35", "41").replace("Monday", "Tuesday"))
    assert member.kind == "template"
    assert set(member.swaps) == {
        "March 3 -> April 12",
        "4.2 -> 5.1",
        "7 -> 9",
        "35 -> 41",
        "Monday -> Tuesday",
    }


def test_a_chinese_date_and_time_are_one_swap_each() -> None:
    text = (
        "3月5日，市商务局召开外贸工作会议，共有120家企业参加。下午2时，与会代表还参观了综合保税区。"
    )
    copy = text.replace("3月5日", "4月12日").replace("下午2时", "下午3时")
    [member] = _members(text, copy)
    assert member.kind == "template"
    assert set(member.swaps) == {"3月5日 -> 4月12日", "下午2时 -> 下午3时"}
