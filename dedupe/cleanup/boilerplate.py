"""Page chrome and metadata: label every line of a document with a role and the reason for it.

Rules are data: line patterns live in `dedupe/data/chrome.toml`; users add remove/keep patterns
in `[tool.dedupe]`. Structural rules (where the article starts and ends, repeated headlines,
related-article widgets, site-template lines shared by many documents) look at the whole document.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

import regex

from dedupe.cleanup.cutoffs import NO_LINES, LineIndex
from dedupe.errors import ConfigError
from dedupe.model import METADATA_ROLES, Finding, Role, Segment, quick_init
from dedupe.options import Options
from dedupe.text.normalize import key
from dedupe.text.segment import han_count, has_words
from dedupe.text.shape import (
    ends_sentence,
    is_body_like,
    is_label,
    is_title_case,
    is_title_like,
    should_join,
)


@quick_init
@dataclass(frozen=True, slots=True)
class Label:
    """The role of one line and the rule that gave it."""

    role: Role
    rule: str = "body"
    reason: str = ""
    locked: bool = False  # a user keep pattern matched: no later rule may remove the line


BODY = Label("body")


@dataclass(frozen=True, slots=True)
class LinePattern:
    """A named line pattern: lines it matches get `role`, for `reason`."""

    name: str
    role: Role
    reason: str
    pattern: regex.Pattern[str]
    max_chars: int
    case_sensitive: bool = False
    hints: tuple[str, ...] = ()  # literals every match contains: skip lines holding none
    requires: regex.Pattern[str] | None = None  # every matching line matches it: skip the rest

    @property
    def label(self) -> Label:
        return Label(self.role, self.name, self.reason)


Check = tuple[
    int, frozenset[str], Callable[[str], object] | None, Callable[[str], object], bool, Label
]


@dataclass(frozen=True)
class Rules:
    """Compiled rules for one run: the built-in table plus the user's patterns."""

    builtin: tuple[LinePattern, ...]
    remove: tuple[regex.Pattern[str], ...]
    keep: tuple[regex.Pattern[str], ...]
    timeout: float
    templates: frozenset[str] = frozenset()
    template_max_chars: int = 0
    cut_offs: LineIndex = NO_LINES  # the run's lines, when copies are looked for
    # Labels already computed for a line text: cleaning settles in rounds over the same lines,
    # and site templates repeat across documents. Bounded: cleared when it grows too large.
    seen: dict[str, Label] = field(default_factory=dict, compare=False, repr=False)

    # Derived from the table, once per Rules (a replaced table gets its own).
    @functools.cached_property
    def checks(self) -> tuple[Check, ...]:
        """The table unpacked for the hot loop: (max_chars, hints, requires, search,
        case_sensitive, label)."""
        return tuple(
            (
                e.max_chars,
                frozenset(e.hints),
                None if e.requires is None else e.requires.search,
                e.pattern.search,
                e.case_sensitive,
                e.label,
            )
            for e in self.builtin
        )

    @functools.cached_property
    def hints(self) -> tuple[str, ...]:
        """Every hint of the table: a line is searched for each once."""
        return tuple(sorted({h for entry in self.builtin for h in entry.hints}))

    @functools.cached_property
    def _hint_scan(self) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
        """One pattern for every hint, and for each hint the hints it starts with: where
        several hints start at one place, the pattern finds the longest."""
        pattern = re.compile(_trie(self.hints))
        starts = {h: frozenset(p for p in self.hints if h.startswith(p)) for h in self.hints}
        return pattern, starts

    def present(self, lowered: str) -> set[str]:
        """The hints a lower-cased line holds: one scan that stops at every place a hint starts,
        instead of a search for each hint."""
        if not self.hints:
            return set()
        pattern, starts = self._hint_scan
        found: set[str] = set()
        position = 0
        while (match := pattern.search(lowered, position)) is not None:
            found |= starts[match.group()]
            position = match.start() + 1
        return found

    @functools.cached_property
    def longest(self) -> int:
        """No rule of the table applies to a longer line."""
        return max((entry.max_chars for entry in self.builtin), default=0)

    @functools.cached_property
    def plain_above(self) -> float:
        """Lines longer than this are body whatever they say: no rule of the table, nor a site
        template, applies to them (most body paragraphs). Infinite when the user has patterns."""
        if self.keep or self.remove:
            return float("inf")
        return max(self.longest, self.template_max_chars)


