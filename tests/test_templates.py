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
