from __future__ import annotations

import itertools

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dedupe.model import Edit, Segment
from dedupe.text import segment
from tests.strategies import documents, line


def _line_number(text: str, offset: int) -> int:
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    return before.count("\n") + 1


@given(documents())
def test_lines_round_trip_offsets(text: str) -> None:
    for seg in segment.lines("d", text):
        assert text[seg.start : seg.end] == seg.text
        assert seg.text == seg.text.strip() and seg.text
        assert "\n" not in seg.text and "\r" not in seg.text
        assert seg.line == _line_number(text, seg.start)


@given(documents())
def test_lines_cover_every_non_blank_character(text: str) -> None:
    covered = "".join(seg.text for seg in segment.lines("d", text))
    assert "".join(text.split()) == "".join(covered.split())


@given(line)
def test_sentence_bounds_tile_the_text(text: str) -> None:
    bounds = segment.sentence_bounds(text)
    position = 0
    for start, end in bounds:
        assert position <= start < end <= len(text)
        assert not text[position:start].strip()
        assert text[start:end] == text[start:end].strip()
        position = end
    assert not text[position:].strip()


@given(st.lists(line.filter(str.strip), min_size=1, max_size=4), st.sampled_from(["", " "]))
def test_sentences_across_joins_map_back_through_edits(pieces: list[str], sep: str) -> None:
    pieces = [p.strip() for p in pieces]
    text = "\n\n".join(pieces)
    starts = segment.line_starts(text)
    offsets, position = [], 0
    for piece in pieces:
        offsets.append((position, position + len(piece)))
        position += len(piece) + 2
    edits = tuple(Edit(a[1], b[0], sep) for a, b in itertools.pairwise(offsets))
    joined = sep.join(pieces)
    paragraph = Segment("d", 0, len(text), 1, segment.language(joined), joined, edits)
    assert segment.splice(text, 0, len(text), edits) == joined
    for sentence in segment.sentences(paragraph, starts):
        assert segment.splice(text, sentence.start, sentence.end, sentence.edits) == sentence.text
        if not sentence.edits:
            assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.line == _line_number(text, sentence.start)


def test_chinese_sentences_keep_closing_quotes() -> None:
    text = "“一年来，我们组织28批次团组出访。”他说。增长18.5%！"
    got = [text[i:j] for i, j in segment.sentence_bounds(text)]
    assert got == ["“一年来，我们组织28批次团组出访。”", "他说。", "增长18.5%！"]


def test_english_abbreviations_and_decimals_do_not_split() -> None:
    text = "The U.S. rose 18.5% on Dec. 12, said Mr. Haq of No. 10 Street. Exports fell."
    got = [text[i:j] for i, j in segment.sentence_bounds(text)]
    assert got == [
        "The U.S. rose 18.5% on Dec. 12, said Mr. Haq of No. 10 Street.",
        "Exports fell.",
    ]


def test_quoted_english_sentence_ends_at_closing_quote() -> None:
    text = '"It is critical," he said. "We want collective action." Then he left.'
    got = [text[i:j] for i, j in segment.sentence_bounds(text)]
    assert got == ['"It is critical," he said.', '"We want collective action."', "Then he left."]


@given(st.text(alphabet="ab Z9_'’.-,; \t中文字。１２٣é\u0301·", max_size=60), st.integers(1, 40))
def test_has_words_agrees_with_script_counts(text: str, n: int) -> None:
    assert segment.has_words(text, n) == (sum(segment.script_counts(text)) >= n)


def test_line_count_counts_every_kind_of_line_break() -> None:
    for text in ["", "a", "a\n", "a\r\nb\rc\n\n", "\r\r\n\n"]:
        assert segment.line_count(text) == len(segment.line_starts(text))


def test_language_from_han_share() -> None:
    assert segment.language("全国贸促工作会议") == "zh"
    assert segment.language("The national meeting") == "en"
    assert segment.language("CCPIT 全国 meeting held 会议") == "mixed"


def test_blank_before_tells_layouts_apart() -> None:
    text = "a\nb\n\nc\r\n\r\nd"
    assert segment.blank_before(text, segment.lines("d", text)) == (False, False, True, True)


def test_a_half_width_full_stop_between_han_characters_ends_a_sentence() -> None:
    text = "其中多数项目投向海外仓布局.成都还将提升试验区建设。版本2.0发布。"
    assert [text[i:j] for i, j in segment.sentence_bounds(text)] == [
        "其中多数项目投向海外仓布局.",
        "成都还将提升试验区建设。",
        "版本2.0发布。",
    ]


def _cuts_by_slicing(text: str) -> set[int]:
    """The English cuts as first written: the abbreviation looked for in slices of the text."""
    word_before = regex.compile(r"([\p{L}.]+)\.*\Z")  # `$` matched before a last line break
    cuts = set()
    for match in segment._EN_SENTENCE_END.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        if match.group() == ".":
            found = word_before.search(before[-24:])
            if found:
                word = found.group(1).lower().strip(".")
                if word in segment.ABBREVIATIONS or (
                    word in segment.NUMBER_ABBREVIATIONS and after.lstrip()[:1].isdigit()
                ):
                    continue
                if word not in segment.NUMBER_ABBREVIATIONS and (
                    len(word) == 1 and word.isalpha() and before[-1:].isupper()
                ):
                    continue
        cuts.add(match.end())
    return cuts


abbreviated = st.lists(
    st.sampled_from(
        [
            "Dec.",
            "No.",
            "no.",
            "J.",
            "j.",
            "U.S.",
            "5.",
            "Fig.",
            "etc.",
            "Sales",
            "rose",
            "Li",
            "it.",
            "A.",
            "x",
            ". ",
            "  ",
            "\n",
            "12",
            "(",
            "“",
            "?",
            "!",
            "Élan.",
            "贸促会",
            "。",
            "\x1c",
            "\u2028",
            "\u3000",
            " ",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300)
@given(abbreviated)
@example("Sales rose in Dec 5. Sales fell.")  # the word before the stop is not its word
@example("See No.\n12 and No. x. Then J. Li left.")
@example("Dec.\n. ")  # the stop after the line break has no word before it
def test_english_cuts_agree_with_slicing_the_text(text: str) -> None:
    assert segment._english_cuts(text) == _cuts_by_slicing(text)