def _trie(words: Iterable[str]) -> str:
    """A pattern matching any of the words, factored by their first characters so that at most
    one branch goes on at each step (several times faster in `re` than a plain alternation);
    greedy, so at one place it matches the longest word.

    >>> _trie(["ab", "abc", "b"])
    '(?:a(?:b(?:c)?)|b)'
    """
    by_first: dict[str, list[str]] = {}
    ends = False
    for word in words:
        if word:
            by_first.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    if not by_first:
        return ""
    branches = "|".join(re.escape(c) + _trie(rest) for c, rest in sorted(by_first.items()))
    return f"(?:{branches})" + ("?" if ends else "")


def compile_rules(
    options: Options, templates: frozenset[str] = frozenset(), cut_offs: LineIndex = NO_LINES
) -> Rules:
    """Compile the built-in table and the user's patterns once per run."""
    return Rules(
        builtin=builtin_patterns(),
        remove=tuple(regex.compile(p) for p in options.remove_patterns),
        keep=tuple(regex.compile(p) for p in options.keep_patterns),
        timeout=options.pattern_timeout,
        templates=templates,
        template_max_chars=options.template_max_chars,
        cut_offs=cut_offs,
    )


@functools.cache
def builtin_patterns() -> tuple[LinePattern, ...]:
    """The built-in chrome and metadata line patterns, read from the package's data table."""
    data = tomllib.loads(resources.files("dedupe").joinpath("data/chrome.toml").read_text("utf-8"))
    return tuple(
        LinePattern(
            name=entry["name"],
            role=entry["role"],
            reason=entry["reason"],
            # Matching lower-cased text without IGNORECASE is over twice as fast in `regex`.
            pattern=_compile(entry["pattern"]),
            max_chars=int(entry.get("max_chars", 200)),
            case_sensitive=bool(entry.get("case_sensitive", False)),
            hints=tuple(entry.get("hints", ())),
            requires=regex.compile(entry["requires"], regex.VERSION0)
            if "requires" in entry
            else None,
        )
        for entry in data["rule"]
    )


def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.VERSION0)


def template_key(text: str, max_chars: int) -> str | None:
    """The key under which a line is counted across documents, or None if it is too long.

    A site prints its template lines the same way on every page, so case and spacing are all
    that is folded: cheap, because every short line of every document is counted.
    """
    return " ".join(text.casefold().split()) if len(text) <= max_chars else None


def classify(doc_path: str, lines: Sequence[Segment], rules: Rules) -> tuple[Label, ...]:
    """Label every line of one document: chrome (removed), metadata (kept, tagged) or body."""
    plain = rules.plain_above
    labels = [BODY if len(seg.text) > plain else _line_label(doc_path, seg, rules) for seg in lines]
    _label_chrome_lists(lines, labels)
    first, last = _body_extent(lines, labels)
    unpunctuated = _unpunctuated(lines, labels)
    _label_leading(lines, labels, first)
    _label_widget(lines, labels, first)
    _label_trailing(lines, labels, last)
    _label_headings(lines, labels, first)
    if unpunctuated:
        _page_lines(lines, labels)
    return tuple(labels)


# A Chinese line this long that ends no sentence is no heading: a heading is a few words.
UNPUNCTUATED_HAN = 16
UNPUNCTUATED_LINES = 5  # lines of a page written without sentence punctuation, at the least
# A line of such a page: body, and a paragraph of its own (its line breaks are no wraps).
PAGE_LINE = Label("body", "unpunctuated-page", "a line of a page without sentence punctuation")
_TITLE_RULES = frozenset({"deck", "section-heading"})


