"""The shape of a line: does it read like a sentence, a title, a label? Shared by the stages that
decide what a line is (boilerplate) and whether two lines belong together (repair).
"""

from __future__ import annotations

import regex

_HAN = regex.compile(r"\p{Han}")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*")
_CLOSERS = "”’」』）)】》〉\"'"
# What a sentence (or a list line that stands on its own) can end with.
SENTENCE_END = frozenset("。！？；.!?…;：:")
_INNER_SENTENCE_BREAK = regex.compile(r"[。！？；]|[.!?;]\s+\p{Lu}")


def last_char(text: str) -> str:
    """The last character that is not a closing quote or bracket."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] if stripped else ""


def first_char(text: str) -> str:
    return text.lstrip()[:1]


def ends_sentence(text: str) -> bool:
    """Whether the line ends like a finished sentence or list item.

    >>> ends_sentence("会议在北京召开。”"), ends_sentence("其中也有"), ends_sentence("as follows:")
    (True, False, True)
    """
    return last_char(text) in SENTENCE_END


def han_count(text: str) -> int:
    return len(_HAN.findall(text))


def word_count(text: str) -> int:
    """Latin words plus Han characters: a rough size that works for both scripts."""
    han = han_count(text)
    latin = len(_WORD.findall(_HAN.sub(" ", text)))
    return han + latin


def is_chinese(text: str) -> bool:
    return han_count(text) * 2 >= len(_WORD.findall(_HAN.sub(" ", text))) + han_count(text) > 0


def is_long(text: str) -> bool:
    """Long enough to be running text whatever its ending (a truncated or wrapped paragraph)."""
    return han_count(text) >= 40 if is_chinese(text) else word_count(text) >= 20


_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or per the to vs via with during over".split()
)


def is_title_case(text: str) -> bool:
    """Most words capitalised, as in an English headline.

    >>> is_title_case("China Draws a Blueprint for the 14th Five-Year Plan"), is_title_case("It rose")
    (True, False)
    """
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def is_body_like(text: str) -> bool:
    """Reads like article text: a finished sentence of some length, or a long run of text.

    >>> is_body_like("Recommended Articles"), is_body_like("Digital trade will grow in 2026.")
    (False, True)
    """
    if is_long(text):
        return ends_sentence(text) or is_chinese(text) or not is_title_case(text)
    minimum = 6 if is_chinese(text) else 4
    return ends_sentence(text) and word_count(text) >= minimum


def is_title_like(text: str) -> bool:
    """Could be a headline: short, one unit, not ending like a sentence or a clause."""
    if last_char(text) in "。；;，,、：:." or _INNER_SENTENCE_BREAK.search(text.rstrip(_CLOSERS)[:-1]):
        return False
    if is_chinese(text):
        return han_count(text) <= 40 and "，" not in text
    return word_count(text) <= 30


def is_label(text: str) -> bool:
    """A lone section label or menu entry: a word or two, no sentence.

    >>> is_label("China"), is_label("链接"), is_label("China unveils key measures")
    (True, True, False)
    """
    if ends_sentence(text) or any(ch.isdigit() for ch in text):
        return False
    if is_chinese(text):
        return han_count(text) <= 4 and len(text) <= 8
    return word_count(text) <= 2 and len(text) <= 24
