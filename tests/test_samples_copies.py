"""Acceptance: the copies samples/expected.json lists are found, explained and cleaned right."""

from __future__ import annotations

import pytest

from dedupe.model import Cluster, DocResult, Document, Member, Result
from dedupe.options import Options
from dedupe.pipeline import run
from dedupe.text.normalize import key
from dedupe.text.segment import sentence_bounds
from tests.test_samples import EXPECTED, sample_documents

FILE = "002_99521795a0139025.txt"


@pytest.fixture(scope="module")
def result() -> Result:
    return run(sample_documents())


def doc(result: Result, name: str = FILE) -> DocResult:
    return next(d for d in result.documents if d.document.id == name)


def cluster_of(result: Result, start: str) -> Cluster:
    return next(c for c in result.clusters if c.original.text.startswith(start))


def member(result: Result, start: str) -> Member:
    return next(m for c in result.clusters for m in c.members if m.paragraph.text.startswith(start))


@pytest.mark.parametrize(
    "group", EXPECTED["near_duplicate_groups"], ids=lambda g: g["original"][:4]
)
def test_groups_are_found_around_the_right_original(
    result: Result, group: dict[str, object]
) -> None:
    found = cluster_of(result, str(group["original"]))
    texts = [found.original.text] + [m.paragraph.text for m in found.members]
    for start in group["members"]:  # type: ignore[attr-defined]
        assert sum(t.startswith(start) for t in texts) >= 1, start
    assert len(texts) >= len(group["members"])  # type: ignore[arg-type]


def test_original_is_chosen_by_subject_not_position(result: Result) -> None:
    ningxia = cluster_of(result, "宁夏回族自治区贸促会完善纠纷解决机制")
    assert "subject agrees" in ningxia.why
    assert ningxia.members[0].paragraph.line < ningxia.original.line  # the copy comes first


@pytest.mark.parametrize("item", EXPECTED["partial_copies"], ids=lambda i: i["paragraph"][:4])
def test_partial_copy_names_its_copied_sentences(result: Result, item: dict[str, object]) -> None:
    found = member(result, str(item["paragraph"]))
    assert found.kind == "partial"
    copied = {c.sentence.text for c in found.sentences if c.removed}
    assert copied == set(item["sentences"])  # type: ignore[arg-type]
    source = cluster_of(result, str(item["copied_sentences_from"])).original
    assert all(source.start <= c.source.start < source.end for c in found.sentences if c.removed)


def test_partial_copy_keeps_its_own_sentences(result: Result) -> None:
    cleaned = doc(result).cleaned
    assert (
        "福建省贸促会积极配合中国贸促会举办外资企业“福建行”活动。外资企业代表团来自美国、英国、"
        "法国、意大利等14个国家和地区，涵盖能源、高端制造等多个领域。\n"
    ) in cleaned


@pytest.mark.parametrize("item", EXPECTED["subject_mismatch"], ids=lambda i: i["subject"])
def test_subject_mismatches(result: Result, item: dict[str, object]) -> None:
    found = member(result, str(item["paragraph"]))
    assert found.subject.startswith(str(item["subject"]))
    for place in item["body_mentions"]:  # type: ignore[attr-defined]
        assert any(m.startswith(place) for m in found.body_mentions), place


def test_no_other_subject_mismatch(result: Result) -> None:
    flagged = [m for c in result.clusters for m in c.members if m.subject]
    assert len(flagged) == len(EXPECTED["subject_mismatch"])


@pytest.mark.parametrize("pair", EXPECTED["not_duplicates"], ids=lambda p: p["a"][:4])
def test_retellings_are_not_copies(result: Result, pair: dict[str, str]) -> None:
    for c in result.clusters:
        texts = [c.original.text] + [m.paragraph.text for m in c.members]
        assert not (
            any(t.startswith(pair["a"]) for t in texts)
            and any(t.startswith(pair["b"]) for t in texts)
        )


def test_swaps_are_reported_as_pairs(result: Result) -> None:
    assert "四川省 -> 贵州省" in member(result, "贵州省贸促会坚持内外协同").swaps
    assert "山西省 -> 甘肃省" in member(result, "甘肃省贸促会积极组织企业参加").swaps


