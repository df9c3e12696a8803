"""The sentence links of the duplicate engine (copies.match), below explanations."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe.cleanup.boilerplate import compile_rules
from dedupe.engine import copies
from dedupe.engine.shapes import Facts
from dedupe.model import Document
from dedupe.options import Options
from dedupe.pipeline import clean_document, run
from dedupe.text.normalize import key

STOCK = "Analysts said the figures for {} pointed to a gradual recovery across the districts."
OWN = (
    "The port of Lima opened a new container terminal with twelve cranes this spring.",
    "Farmers near Paris planted more wheat after a dry winter left the soil hard.",
)
PLACES = (("Lima", OWN[0]), ("Paris", OWN[1]))
COPIED = "Exports of copper concentrate doubled after the new rail line reached the coast."


def _templates(texts: list[str]) -> list[tuple[str, str]]:
    rules = compile_rules(Options())
    results = [clean_document(doc, rules) for doc in _docs(texts)]
    found = copies.match(results, Options())
    return [(found.units[t.a].text, found.units[t.b].text) for t in found.templates]


def test_a_stock_frame_alone_links_no_paragraphs() -> None:
    texts = [f"{STOCK.format(city)} {own}\n" for city, own in PLACES]
    assert _templates(texts) == []


def test_a_templated_sentence_next_to_a_copied_one_is_linked() -> None:
    texts = [f"{STOCK.format(city)} {COPIED} {own}\n" for city, own in PLACES]
    assert _templates(texts) == [(STOCK.format("Lima"), STOCK.format("Paris"))]


# Two stories told in the same two frames: every place and figure differs.
FRAMES = (
    "中欧班列（{}）今年累计开行{}列，发运量{}万标箱，不少企业借此打开了新市场。",
    "海关数据显示，{}已成为重要的贸易伙伴，{}个月累计进出口{}亿元，订单尤为集中。",
)


def _told(story: tuple[tuple[object, ...], ...]) -> str:
    """A one-paragraph document of FRAMES filled in with a story's facts."""
    return "".join(frame.format(*facts) for frame, facts in zip(FRAMES, story, strict=True)) + "\n"


def test_two_stories_in_the_same_frames_are_no_template() -> None:
    story = (("洛阳", 179, 600), ("日本", 4, 7674))
    other = (("大连", 220, 763), ("智利", 11, 6111))
    assert _templates([_told(story), _told(other)]) == []


def test_a_template_that_keeps_a_fact_is_linked() -> None:
    story = (("洛阳", 179, 600), ("日本", 4, 7674))
    other = (("大连", 179, 600), ("智利", 4, 7674))  # the places swapped, the figures kept
    assert len(_templates([_told(story), _told(other)])) == 2


def _places() -> copies.Paragraphs:
    """Units 0-1 in paragraph A, 2-3 in B, 4 alone in C, 5-6 in D; representatives are the
    units themselves; one exact-key link joins A and D."""
    para = np.array([0, 0, 1, 1, 2, 3, 3], dtype=np.int64)
    exact = np.array([[1, 6]], dtype=np.int64)
    return copies.Paragraphs(para, np.bincount(para), np.arange(7, dtype=np.int64), exact)


def test_a_pair_is_lonely_when_its_paragraphs_share_nothing_else() -> None:
    pairs = np.array([[0, 2], [1, 3], [0, 5], [2, 5], [4, 5]], dtype=np.int64)
    # A-B twice; A-D once plus the exact link; B-D once; C is a one-sentence paragraph.
    places = _places()
    lonely = places.lonely(pairs, places.shared(pairs))
    assert lonely.tolist() == [False, False, False, True, False]


def test_only_supported_templates_are_kept() -> None:
    template, near = copies.TEMPLATE, copies.KINDS.index("near")
    pairs = np.array([[0, 2], [1, 3], [0, 5], [2, 5], [2, 6], [4, 5]], dtype=np.int64)
    kinds = np.array([template, 0, template, template, near, template], dtype=np.uint8)
    # A-B's other pair is no link; A-D has the exact link; B-D has a near copy; C is single.
    kept = _places().supported(pairs, kinds, np.zeros(len(pairs), dtype=np.bool_)).tolist()
    assert kept == [False, True, True, True, True, True]
    # The same templates sharing only a frame: the exact link and the near copy still
    # support theirs; the one-sentence paragraph is no excuse.
    kept = _places().supported(pairs, kinds, kinds == template).tolist()
    assert kept == [False, True, True, True, True, False]


