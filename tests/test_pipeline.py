"""Pipeline-wide invariants: offsets round-trip, idempotence, nothing unique lost."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dedupe.model import DocResult, Document
from dedupe.pipeline import run
from dedupe.text.normalize import key
from dedupe.text.segment import line_starts, sentences, splice
from tests.strategies import documents

ZH_BODY = [
    "全国贸促系统共举办24场中外领导人出席的重大活动；",
    "山西省贸促会积极配合举办外资企业“山西行”活动。",
    "会议总结了2025年的工作，部署了2026年的任务。",
    "“我们将继续扩大开放。”他说。",
    "汇聚成一组振奋人心的数据：",
]
ZH_WRAPPED = [("第三届链博会吸引1200多家企业参展，超210万人次线上线下参", "观，达成合作协议。")]
EN_BODY = [
    "The ministry said it will encourage participation in overseas exhibitions.",
    "Digital trade will also be a major focus in 2026.",
    '"It is a critical problem," he said.',
    "Exports rose 18.5% in the U.S. market on Dec. 12.",
]
EN_WRAPPED = [
    ("The operator said peak demand was forecast to reach", "31,400 megawatts on Monday.")
]
CHROME = [
    "Skip to Content",
    "Recommended Articles",
    "(Photo Credit: CFP.CN)",
    "责任编辑：王明",
    "分享到：微信 微博",
    "Advertisement",
    "相关新闻",
    "版权所有 © 2025 某某网",
]
META = [
    "China unveils key measures for trade",
    "■ 本报记者 张凡",
    "2026-01-26 17:14",
    "Source: Xinhua",
    "协同发展 向新而行",
]

# Chrome that is chrome wherever it stands; widget labels also take what follows them.
LOCAL_CHROME = [c for c in CHROME if c not in ("Recommended Articles", "相关新闻")]


def pieces(chrome: list[str]) -> st.SearchStrategy[list[str]]:
    return st.one_of(
        st.sampled_from(ZH_BODY + EN_BODY + chrome + META).map(lambda s: [s]),
        st.sampled_from(ZH_WRAPPED + EN_WRAPPED).map(list),
    )


@st.composite
def articles(draw: st.DrawFn, chrome: list[str] = CHROME) -> str:
    lines = [line for group in draw(st.lists(pieces(chrome), max_size=14)) for line in group]
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n\r\n"]))
    return sep.join(lines) + draw(st.sampled_from(["", "\n"]))


def clean_one(text: str) -> DocResult:
    return run([Document("a.txt", "a.txt", text)]).documents[0]


def check_offsets(result: DocResult) -> None:
    text = result.document.text
    for paragraph in result.paragraphs:
        seg = paragraph.segment
        assert splice(text, seg.start, seg.end, seg.edits) == seg.text
        for sentence in sentences(seg, line_starts(text)):
            assert splice(text, sentence.start, sentence.end, sentence.edits) == sentence.text
    for finding in result.findings:
        if finding.kind in ("boilerplate", "metadata"):
            assert text[finding.start : finding.end] == finding.text


@settings(max_examples=200, deadline=None)
@given(st.one_of(articles(), documents()))
# Found by hypothesis: cutting the copied sentence made "与" a section label on a second run.
@example("与\n与与与与与与与与与与与与。与与与与与与与与与与与与与与与与与\n")
@example("与与与与与与与与与与与市。与\n与与与与与与与与市与与与。\n。\n")  # found on 220b966
# Found on 9032454: a lede between two navigation lines ranked as a widget's story.
@example(
    "Skip to Content\n全国贸促系统共举办24场中外领导人出席的重大活动；\nSkip to Content\n"
    "China unveils key measures for trade\n全国贸促系统共举办24场中外领导人出席的重大活动；\n"
    "China unveils key measures for trade"
)
def test_clean_is_idempotent(text: str) -> None:
    once = clean_one(text).cleaned
    assert clean_one(once).cleaned == once


@settings(max_examples=200, deadline=None)
@given(st.one_of(articles(), documents()))
def test_offsets_round_trip(text: str) -> None:
    check_offsets(clean_one(text))


@settings(max_examples=200, deadline=None)
@given(articles(LOCAL_CHROME))
def test_body_sentences_survive(text: str) -> None:
    cleaned = key(clean_one(text).cleaned)
    for sentence in ZH_BODY + EN_BODY:
        if sentence in text:
            assert key(sentence) in cleaned


def test_run_is_deterministic() -> None:
    text = "\n\n".join(ZH_BODY + CHROME + EN_BODY)
    assert clean_one(text) == clean_one(text)


def test_empty_document_cleans_to_empty() -> None:
    result = clean_one("")
    assert result.cleaned == "" and result.findings == ()


def test_quick_init_keeps_the_dataclass_contract() -> None:
    import dataclasses
    import inspect

    import pytest

    from dedupe.cleanup.boilerplate import Label
    from dedupe.model import DocResult, DocStats, Document, Edit, Finding, Paragraph, Segment

    for cls in (Document, Edit, Segment, Paragraph, Finding, DocStats, DocResult, Label):
        params = list(inspect.signature(cls).parameters.values())
        assert [(p.name, p.default) for p in params] == [
            (f.name, inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default)
            for f in dataclasses.fields(cls)
        ]
    seg = Segment("d", 1, 2, 3, "en", "x")
    assert seg == Segment(doc="d", start=1, end=2, line=3, lang="en", text="x", edits=())
    assert hash(seg) == hash(Segment("d", 1, 2, 3, "en", "x")) and seg.edits == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        seg.start = 5  # type: ignore[misc]
    assert dataclasses.replace(seg, start=0).start == 0
    with pytest.raises(TypeError):
        Segment("d", 1)  # type: ignore[call-arg]


def test_a_page_without_sentence_punctuation_keeps_its_lines_and_its_copy_is_found() -> None:
    """Each line of an unpunctuated page is a paragraph: never glued as a wrap, never cut off;
    a republished copy of the page is a copy paragraph by paragraph."""
    from tests.test_boilerplate import UNPUNCTUATED

    text = "\n\n".join(UNPUNCTUATED) + "\n"
    result = run([Document("a.txt", "a.txt", text), Document("b.txt", "b.txt", text)])
    first = result.documents[0]
    assert first.stats.joins == 0 and first.stats.truncated == 0
    assert [p.segment.text for p in first.paragraphs] == UNPUNCTUATED
    copied = {m.paragraph.line for c in result.clusters for m in c.members}
    assert copied == {3 + 2 * n for n in range(len(UNPUNCTUATED) - 1)}
