from __future__ import annotations

import os
import subprocess
import sys

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


# Each page's own article: different text on every page (near-identical stories would be
# edited copies of one article, whose neighbours templates.py rightly treats as one).
_TOPICS = (
    "Farmers in the northern valley harvested their wheat two weeks early after a dry summer",
    "A new library opened downtown with a reading room for children and late opening hours",
    "The regional airline added three weekly flights to the coast before the holiday season",
    "Researchers at the university published a study on sleep patterns among night workers",
    "Volunteers cleared plastic waste from four kilometres of riverbank over the weekend",
    "The football club signed a young goalkeeper from the second division on a loan deal",
    "Water prices will rise slightly next year to pay for repairs to the old reservoir",
    "An exhibition of early photographs of the port draws record crowds to the museum",
    "Hospital staff trialled a scheduling system that cut waiting times in the emergency ward",
    "The orchestra announced a free summer concert series in parks across the city",
    "Bus drivers agreed a new contract after months of talks over shifts and overtime pay",
    "A bakery founded by two sisters celebrated its fiftieth year on the market square",
    "Engineers tested a quieter road surface on the ring road near the school district",
    "The council planted two hundred street trees along the avenues of the eastern suburbs",
    "Local theatre groups staged a festival of short plays written by secondary pupils",
    "Fishermen reported larger catches of herring after the cold spring in the north sea",
)


def _story(n: int) -> str:
    return f"{_TOPICS[n % len(_TOPICS)]}, local officials told reporters on {n % 28 + 1} May."


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


def test_a_line_republished_beside_edited_copies_of_one_paragraph_is_no_template() -> None:
    """A feed republishes a paragraph with its figures or a word changed: beside such copies
    the recurring line is part of a copied run, as beside exact ones."""
    counter = TemplateCounter(max_chars=120)
    edits = [("Monday", "13"), ("Tuesday", "12"), ("Monday", "nine"), ("Wednesday", "13")]
    for day, count in edits:
        edited = LEDE.replace("Monday", day) + f" It carried {count} thousand cars a day."
        counter.add(["Harbour bridge to be rebuilt", edited, _story(len(counter._counts))])
    assert counter.frequent(3) == frozenset()


def test_sentences_of_a_page_of_briefs_are_no_templates() -> None:
    """A page of short news items has no article for a template to frame: republished, its
    items are copies for the engine, never chrome to delete in every copy and the original."""
    brief = "Six people are killed in a mid-air collision at an air show in Dallas, United States."
    counter = TemplateCounter(max_chars=120)
    for n in range(4):
        counter.add(["In the news", brief, f"{_TOPICS[n]}."])
    assert counter.frequent(3) == {template_key("In the news", 120)}


def test_a_lede_republished_under_its_headline_is_no_template() -> None:
    """The first paragraph under a headline, republished above other articles each time, is
    the article's sentence, not a site's; only after the article does a sentence read as a
    footer (test_site_chrome_beside_each_page_s_own_article_is_a_template)."""
    lede = "A series of tornado outbreaks across the plains leaves at least 56 people dead."
    counter = TemplateCounter(max_chars=120)
    for n in range(4):
        counter.add(["Tornadoes kill 56", lede, _story(n)])
    assert template_key(lede, 120) not in counter.frequent(3)


def test_sketches_do_not_depend_on_the_process_hash_seed() -> None:
    """Which pieces are a neighbour's lowest decides what is a template: it must be the same
    in every run, whatever str hashing's per-process salt."""
    code = "from dedupe.cleanup import templates as t; print(sorted(t._sketch(t.__doc__)))"

    def run(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.decode()

    assert run("1") == run("2")