def test_two_frames_do_not_support_each_other() -> None:
    template = copies.TEMPLATE
    pairs = np.array([[0, 2], [1, 3]], dtype=np.int64)  # both join A and B
    kinds = np.array([template, template], dtype=np.uint8)
    frames = np.array([True, True])
    assert _places().supported(pairs, kinds, frames).tolist() == [False, False]
    frames = np.array([True, False])  # one keeps a fact: a copy-paste, frame and all
    assert _places().supported(pairs, kinds, frames).tolist() == [True, True]


def test_shared_paragraph_pairs_do_not_depend_on_the_block_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pairs = np.array([[0, 2], [1, 3], [0, 5], [2, 5], [4, 5]], dtype=np.int64)
    whole = _places().shared(pairs).tolist()
    monkeypatch.setattr(copies, "PAIR_BLOCK", 2)
    assert _places().shared(pairs).tolist() == whole == [0 * 4 + 1, 0 * 4 + 3]  # A-B, A-D


def _possible(pairs: list[list[int]], near: list[bool]) -> copies.Possible:
    n = len(pairs)
    return copies.Possible(
        np.array(pairs, dtype=np.int64),
        np.full(n, 0.9),
        np.full(n, 0.5),
        np.ones(n, dtype=np.bool_),
        np.array(near, dtype=np.bool_),
        np.zeros(n, dtype=np.bool_),
        np.zeros(n, dtype=np.bool_),
    )


def test_a_possible_pair_that_could_only_be_an_unkept_template_is_dropped() -> None:
    # A-B once, near: kept, and marked lonely. B-D once, only a template: dropped. A-D once,
    # but the exact link joins them too; C-D once, but C is a one-sentence paragraph: kept.
    found = _possible([[0, 2], [2, 5], [0, 6], [4, 5]], [True, False, False, False])
    useful = _places().useful(found)
    assert useful.pairs.tolist() == [[0, 2], [0, 6], [4, 5]]
    assert useful.lonely.tolist() == [True, False, False]


def test_mentions_within_agree_one_by_one_and_all_at_once() -> None:
    texts = [
        "四川省贸促会于3月在成都召开会议。",  # the longest: names 四川省, 3, 成都
        "四川省贸促会于3月召开会议。",
        "贵州省贸促会于3月召开会议。",
        "会议于3月召开。",
        "Exports rose 9.7% in Gdansk and Busan.",
        "Exports rose 9.7% in Gdansk.",
        "In 2026 exports rose.",
        "Exports rose sharply.",  # names nothing
    ]
    reps = [copies.Unit(0, 0, n, 0, len(t), t, key(t)) for n, t in enumerate(texts)]
    table = copies.ShapeTable(reps)
    table.add_facts(np.arange(len(reps), dtype=np.int64))
    pairs = np.array([(a, b) for a in range(len(reps)) for b in range(len(reps))], dtype=np.int64)

    def within(a: int, b: int) -> bool:  # the pair-by-pair reference: shorter within longer
        short, long = (a, b) if len(reps[a].key) <= len(reps[b].key) else (b, a)
        return table.named[short].within(table.named[long])

    one_by_one = [within(int(a), int(b)) for a, b in pairs]
    assert table.all_within(pairs).tolist() == one_by_one
    assert within(1, 0) and not within(2, 0) and within(5, 4)
    assert not within(6, 4) and within(7, 4)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from("abcdefghij"), max_size=5), st.booleans()),
        min_size=2,
        max_size=12,
    )
)
def test_mentions_within_all_at_once_agrees_on_any_mentions(
    facts: list[tuple[list[str], bool]],
) -> None:
    """The Bloom filter in front of the lookups never loses a pair that is within."""
    reps = [copies.Unit(0, 0, n, 0, 1, "x", "x" * (n + 1)) for n in range(len(facts))]
    table = copies.ShapeTable(reps)
    for n, (mentions, open_end) in enumerate(facts):
        table.record(n, Facts(tuple(mentions), open_end and bool(mentions)))
    pairs = np.array([(a, b) for a in range(len(reps)) for b in range(len(reps))], dtype=np.int64)
    expected = [table.named[min(a, b)].within(table.named[max(a, b)]) for a, b in pairs.tolist()]
    assert table.all_within(pairs).tolist() == expected


