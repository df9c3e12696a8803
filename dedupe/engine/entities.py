"""Named places, numbers and names: what a template copy swaps and what a paragraph is about.

Places come from a table of Chinese provinces and major cities (each city knows its province);
numbers and capitalised English names from patterns. jieba's part-of-speech tags name other
Chinese people, places and organisations; it is loaded lazily (jieba's default tagger) with its
log silenced, and only ever runs on the few texts the engine has already verified as copies.
"""

from __future__ import annotations

import functools
import logging
import re
from importlib import resources
from typing import NamedTuple

import regex

from dedupe.text.normalize import simplified


class Mention(NamedTuple):
    """A named thing in a text: its span, its written form, and its region (for places).

    A named tuple for the same reason as diff.Change: many are made, and cheaply.
    """

    start: int
    end: int
    text: str
    kind: str  # place | number | name
    region: str = ""  # the province a place belongs to (itself for a province)


@functools.cache
def _place_table() -> tuple[dict[str, str], dict[str, str]]:
    """(written form -> full name, full name -> province) from the package's place table."""
    table = resources.files("dedupe").joinpath("data/zh_places.txt").read_text("utf-8")
    forms: dict[str, str] = {}
    province: dict[str, str] = {}
    for row in table.splitlines():
        names, _, parent = row.partition(">")
        words = names.split()
        if not words or words[0].startswith("#"):
            continue
        province[words[0]] = parent.strip() or words[0]
        for name in words:
            forms.setdefault(name, words[0])
    return forms, province


def place_forms() -> dict[str, str]:
    """Every written form of a place in the table, mapped to its full name."""
    return _place_table()[0]


def region_of(place: str) -> str:
    """The province of a place (a province is its own), or "" if unknown.

    >>> region_of("太原"), region_of("山西省"), region_of("Paris")
    ('山西省', '山西省', '')
    """
    full = place_forms().get(place, "")
    return _place_table()[1].get(full, "")


@functools.cache
def place_prefixes() -> dict[str, tuple[str, ...]]:
    """Place names of two or more characters by their first two characters, longest first."""
    table: dict[str, list[str]] = {}
    for name in sorted((n for n in place_forms() if len(n) >= 2), key=len, reverse=True):
        table.setdefault(name[:2], []).append(name)
    return {head: tuple(names) for head, names in table.items()}


def leading_place(text: str) -> str | None:
    """The place name a text starts with, if any.

    >>> leading_place("陕西省贸促会落实工作部署"), leading_place("贸促人的奋斗")
    ('陕西省', None)
    """
    names = place_prefixes().get(text[:2], ())
    return next((name for name in names if text.startswith(name)), None)


@functools.cache
def country_forms() -> frozenset[str]:
    """Every written form of a country in the package's table (places of no province)."""
    table = resources.files("dedupe").joinpath("data/zh_countries.txt").read_text("utf-8")
    rows = (row.split() for row in table.splitlines() if not row.startswith("#"))
    return frozenset(name for words in rows for name in words)


@functools.cache
def _places_pattern() -> re.Pattern[str]:
    """The place names and countries, longest first (the standard library's re finds these
    literals four times as fast as the regex module)."""
    names = {n for n in [*place_forms(), *country_forms()] if len(n) >= 2}
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


