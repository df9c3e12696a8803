"""The sentence links of the duplicate engine (copies.match), below explanations."""

from __future__ import annotations

from dedupe.cleanup.boilerplate import compile_rules
from dedupe.engine import copies
from dedupe.model import Document
from dedupe.options import Options
from dedupe.pipeline import clean_document

STOCK = "Analysts said the figures for {} pointed to a gradual recovery across the districts."
OWN = (
    "The port of Lima opened a new container terminal with twelve cranes this spring.",
    "Farmers near Paris planted more wheat after a dry winter left the soil hard.",
)
PLACES = (("Lima", OWN[0]), ("Paris", OWN[1]))
COPIED = "Exports of copper concentrate doubled after the new rail line reached the coast."


def _templates(texts: list[str]) -> list[tuple[str, str]]:
    rules = compile_rules(Options())
    docs = [Document(f"d{n}", f"d{n}.txt", text) for n, text in enumerate(texts)]
    results = [clean_document(doc, rules) for doc in docs]
    found = copies.match(results, Options())
    return [(found.units[t.a].segment.text, found.units[t.b].segment.text) for t in found.templates]


def test_a_stock_frame_alone_links_no_paragraphs() -> None:
    texts = [f"{STOCK.format(city)} {own}\n" for city, own in PLACES]
    assert _templates(texts) == []


def test_a_templated_sentence_next_to_a_copied_one_is_linked() -> None:
    texts = [f"{STOCK.format(city)} {COPIED} {own}\n" for city, own in PLACES]
    assert _templates(texts) == [(STOCK.format("Lima"), STOCK.format("Paris"))]
