"""The shape of a line: does it read like a sentence, a title, a label? Shared by the stages that
decide what a line is (boilerplate) and whether two lines belong together (repair).
"""

from __future__ import annotations

import functools

import regex

from dedupe.engine.entities import leading_place
from dedupe.text.segment import han_count, has_words, script_counts

# Line predicates are pure functions of the text, asked again by every labelling pass and every
# settling round: cached, bounded like segment.script_counts. Most reuse is within a document,
# and the keys are whole paragraphs: a few thousand entries hold the documents being cleaned,
# and the caches are full early in a run, so memory does not grow with its length.
CACHE = 1 << 12
_HAN = regex.compile(r"\p{Han}")
_HAN_CHAR = _HAN
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*")
_CLOSERS = "”’」』）)】》〉\"'"
# What a sentence (or a list line that stands on its own) can end with.
SENTENCE_END = frozenset("。！？；.!?…;：:")
_INNER_SENTENCE_BREAK = regex.compile(r"[。！？；]|[.!?;]\s+\p{Lu}")
# Wire copy closes a paragraph or an article with a marker after its last sentence: such a
# paragraph is finished (never joined to the next line, never truncated) whatever precedes it.
_END_MARKER = regex.compile(
    r"(?:[（(]\s*(?:完|全文完|本文完|终|未完待续|待续|end)\s*[)）]"
    r"|[【\[（(]\s*(?:责任编辑|责编|编辑|编审|校对|审核|记者|作者|来源|文|图)\s*[:：/／][^】\]）)]{0,30}[】\]）)]"
    r"|[（(]\s*(?:记者|通讯员|本报记者)\s*\p{Han}{2,4}(?:[\s、，]+\p{Han}{2,4}){0,3}\s*[)）]"
    r"|[(（]\s*(?:(?:additional\s+)?(?:reporting|writing|editing|compiled|translated)\s+by"
    r"|(?:source|sources|via|with\s+files\s+from)\s*[:：]?)[^()（）]{0,200}[)）]"
    r"|[-–—=#*]{2,}\s*(?:ends?|end|完)\s*[-–—=#*]{2,}|^\s*(?:#{3}|-\s*30\s*-)"
    r"|(?<=[.!?。！？”\"]\s{0,3})(?:ends|end|###|-30-)"
    r"|(?<=[.!?。！？][”\"’']?\s{0,3})[\[【][^\[\]【】]{1,40}[\]】])\s*$",
    regex.IGNORECASE,
)
_MARKER_TAIL = frozenset(")）】]-–—=#*sSdD0")


def last_char(text: str) -> str:
    """The last character that is not a closing quote or bracket (nor white space)."""
    end = text[-1:]
    if end and end not in _CLOSERS and not end.isspace():
        return end  # the common case, without copying the text twice
    stripped = text.rstrip().rstrip(_CLOSERS)
    return stripped[-1:] if stripped else ""


def first_char(text: str) -> str:
    return text.lstrip()[:1]


def ends_sentence(text: str) -> bool:
    """Whether the line ends like a finished sentence or list item.

    >>> ends_sentence("会议在北京召开。”"), ends_sentence("其中也有"), ends_sentence("as follows:")
    (True, False, True)
    """
    if last_char(text) in SENTENCE_END:
        return True
    return text.rstrip()[-1:] in _MARKER_TAIL and ends_with_marker(text)


def ends_with_marker(text: str) -> bool:
    """Whether the line closes with a news end marker: （完）, 【责任编辑：…】, (Reporting by …),
    -- ENDS --. A paragraph ending in one is finished.

    >>> ends_with_marker("会议在北京召开（完）"), ends_with_marker("(Reporting by Jo Li)")
    (True, True)
    >>> ends_with_marker("It would appeal (the ruling"), ends_with_marker("成本（元）")
    (False, False)
    >>> ends_with_marker("nature is sacred. [M1 / MP]"), ends_with_marker("in 1990.[12]")
    (True, True)
    >>> ends_with_marker("the list of [citation")
    False
    """
    return _END_MARKER.search(text[-240:]) is not None


def word_count(text: str) -> int:
    """Han characters plus Latin words and numbers: a rough size that works for both scripts."""
    return sum(script_counts(text))