# fmt: off
_NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion",
    "trillion",
)
# fmt: on
# The words as a named list (\L), which regex matches as a set: as an alternation they took
# half the time of finding every mention.
# Dates and times are figures too, and one each: "March 3 -> April 12", "3月5日 -> 4月12日" and
# "10:30 -> 11:15" are one swap, not a month and a day swapped apart.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_TIME = (
    r"\d{4}年\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}月\d{1,2}[日号]"
    r"|(?:凌晨|早上|上午|中午|下午|晚上)?\d{1,2}[时点](?:\d{1,2}分|半)?"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\b\.?)?"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}}\b)?"
)
_NUMBER = regex.compile(
    rf"{_DATE_TIME}|\d+(?:[.,]\d+)*%?|\b\L<words>\b", regex.IGNORECASE, words=_NUMBER_WORDS
)
# Function words, capitalised only because they open a sentence ("In Hohhot", "The"): never
# the first word of a name.
# fmt: off
_FUNCTION_WORDS = (
    "a", "about", "according", "after", "all", "also", "among", "an", "and", "around", "as",
    "at", "before", "between", "both", "but", "by", "despite", "during", "each", "every",
    "for", "from", "he", "her", "here", "his", "however", "i", "if", "in", "into", "it", "its",
    "last", "many", "meanwhile", "more", "most", "next", "no", "not", "of", "on", "or", "our",
    "over", "she", "since", "so", "some", "such", "that", "the", "their", "there", "these",
    "they", "this", "those", "through", "to", "under", "until", "we", "when", "where", "while",
    "with", "within", "without", "yet",
)
# fmt: on
_NAME = regex.compile(
    r"\b(?!\L<function>\b)\p{Lu}[\p{Latin}'’\-]+(?:\s+(?:of\s+)?\p{Lu}[\p{Latin}'’\-]+)*",
    function=[word.capitalize() for word in _FUNCTION_WORDS],
)


def mentions(text: str) -> list[Mention]:
    """Places, numbers and capitalised names in a text, in order, without overlaps.

    >>> [m.text for m in mentions("太原市贸促会与成都2025年合作，Li Wei said.")]
    ['太原市', '成都', '2025', 'Li Wei']
    >>> [m.text for m in mentions("3月5日下午2时，At 10:30 a.m. on March 3, 2025")]
    ['3月5日', '下午2时', '10:30 a.m.', 'March 3, 2025']
    """
    found = [
        Mention(m.start(), m.end(), m.group(), "place", region_of(m.group()))
        for m in _places_pattern().finditer(text)
    ]
    found += [Mention(m.start(), m.end(), m.group(), "number") for m in _NUMBER.finditer(text)]
    found += [Mention(m.start(), m.end(), m.group(), "name") for m in _NAME.finditer(text)]
    kept: list[Mention] = []
    for mention in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


def subject(text: str) -> Mention | None:
    """The place a paragraph is about: the one it opens with ("贵州省贸促会坚持…")."""
    name = leading_place(text.lstrip('“"「『（(【'))
    if name is None:
        return None
    offset = text.index(name)
    return Mention(offset, offset + len(name), name, "place", region_of(name))


def foreign_regions(text: str) -> list[Mention]:
    """Places in a paragraph's body that lie outside the region of its subject.

    >>> [m.text for m in foreign_regions("贵州省贸促会举办大会，齐聚成都，深入南充。")]
    ['成都', '南充']
    """
    about = subject(text)
    if about is None or not about.region:
        return []
    return [
        m
        for m in mentions(text)
        if m.kind == "place" and m.start >= about.end and m.region and m.region != about.region
    ]


def agrees(text: str) -> bool:
    """Whether a paragraph names a subject place and its body names no other region."""
    return subject(text) is not None and not foreign_regions(text)


@functools.cache
def _pos_tokenizer() -> object:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    # Importing jieba.posseg already parsed the dictionary's tags for its default tagger (about
    # 0.4 s); a tagger of our own would parse them a second time.
    return jieba.posseg.dt


def load() -> None:
    """Load jieba's dictionaries now (about 3 s), e.g. once before forking workers."""
    _tagged_block("贸促会")


def common_word(text: str) -> bool:
    """Whether jieba's dictionary knows the text as a word that is not a name, place,
    organisation or numeral (推动, 铁路): a change between two such words is no swap."""
    tag = _pos_tokenizer().word_tag_tab.get(text)  # type: ignore[attr-defined]
    return tag is not None and tag not in ENTITY_TAGS


def entity_word(text: str) -> bool:
    """Whether jieba, tagging the text on its own, reads all of it as one name, place,
    organisation or numeral (马晓东)."""
    return any(m.start == 0 and m.end == len(text) for m in _tagged_block(text))


ENTITY_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nsf", "nt", "nz", "m", "mq"})


@functools.cache
def _blocks() -> re.Pattern[str]:
    """jieba's own block pattern: it cuts a text into these runs and tags each on its own."""
    import jieba.posseg

    pattern: re.Pattern[str] = jieba.posseg.re_han_internal
    return pattern