def _unpunctuated(lines: Sequence[Segment], labels: Sequence[Label]) -> bool:
    """Whether a Chinese page is written without sentence punctuation (photo blogs, verse,
    phrases parted by spaces): its body lines that end no sentence and are too long for a
    heading outnumber those that read as sentences. Taken as decks and headings, its text was
    all metadata (never matched as a copy); taken as wraps, it was glued into one paragraph."""
    title = sentence = 0
    for seg, label in zip(lines, labels, strict=True):
        if label.role != "body":
            continue
        if is_body_like(seg.text):
            sentence += 1
        elif is_title_like(seg.text) and han_count(seg.text) >= UNPUNCTUATED_HAN:
            title += 1
    return title >= UNPUNCTUATED_LINES and title > sentence


def _page_lines(lines: Sequence[Segment], labels: list[Label]) -> None:
    """On an unpunctuated page, its long lines taken as decks or headings are its text, and
    each of its lines is a paragraph of its own (see repair.merge)."""
    for i, (seg, label) in enumerate(zip(lines, labels, strict=True)):
        if label.locked:
            continue
        long_title = label.rule in _TITLE_RULES and han_count(seg.text) >= UNPUNCTUATED_HAN
        if label == BODY or long_title:
            labels[i] = PAGE_LINE


SEEN_LIMIT = 1 << 14  # short lines only; a few hundred documents' worth


def _line_label(doc_path: str, seg: Segment, rules: Rules) -> Label:
    """Rules that need only the line itself: user patterns first, then the built-in table, then
    the run's site templates (which take only body lines no keep pattern locked)."""
    label = rules.seen.get(seg.text)
    if label is None:
        if len(rules.seen) >= SEEN_LIMIT:
            rules.seen.clear()
        label = _text_label(doc_path, seg, rules)
        if label.role == "body" and not label.locked and _is_template(seg.text, rules):
            label = SITE_TEMPLATE
        elif label.rule == "teaser" and rules.cut_offs.begins_another(seg.text):
            label = CUT_OFF_COPY
        rules.seen[seg.text] = label
    return label


def _is_template(text: str, rules: Rules) -> bool:
    """Whether a line recurs across many documents of the run: the site's template."""
    return bool(rules.templates) and template_key(text, rules.template_max_chars) in rules.templates


SITE_TEMPLATE = Label("chrome", "site-template", "line recurs in many documents of the run")
# A line ending in an ellipsis that begins another line of the run is a copy cut off, not a
# teaser: the copy engine reports it as a copy of that line (and removes it).
CUT_OFF_COPY = Label("body", "cut-off-copy", "begins another line of the run")


def _text_label(doc_path: str, seg: Segment, rules: Rules) -> Label:
    text = seg.text
    if any(_search(p, text, doc_path, seg.line, rules.timeout) for p in rules.keep):
        return Label("body", "user-keep", "matches a keep pattern", locked=True)
    if any(_search(p, text, doc_path, seg.line, rules.timeout) for p in rules.remove):
        return Label("chrome", "user-remove", "matches a remove pattern")
    if len(text) > rules.longest:
        return BODY  # most body paragraphs: no rule looks at lines this long
    lowered = text.lower()
    present: set[str] | None = None  # the hints the line holds, found when first needed
    size = len(text)
    for max_chars, hints, requires, search, case_sensitive, label in rules.checks:
        if size > max_chars:
            continue
        if hints:
            if present is None:
                present = rules.present(lowered)
            if hints.isdisjoint(present):
                continue
        subject = text if case_sensitive else lowered
        if requires is not None and not requires(subject):
            continue
        if search(subject):
            return label
    return BODY


def _search(pattern: regex.Pattern[str], text: str, path: str, line: int, timeout: float) -> bool:
    try:
        return pattern.search(text, timeout=timeout) is not None
    except TimeoutError:
        raise ConfigError(
            f"pattern {pattern.pattern!r} took over {timeout}s on '{path}' line {line}; "
            "simplify it or raise pattern_timeout"
        ) from None