def test_drop_templates_drops_a_template_that_others_copy_and_stays_idempotent() -> None:
    # d1's sentence is a template of d0's and d2 copies it: it goes with its copy, or a
    # second run (its copy gone, so no longer copied) would drop it then.
    source = "四川省贸促会坚持内外协同，利用多双边机制打造合作新优势，全年举办经贸活动四十余场。"
    template = source.replace("四川省", "贵州省")
    own = (
        "今年的天气很好，农民们的收成也不错，大家都很高兴地庆祝丰收。",
        "这是一段讲述别的事情的文字，跟上面的内容没有任何关系。",
        "今年秋天雨水充足，果园里的苹果长得又大又甜，游客络绎不绝。",
    )
    texts = [f"{source}\n\n{own[0]}\n", f"{template}\n\n{own[1]}\n", f"{template}\n\n{own[2]}\n"]
    options = Options(drop_templates=True)
    once = [d.cleaned for d in run(_docs(texts), options).documents]
    assert [template in text for text in once] == [False, False, False]
    assert [d.cleaned for d in run(_docs(once), options).documents] == once


def _docs(texts: list[str]) -> list[Document]:
    return [Document(f"d{n}", f"d{n}.txt", text) for n, text in enumerate(texts)]


def test_a_copy_inside_page_chrome_is_never_the_original() -> None:
    """An article's paragraph that an earlier page carries under its related-articles label:
    the article keeps it, the widget's copy goes."""
    story = (
        "The harbour authority said on Monday that container traffic rose 9 percent in the "
        "first quarter, helped by two new shipping routes to Southeast Asia."
    )
    own = "A different story opens the earlier page, about the city's new tram line and its cost."
    more = "The earlier page goes on with its own story after the widget, as some pages do here."
    widget_page = f"Tram line opens\n\n{own}\n\nRelated Articles\n\n{story}\n\n{more}\n"
    article = f"Harbour traffic rises\n\n{story}\n\nThe authority expects more growth this year.\n"
    docs = [Document("a", "a.txt", widget_page), Document("b", "b.txt", article)]
    [cluster] = run(docs).clusters
    assert cluster.original.doc == "b"
    assert [(m.paragraph.doc, m.removed) for m in cluster.members] == [("a", True)]


def test_a_republished_article_with_a_caption_of_its_own_is_a_duplicate() -> None:
    """Natural republications differ by a short line (a caption): still the same document,
    and the line, the only text of its own, stays in its output."""
    body = "\n\n".join(
        [
            "The harbour authority said on Monday that container traffic rose 9 percent in the "
            "first quarter, helped by two new shipping routes to Southeast Asia.",
            "Rail freight from the port to inland cities grew even faster, the authority said, "
            "as more exporters moved cargo by train to avoid congested roads.",
            "Officials expect a second deep-water berth to open before the end of next year.",
        ]
    )
    first = f"Harbour traffic rises\n\n{body}\n"
    again = f"Harbour traffic up 9%\n\n{body}\n\nCranes at work.\n"
    result = run([Document("a", "a.txt", first), Document("b", "b.txt", again)])
    a, b = result.documents
    assert (a.duplicate_of, b.duplicate_of) == (None, "a.txt")
    assert b.cleaned == "Cranes at work.\n"


def test_a_page_quoting_one_paragraph_of_a_long_article_is_no_duplicate() -> None:
    """Most of its body is a copy, but of a small part of the source: it republishes nothing."""
    paras = [
        f"Paragraph {n} of the long article says something of its own about the harbour, with "
        f"figures such as {n * 13} tonnes and {n + 4} new cranes, as the authority reported."
        for n in range(8)
    ]
    article = "Harbour traffic rises\n\n" + "\n\n".join(paras) + "\n"
    quoting = f"A short page\n\n{paras[3]}\n\nCranes at work.\n"
    result = run([Document("a", "a.txt", article), Document("b", "b.txt", quoting)])
    assert [d.duplicate_of for d in result.documents] == [None, None]
    # Nor does a page of that one paragraph alone: every sentence copies, but it is a quote.
    alone = run([Document("a", "a.txt", article), Document("c", "c.txt", f"{paras[3]}\n")])
    assert [d.duplicate_of for d in alone.documents] == [None, None]
    assert alone.documents[1].stats.copies_removed == 1


def test_a_near_copy_that_holds_its_original_and_more_keeps_its_own_text() -> None:
    """A headline cut from the lede is a near copy of it (0.86 similar), the headline ranked
    first: the lede must not go as its copy, or what follows the cut is lost."""
    headline = "多林·雷切安經國會批准，接替娜塔莉婭·加夫里利策"
    lede = "多林·雷切安經國會批准，接替娜塔莉婭·加夫里利策為摩尔多瓦总理。"
    other = "巴西劳工党候选人卢拉·達席爾瓦在2022年大选中擊敗博索纳罗，当选新任巴西总统。"
    doc = Document("d.txt", "d.txt", f"{headline}\n{lede}\n{other}\n")
    (result,) = run([doc]).documents
    assert lede in result.cleaned and other in result.cleaned
