from __future__ import annotations

from dedupe.cleanup.boilerplate import template_key
from dedupe.cleanup.templates import TemplateCounter


def test_lines_in_enough_documents_are_templates() -> None:
    counter = TemplateCounter(max_chars=40)
    for n in range(3):
        counter.add(["滨海交通网", "滨海交通网", f"正文第{n}段"])
    assert counter.frequent(3) == {template_key("滨海交通网", 40)}
    assert counter.frequent(4) == frozenset()


def test_long_lines_are_never_counted() -> None:
    counter = TemplateCounter(max_chars=10)
    for _ in range(5):
        counter.add(["x" * 11])
    assert counter.frequent(2) == frozenset()


def test_memory_is_bounded_and_frequent_lines_survive() -> None:
    counter = TemplateCounter(max_chars=40, capacity=50)
    for n in range(2000):
        counter.add(["Site footer © 2025", f"unique line {n}"])
    assert template_key("Site footer © 2025", 40) in counter.frequent(3)
    assert len(counter._counts) <= 50


LEDE = (
    "The city council approved a plan on Monday to rebuild the harbour bridge, which has been "
    "closed to heavy traffic since cracks were found in its main span last spring."
)


def _story(n: int) -> str:
    return (
        f"Story number {n} is about something else entirely, told in sentences of its own that no "
        f"other page of the site repeats, with figures such as {n * 7} tonnes and {n} ships."
    )


def test_a_republished_headline_and_paragraph_are_copies_not_templates() -> None:
    """In a feed the lines that recur most are an article republished: they go to the copy
    engine, so the original is kept and the copies reported."""
    counter = TemplateCounter(max_chars=120)
    for _ in range(4):
        counter.add(["Harbour bridge to be rebuilt", LEDE, "Work starts in May.", _story(9)])
    assert counter.frequent(3) == frozenset()


def test_site_chrome_beside_each_page_s_own_article_is_a_template() -> None:
    counter = TemplateCounter(max_chars=120)
    footer = "Our Standards: The Global Wire Trust Principles."
    for n in range(4):
        counter.add(["GLOBAL WIRE", f"Headline {n}", _story(n), "Sign up for the briefing", footer])
    found = counter.frequent(3)
    assert {template_key(t, 120) for t in ("GLOBAL WIRE", "Sign up for the briefing")} <= found
    assert template_key(footer, 120) in found


def test_a_republished_article_on_a_site_keeps_the_site_chrome_a_template() -> None:
    counter = TemplateCounter(max_chars=120)
    for n in range(6):
        story = LEDE if n < 2 else _story(n)
        counter.add(["GLOBAL WIRE", story])
    assert template_key("GLOBAL WIRE", 120) in counter.frequent(3)


def test_a_sentence_copied_into_many_articles_is_no_template() -> None:
    """Copied across articles (other text beside it each time), it is still content: the copy
    engine keeps its first occurrence and reports the others."""
    counter = TemplateCounter(max_chars=120)
    copied = "The ministry said the new rules would take effect on the first day of next month."
    for n in range(5):
        counter.add([_story(n), copied, _story(n + 10)])
    assert counter.frequent(3) == frozenset()