def tagged_entities(text: str) -> list[Mention]:
    """Chinese names, places, organisations and numerals that jieba tags in a verified text.

    jieba tags each block (a run of Han, Latin letters, digits and a few joiners) without
    looking past it, so tagging block by block, with a cache per block, gives the same words.
    """
    out: list[Mention] = []
    for block in _blocks().finditer(text):
        out += _shifted(_tagged_block(block.group()), block.start())
    return out


def tagged_at(text: str, position: int) -> list[Mention]:
    """The tagged entities of the one block holding `position` (none if it is outside blocks):
    the only ones that can cover a change starting there."""
    for block in _blocks().finditer(text):
        if block.start() > position:
            break
        if position < block.end():
            return _shifted(_tagged_block(block.group()), block.start())
    return []


def _shifted(found: tuple[Mention, ...], offset: int) -> list[Mention]:
    return [Mention(m.start + offset, m.end + offset, m.text, m.kind, m.region) for m in found]


# Tagged blocks, kept for the whole run (workers send theirs back: see workers.map_items), since
# the same sentences are tagged again when their paragraphs are explained. Cleared when full.
BLOCK_CACHE: dict[str, tuple[Mention, ...]] = {}
MAX_CACHED_BLOCKS = 1 << 19


def _tagged_block(block: str) -> tuple[Mention, ...]:
    found = BLOCK_CACHE.get(block)
    if found is None:
        if len(BLOCK_CACHE) >= MAX_CACHED_BLOCKS:
            BLOCK_CACHE.clear()
        found = BLOCK_CACHE[block] = _tag_block(block)
    return found


def _tag_block(block: str) -> tuple[Mention, ...]:
    """The entities jieba tags in one block. jieba's dictionary is in Simplified characters: a
    Traditional block is tagged as its Simplified form (OpenCC's t2s, one character for one),
    else nearly every word of it is unknown and left to the HMM, which reads it worse and forty
    times as slowly (46 ms a block: most of explaining 10 MB of replayed text)."""
    simple = simplified(block)
    if len(simple) != len(block):
        simple = block
    out, position = [], 0
    # With the HMM, personal names the dictionary lacks (吕芙蓉) are still tagged; callers keep
    # this off the hot path by asking only about short, unexplained Chinese changes.
    words = [(p.word, p.flag) for p in _pos_tokenizer().cut(simple)]  # type: ignore[attr-defined]
    for word, flag in _names_joined(words):
        if flag in ENTITY_TAGS:
            kind = "number" if flag.startswith("m") else "name"
            end = position + len(word)
            out.append(Mention(position, end, block[position:end], kind, region_of(word)))
        position += len(word)
    return tuple(out)


def _names_joined(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """jieba's words with the personal names it cut in two joined: a surname it tags alone,
    followed by a given name it reads as some other word (唐 + 欣怡 -> 唐欣怡).

    >>> _names_joined([("唐", "nr"), ("欣怡", "i"), ("在", "p")])
    [('唐欣怡', 'nr'), ('在', 'p')]
    >>> _names_joined([("王", "nr"), ("说", "v")])
    [('王', 'nr'), ('说', 'v')]
    """
    out: list[tuple[str, str]] = []
    for word, flag in words:
        last = out[-1] if out else ("", "")
        if last[1] == "nr" and len(last[0]) == 1 and _given_name(word, flag):
            out[-1] = (last[0] + word, "nr")
        else:
            out.append((word, flag))
    return out


def _given_name(word: str, flag: str) -> bool:
    """Whether a word after a lone surname may be the given name: one or two Han characters
    that jieba reads as a name, an idiom or an adjective (欣怡, 雪莲), never a word that
    says something of the person (说, 教授, 在)."""
    return len(word) <= 2 and flag in GIVEN_NAME_TAGS and _HAN_WORD.fullmatch(word) is not None


GIVEN_NAME_TAGS = frozenset({"nr", "i", "a", "nz", "ng", "j", "l"})
_HAN_WORD = re.compile("[\u4e00-\u9fff]+")