def test_cleaning_keeps_templates_and_cuts_copies(result: Result) -> None:
    cleaned = doc(result).cleaned
    assert "\n贵州省贸促会坚持内外协同，利用多双边机制打造合作新优势。\n" in cleaned
    sichuan = next(
        p.segment.text
        for p in doc(result).paragraphs
        if p.segment.text.startswith("四川省贸促会坚持内外协同")
    )
    assert sichuan in cleaned  # the original stays whole
    assert cleaned.count("太原市贸促会、晋中市贸促会积极参与") == 1
    assert cleaned.count("健全应用型智库") == 1
    assert "统筹推进数字贸易\n" not in cleaned  # the truncated repeat is gone


def test_every_unique_sentence_survives(result: Result) -> None:
    foundation = {
        d.document.id: d for d in run(sample_documents(), Options(copies=False)).documents
    }
    cleaned = key(doc(result).cleaned)
    removed = {
        c.sentence.text
        for cl in result.clusters
        for m in cl.members
        for c in m.sentences
        if c.removed
    }
    for paragraph in foundation[FILE].paragraphs:
        text = paragraph.segment.text
        for start, end in sentence_bounds(text):
            sentence = text[start:end]
            if sentence not in removed:
                assert key(sentence) in cleaned, sentence


def test_translation_pair_is_left_alone(result: Result) -> None:
    english = doc(result, "000_618aefba6147e86f.txt")
    assert english.duplicate_of is None
    assert english.stats.copies_removed == 0


def test_cleaning_with_copies_is_idempotent(result: Result) -> None:
    again = run([Document(d.document.id, d.document.path, d.cleaned) for d in result.documents])
    for first, second in zip(result.documents, again.documents, strict=True):
        assert second.cleaned == first.cleaned, first.document.id


def test_keep_first_keeps_the_earliest_copy() -> None:
    first = run(sample_documents(), Options(keep="first"))
    ningxia = [
        c
        for c in first.clusters
        if any(m.paragraph.text.startswith("宁夏回族自治区贸促会完善") for m in c.members)
    ]
    assert ningxia and ningxia[0].original.text.startswith("商业行业贸促会完善纠纷解决机制，做")
    assert "--keep first" in ningxia[0].why


def test_drop_templates_also_removes_swapped_sentences() -> None:
    dropped = doc(run(sample_documents(), Options(drop_templates=True))).cleaned
    assert "贵州省贸促会坚持内外协同" not in dropped
    assert "四川省贸促会坚持内外协同" in dropped


def test_a_document_copied_whole_gets_no_output() -> None:
    docs = sample_documents()
    twin = Document("copy_of_003.txt", "copy_of_003.txt", docs[3].text.replace("\n\n", "\n"))
    result = run([*docs, twin])
    copied = doc(result, "copy_of_003.txt")
    assert copied.duplicate_of == docs[3].path
    assert copied.cleaned == ""
    assert doc(result, docs[3].id).cleaned  # the original keeps its text


def test_no_copies_option_turns_the_engine_off() -> None:
    off = run(sample_documents(), Options(copies=False))
    assert off.clusters == () and all(d.stats.copies_removed == 0 for d in off.documents)


def test_template_findings_are_removed_only_with_drop_templates(result: Result) -> None:
    for d in result.documents:
        assert not [f for f in d.findings if f.kind == "template" and f.removed]
    dropped = run(sample_documents(), Options(drop_templates=True))
    assert any(f.kind == "template" and f.removed for d in dropped.documents for f in d.findings)


def test_a_sentence_is_reported_once() -> None:
    text = (
        "山西省贸促会组织企业赴太原考察投资环境并签署合作协议。"
        "Exports rose 18.5% in Beijing last year, officials said."
    )
    docs = [
        Document("a.txt", "a.txt", text),
        Document("b.txt", "b.txt", text.replace("18.5%", "12.3%")),
        Document("c.txt", "c.txt", text),
    ]
    found = run(docs)
    for d in found.documents:
        starts = [f.start for f in d.findings if f.kind in ("copy", "template")]
        assert len(starts) == len(set(starts)), d.document.id