MAX_CHROME_INSIDE = 1  # chrome lines a continued sentence may span (see _body_extent)


def _body_extent(lines: Sequence[Segment], labels: Sequence[Label]) -> tuple[int, int]:
    """Index of the first and last body-like line (the article proper lies between).

    A short line that continues the sentence of the body line before it is body too, across
    one chrome line at most (an ad or a credit inside a wrapped paragraph): a block of chrome
    between them is the page leaving the article, and what follows it its menus.
    """
    body: list[int] = []
    kept = -1  # the nearest line so far that is not chrome
    for i, (seg, label) in enumerate(zip(lines, labels, strict=True)):
        previous, kept = kept, (i if label.role != "chrome" else kept)
        if label.role != "body":
            continue
        if is_body_like(seg.text) or (  # checked first: most lines are, and it is cached
            body
            and body[-1] == previous
            and i - previous <= MAX_CHROME_INSIDE + 1
            and should_join(lines[previous].text, seg.text)
        ):
            body.append(i)
    if not body:
        return len(lines), -1
    return body[0], body[-1]


def _previous_kept(labels: Sequence[Label], i: int) -> int:
    """Index of the nearest line before i that is not chrome (-1 if none)."""
    return next((j for j in range(i - 1, -1, -1) if labels[j].role != "chrome"), -1)


def _label_leading(lines: Sequence[Segment], labels: list[Label], first: int) -> None:
    """Before the body: the headline (first title-like line), subtitle, section labels."""
    headline = _find_headline(lines, labels, first)
    for i in range(min(first, len(lines))):
        if labels[i].role != "body" or labels[i].locked or i == headline:
            continue
        text = lines[i].text
        if headline is not None and i > headline and _same_title(text, lines[headline].text):
            labels[i] = Label("chrome", "repeated-headline", "repeats the headline")
        elif headline is not None and i > headline and is_person_name(text):
            labels[i] = Label(
                "byline", "byline-name", "a name between the headline and the article"
            )
        elif is_label(text):
            labels[i] = Label("chrome", "section-label", "lone section label before the article")
        elif headline is not None and i > headline and text.startswith(("——", "--", "—")):
            labels[i] = Label("subtitle", "subtitle", "subtitle under the headline")
        elif is_title_like(text) and not _continued(lines, labels, i):
            labels[i] = Label(
                "subtitle" if headline is not None else "headline",
                "deck",
                "title line before the article",
            )
    if headline is not None:
        labels[headline] = Label("headline", "headline", "first title line of the document")


def _find_headline(lines: Sequence[Segment], labels: Sequence[Label], first: int) -> int | None:
    candidates = [
        i
        for i in range(min(first, len(lines)))
        if labels[i].role == "body"
        and is_title_like(lines[i].text)
        and not _continued(lines, labels, i)
    ]
    substantial = [i for i in candidates if not is_label(lines[i].text)]
    pool = substantial or candidates
    return pool[0] if pool else None


# The commonest Chinese surnames: a lone line of two to four Han characters opening with one,
# between the headline and the article, is the reporter's name, not a section label.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤"
)
_ENGLISH_NAME = regex.compile(r"\p{Lu}[\p{Ll}'’\-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{Ll}'’\-]+)){1,2}")


