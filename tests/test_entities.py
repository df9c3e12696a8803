"""jieba tagging block by block (with a cache per block) gives what tagging the whole text gives."""

from __future__ import annotations

import pytest

from dedupe.engine import entities
from dedupe.engine.diff import changes, named_swaps
from dedupe.engine.entities import (
    ENTITY_TAGS,
    Mention,
    _pos_tokenizer,
    foreign_regions,
    mentions,
    region_of,
    subject,
    tagged_at,
    tagged_entities,
)

TEXTS = [
    "四川省贸促会会长吕芙蓉表示，将继续努力。",
    "锦程外贸与华岳重工在成都签约12.5亿元，张伟出席；Li Wei 和 CCPIT 代表参加。",
    "福建省贸促会积极配合中国贸促会举办外资企业“福建行”活动。外资企业代表团来自美国、英国。",
    "The U.S. delegation met 王小明 in 2025.",
    "",
]


def whole_text(text: str) -> list[Mention]:
    """The reference: jieba run once over the whole text."""
    out, position = [], 0
    for pair in _pos_tokenizer().cut(text):  # type: ignore[attr-defined]
        if pair.flag in ENTITY_TAGS:
            kind = "number" if pair.flag.startswith("m") else "name"
            end = position + len(pair.word)
            out.append(Mention(position, end, pair.word, kind, region_of(pair.word)))
        position += len(pair.word)
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_block_by_block_tagging_matches_the_whole_text(text: str) -> None:
    assert tagged_entities(text) == whole_text(text)


@pytest.mark.parametrize("text", TEXTS)
def test_tagged_at_gives_the_mentions_of_one_block(text: str) -> None:
    everything = tagged_entities(text)
    for position in range(len(text) + 1):
        for mention in everything:
            if mention.start <= position < mention.end:
                assert mention in tagged_at(text, position)
        assert all(m in everything for m in tagged_at(text, position))


def test_a_latin_name_stops_where_chinese_text_starts() -> None:
    assert [m.text for m in mentions("Li Wei在四川省工作。")] == ["Li Wei", "四川省"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("In Hohhot the fair opened.", ["Hohhot"]),
        ("Since March, Osaka grew.", ["March", "Osaka"]),
        ("The Middle East bought more.", ["Middle East"]),
        ("More than 5 firms came.", []),
        ("Theo Smith spoke at Bank of China.", ["Theo Smith", "Bank of China"]),
        ("Inner Mongolia and Anhui grew.", ["Inner Mongolia", "Anhui"]),
    ],
)
def test_a_function_word_opening_a_sentence_is_no_name(text: str, names: list[str]) -> None:
    assert [m.text for m in mentions(text) if m.kind == "name"] == names


def test_countries_are_places_of_no_province() -> None:
    """A country is a named fact (a swap of one is a template), but never a paragraph's
    subject nor a region foreign to it."""
    text = "山西省贸促会组织来自美国、德國等15个国家的企业来晋考察。"
    found = [(m.text, m.kind, m.region) for m in mentions(text)]
    assert ("美国", "place", "") in found and ("德國", "place", "") in found
    assert foreign_regions(text) == []
    assert subject("美国企业代表团访问太原。") is None


def test_a_swapped_country_is_named_without_jieba(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables settle a country swap: one short file need not load jieba's dictionary
    (about a second of start-up, bench/startup.py)."""

    def no_jieba(block: str) -> tuple[Mention, ...]:
        raise AssertionError(f"jieba asked about {block}")

    monkeypatch.setattr(entities, "_tag_block", no_jieba)
    monkeypatch.setattr(entities, "BLOCK_CACHE", {})
    a = "活动邀约来自美国、德国等15个国家和地区的企业。"
    b = "活动邀约来自美国、法国等15个国家和地区的企业。"
    assert [str(s) for s in named_swaps(a, b, changes(a, b))] == ["德国 -> 法国"]


def test_a_traditional_block_is_tagged_as_its_simplified_form() -> None:
    """jieba's dictionary is Simplified: a Traditional block tagged as such is mostly unknown
    words for the HMM (slow, and read worse). Spans and kinds follow the Simplified reading;
    the mentions keep the text as written."""
    traditional, simple = "國際貿易促進委員會在臺北舉辦會議", "国际贸易促进委员会在台北举办会议"
    found, expected = tagged_entities(traditional), tagged_entities(simple)
    assert [(m.start, m.end, m.kind) for m in found] == [(m.start, m.end, m.kind) for m in expected]
    assert [m.text for m in found] == [traditional[m.start : m.end] for m in found]
    assert "臺北" in [m.text for m in found]