def is_chinese(text: str) -> bool:
    """Han characters make up at least half of the text's words."""
    han = han_count(text)
    if han == 0 or 2 * han >= len(text):
        return han > 0  # words are made of the other characters: there cannot be more of them
    _, latin, numbers = script_counts(text)
    return han >= latin + numbers


def is_long(text: str) -> bool:
    """Long enough to be running text whatever its ending (a truncated or wrapped paragraph)."""
    return han_count(text) >= 40 if is_chinese(text) else has_words(text, 20)


_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "vs",
        "via",
        "with",
        "during",
        "over",
    ]
)


@functools.lru_cache(maxsize=CACHE)
def is_title_case(text: str) -> bool:
    """Most words capitalised, as in an English headline.

    >>> is_title_case("China Draws a Blueprint for the 14th Five-Year Plan")
    True
    >>> is_title_case("It rose")
    False
    """
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


@functools.lru_cache(maxsize=CACHE)
def is_body_like(text: str) -> bool:
    """Reads like article text: a finished sentence of some length, or a long run of text.

    >>> is_body_like("Recommended Articles"), is_body_like("Digital trade will grow in 2026.")
    (False, True)
    """
    if is_long(text):
        return ends_sentence(text) or is_chinese(text) or not is_title_case(text)
    minimum = 6 if is_chinese(text) else 4
    return ends_sentence(text) and has_words(text, minimum)


@functools.lru_cache(maxsize=CACHE)
def is_title_like(text: str) -> bool:
    """Could be a headline: short, one unit, not ending like a sentence or a clause."""
    if last_char(text) in "。；;，,、：:." or _INNER_SENTENCE_BREAK.search(
        text.rstrip(_CLOSERS)[:-1]
    ):
        return False
    if is_chinese(text):
        return han_count(text) <= 40 and "，" not in text
    return not has_words(text, 31)


@functools.lru_cache(maxsize=CACHE)
def is_label(text: str) -> bool:
    """A lone section label or menu entry: a word or two, no sentence.

    >>> is_label("China"), is_label("链接"), is_label("China unveils key measures")
    (True, True, False)
    """
    if ends_sentence(text) or any(ch.isdigit() for ch in text):
        return False
    if is_chinese(text):
        return han_count(text) <= 4 and len(text) <= 8
    return len(text) <= 24 and not has_words(text, 3)


# A Chinese line that starts like this opens a new paragraph rather than continuing one: a quote
# or bullet, a date, an organisation or place as subject, or a discourse opener ("据了解，").
_NEW_SUBJECT = regex.compile(
    r"^(?:[“「『【■●◆▲□]"
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?[，,]|\d{1,2}月\d{1,2}日"
    r"|\p{Han}{2,8}?(?:省|市|自治区|贸促会|委员会|商会|协会|集团|公司|大学|政府|法院)(?=\p{Han})"
    r"|(?:据(?:了解|介绍|悉|统计|测算|报道|估算)|下一步|此外|另外|同时|与此同时|目前|近日|日前"
    r"|近年来|近期|今年|去年|明年|此前|随后|对此|值得一提的是|记者(?:了解到|注意到|获悉|看到)"
    r"|业内人士|首先|其次|最后|一方面|另一方面|然而|不过|因此|为此|截至|总体来看|总的来看"
    r"|数据显示|统计显示|他表示|她表示|他说|她说|他介绍|她介绍)[，,]?)"
)
# An English continuation: a lowercase word, or a number and a lowercase word ("3.5 billion").
_EN_CONTINUATION = regex.compile(r"^(?:\p{Ll}|[\d.,]+%?(?:\s+\p{Ll}|[.,;]?$))")
_CAPITALISED = regex.compile(r"\p{Lu}[\p{L}'’.\-]*")
# Words that cannot end an English sentence: a line stopping on one is cut mid-sentence.
_OPEN_ENDING_WORDS = (
    "a an the of to for from with by in on at as into onto than and or nor but between "
    "among including featuring starring like via per about against during under said "
    "says told named called"
)
_OPEN_ENDINGS = frozenset(_OPEN_ENDING_WORDS.split())
_ARTICLES = frozenset({"a", "an", "the"})
# Capitalised words that open sentences: a line starting with one may start a new paragraph.
_OPENER_WORDS = (
    "the a an in on at as but and or so he she it its they we i you this that these those "
    "there here his her their our my when while after before since if although though "
    "however meanwhile also yet for from with by to of what who why how where one some "
    "many most more all both each other such no not last next earlier later now today "
    "yesterday according analysts officials experts critics"
)
_OPENERS = frozenset(_OPENER_WORDS.split())
_YEAR = regex.compile(r"(?:1[89]|20)\d\d")
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = frozenset(_MONTH_NAMES.split())