# Words of menus and section labels ("Our Leadership", "World News", "Contact Us"): a line
# holding one is no person's name.
_NOT_NAME_WORDS = (
    "our us your my the a an of and for in on at to about contact home news world business "
    "sport sports live video videos opinion politics tech science health markets economy "
    "latest more top most popular leadership history growth services products careers privacy "
    "terms policy help support events media press office team staff report reports daily"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


def is_person_name(text: str) -> bool:
    """A line that is only a person's name: two or three capitalised words, or two to four Han
    characters opening with a common surname.

    >>> is_person_name("张凡"), is_person_name("Jane Doe")
    (True, True)
    >>> is_person_name("国内"), is_person_name("World"), is_person_name("Our Leadership")
    (False, False, False)
    """
    text = text.strip()
    if _ENGLISH_NAME.fullmatch(text):
        return not any(word.lower() in _NOT_NAMES for word in text.split())
    return (
        2 <= len(text) <= 4
        and text[0] in _SURNAMES
        and all("\u4e00" <= c <= "\u9fff" for c in text)
    )


def _same_title(text: str, title: str) -> bool:
    """Whether a line repeats a title, up to case, width, script and punctuation."""
    return abs(len(text) - len(title)) <= len(title) // 2 and key(text) == key(title)


def _headline_text(lines: Sequence[Segment], labels: Sequence[Label]) -> str | None:
    for seg, lab in zip(lines, labels, strict=True):
        if lab.rule == "headline":
            return seg.text
    return None


def _label_widget(lines: Sequence[Segment], labels: list[Label], first: int) -> None:
    """After the body: repeats of the headline, and related-article widgets with their stories.

    A repeat of the headline after the body marks where the page leaves the article; when a
    widget label ("Recommended Articles") follows it, everything between is the widget's content.
    A widget label takes the short teaser lines that follow it.
    """
    headline = _headline_text(lines, labels)
    repeats = [
        i
        for i in range(first + 1, len(lines))
        if headline is not None
        and labels[i].role == "body"
        and _same_title(lines[i].text, headline)
    ]
    widget_labels = [i for i in range(first + 1, len(lines)) if labels[i].rule == "widget-label"]
    for i in repeats:
        labels[i] = Label("chrome", "repeated-headline", "repeats the headline after the article")
    if (
        repeats
        and widget_labels
        and widget_labels[-1] > repeats[0]
        and _widget_sized(lines, labels, range(repeats[0], widget_labels[-1]))
    ):
        for i in range(repeats[0], widget_labels[-1]):
            if not labels[i].locked and labels[i].role != "chrome":
                labels[i] = Label(
                    "chrome",
                    "related-widget",
                    "inside a related-articles widget (after the repeated headline)",
                )
    for label_at in widget_labels:
        tail = range(label_at + 1, len(lines))
        whole_tail = _is_widget_tail(lines, labels, tail)
        for i in tail:
            if labels[i].locked or (not whole_tail and is_body_like(lines[i].text)):
                break
            if labels[i].role != "chrome":
                labels[i] = Label("chrome", "related-widget", "under a related-articles label")


WIDGET_STORY = 3  # lines of text a widget's teaser story holds at most


def _widget_sized(lines: Sequence[Segment], labels: Sequence[Label], span: range) -> bool:
    """Whether a span (from a repeated headline to a widget label) can be a widget: a teaser
    (a few lines of text) or a story shorter than the page before it. More, and it is the
    article itself (a page that repeats its headline above the story, its widget label far
    below)."""
    body = _text_lines(lines, labels, span)
    if len(body) <= WIDGET_STORY:
        return True
    article = _text_lines(lines, labels, range(span.start))
    return sum(len(lines[i].text) for i in body) < sum(len(lines[i].text) for i in article)


def _text_lines(lines: Sequence[Segment], labels: Sequence[Label], where: range) -> list[int]:
    """The body lines of `where` that read as text (sentences), not titles or labels."""
    return [i for i in where if labels[i].role == "body" and is_body_like(lines[i].text)]


def _is_widget_tail(lines: Sequence[Segment], labels: Sequence[Label], tail: range) -> bool:
    """Whether everything after a widget label is the widget: a teaser story, then page chrome.

    A label inside an article (a newspaper's "链接" sidebar) is followed by more article text;
    a widget at the foot of a page holds a headline, a few teaser paragraphs, and chrome to the end.
    """
    opening = next((i for i in tail if labels[i].role != "chrome"), None)
    if opening is None or not is_title_like(lines[opening].text):
        return False
    body = _text_lines(lines, labels, tail)
    return len(body) <= WIDGET_STORY and (
        not body or any(labels[i].role == "chrome" for i in tail if i > body[-1])
    )


def _label_trailing(lines: Sequence[Segment], labels: list[Label], last: int) -> None:
    """After the body: lone menu entries (a word or two) that sit beside other page chrome,
    and runs of them that are a menu on their own.

    Only label-like lines go: tables, lists (the lines after a `附：` or `Tour dates:` intro),
    figures and wrapped lines of text after an article are article content, and when a rule
    cannot tell, the text is kept.
    """
    tail = range(last + 1, len(lines))
    in_list = ends_list_intro(lines[last].text) if 0 <= last < len(lines) else False
    menus = _menu_runs(lines, labels, tail, in_list)
    if not menus and not any(labels[i].role == "chrome" for i in tail):
        return
    closing = _closing_titles(lines, labels, tail)
    for i in tail:
        label = labels[i]
        if label.role == "chrome":
            in_list = False
            continue
        text = lines[i].text
        if label.role == "body" and not label.locked and not in_list:
            if i in menus:
                labels[i] = Label("chrome", "navigation", "in a menu after the article")
            elif i in closing:
                labels[i] = Label(
                    "chrome", "navigation", "title in the page chrome that closes the document"
                )
            elif _is_menu_entry(text):
                labels[i] = Label(
                    "chrome", "navigation", "menu entry among page chrome after the article"
                )
            elif _between_chrome(labels, i) and is_title_like(text) and not is_body_like(text):
                labels[i] = Label(
                    "chrome", "navigation", "title line between page chrome after the article"
                )
        in_list = in_list or ends_list_intro(text)


def _closing_titles(lines: Sequence[Segment], labels: Sequence[Label], tail: range) -> set[int]:
    """The bare titles in the page's closing block: from a chrome line after the article to the
    end of the document, nothing but chrome and titles (related stories, archive links). One
    line of text among them (a clause, a sentence's end) and the block keeps its titles."""
    titles: list[int] = []
    block = tail.start  # where the run of chrome and titles that ends the document begins
    for i in reversed(tail):
        if labels[i].role == "chrome":
            continue
        if labels[i].role != "body" or labels[i].locked or not _is_bare_title(lines[i].text):
            block = i + 1
            break
        titles.append(i)
    # It opens at its first chrome line; titles before that one stay.
    opening = next((j for j in range(block, len(lines)) if labels[j].role == "chrome"), None)
    found = {t for t in titles if opening is not None and t > opening}
    return found if len(found) >= 2 else set()


def _is_bare_title(text: str) -> bool:
    """A title with no clause in it (a related story's headline), not a line of text: a
    comma or a semicolon (an author's bio) or a sentence's end (！, ?) keeps it as text."""
    if not is_title_like(text) or is_body_like(text) or ends_sentence(text):
        return False
    return not any(c in text for c in ",;，；、")


MENU_RUN = 4  # consecutive label lines after the article that are a menu on their own


def _menu_runs(
    lines: Sequence[Segment], labels: Sequence[Label], tail: range, in_list: bool
) -> set[int]:
    """The lines of the tail in runs of at least MENU_RUN label lines, outside lists: a site
    index (`news`, `world`, `U.S.`, `New York`, `business`) is chrome even where no rule names
    a line of it, and a name-like entry inside it is no reporter's sign-off."""
    found: set[int] = set()
    run: list[int] = []
    for i in [*tail, len(lines)]:
        if i < len(lines) and not in_list and _is_entry(lines[i].text, labels[i]):
            run.append(i)
            continue
        if len(run) >= MENU_RUN:
            found.update(run)
        run = []
        if i < len(lines):
            in_list = (in_list and labels[i].role != "chrome") or ends_list_intro(lines[i].text)
    return found


def _is_entry(text: str, label: Label) -> bool:
    """A body line of a menu entry's shape: a word or two, no clause (an abbreviation's full
    stop, `U.S.`, ends no sentence)."""
    if label.role != "body" or label.locked:
        return False
    return _menu_shaped(text.removesuffix(".") if " " not in text else text)


CHROME_LIST = Label("chrome", "chrome-list", "an entry of a list that page chrome announces")


def _label_chrome_lists(lines: Sequence[Segment], labels: list[Label]) -> None:
    """The entries under a chrome line that announces a list (`分享到:` then `新浪微博`,
    `QQ空间`; `More about:` then `Hotels`): a word or two each, one per line, up to the first line
    of any other shape. An intro that is article text (`附：`) is body, and its list stays."""
    for i, seg in enumerate(lines):
        if labels[i].role != "chrome" or not ends_list_intro(seg.text):
            continue
        for j in range(i + 1, len(lines)):
            if labels[j].role == "chrome":
                continue
            if not _is_entry(lines[j].text, labels[j]):
                break
            labels[j] = CHROME_LIST


def _between_chrome(labels: Sequence[Label], i: int) -> bool:
    """Both lines beside line i are chrome (the end of the document is not: keep when unsure)."""
    return 0 < i < len(labels) - 1 and labels[i - 1].role == labels[i + 1].role == "chrome"


def ends_list_intro(text: str) -> bool:
    """A line that announces a list or table: what follows it is its content."""
    return text.rstrip()[-1:] in "：:"


def _is_menu_entry(text: str) -> bool:
    """A word or two with no sentence, figure or clause: a menu entry, not article text (nor
    the reporter's name that signs it off)."""
    return _menu_shaped(text) and not is_person_name(text)


def _menu_shaped(text: str) -> bool:
    """A word or two with no sentence, figure or clause."""
    return is_label(text) and not any(ch in text for ch in "，,、；;（(")


def _label_headings(lines: Sequence[Segment], labels: list[Label], first: int) -> None:
    """Inside the body: section headings are metadata, kept and never joined to the text."""
    for i in range(first + 1, len(lines)):
        if labels[i].role == "body" and not labels[i].locked and _is_heading(lines, labels, i):
            labels[i] = Label("headline", "section-heading", "section heading inside the article")


def _is_heading(lines: Sequence[Segment], labels: Sequence[Label], i: int) -> bool:
    """A short title line inside the body (in English, one the next line does not continue;
    in Chinese, one that does not continue the line before: a piece of a wrapped paragraph)."""
    text = lines[i].text
    if not is_title_like(text) or is_body_like(text):
        return False
    if lines[i].lang != "en":
        before = _previous_kept(labels, i)
        return not (
            before >= 0 and labels[before].role == "body" and should_join(lines[before].text, text)
        )
    return not _continued(lines, labels, i) and (is_title_case(text) or not has_words(text, 7))


def _continued(lines: Sequence[Segment], labels: Sequence[Label], i: int) -> bool:
    """Whether an English line runs on into the next kept line (a wrap, so not a title).

    Chinese titles are not tested this way: nearly any Chinese line could continue in the next.
    """
    if lines[i].lang != "en":
        return False
    after = next((j for j in range(i + 1, len(lines)) if labels[j].role != "chrome"), None)
    return after is not None and should_join(lines[i].text, lines[after].text)


def findings(text: str, units: Sequence[Segment], labels: Sequence[Label]) -> tuple[Finding, ...]:
    """One finding per removed unit (boilerplate) and per kept metadata unit.

    The finding's text is the input's own text at its offsets (a removed unit that was joined
    earlier includes the line break it spanned).
    """
    out = []
    for seg, label in zip(units, labels, strict=True):
        chrome = label.role == "chrome"
        if chrome or label.role in METADATA_ROLES:
            out.append(
                Finding(
                    "boilerplate" if chrome else "metadata",
                    seg.doc,
                    seg.line,
                    seg.start,
                    seg.end,
                    text[seg.start : seg.end],
                    label.reason,
                    label.rule if chrome else label.role,
                    removed=chrome,
                )
            )
    return tuple(out)