def should_join(before: str, after: str) -> bool:
    """Whether `after` continues the sentence that `before` leaves unfinished.

    >>> should_join("其中也有", "贸促人的奋斗和贡献。")
    True
    >>> should_join("调解中心、", "陕西省贸促会落实部署。")
    False
    >>> should_join("the ministry said it will", "encourage firms."), should_join("by", "Beijing.")
    (True, False)
    >>> should_join("revenue of", "3.5 billion yuan.")
    True
    >>> should_join("an environment", "2021 China Fair")
    False
    >>> should_join("Firms Sign Deals With Germany Buyers", "9 major projects were signed.")
    False
    """
    if ends_sentence(before) or not after.strip():
        return False
    if _HAN_CHAR.match(last_char(before)) or (
        is_chinese(before) and _HAN_CHAR.match(first_char(after))
    ):
        return not opens_subject(after)
    if _HAN_CHAR.match(first_char(after)):
        return False  # an English line is not continued by a Chinese one
    end = last_char(before)
    if not (end.isalnum() or end in ",-–"):
        return False
    if _EN_CONTINUATION.match(after.lstrip()) is None:
        return _name_runs_on(before, after)
    # A title-case line before a figure is a headline over a paragraph that opens with a number
    # ("… With Germany Buyers" / "9 major projects …"), not a sentence running on.
    return not (first_char(after).isdigit() and is_title_case(before))


def _name_runs_on(before: str, after: str) -> bool:
    """Whether an English line cut before a capitalised word continues in the next line: a
    name split in two ("…also starring Robert" / "De Niro, …"), or a name after a word no
    sentence ends on ("…talks with the" / "European Union …"). A line opening with a common
    sentence opener ("The", "Analysts") starts a paragraph of its own; so does any line after
    a title-case or short one.

    >>> _name_runs_on("The film, which opens on Friday, is directed by Martin Scorsese and also "
    ...               "starring Robert", "De Niro, who returns after a decade.")
    True
    >>> _name_runs_on("Officials said the final cost could rise if land acquisition takes longer "
    ...               "than", "Analysts said the line had strengthened the case.")
    False
    """
    words = after.split()
    first = words[0] if words else ""
    if not has_words(before, 8) or is_title_case(before):
        return False
    last = before.split()[-1]
    if last.endswith(","):
        return False
    if _YEAR.fullmatch(first.rstrip(".,;:")) is not None:
        return last.lower() in _OPEN_ENDINGS or last.lower() in _MONTHS  # "in" / "1987."
    if _CAPITALISED.fullmatch(first.rstrip(",;:.")) is None or first.lower() in _OPENERS:
        return False
    if _CAPITALISED.fullmatch(last) is not None and last.lower() not in _OPENERS:
        return True  # the name itself is split
    if last.lower() in _ARTICLES:
        return True  # a sentence does not stop on "the": the name after it is its own
    second = words[1] if len(words) > 1 else ""
    return last.lower() in _OPEN_ENDINGS and _CAPITALISED.match(second) is not None


def opens_subject(text: str) -> bool:
    """Whether a Chinese line starts a new subject, so it cannot continue the line before."""
    return leading_place(text) is not None or _NEW_SUBJECT.match(text) is not None


def separator(before: str, after: str) -> str:
    """What replaces a joined line break: nothing in Chinese or after a hyphen, else a space."""
    if (
        before.endswith("-")
        or _HAN_CHAR.match(last_char(before))
        or _HAN_CHAR.match(first_char(after))
    ):
        return ""
    return " "
